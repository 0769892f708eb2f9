package io.kdprivacy.maven.report;

import static io.kdprivacy.results.chart.Markup.escape;

import io.kdprivacy.maven.report.Document.Block;
import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Heading;
import io.kdprivacy.maven.report.Document.Paragraph;
import io.kdprivacy.maven.report.Document.Table;
import io.kdprivacy.results.chart.Markup;

/**
 * Renders a {@link Document} as one self-contained HTML page (inline CSS and SVG, nothing loaded from
 * elsewhere). The markup is also well-formed XML. Every piece of text is escaped.
 */
public final class HtmlRenderer {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1em}
            th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;font-variant-numeric:tabular-nums}
            th{background:#f0f0f0}
            table.form td{height:2.5em;min-width:10em}
            figure{margin:1em 0}
            figcaption{font-size:.9em;color:#555}
            """;

    private HtmlRenderer() {
    }

    /** The page. */
    public static String render(Document document) {
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape(document.title())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(document.title())).append("</h1>\n");
        document.blocks().forEach(block -> block(html, block));
        return html.append("</body>\n</html>\n").toString();
    }

    private static void block(StringBuilder html, Block block) {
        if (block instanceof Heading h) {
            html.append("<h").append(h.level()).append('>').append(escape(h.text())).append("</h").append(h.level())
                    .append(">\n");
        } else if (block instanceof Paragraph p) {
            html.append("<p>").append(escape(p.text())).append("</p>\n");
        } else if (block instanceof Table t) {
            table(html, t);
        } else if (block instanceof Figure f) {
            html.append("<figure>\n").append(f.svg()).append("\n<figcaption>").append(escape(f.caption()))
                    .append("</figcaption>\n</figure>\n");
        }
    }

    private static void table(StringBuilder html, Table table) {
        Markup.table(html, table.form() ? "form" : null, table.header(), table.rows());
    }
}
