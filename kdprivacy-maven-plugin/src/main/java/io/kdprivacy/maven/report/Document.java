package io.kdprivacy.maven.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks that both the HTML and the Markdown renderer understand, so the two
 * formats always carry the same content. Text is plain: renderers escape it.
 *
 * @param title  the document title
 * @param blocks the content, in order
 */
public record Document(String title, List<Block> blocks) {

    public Document {
        blocks = List.copyOf(blocks);
    }

    /** One piece of content. */
    public sealed interface Block permits Heading, Paragraph, Table, Figure {
    }

    /** A section heading, level 2 or deeper (the title is level 1). */
    public record Heading(int level, String text) implements Block {
    }

    /** A paragraph of plain text. */
    public record Paragraph(String text) implements Block {
    }

    /**
     * A table of plain-text cells.
     *
     * @param header column names
     * @param rows   rows with as many cells as the header
     * @param form   true for a form to fill in by hand (rendered with tall empty cells)
     */
    public record Table(List<String> header, List<List<String>> rows, boolean form) implements Block {

        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, header "
                            + header.size());
                }
            }
        }

        /** A table of data. */
        public Table(List<String> header, List<List<String>> rows) {
            this(header, rows, false);
        }
    }

    /**
     * A drawing, with what text-only formats show instead.
     *
     * @param caption  what it shows
     * @param svg      a complete, well-formed {@code <svg>} element
     * @param fallback the same information without graphics
     */
    public record Figure(String caption, String svg, Block fallback) implements Block {
    }

    /** Collects blocks in order. */
    public static final class Builder {

        private final List<Block> blocks = new ArrayList<>();

        public Builder heading(int level, String text) {
            blocks.add(new Heading(level, text));
            return this;
        }

        public Builder paragraph(String text) {
            blocks.add(new Paragraph(text));
            return this;
        }

        public Builder add(Block block) {
            blocks.add(block);
            return this;
        }

        public Document build(String title) {
            return new Document(title, blocks);
        }
    }
}
