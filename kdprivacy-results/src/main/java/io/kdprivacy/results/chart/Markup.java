package io.kdprivacy.results.chart;

import java.util.List;

/** Escaped HTML and XML: text, attribute values and plain tables. */
public final class Markup {

    private Markup() {
    }

    /** {@code text} safe inside HTML and XML text and attribute values; null becomes empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * Appends a {@code <table>} (with {@code class="cssClass"} unless that is null) of a header row and
     * {@code rows}, one line a row, every cell escaped.
     */
    public static StringBuilder table(StringBuilder html, String cssClass, List<String> header,
                                      List<List<String>> rows) {
        html.append(cssClass == null ? "<table>\n" : "<table class=\"" + escape(cssClass) + "\">\n");
        row(html, "th", header);
        rows.forEach(row -> row(html, "td", row));
        return html.append("</table>\n");
    }

    private static void row(StringBuilder html, String cell, List<String> cells) {
        html.append("<tr>");
        cells.forEach(c -> html.append('<').append(cell).append('>').append(escape(c)).append("</").append(cell).append('>'));
        html.append("</tr>\n");
    }
}
