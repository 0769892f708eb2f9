package io.kdprivacy.maven.report;

import io.kdprivacy.maven.report.Document.Block;
import io.kdprivacy.maven.report.Document.Figure;
import io.kdprivacy.maven.report.Document.Heading;
import io.kdprivacy.maven.report.Document.Paragraph;
import io.kdprivacy.maven.report.Document.Table;
import java.util.List;

/**
 * Renders a {@link Document} as GitHub-flavoured Markdown. Figures appear as their text fallback.
 * Markdown and HTML syntax in text is escaped, so text can never become markup.
 */
public final class MarkdownRenderer {

    private MarkdownRenderer() {
    }

    /** The Markdown text. */
    public static String render(Document document) {
        StringBuilder md = new StringBuilder("# ").append(escape(document.title())).append("\n\n");
        document.blocks().forEach(block -> block(md, block));
        return md.toString();
    }

    private static void block(StringBuilder md, Block block) {
        if (block instanceof Heading h) {
            md.append("#".repeat(h.level())).append(' ').append(escape(h.text())).append("\n\n");
        } else if (block instanceof Paragraph p) {
            md.append(escape(p.text())).append("\n\n");
        } else if (block instanceof Table t) {
            table(md, t);
        } else if (block instanceof Figure f) {
            md.append('*').append(escape(f.caption())).append("*\n\n");
            block(md, f.fallback());
        }
    }

    private static void table(StringBuilder md, Table table) {
        row(md, table.header());
        row(md, table.header().stream().map(h -> "---").toList());
        table.rows().forEach(row -> row(md, row));
        md.append('\n');
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(c -> md.append(' ').append(escape(c)).append(" |"));
        md.append('\n');
    }

    /** {@code text} with Markdown and HTML syntax escaped and line breaks turned into spaces. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*_[]<>|~".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '&') {
                out.append("&amp;");
            } else {
                out.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return out.toString();
    }
}
