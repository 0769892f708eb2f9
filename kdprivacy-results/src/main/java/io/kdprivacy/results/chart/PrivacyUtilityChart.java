package io.kdprivacy.results.chart;

import io.kdprivacy.results.ModelReport;
import io.kdprivacy.results.UtilityMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Privacy against utility: one labelled point per technique's student (circle), the no-KD reference (square)
 * and the teacher (diamond); x = utility, y = the strongest attack's membership AUC (the dashed line is
 * chance). Utility is the mean ROUGE-L of the greedy responses where any student has it, else the holdout
 * perplexity (lower is better); without either the chart is not drawn.
 */
public final class PrivacyUtilityChart {

    /** What the x axis shows. */
    public enum Axis {
        /** Mean ROUGE-L F1 of greedy responses on the held-out examples (higher is better). */
        ROUGE_L("utility: mean ROUGE-L of greedy responses (higher is better)"),
        /** Perplexity of the held-out responses (lower is better). */
        PERPLEXITY("utility: holdout perplexity (lower is better)");

        private final String title;

        Axis(String title) {
            this.title = title;
        }

        /** The axis title. */
        public String title() {
            return title;
        }
    }

    /**
     * One drawable point.
     *
     * @param row the model
     * @param x   its utility
     * @param y   its strongest-attack AUC
     */
    public record Point(CrossTechnique.Row row, double x, double y) {
    }

    private static final int W = 360;
    private static final int H = 240;
    private static final int LEFT = 56;
    private static final int TOP = 16;
    private static final int BOTTOM = 42;
    private static final int RIGHT = 110;

    private PrivacyUtilityChart() {
    }

    /** ROUGE-L if any student has it, else perplexity if any student has it, else empty: utility not measured. */
    public static Optional<Axis> axis(CrossTechnique view) {
        List<CrossTechnique.Row> students = view.students();
        if (students.stream().anyMatch(r -> utility(r.model(), Axis.ROUGE_L).isPresent())) {
            return Optional.of(Axis.ROUGE_L);
        }
        if (students.stream().anyMatch(r -> utility(r.model(), Axis.PERPLEXITY).isPresent())) {
            return Optional.of(Axis.PERPLEXITY);
        }
        return Optional.empty();
    }

    /** The points of the rows that have both a utility on {@code axis} and a membership AUC. */
    public static List<Point> points(CrossTechnique view, Axis axis) {
        List<Point> points = new ArrayList<>();
        for (CrossTechnique.Row row : view.rows()) {
            OptionalDouble x = utility(row.model(), axis);
            Optional<Double> y = CrossTechnique.strongest(row.model()).map(m -> m.auc().value());
            if (x.isPresent() && y.isPresent()) {
                points.add(new Point(row, x.getAsDouble(), y.get()));
            }
        }
        return points;
    }

    /** The chart as a complete {@code <svg>} element, or empty when utility was not measured on any student. */
    public static Optional<String> svg(CrossTechnique view) {
        Optional<Axis> axis = axis(view);
        if (axis.isEmpty()) {
            return Optional.empty();
        }
        List<Point> points = points(view, axis.get());
        double[] xr = range(points.stream().mapToDouble(Point::x).toArray(), axis.get() == Axis.ROUGE_L ? 0 : 1,
                axis.get() == Axis.ROUGE_L ? 1 : Double.MAX_VALUE);
        double[] yr = range(points.stream().mapToDouble(Point::y).toArray(), 0, 1);
        yr[0] = Math.min(yr[0], 0.45);
        yr[1] = Math.max(yr[1], 0.55);
        SvgWriter svg = new SvgWriter(LEFT + W + RIGHT, TOP + H + BOTTOM,
                "privacy against utility per technique: strongest-attack membership AUC by " + axis.get().title());
        svg.rect(LEFT, TOP, W, H, "#fafafa", "privacy against utility");
        for (int i = 0; i <= 4; i++) {
            double xv = xr[0] + (xr[1] - xr[0]) * i / 4;
            double yv = yr[0] + (yr[1] - yr[0]) * i / 4;
            svg.line(x(xv, xr), TOP, x(xv, xr), TOP + H, "#ddd", false)
                    .text(x(xv, xr), TOP + H + 14, "middle", Numbers.format(round(xv)));
            svg.line(LEFT, y(yv, yr), LEFT + W, y(yv, yr), "#ddd", false)
                    .text(LEFT - 6, y(yv, yr) + 4, "end", Numbers.format(round(yv)));
        }
        svg.line(LEFT, y(0.5, yr), LEFT + W, y(0.5, yr), "#999", true);
        svg.text(LEFT + W / 2.0, TOP + H + 32, "middle", axis.get().title());
        svg.text(LEFT, TOP - 4, "start", "strongest-attack membership AUC");
        for (Point p : points) {
            double px = x(p.x(), xr);
            double py = y(p.y(), yr);
            String tooltip = p.row().label() + ": utility " + Numbers.format(p.x()) + ", AUC " + Numbers.format(p.y());
            marker(svg, p.row().kind(), px, py, tooltip);
            svg.text(px + 8, py - 6, "start", p.row().label());
        }
        legend(svg);
        return Optional.of(svg.end());
    }

    /** The utility of {@code model} on {@code axis}, if measured. */
    public static OptionalDouble utility(ModelReport model, Axis axis) {
        UtilityMetrics u = model.utility();
        if (u == null) {
            return OptionalDouble.empty();
        }
        if (axis == Axis.ROUGE_L) {
            return u.rougeL() == null ? OptionalDouble.empty() : OptionalDouble.of(u.rougeL().value());
        }
        return Double.isFinite(u.perplexity()) && u.perplexity() > 0 ? OptionalDouble.of(u.perplexity())
                : OptionalDouble.empty();
    }

    private static void marker(SvgWriter svg, CrossTechnique.Kind kind, double px, double py, String tooltip) {
        switch (kind) {
            case STUDENT -> svg.circle(px, py, 5, "#d95f02", tooltip);
            case REFERENCE -> svg.rect(px - 5, py - 5, 10, 10, "#1b9e77", tooltip);
            case TEACHER -> svg.polygon(List.of(new double[] {px, py - 7}, new double[] {px + 7, py},
                    new double[] {px, py + 7}, new double[] {px - 7, py}), "#7570b3", tooltip);
        }
    }

    private static void legend(SvgWriter svg) {
        double lx = LEFT + W + 16;
        marker(svg, CrossTechnique.Kind.STUDENT, lx, TOP + 10, "distilled student");
        svg.text(lx + 10, TOP + 14, "start", "KD student");
        marker(svg, CrossTechnique.Kind.REFERENCE, lx, TOP + 30, "no-KD reference");
        svg.text(lx + 10, TOP + 34, "start", "no-KD reference");
        marker(svg, CrossTechnique.Kind.TEACHER, lx, TOP + 50, "teacher");
        svg.text(lx + 10, TOP + 54, "start", "teacher");
    }

    /** [min, max] of {@code values} padded by a tenth of the span (or 0.05 if flat), kept in [floor, ceiling]. */
    private static double[] range(double[] values, double floor, double ceiling) {
        double min = java.util.Arrays.stream(values).min().orElse(floor);
        double max = java.util.Arrays.stream(values).max().orElse(Math.min(ceiling, floor + 1));
        double pad = max > min ? (max - min) / 10 : 0.05 * Math.max(1, Math.abs(max));
        return new double[] {Math.max(floor, min - pad), Math.min(ceiling, max + pad)};
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double x(double v, double[] range) {
        return LEFT + W * (v - range[0]) / (range[1] - range[0]);
    }

    private static double y(double v, double[] range) {
        return TOP + H * (1 - (v - range[0]) / (range[1] - range[0]));
    }
}
