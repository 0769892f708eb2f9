package io.kdprivacy.results.chart;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The paper's signature figure: membership AUC per model and attack, one row per technique's student (then
 * the no-KD reference and the teacher), one column per attack. Each cell is labelled with the AUC and coloured
 * on a diverging scale centred on chance: white at 0.5, red towards 0.8 and above (members recognisable),
 * blue below 0.5; grey {@code n/a} where the attack was not measured on that model.
 */
public final class TechniqueHeatmapChart {

    /** The colour of a cell with no value. */
    public static final String MISSING = "#e0e0e0";

    private static final int CELL_W = 92;
    private static final int CELL_H = 26;
    private static final int LEFT = 130;
    private static final int TOP = 30;
    private static final int GAP = 8;
    private static final int LEGEND = 44;
    private static final double[] LEGEND_STOPS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};

    private TechniqueHeatmapChart() {
    }

    /** The heatmap as a complete {@code <svg>} element, or empty if there is no row or no attack. */
    public static Optional<String> svg(CrossTechnique view) {
        List<CrossTechnique.Row> rows = view.rows();
        List<String> attacks = view.attacks();
        if (rows.isEmpty() || attacks.isEmpty()) {
            return Optional.empty();
        }
        int anchors = (int) rows.stream().filter(r -> r.kind() != CrossTechnique.Kind.STUDENT).count();
        int gap = anchors > 0 && anchors < rows.size() ? GAP : 0;
        int gridBottom = TOP + CELL_H * rows.size() + gap;
        int width = Math.max(LEFT + CELL_W * attacks.size() + 10, LEFT + 24 * LEGEND_STOPS.length + 60);
        SvgWriter svg = new SvgWriter(width, gridBottom + LEGEND,
                "membership AUC by technique and attack (white: chance 0.5, red: members recognisable)");
        for (int c = 0; c < attacks.size(); c++) {
            svg.text(LEFT + CELL_W * c + CELL_W / 2.0, TOP - 10, "middle", CrossTechnique.attackLabel(attacks.get(c)));
        }
        for (int r = 0; r < rows.size(); r++) {
            CrossTechnique.Row row = rows.get(r);
            double y = TOP + CELL_H * r + (row.kind() == CrossTechnique.Kind.STUDENT ? 0 : gap);
            svg.text(LEFT - 8, y + CELL_H / 2.0 + 4, "end", row.label());
            for (int c = 0; c < attacks.size(); c++) {
                double x = LEFT + CELL_W * c;
                OptionalDouble auc = CrossTechnique.auc(row.model(), attacks.get(c));
                String label = auc.isPresent() ? Numbers.format(auc.getAsDouble()) : "n/a";
                svg.rect(x, y, CELL_W, CELL_H, auc.isPresent() ? colour(auc.getAsDouble()) : MISSING,
                        row.label() + ", " + CrossTechnique.attackLabel(attacks.get(c)) + ": AUC " + label);
                svg.text(x + CELL_W / 2.0, y + CELL_H / 2.0 + 4, "middle", label);
            }
        }
        legend(svg, gridBottom + 12);
        return Optional.of(svg.end());
    }

    /** The diverging scale: white at 0.5, saturated red at 0.8 and above, saturated blue at 0.2 and below. */
    public static String colour(double auc) {
        return BlockHeatmapChart.colour(auc);
    }

    private static void legend(SvgWriter svg, double y) {
        svg.text(LEFT - 8, y + 12, "end", "AUC");
        for (int i = 0; i < LEGEND_STOPS.length; i++) {
            double x = LEFT + 24 * i;
            String value = Numbers.format(LEGEND_STOPS[i]);
            svg.rect(x, y, 24, 14, colour(LEGEND_STOPS[i]), "scale: AUC " + value);
            if (i % 3 == 0) {
                svg.text(x + 12, y + 26, "middle", value);
            }
        }
    }
}
