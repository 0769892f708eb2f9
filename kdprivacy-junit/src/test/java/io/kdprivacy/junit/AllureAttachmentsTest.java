package io.kdprivacy.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kdprivacy.attack.Attack;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.results.Xml;
import io.kdprivacy.results.chart.Numbers;
import io.kdprivacy.scenario.PrivacyScenario;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.w3c.dom.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kdprivacy.assertj.PrivacyAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a {@code @PrivacyTest} through a JUnit Platform launcher with Allure's own listener, as Surefire
 * does with {@code allure-junit5} on the class path, and reads back what Allure wrote: the test result with
 * its labels, parameters and attachments.
 */
class AllureAttachmentsTest {

    /** Disabled so that Surefire never runs it alone (as {@code -Dtest='Allure*'} would); the launcher enables it. */
    @Disabled("run by AllureAttachmentsTest through its own launcher")
    static class Fixture {
        @PrivacyTest(techniques = KdTechnique.KD, scenario = "scenario")
        void studentIsSafe(PrivacyReport report) {
            assertThat(report).membership(Attack.LOSS).auc().isAtMost(1.0);
        }

        static PrivacyScenario scenario() {
            return PrivacyExtensionTest.fastScenario();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path cache;

    @TempDir
    Path results;

    @TempDir
    Path allure;

    @Test
    void eachInvocationGetsLabelsParametersChartsAndATableButNoMemberText() throws Exception {
        TestExecutionSummary summary = runWithAllure(Map.of("kdprivacy.excerpts", "3"));
        assertThat(summary.getTestsSucceededCount()).as(summary.getFailures().toString()).isEqualTo(1);
        PrivacyReport report = ResultsJson.read(results.resolve(PrivacyInvocation.fileName(
                Fixture.class.getName() + "#studentIsSafe[KD]")));

        JsonNode result = single(allureFiles("-result.json"));
        assertThat(result.get("status").asText()).isEqualTo("passed");
        assertThat(result.get("name").asText()).isEqualTo("studentIsSafe [KD]");
        Map<String, String> labels = pairs(result.get("labels"));
        assertThat(labels).containsEntry("epic", "privacy").containsEntry("feature", "KD");
        Map<String, String> parameters = pairs(result.get("parameters"));
        assertThat(parameters).as("allure-junit5's parameter for the injected report is replaced")
                .containsOnlyKeys("UniqueId", "technique", "teacher", "student", "reference")
                .containsEntry("technique", "KD").containsEntry("teacher", "GPT2 nano")
                .containsEntry("student", "GPT2 nano").containsEntry("reference", "GPT2 nano");

        Map<String, JsonNode> attachments = new LinkedHashMap<>();
        result.get("attachments").forEach(a -> attachments.put(a.get("name").asText(), a));
        assertThat(attachments).as("the only invocation is also the method's last: the techniques side by side")
                .containsOnlyKeys("kdprivacy metrics", "ROC curves of the teacher (log-log)",
                "ROC curves of the student (log-log)", "MoPe AUC per transformer block", "kdprivacy results.json",
                AllureCrossTechnique.HEATMAP, AllureCrossTechnique.PRIVACY_UTILITY, AllureCrossTechnique.RANKINGS);

        String html = attachment(attachments, "kdprivacy metrics", "text/html");
        Document table = Xml.parse(html);
        assertThat(table.getElementsByTagName("table").getLength()).as("membership, memorization, canaries, "
                + "utility, inherited leakage, assertions").isEqualTo(6);
        var student = report.model("student").orElseThrow();
        assertThat(html).contains("<td>student</td><td>LOSS</td><td>" + Numbers.interval(student.membership().get(0).auc())
                        + "</td><td>" + Numbers.interval(student.membership().get(0).tprAt1Pct()) + "</td>")
                .contains(Numbers.interval(student.memorization().memberExtractable()))
                .contains(Numbers.format(student.canaries().meanExposure()))
                .contains("<th>mean extrapolated exposure (bits)</th>")
                .contains(Numbers.format(student.canaries().meanExtrapolatedExposure()))
                .contains("<td>student</td><td>" + Numbers.interval(student.utility().rougeL()) + "</td><td>"
                        + Numbers.format(student.utility().perplexity()) + "</td>")
                .contains(Numbers.interval(report.inheritedLeakage().get(0).aucDifference()))
                .contains("<td>membership.auc</td><td>LOSS</td><td>isAtMost</td>")
                .contains("<td>PASSED</td>")
                .contains(report.validity().valid() ? "<p>Evaluation set: valid</p>" : "<p>Evaluation set: NOT valid: ");

        for (String role : List.of("teacher", "student")) {
            Document roc = Xml.parse(attachment(attachments, "ROC curves of the " + role + " (log-log)", "image/svg+xml"));
            assertThat(roc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(roc.getElementsByTagName("polyline").getLength()).as("one curve per attack with a ROC")
                    .isGreaterThanOrEqualTo(1);
        }
        Document heatmap = Xml.parse(attachment(attachments, "MoPe AUC per transformer block", "image/svg+xml"));
        int cells = report.models().stream().mapToInt(m -> m.blocks().size()).sum();
        assertThat(cells).isPositive();
        assertThat(heatmap.getElementsByTagName("rect").getLength()).isGreaterThanOrEqualTo(cells);

        PrivacyReport attached = JSON.readValue(attachment(attachments, "kdprivacy results.json", "application/json"),
                PrivacyReport.class);
        assertThat(attached.models()).isEqualTo(report.models());
        assertThat(report.excerpts()).as("opted in on disk").hasSize(3);
        assertThat(attached.excerpts()).as("never in Allure").isEmpty();
        for (Path file : allureFiles("")) {
            String text = Files.readString(file);
            for (var excerpt : report.excerpts()) {
                assertThat(text).as(file.getFileName().toString()).doesNotContain(excerpt.prompt())
                        .doesNotContain(excerpt.response().trim());
            }
        }
    }

    /** Runs {@link Fixture} with an Allure lifecycle writing into {@link #allure}, restoring the global one after. */
    private TestExecutionSummary runWithAllure(Map<String, String> extra) {
        return AllureRun.run(Fixture.class, allure, cache, results, extra);
    }

    private List<Path> allureFiles(String suffix) throws IOException {
        return AllureRun.files(allure, suffix);
    }

    private static JsonNode single(List<Path> files) throws IOException {
        assertThat(files).hasSize(1);
        return JSON.readTree(files.get(0).toFile());
    }

    private static Map<String, String> pairs(JsonNode array) {
        Map<String, String> map = new LinkedHashMap<>();
        array.forEach(p -> map.put(p.get("name").asText(), p.get("value").asText()));
        return map;
    }

    private String attachment(Map<String, JsonNode> attachments, String name, String type) throws IOException {
        JsonNode a = attachments.get(name);
        assertThat(a.get("type").asText()).as(name).isEqualTo(type);
        return Files.readString(allure.resolve(a.get("source").asText()));
    }
}
