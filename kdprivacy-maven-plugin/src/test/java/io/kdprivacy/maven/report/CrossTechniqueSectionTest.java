package io.kdprivacy.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.baseline.Comparison;
import io.kdprivacy.maven.baseline.ToleranceRule;
import io.kdprivacy.maven.baseline.Tolerances;
import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.TrainingBudget;
import io.kdprivacy.results.UtilityMetrics;
import io.kdprivacy.results.Xml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

class CrossTechniqueSectionTest {

    private static final SignoffReport.Context CONTEXT = new SignoffReport.Context("io.example:bot:1.0", "0.1.0",
            "2026-11-29T03:00:00Z", GitCommit.UNKNOWN, null);
    private static final TrainingBudget BUDGET = new TrainingBudget("equal optimizer steps: 2 epochs x 32 batches",
            64, 1024, 20480);

    private static Document report(boolean utility) {
        List<LoadedReport> loaded = new ArrayList<>();
        for (PrivacyReport r : List.of(
                technique("KD", 0.72, 0.02, utility ? Fixtures.utilityAt(0.21, 30.0) : null),
                technique("GKD", 0.6, 0.05, utility ? Fixtures.utilityAt(0.24, 25.0) : null),
                technique("DistiLLM", 0.52, 0.09, utility ? Fixtures.utilityAt(0.27, 20.0) : null))) {
            loaded.add(new LoadedReport(Path.of(r.technique() + ".json"), r));
        }
        ResultSet results = ResultSet.of(loaded);
        return SignoffReport.build(results, Comparison.of(results.values(), Baseline.empty(),
                new Tolerances(new ToleranceRule(0.02, 0))), CONTEXT);
    }

    private static PrivacyReport technique(String name, double auc, double memberRate, UtilityMetrics utility) {
        Map<String, Double> aucs = new LinkedHashMap<>();
        aucs.put("LOSS", auc - 0.01);
        aucs.put("MIN_K", auc);
        return Fixtures.technique("io.example.BotTest#gate[" + name + "]", name, aucs, memberRate, utility, BUDGET);
    }

    @Test
    void theReportStartsWithTheTechniquesSideBySide() throws Exception {
        Document doc = report(true);
        assertThat(doc.blocks().get(1)).isEqualTo(new Document.Heading(2, "Across techniques"));
        assertThat(doc.blocks().get(3)).isEqualTo(new Document.Heading(3, "io.example.BotTest#gate"));
        assertThat(doc.blocks().stream().filter(b -> b instanceof Document.Heading h && h.level() == 2)
                .map(b -> ((Document.Heading) b).text()).toList())
                .as("one cross-technique section for the test method, before the summary")
                .startsWith("Across techniques", "Summary");

        org.w3c.dom.Document dom = Xml.parse(HtmlRenderer.render(doc));
        NodeList svgs = dom.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        String heatmap = svgs.item(0).getTextContent();
        assertThat(svgs.item(0).getAttributes().getNamedItem("aria-label").getTextContent()).startsWith("membership AUC by technique");
        assertThat(heatmap).contains("DistiLLM", "no-KD reference", "teacher", "Min-K%", "0.72");
        assertThat(svgs.item(1).getAttributes().getNamedItem("aria-label").getTextContent()).startsWith("privacy against utility");

        String md = MarkdownRenderer.render(doc);
        assertThat(md).contains("| model | loss | Min-K% |", "| KD | 0.71 (0.66 to 0.76) | 0.72 (0.67 to 0.77) |",
                        "| model | mean ROUGE-L | strongest-attack AUC |", "| KD | 0.21 | 0.72 |",
                        "| 1 | KD | 0.72 (0.67 to 0.77), Min-K% | DistiLLM | 0.09 | +0.04 |",
                        "Spearman's rank correlation between the two rankings (ties share their average rank): -1 over 3",
                        "| GKD | 64 | 1024 | 20480 |", "Training budget rule: equal optimizer steps: 2 epochs x 32 batches")
                .doesNotContain(CrossTechniqueSection.NO_UTILITY);
        assertThat(md.indexOf("## Across techniques")).isLessThan(md.indexOf("## Summary"));
    }

    @Test
    void withoutUtilityThePrivacyUtilityChartIsLeftOutWithANote() throws Exception {
        Document doc = report(false);
        String md = MarkdownRenderer.render(doc);
        assertThat(md).contains(CrossTechniqueSection.NO_UTILITY).doesNotContain("mean ROUGE-L");
        NodeList svgs = Xml.parse(HtmlRenderer.render(doc)).getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            assertThat(svgs.item(i).getAttributes().getNamedItem("aria-label").getTextContent())
                    .doesNotStartWith("privacy against utility");
        }
    }

    @Test
    void testIdsGroupByMethod() {
        assertThat(CrossTechniqueSection.testMethod("a.B#c[GKD]")).isEqualTo("a.B#c");
        assertThat(CrossTechniqueSection.testMethod("Bot#gate")).isEqualTo("Bot#gate");
    }
}
