package io.kdprivacy.maven.report;

import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.maven.text.Numbers;
import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.ModelReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Per-block membership risk as a heatmap: one row per transformer block, one column per model, each
 * cell coloured by the block's MoPe AUC (white at chance 0.5, red towards 0.8 and above, blue below 0.5).
 * Text formats get the same grid as a table with intervals.
 */
final class BlockHeatmap {

    private static final int CELL_W = 90;
    private static final int CELL_H = 24;
    private static final int LEFT = 70;
    private static final int TOP = 24;

    private final List<ModelReport> models;
    private final int blocks;

    private BlockHeatmap(List<ModelReport> models) {
        this.models = models;
        this.blocks = models.stream().flatMap(m -> m.blocks().stream()).mapToInt(BlockMetrics::block).max().orElse(-1) + 1;
    }

    /** The heatmap of the models that have per-block results, or empty if none has. */
    static Optional<Figure> figure(List<ModelReport> models) {
        List<ModelReport> withBlocks = models.stream().filter(m -> !m.blocks().isEmpty()).toList();
        if (withBlocks.isEmpty()) {
            return Optional.empty();
        }
        BlockHeatmap heatmap = new BlockHeatmap(withBlocks);
        return Optional.of(new Figure("MoPe AUC restricted to each transformer block (white: chance, red: leaking)",
                heatmap.svg(), heatmap.table()));
    }

    private String svg() {
        SvgWriter svg = new SvgWriter(LEFT + CELL_W * models.size() + 10, TOP + CELL_H * blocks + 10,
                "per-block membership AUC, blocks by models");
        for (int c = 0; c < models.size(); c++) {
            svg.text(LEFT + CELL_W * c + CELL_W / 2.0, TOP - 8, "middle", models.get(c).role());
        }
        for (int r = 0; r < blocks; r++) {
            double y = TOP + CELL_H * r;
            svg.text(LEFT - 8, y + CELL_H / 2.0 + 4, "end", "block " + r);
            for (int c = 0; c < models.size(); c++) {
                double x = LEFT + CELL_W * c;
                Optional<BlockMetrics> block = block(models.get(c), r);
                String label = block.map(b -> Numbers.format(b.auc().value())).orElse("n/a");
                svg.rect(x, y, CELL_W, CELL_H, block.map(b -> colour(b.auc().value())).orElse("#e0e0e0"),
                        models.get(c).role() + ", block " + r + ": AUC " + label);
                svg.text(x + CELL_W / 2.0, y + CELL_H / 2.0 + 4, "middle", label);
            }
        }
        return svg.end();
    }

    private Table table() {
        List<String> header = new ArrayList<>(List.of("block"));
        models.forEach(m -> header.add(m.role()));
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < blocks; r++) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(r)));
            for (ModelReport model : models) {
                row.add(block(model, r).map(b -> Numbers.interval(b.auc())).orElse("-"));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Optional<BlockMetrics> block(ModelReport model, int index) {
        return model.blocks().stream().filter(b -> b.block() == index && b.auc() != null).findFirst();
    }

    /** White at 0.5, saturated red at 0.8 and above, saturated blue at 0.2 and below. */
    static String colour(double auc) {
        double t = Math.min(1, Math.abs(auc - 0.5) / 0.3);
        int[] target = auc >= 0.5 ? new int[] {215, 48, 31} : new int[] {33, 102, 172};
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(target[0], t), mix(target[1], t), mix(target[2], t));
    }

    private static int mix(int target, double t) {
        return (int) Math.round(255 + (target - 255) * t);
    }
}
