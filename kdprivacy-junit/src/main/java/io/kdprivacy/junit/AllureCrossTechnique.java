package io.kdprivacy.junit;

import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.chart.CrossTechnique;
import io.kdprivacy.results.chart.PrivacyUtilityChart;
import io.kdprivacy.results.chart.TechniqueHeatmapChart;
import io.qameta.allure.Allure;
import java.util.List;

/**
 * The techniques of one privacy test method side by side, attached (when Allure is present) to the running
 * test case — its last invocation, the first moment every technique's report exists: the technique × attack
 * AUC heatmap and the privacy–utility chart (SVG), and the rankings by membership and memorization with their
 * rank correlation and the training budgets (HTML).
 */
final class AllureCrossTechnique {

    static final String HEATMAP = "techniques side by side: membership AUC by technique and attack";
    static final String PRIVACY_UTILITY = "techniques side by side: privacy against utility";
    static final String RANKINGS = "techniques side by side: rankings by membership and memorization";

    private AllureCrossTechnique() {
    }

    /** Attaches the view of {@code reports}, the invocations of {@code testMethod} so far (in order). */
    static void attach(String testMethod, List<PrivacyReport> reports) {
        CrossTechnique view = CrossTechnique.of(reports);
        TechniqueHeatmapChart.svg(view).ifPresent(svg -> Allure.addAttachment(HEATMAP, "image/svg+xml", svg, ".svg"));
        PrivacyUtilityChart.svg(view).ifPresent(svg ->
                Allure.addAttachment(PRIVACY_UTILITY, "image/svg+xml", svg, ".svg"));
        Allure.addAttachment(RANKINGS, "text/html", CrossTechniqueHtml.render(testMethod + ": techniques side by side",
                view), ".html");
    }
}
