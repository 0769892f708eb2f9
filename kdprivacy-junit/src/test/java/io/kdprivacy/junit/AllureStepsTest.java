package io.kdprivacy.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kdprivacy.assertj.PrivacySoftAssertions;
import io.kdprivacy.attack.Attack;
import io.kdprivacy.distill.KdTechnique;
import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Xml;
import io.kdprivacy.scenario.PipelinePhase;
import io.kdprivacy.scenario.PrivacyScenario;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StepResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;


/**
 * Runs a two-technique {@code @PrivacyTest} with Allure's own listener and reads back each invocation's steps
 * (pipeline phases, then decisions) and the last invocation's cross-technique attachments.
 */
class AllureStepsTest {

    /** Disabled so that Surefire never runs it alone; the launcher enables it. */
    @Disabled("run by AllureStepsTest through its own launcher")
    static class Fixture {
        @PrivacyTest(techniques = {KdTechnique.KD, KdTechnique.GKD}, scenario = "scenario")
        void decides(PrivacyReport report) {
            var auc = report.model("student").orElseThrow().membership().get(0).auc();
            try (PrivacySoftAssertions softly = new PrivacySoftAssertions()) {
                softly.assertThat(report).membership(Attack.LOSS).auc().isAtMost(1.0);
                softly.assertThat(report).teacher().membership(Attack.LOSS).auc().pointEstimate().isBelow(0.0001);
                softly.assertThat(report).membership(Attack.LOSS).auc().isBelow((auc.value() + auc.upper()) / 2);
            }
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
    void phasesThenDecisionsAsStepsAndTheTechniquesSideBySideOnTheLastInvocation() throws Exception {
        long before = System.currentTimeMillis();
        run();
        long after = System.currentTimeMillis();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (Path file : allureFiles("-result.json")) {
            JsonNode result = JSON.readTree(file.toFile());
            byName.put(result.get("name").asText(), result);
        }
        assertThat(byName).containsOnlyKeys("decides [KD]", "decides [GKD]");

        for (String technique : List.of("KD", "GKD")) {
            JsonNode result = byName.get("decides [" + technique + "]");
            assertThat(result.get("status").asText()).as("a decided failure fails the test").isEqualTo("failed");
            List<String> names = new ArrayList<>();
            List<String> statuses = new ArrayList<>();
            result.get("steps").forEach(s -> {
                names.add(s.get("name").asText());
                statuses.add(s.get("status").asText());
            });
            boolean first = technique.equals("KD");
            String teacher = first ? PipelinePhase.BUILT : PipelinePhase.IN_MEMORY;
            assertThat(names).hasSize(10).startsWith("teacher: " + teacher, "student initialisation: " + teacher,
                    "no-KD reference: " + teacher, "distillation (" + technique + "): built",
                    "audit of the teacher: " + teacher, "audit of the student: built",
                    "audit of the no-KD reference: " + teacher);
            assertThat(names.get(7)).startsWith("decision: student membership.auc (LOSS) is at most 1, decided on "
                    + "the upper bound").endsWith(": PASSED");
            assertThat(names.get(8)).startsWith("decision: teacher membership.auc (LOSS) is below 0.0001, decided on "
                    + "the point estimate").endsWith(": FAILED");
            assertThat(names.get(9)).endsWith(": INCONCLUSIVE");
            assertThat(statuses).containsExactly("passed", "passed", "passed", "passed", "passed", "passed", "passed",
                    "passed", "failed", "broken");
            String inconclusive = result.get("steps").get(9).get("statusDetails").get("message").asText();
            assertThat(inconclusive).as("matched by the category 'Inconclusive privacy decisions'")
                    .matches(AllureEnvironment.INCONCLUSIVE_MESSAGE);
            assertThat(result.get("steps").get(8).get("statusDetails").get("message").asText())
                    .doesNotMatch(AllureEnvironment.INCONCLUSIVE_MESSAGE).contains("is not below 0.0001");
            for (JsonNode step : result.get("steps")) {
                long start = step.get("start").asLong();
                long stop = step.get("stop").asLong();
                assertThat(start).isBetween(before, after);
                assertThat(stop).isBetween(start, after);
            }
            long distillation = result.get("steps").get(3).get("stop").asLong() - result.get("steps").get(3).get("start").asLong();
            assertThat(distillation).as("distillation's real wall time").isPositive();
            assertThat(result.get("start").asLong()).as("inside the test case")
                    .isLessThanOrEqualTo(result.get("steps").get(0).get("start").asLong());
        }

        assertThat(attachmentNames(byName.get("decides [KD]"))).doesNotContain(AllureCrossTechnique.HEATMAP);
        JsonNode last = byName.get("decides [GKD]");
        Map<String, JsonNode> attachments = new LinkedHashMap<>();
        last.get("attachments").forEach(a -> attachments.put(a.get("name").asText(), a));
        assertThat(attachments).as("utility is measured by default: the privacy-utility chart too")
                .containsKeys(AllureCrossTechnique.HEATMAP, AllureCrossTechnique.RANKINGS, AllureCrossTechnique.PRIVACY_UTILITY);
        String heatmap = Files.readString(allure.resolve(attachments.get(AllureCrossTechnique.HEATMAP).get("source").asText()));
        Document svg = Xml.parse(heatmap);
        assertThat(heatmap).contains(">KD<", ">GKD<", ">no-KD reference<", ">teacher<", ">loss<");
        assertThat(svg.getElementsByTagName("rect").getLength()).as("4 rows x the attacks + the 7-step legend")
                .isGreaterThanOrEqualTo(4 * 5 + 7);
        String rankings = Files.readString(allure.resolve(attachments.get(AllureCrossTechnique.RANKINGS).get("source").asText()));
        Xml.parse(rankings);
        assertThat(rankings).contains("<th>by membership</th>", "Spearman").doesNotContain("utility not measured");
    }

    @Test
    void decisionStepsSayWhichNumberDecided() {
        AssertionRecord passed = new AssertionRecord("membership.auc", "student", "LOSS", "isBelow", 0.7, 0.6, 0.65, "PASSED");
        assertThat(AllureSteps.name(passed)).isEqualTo("decision: student membership.auc (LOSS) is below 0.7, decided on "
                + "the upper bound 0.65 (point 0.6): PASSED");
        StepResult step = AllureSteps.decision(passed, 5);
        assertThat(step.getStatus()).isEqualTo(Status.PASSED);
        assertThat(step.getStart()).isEqualTo(5);
        AssertionRecord lower = new AssertionRecord("membership.auc", "teacher", null, "isAtLeast", 0.6, 0.62, 0.58,
                "INCONCLUSIVE");
        assertThat(AllureSteps.decision(lower, 5).getStatus()).isEqualTo(Status.BROKEN);
        assertThat(AllureSteps.decision(lower, 5).getStatusDetails().getMessage())
                .isEqualTo("teacher membership.auc = 0.62 is inconclusive against at least 0.6: the interval straddles "
                        + "the limit (the lower bound 0.58 (point 0.62))");
        StepResult phase = AllureSteps.phase(new PipelinePhase("teacher", PipelinePhase.CACHED,
                Instant.ofEpochMilli(1000), Duration.ofMillis(250)));
        assertThat(phase.getName()).isEqualTo("teacher: taken from the artifact cache");
        assertThat(phase.getStart()).isEqualTo(1000);
        assertThat(phase.getStop()).isEqualTo(1250);
    }

    private static List<String> attachmentNames(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.get("attachments").forEach(a -> names.add(a.get("name").asText()));
        return names;
    }

    private void run() {
        AllureRun.run(Fixture.class, allure, cache, results, Map.of());
    }

    private List<Path> allureFiles(String suffix) throws IOException {
        return AllureRun.files(allure, suffix);
    }
}
