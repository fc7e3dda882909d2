package io.roster.assignor.preview;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: each column as wide as its widest cell, numeric columns right-aligned. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    /** @param numeric for each column, whether it holds numbers */
    TextTable(String[] headers, boolean[] numeric) {
        rows.add(headers);
        rightAligned = numeric;
    }

    void addRow(String... cells) {
        rows.add(cells);
    }

    void appendTo(StringBuilder out) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String padding = " ".repeat(widths[c] - row[c].length());
                line.append(rightAligned[c] ? padding + row[c] : row[c] + padding).append("  ");
            }
            // No trailing blanks: the last column is ragged anyway.
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
