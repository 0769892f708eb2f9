package io.kdprivacy.junit;

import static io.kdprivacy.results.chart.Markup.escape;

import io.kdprivacy.results.chart.CrossTechnique;
import io.kdprivacy.results.chart.Markup;
import io.kdprivacy.results.chart.PrivacyUtilityChart;

/**
 * One privacy test's techniques ranked by membership and by memorization, side by side with their rank
 * correlation, and their training budgets: a small self-contained HTML page (also well-formed XML) for the
 * Allure attachment. Numbers and names only.
 */
final class CrossTechniqueHtml {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;color:#222}"
            + "table{border-collapse:collapse;margin:.3em 0 1em}"
            + "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:left;font-variant-numeric:tabular-nums}"
            + "th{background:#f0f0f0}";

    private CrossTechniqueHtml() {
    }

    static String render(String title, CrossTechnique view) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(escape(title)).append("</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        Markup.table(html, null, CrossTechnique.rankingHeader(), view.rankingRows());
        html.append("<p>").append(escape(view.agreement())).append("</p>\n");
        if (PrivacyUtilityChart.axis(view).isEmpty()) {
            html.append("<p>Privacy against utility: utility not measured.</p>\n");
        }
        if (!view.budgetRows().isEmpty()) {
            Markup.table(html, null, CrossTechnique.budgetHeader(), view.budgetRows());
            html.append("<p>Training budget rule: ").append(escape(view.budgetRules())).append("</p>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }
}
