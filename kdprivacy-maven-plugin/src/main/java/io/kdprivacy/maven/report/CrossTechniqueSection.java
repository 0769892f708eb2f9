package io.kdprivacy.maven.report;

import io.kdprivacy.maven.metrics.LoadedReport;
import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Paragraph;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.results.PrivacyReport;
import io.kdprivacy.results.chart.CrossTechnique;
import io.kdprivacy.results.chart.Numbers;
import io.kdprivacy.results.chart.PrivacyUtilityChart;
import io.kdprivacy.results.chart.TechniqueHeatmapChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release decision in one look, at the top of the sign-off report: per privacy test method, its techniques
 * side by side — the technique × attack AUC heatmap, privacy against utility, the membership and memorization
 * rankings with their rank correlation, and each technique's training budget.
 */
final class CrossTechniqueSection {

    /** What the report says when no student has a utility measurement. */
    static final String NO_UTILITY = "Privacy against utility: utility not measured.";

    private CrossTechniqueSection() {
    }

    /** Adds the section for {@code reports} (in report order) to {@code doc}; nothing when there are none. */
    static void add(Document.Builder doc, List<LoadedReport> reports) {
        Map<String, List<PrivacyReport>> byMethod = new LinkedHashMap<>();
        reports.forEach(r -> byMethod.computeIfAbsent(testMethod(r.report().testId()), k -> new ArrayList<>())
                .add(r.report()));
        if (byMethod.isEmpty()) {
            return;
        }
        doc.heading(2, "Across techniques");
        doc.paragraph("Per privacy test: each technique's student beside the no-KD reference (the floor) and the teacher "
                + "(the ceiling). Membership and memorization are separate risks: a technique can rank low on one and "
                + "high on the other.");
        byMethod.forEach((method, group) -> method(doc, method, CrossTechnique.of(group)));
    }

    /** {@code package.Class#method} of a test id, without a trailing {@code [technique]}. */
    static String testMethod(String testId) {
        int bracket = testId.indexOf('[');
        return bracket < 0 ? testId : testId.substring(0, bracket);
    }

    private static void method(Document.Builder doc, String method, CrossTechnique view) {
        doc.heading(3, method);
        TechniqueHeatmapChart.svg(view).ifPresent(svg -> doc.add(new Figure(
                "Membership AUC by technique and attack (white: chance 0.5; red: members recognisable; grey: not measured)",
                svg, heatmapTable(view))));
        PrivacyUtilityChart.axis(view).ifPresentOrElse(axis -> doc.add(new Figure(
                        "Privacy against utility: strongest-attack membership AUC by " + axis.title()
                                + " (circles: KD students, square: no-KD reference, diamond: teacher)",
                        PrivacyUtilityChart.svg(view).orElseThrow(), utilityTable(view, axis))),
                () -> doc.paragraph(NO_UTILITY));
        if (!view.students().isEmpty()) {
            doc.add(new Table(CrossTechnique.rankingHeader(), view.rankingRows()));
            doc.paragraph(view.agreement());
        }
        List<List<String>> budgets = view.budgetRows();
        if (!budgets.isEmpty()) {
            doc.add(new Table(CrossTechnique.budgetHeader(), budgets));
            doc.paragraph("Training budget rule: " + view.budgetRules());
        }
    }

    private static Table heatmapTable(CrossTechnique view) {
        List<String> header = new ArrayList<>(List.of("model"));
        view.attacks().forEach(a -> header.add(CrossTechnique.attackLabel(a)));
        List<List<String>> rows = new ArrayList<>();
        for (CrossTechnique.Row row : view.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.label()));
            for (String attack : view.attacks()) {
                cells.add(row.model().membership().stream().filter(m -> m.attack().equals(attack) && m.auc() != null)
                        .findFirst().map(m -> Numbers.interval(m.auc())).orElse("n/a"));
            }
            rows.add(cells);
        }
        return new Table(header, rows);
    }

    private static Table utilityTable(CrossTechnique view, PrivacyUtilityChart.Axis axis) {
        return new Table(List.of("model", axis == PrivacyUtilityChart.Axis.ROUGE_L ? "mean ROUGE-L" : "holdout perplexity",
                "strongest-attack AUC"), PrivacyUtilityChart.points(view, axis).stream()
                .map(p -> List.of(p.row().label(), Numbers.format(p.x()), Numbers.format(p.y()))).toList());
    }
}
