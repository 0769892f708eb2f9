package io.kdprivacy.results.chart;

import io.kdprivacy.results.BlockMetrics;
import io.kdprivacy.results.ModelReport;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Per-block membership risk as a heatmap: one row per transformer block, one column per model that has
 * per-block results, each cell coloured by the block's MoPe AUC (white at chance 0.5, red towards 0.8 and
 * above, blue below 0.5) and labelled with it.
 */
public final class BlockHeatmapChart {

    private static final int CELL_W = 90;
    private static final int CELL_H = 24;
    private static final int LEFT = 70;
    private static final int TOP = 24;

    private BlockHeatmapChart() {
    }

    /**
     * The heatmap of those of {@code models} that have per-block results, as a complete {@code <svg>} element,
     * or empty if none has.
     */
    public static Optional<String> svg(List<ModelReport> models) {
        List<ModelReport> columns = withBlocks(models);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        int blocks = blockCount(columns);
        SvgWriter svg = new SvgWriter(LEFT + CELL_W * columns.size() + 10, TOP + CELL_H * blocks + 10,
                "per-block membership AUC, blocks by models");
        for (int c = 0; c < columns.size(); c++) {
            svg.text(LEFT + CELL_W * c + CELL_W / 2.0, TOP - 8, "middle", columns.get(c).role());
        }
        for (int r = 0; r < blocks; r++) {
            double y = TOP + CELL_H * r;
            svg.text(LEFT - 8, y + CELL_H / 2.0 + 4, "end", "block " + r);
            for (int c = 0; c < columns.size(); c++) {
                double x = LEFT + CELL_W * c;
                Optional<BlockMetrics> block = block(columns.get(c), r);
                String label = block.map(b -> Numbers.format(b.auc().value())).orElse("n/a");
                svg.rect(x, y, CELL_W, CELL_H, block.map(b -> colour(b.auc().value())).orElse("#e0e0e0"),
                        columns.get(c).role() + ", block " + r + ": AUC " + label);
                svg.text(x + CELL_W / 2.0, y + CELL_H / 2.0 + 4, "middle", label);
            }
        }
        return Optional.of(svg.end());
    }

    /** The columns of the heatmap: the models with per-block results, in order. */
    public static List<ModelReport> withBlocks(List<ModelReport> models) {
        return models.stream().filter(m -> !m.blocks().isEmpty()).toList();
    }

    /** The rows of the heatmap: one more than the highest block index of {@code models}, 0 if none. */
    public static int blockCount(List<ModelReport> models) {
        return models.stream().flatMap(m -> m.blocks().stream()).mapToInt(BlockMetrics::block).max().orElse(-1) + 1;
    }

    /** Block {@code index} of {@code model}, if it has an AUC. */
    public static Optional<BlockMetrics> block(ModelReport model, int index) {
        return model.blocks().stream().filter(b -> b.block() == index && b.auc() != null).findFirst();
    }

    /** White at 0.5, saturated red at 0.8 and above, saturated blue at 0.2 and below. */
    public static String colour(double auc) {
        double t = Math.min(1, Math.abs(auc - 0.5) / 0.3);
        int[] target = auc >= 0.5 ? new int[] {215, 48, 31} : new int[] {33, 102, 172};
        return String.format(Locale.ROOT, "#%02x%02x%02x", mix(target[0], t), mix(target[1], t), mix(target[2], t));
    }

    private static int mix(int target, double t) {
        return (int) Math.round(255 + (target - 255) * t);
    }
}
