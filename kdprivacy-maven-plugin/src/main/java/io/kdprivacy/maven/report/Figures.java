package io.kdprivacy.maven.report;

import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Paragraph;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.chart.BlockHeatmapChart;
import io.kdprivacy.results.chart.Numbers;
import io.kdprivacy.results.chart.RocChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The shared charts of kdprivacy-results as report figures, with what text-only formats show instead. */
final class Figures {

    private Figures() {
    }

    /** The log-log ROC curves of {@code model}'s attacks, or empty if none can be drawn. */
    static Optional<Figure> roc(ModelReport model) {
        return RocChart.svg(model).map(svg -> new Figure("Membership attacks on the " + model.role()
                + " (points with FPR > 0 and TPR > 0; dashed: chance)", svg,
                new Paragraph("The log-log ROC curves of the " + model.role() + " are drawn in signoff.html.")));
    }

    /** The per-block heatmap of {@code models}, with the same grid as a table of intervals, or empty if no model has blocks. */
    static Optional<Figure> heatmap(List<ModelReport> models) {
        return BlockHeatmapChart.svg(models).map(svg -> new Figure(
                "MoPe AUC restricted to each transformer block (white: chance, red: leaking)", svg, table(models)));
    }

    private static Table table(List<ModelReport> models) {
        List<ModelReport> columns = BlockHeatmapChart.withBlocks(models);
        List<String> header = new ArrayList<>(List.of("block"));
        columns.forEach(m -> header.add(m.role()));
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < BlockHeatmapChart.blockCount(columns); r++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(r)));
            for (ModelReport model : columns) {
                row.add(BlockHeatmapChart.block(model, r).map(b -> Numbers.interval(b.auc())).orElse("-"));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }
}
