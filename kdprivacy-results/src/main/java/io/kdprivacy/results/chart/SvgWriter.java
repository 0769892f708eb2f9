package io.kdprivacy.results.chart;

import java.util.List;
import java.util.Locale;

/** Writes a small SVG drawing; every text and attribute value is escaped, so the result is well-formed. */
public final class SvgWriter {

    private final StringBuilder svg = new StringBuilder();

    /** Starts a drawing of {@code width} × {@code height} pixels, described by {@code label} for screen readers. */
    public SvgWriter(int width, int height, String label) {
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(Markup.escape(label))
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
    }

    /** A filled rectangle with a tooltip. */
    public SvgWriter rect(double x, double y, double width, double height, String fill, String tooltip) {
        svg.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(width))
                .append("\" height=\"").append(n(height)).append("\" fill=\"").append(Markup.escape(fill))
                .append("\" stroke=\"#fff\"><title>").append(Markup.escape(tooltip)).append("</title></rect>");
        return this;
    }

    /** Text anchored at {@code anchor} ({@code start}, {@code middle} or {@code end}). */
    public SvgWriter text(double x, double y, String anchor, String text) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
                .append(Markup.escape(anchor)).append("\">").append(Markup.escape(text)).append("</text>");
        return this;
    }

    /** A straight line; dashed if {@code dashed}. */
    public SvgWriter line(double x1, double y1, double x2, double y2, String stroke, boolean dashed) {
        svg.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(Markup.escape(stroke))
                .append(dashed ? "\" stroke-dasharray=\"4 3\"/>" : "\"/>");
        return this;
    }

    /** A line through {@code points} (x, y pairs). */
    public SvgWriter polyline(List<double[]> points, String stroke, String tooltip) {
        svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(Markup.escape(stroke))
                .append("\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            svg.append(i == 0 ? "" : " ").append(n(points.get(i)[0])).append(',').append(n(points.get(i)[1]));
        }
        svg.append("\"><title>").append(Markup.escape(tooltip)).append("</title></polyline>");
        return this;
    }

    /** A filled circle with a tooltip. */
    public SvgWriter circle(double cx, double cy, double r, String fill, String tooltip) {
        svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(Markup.escape(fill)).append("\"><title>").append(Markup.escape(tooltip))
                .append("</title></circle>");
        return this;
    }

    /** A filled polygon through {@code points} (x, y pairs) with a tooltip. */
    public SvgWriter polygon(List<double[]> points, String fill, String tooltip) {
        svg.append("<polygon fill=\"").append(Markup.escape(fill)).append("\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            svg.append(i == 0 ? "" : " ").append(n(points.get(i)[0])).append(',').append(n(points.get(i)[1]));
        }
        svg.append("\"><title>").append(Markup.escape(tooltip)).append("</title></polygon>");
        return this;
    }

    /** The finished {@code <svg>} element. */
    public String end() {
        return svg + "</svg>";
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
