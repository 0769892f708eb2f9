package io.kdprivacy.maven.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.kdprivacy.maven.baseline.Baseline;
import io.kdprivacy.maven.baseline.BaselineEntry;
import io.kdprivacy.maven.baseline.Comparison;
import io.kdprivacy.maven.baseline.ToleranceRule;
import io.kdprivacy.maven.baseline.Tolerances;
import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.maven.metrics.MetricKey;
import io.kdprivacy.maven.metrics.ResultSet;
import io.kdprivacy.results.Fixtures;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.Xml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SignoffReportTest {

    private static final Tolerances TOLERANCES = new Tolerances(new ToleranceRule(0.02, 0));
    private static final SignoffReport.Context CONTEXT = new SignoffReport.Context("io.example:bot:1.0", "0.1.0",
            "2026-11-29T03:00:00Z", "0123456789abcdef0123456789abcdef01234567", "privacy-baseline.json");

    private static ResultSet results(PrivacyReport... reports) {
        List<LoadedReport> loaded = new ArrayList<>();
        for (PrivacyReport r : reports) {
            loaded.add(new LoadedReport(Path.of(r.testId() + ".json"), r));
        }
        return ResultSet.of(loaded);
    }

    /** The baseline as the results were, with the student's LOSS AUC 0.05 lower and one entry that has no result. */
    private static Baseline baseline(ResultSet results) {
        List<BaselineEntry> entries = new ArrayList<>();
        results.values().forEach((key, value) -> entries.add(BaselineEntry.of(key,
                key.equals(new MetricKey("Bot#gate", "GKD", "student", "membership.auc", "LOSS")) ? value - 0.05 : value)));
        entries.add(BaselineEntry.of(new MetricKey("Gone#test", "KD", "student", "memorization.gap", null), 0.1));
        return Baseline.of(entries);
    }

    private static Document report(ResultSet results, SignoffReport.Context context) {
        return SignoffReport.build(results, Comparison.of(results.values(),
                context.baselineFile() == null ? Baseline.empty() : baseline(results), TOLERANCES), context);
    }

    @Test
    void htmlHasEverySectionAndWellFormedFigures() throws Exception {
        ResultSet results = results(Fixtures.report("Bot#gate", "GKD", 0.6, "FAILED"),
                Fixtures.report("Bot#gate", "KD", 0.55, "PASSED"));
        String html = HtmlRenderer.render(report(results, CONTEXT));
        org.w3c.dom.Document dom = Xml.parse(html);

        List<String> headings = new ArrayList<>();
        for (String tag : List.of("h2", "h3")) {
            NodeList nodes = dom.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                headings.add(nodes.item(i).getTextContent());
            }
        }
        assertThat(headings).contains("Summary", "Bot#gate (GKD)", "Bot#gate (KD)", "Sign-off", "Decisions",
                "Validity of the evaluation set", "Models", "Membership inference", "Memorization", "Canaries",
                "Utility on the held-out examples", "Inherited leakage (AUC of the model minus AUC of its reference)", "Per-block risk",
                "ROC curves (log-log)", "Comparison with the baseline", "Provenance", "Baseline values without a result");
        NodeList svgs = dom.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertThat(svgs.getLength()).as("the technique x attack heatmap and the privacy-utility chart, then per test: "
                + "1 heatmap + 3 ROC charts").isEqualTo(10);
        assertThat(html).contains("0123456789abcdef0123456789abcdef01234567", "io.example:bot:1.0", "PyTorch 2.7.1",
                "c0ffee", "student-sha256", "0.6 (0.55 to 0.65)", "leaks more than the reference",
                "TPR at 0.1% FPR needs at least 1000 non-members, got 200",
                "1 FAILED", "1 regressed", "Gone#test",
                "1 decision(s) did not pass, 1 metric(s) regressed beyond tolerance, 1 baseline value(s) have no result.");
        Element summaryTable = (Element) dom.getElementsByTagName("table").item(1);
        assertThat(summaryTable.getElementsByTagName("th").item(0).getTextContent()).isEqualTo("test");
        assertThat(summaryTable.getTextContent()).contains("Bot#gate");
    }

    @Test
    void markdownCarriesTheSameTablesWithoutSvg() {
        ResultSet results = results(Fixtures.report("Bot#gate", "GKD", 0.6, "PASSED"));
        String md = MarkdownRenderer.render(report(results, CONTEXT));
        assertThat(md).doesNotContain("<svg")
                .contains("## Bot#gate (GKD)")
                .contains("| block | teacher | student | reference |")
                .contains("| model | planted | mean exposure (bits) | max exposure (bits) | mean extrapolated exposure "
                        + "(bits) | extraction rate |", "| student | 10 | 3.5 | 9 | 41.25 |")
                .contains("| model | ROUGE-L of greedy responses | perplexity | NLL per token | examples | max new tokens |",
                        "| student | 0.3 (0.25 to 0.35) | 12.1825 | 2.5 | 200 | 128 |",
                        "| teacher | 0.35 (0.3 to 0.4) | 7.3891 | 2 | 200 | 128 |")
                .contains("The log-log ROC curves of the student are drawn in signoff.html.")
                .contains("| student | membership.auc | LOSS | 0.55 | 0.6 | +0.05 | 0.02 | regressed |")
                .contains("| name | role | date | decision | signature |");
    }

    @Test
    void whatWasNotMeasuredIsListedWithItsReason() {
        PrivacyReport full = Fixtures.report("Bot#audit", "GKD", 0.6, "PASSED");
        PrivacyReport audited = new PrivacyReport(full.schemaVersion(), full.testId(), full.technique(),
                full.provenance(), full.validity(), full.models(), List.of(), full.assertions(), List.of(),
                List.of(new io.kdprivacy.results.NotMeasured("inheritedLeakage.auc", "student",
                        null, "no reference checkpoint was named")));
        String md = MarkdownRenderer.render(report(results(audited), CONTEXT));
        assertThat(md).contains("### Not measured", "| inheritedLeakage.auc | student | no reference checkpoint was named |")
                .doesNotContain("Inherited leakage (AUC");
        assertThat(MarkdownRenderer.render(report(results(full), CONTEXT))).doesNotContain("Not measured");
    }

    @Test
    void withoutABaselineTheComparisonIsLeftOut() {
        ResultSet results = results(Fixtures.report("Bot#gate", "GKD", 0.6, "PASSED"));
        SignoffReport.Context noBaseline = new SignoffReport.Context("p", "v", "t", GitCommit.UNKNOWN, null);
        String md = MarkdownRenderer.render(report(results, noBaseline));
        assertThat(md).contains("No decision failed.", "No baseline file: metrics were not compared",
                "git commit unknown", "| Bot#gate | GKD | 1 PASSED | valid | no baseline |")
                .doesNotContain("Comparison with the baseline");
    }
}
