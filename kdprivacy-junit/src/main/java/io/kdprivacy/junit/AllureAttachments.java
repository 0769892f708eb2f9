package io.kdprivacy.junit;

import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.ResultsJson;
import io.kdprivacy.results.chart.BlockHeatmapChart;
import io.kdprivacy.results.chart.RocChart;
import io.qameta.allure.Allure;
import io.qameta.allure.util.PropertiesUtils;

import java.nio.file.Path;
import java.util.Set;

/**
 * Labels, parameters and attachments of one invocation (loaded only when Allure is present): epic
 * {@code privacy}, feature = technique, the technique and models as parameters, and as attachments a metrics
 * table (HTML), the log-log ROC curves of the teacher and the student and the per-block heatmap (SVG), and the
 * results JSON; and Allure's environment and categories files ({@link AllureEnvironment}). None of them
 * carries the report's opt-in member excerpts: those stay in the results file. The parameters allure-junit5
 * derives from the injected report arguments are removed for the same reason.
 */
final class AllureAttachments {

    private static final String SVG = "image/svg+xml";

    private AllureAttachments() {
    }

    static void attach(PrivacyReport recorded, Set<String> injected) {
        PrivacyReport report = recorded.withoutExcerpts();
        if (!injected.isEmpty()) {
            // allure-junit5 records each test template argument's toString(): a whole report, with opt-in excerpts
            Allure.getLifecycle().updateTestCase(test ->
                    test.getParameters().removeIf(p -> injected.contains(p.getName())));
        }
        // allure-junit5 names a template invocation "method(Parameters) [KD] method"; one name, once, reads better
        Allure.getLifecycle().updateTestCase(test -> test.setName(displayName(report)));
        Allure.epic("privacy");
        Allure.feature(report.technique());
        Allure.parameter("technique", report.technique());
        report.models().forEach(m -> Allure.parameter(m.role(), m.family() + " " + m.size()));
        Allure.addAttachment("kdprivacy metrics", "text/html", MetricsHtml.render(report), ".html");
        for (String role : new String[] {"teacher", "student"}) {
            report.model(role).flatMap(RocChart::svg).ifPresent(svg ->
                    Allure.addAttachment("ROC curves of the " + role + " (log-log)", SVG, svg, ".svg"));
        }
        BlockHeatmapChart.svg(report.models()).ifPresent(svg ->
                Allure.addAttachment("MoPe AUC per transformer block", SVG, svg, ".svg"));
        Allure.addAttachment("kdprivacy results.json", "application/json", ResultsJson.toJson(report), ".json");
        AllureEnvironment.write(resultsDirectory(), report);
    }

    /** {@code method [technique]} from a test id {@code package.Class#method[technique]}. */
    static String displayName(PrivacyReport report) {
        String method = AllureEnvironment.testMethod(report.testId());
        return method.substring(method.indexOf('#') + 1) + " [" + report.technique() + "]";
    }

    /** Allure's results directory: {@code allure.results.directory} (allure.properties or a system property). */
    static Path resultsDirectory() {
        return Path.of(PropertiesUtils.loadAllureProperties().getProperty("allure.results.directory", "allure-results"));
    }
}
