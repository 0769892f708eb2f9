package io.kdprivacy.junit;

import static io.kdprivacy.results.chart.Markup.escape;

import io.kdprivacy.results.AssertionRecord;
import io.kdprivacy.results.CanaryMetrics;
import io.kdprivacy.results.InheritedLeakage;
import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.MemorizationMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.UtilityMetrics;
import io.kdprivacy.results.Validity;
import io.kdprivacy.results.chart.Markup;
import io.kdprivacy.results.chart.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * One invocation's metrics as a small self-contained HTML page (also well-formed XML), for the Allure
 * attachment: the evaluation set's validity, membership per model and attack, memorization, canaries, utility
 * (ROUGE-L, perplexity), inherited leakage and the assertions.
 * It shows numbers, names and hashes only; the report's opt-in member excerpts are never rendered, and generated
 * responses are not in the report at all.
 */
final class MetricsHtml {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;color:#222}"
            + "table{border-collapse:collapse;margin:.3em 0 1em}"
            + "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;font-variant-numeric:tabular-nums}"
            + "th{background:#f0f0f0}";

    private MetricsHtml() {
    }

    static String render(PrivacyReport report) {
        String title = report.testId() + (report.technique() == null ? "" : " (" + report.technique() + ")");
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        validity(html, report.validity());
        membership(html, report);
        memorization(html, report);
        canaries(html, report);
        utility(html, report);
        inheritedLeakage(html, report);
        notMeasured(html, report);
        assertions(html, report);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void validity(StringBuilder html, Validity validity) {
        String verdict = validity == null ? "not recorded"
                : validity.valid() ? "valid" : "NOT valid: " + text(validity.reason());
        html.append("<p>Evaluation set: ").append(escape(verdict)).append("</p>\n");
    }

    private static void membership(StringBuilder html, PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport model : report.models()) {
            for (MembershipMetrics m : model.membership()) {
                rows.add(List.of(model.role(), m.attack(), Numbers.interval(m.auc()), Numbers.interval(m.tprAt1Pct()),
                        String.valueOf(m.members()), String.valueOf(m.nonMembers())));
            }
        }
        section(html, "Membership inference (95% intervals)", rows,
                "model", "attack", "AUC", "TPR at 1% FPR", "members", "non-members");
    }

    private static void memorization(StringBuilder html, PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport model : report.models()) {
            MemorizationMetrics m = model.memorization();
            if (m != null) {
                rows.add(List.of(model.role(), Numbers.interval(m.memberExtractable()),
                        Numbers.interval(m.nonMemberExtractable()), Numbers.format(m.gap()),
                        String.valueOf(m.members())));
            }
        }
        section(html, "Memorization", rows, "model", "member extraction rate", "non-member extraction rate",
                "exact-match gap", "members");
    }

    private static void canaries(StringBuilder html, PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport model : report.models()) {
            CanaryMetrics c = model.canaries();
            if (c != null) {
                rows.add(List.of(model.role(), String.valueOf(c.count()), Numbers.format(c.meanExposure()),
                        Numbers.format(c.maxExposure()), Numbers.format(c.meanExtrapolatedExposure()),
                        Numbers.interval(c.extraction())));
            }
        }
        section(html, "Canaries", rows, "model", "planted", "mean exposure (bits)", "max exposure (bits)",
                "mean extrapolated exposure (bits)", "extraction rate");
    }

    private static void utility(StringBuilder html, PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ModelReport model : report.models()) {
            UtilityMetrics u = model.utility();
            if (u != null) {
                rows.add(List.of(model.role(), Numbers.interval(u.rougeL()), Numbers.format(u.perplexity()),
                        String.valueOf(u.examples())));
            }
        }
        section(html, "Utility on held-out examples", rows, "model", "ROUGE-L", "perplexity", "examples");
    }

    private static void inheritedLeakage(StringBuilder html, PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (InheritedLeakage l : report.inheritedLeakage()) {
            rows.add(List.of(l.attack(), l.model(), l.reference(), Numbers.interval(l.aucDifference())));
        }
        section(html, "Inherited leakage (AUC of the model minus AUC of its reference)", rows,
                "attack", "model", "reference", "AUC difference");
    }

    private static void notMeasured(StringBuilder html, PrivacyReport report) {
        section(html, "Not measured", report.notMeasured().stream()
                .map(n -> List.of(n.metric() + (n.attack() == null ? "" : " (" + n.attack() + ")"), n.model(), n.reason()))
                .toList(), "metric", "model", "why");
    }

    private static void assertions(StringBuilder html, PrivacyReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (AssertionRecord a : report.assertions()) {
            rows.add(List.of(text(a.model()), text(a.metric()), text(a.attack()), text(a.comparison()),
                    Numbers.format(a.limit()), Numbers.format(a.value()), Numbers.format(a.decidedOn()),
                    text(a.outcome())));
        }
        if (rows.isEmpty()) {
            html.append("<h2>Assertions</h2>\n<p>No assertions recorded.</p>\n");
        } else {
            section(html, "Assertions", rows, "model", "metric", "attack", "comparison", "limit", "value",
                    "decided on", "outcome");
        }
    }

    /** A heading and a table, or nothing when there are no rows. */
    private static void section(StringBuilder html, String title, List<List<String>> rows, String... header) {
        if (!rows.isEmpty()) {
            html.append("<h2>").append(escape(title)).append("</h2>\n");
            Markup.table(html, null, List.of(header), rows);
        }
    }

    private static String text(String value) {
        return value == null ? "-" : value;
    }
}
