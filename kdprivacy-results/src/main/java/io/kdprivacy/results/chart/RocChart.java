package io.kdprivacy.results.chart;

import io.kdprivacy.results.MembershipMetrics;
import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.RocPoints;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ROC curves of one model's attacks on log-log axes, where the low false-positive region that
 * matters for privacy is visible. Only points with FPR &gt; 0 and TPR &gt; 0 can be drawn; the dashed
 * diagonal is chance.
 */
public final class RocChart {

    private static final int SIZE = 260;
    private static final int LEFT = 56;
    private static final int TOP = 18;
    private static final int BOTTOM = 40;
    private static final int LEGEND = 160; // fits MIN_K_PLUS_PLUS
    private static final String[] COLOURS = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02"};

    private record Curve(String attack, List<double[]> points) {
    }

    private RocChart() {
    }

    /**
     * The chart as a complete {@code <svg>} element, or empty if no attack of {@code model} has two
     * drawable ROC points.
     */
    public static Optional<String> svg(ModelReport model) {
        List<Curve> curves = new ArrayList<>();
        for (MembershipMetrics m : model.membership()) {
            List<double[]> points = drawable(m.roc());
            if (points.size() >= 2) {
                curves.add(new Curve(m.attack(), points));
            }
        }
        if (curves.isEmpty()) {
            return Optional.empty();
        }
        double smallest = curves.stream().flatMap(c -> c.points().stream())
                .mapToDouble(p -> Math.min(p[0], p[1])).min().orElse(0.1);
        int decades = Math.max(1, (int) Math.ceil(-Math.log10(smallest) - 1e-9));
        SvgWriter svg = new SvgWriter(LEFT + SIZE + LEGEND, TOP + SIZE + BOTTOM,
                "log-log ROC curves of the membership attacks on the " + model.role());
        axes(svg, decades);
        for (int i = 0; i < curves.size(); i++) {
            Curve curve = curves.get(i);
            String colour = COLOURS[i % COLOURS.length];
            svg.polyline(curve.points().stream().map(p -> new double[] {x(p[0], decades), y(p[1], decades)}).toList(),
                    colour, curve.attack());
            double ly = TOP + 14 + 16 * i;
            svg.line(LEFT + SIZE + 12, ly - 4, LEFT + SIZE + 32, ly - 4, colour, false);
            svg.text(LEFT + SIZE + 36, ly, "start", curve.attack());
        }
        return Optional.of(svg.end());
    }

    /** The points of {@code roc} (which may be null) with both rates above 0, as (FPR, TPR). */
    public static List<double[]> drawable(RocPoints roc) {
        List<double[]> points = new ArrayList<>();
        if (roc != null) {
            for (int i = 0; i < roc.size(); i++) {
                if (roc.fpr().get(i) > 0 && roc.tpr().get(i) > 0) {
                    points.add(new double[] {roc.fpr().get(i), roc.tpr().get(i)});
                }
            }
        }
        return points;
    }

    private static void axes(SvgWriter svg, int decades) {
        svg.rect(LEFT, TOP, SIZE, SIZE, "#fafafa", "log-log ROC");
        for (int d = 0; d <= decades; d++) {
            double rate = Math.pow(10, -d);
            String label = BigDecimal.ONE.movePointLeft(d).toPlainString();
            double x = x(rate, decades);
            double y = y(rate, decades);
            svg.line(x, TOP, x, TOP + SIZE, "#ddd", false).text(x, TOP + SIZE + 14, "middle", label);
            svg.line(LEFT, y, LEFT + SIZE, y, "#ddd", false).text(LEFT - 6, y + 4, "end", label);
        }
        svg.line(LEFT, TOP + SIZE, LEFT + SIZE, TOP, "#999", true);
        svg.text(LEFT + SIZE / 2.0, TOP + SIZE + 32, "middle", "false-positive rate");
        svg.text(LEFT, TOP - 4, "start", "true-positive rate");
    }

    private static double x(double rate, int decades) {
        return LEFT + SIZE * (1 + Math.log10(rate) / decades);
    }

    private static double y(double rate, int decades) {
        return TOP + SIZE * (-Math.log10(rate) / decades);
    }
}
