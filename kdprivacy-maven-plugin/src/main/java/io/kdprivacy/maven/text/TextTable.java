package io.kdprivacy.maven.text;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns padded to their widest cell, for build logs. */
public final class TextTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /**
     * Adds a row; null cells print as {@code -}.
     *
     * @throws IllegalArgumentException if the row has another number of cells than the header
     */
    public TextTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(cells.stream().map(c -> c == null ? "-" : c).toList());
        return this;
    }

    /** The header, a rule, and the rows, one string a line, without trailing spaces. */
    public List<String> lines() {
        int[] widths = new int[header.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(line(header, widths));
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        lines.add(line(rule, widths));
        rows.forEach(row -> lines.add(line(row, widths)));
        return lines;
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>(rows);
        all.add(header);
        return all;
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : "  ").append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
        }
        return line.toString().stripTrailing();
    }
}
