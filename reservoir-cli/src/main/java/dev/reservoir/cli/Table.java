package dev.reservoir.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligned text columns. Widths are terminal columns, not characters: a Chinese character
 * takes two, so Chinese labels line up with the numbers beside them.
 */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;
    private final String indent;

    /**
     * @param indent       put before every line
     * @param rightAligned which columns are numbers (aligned right); its length is the column count
     */
    public Table(String indent, boolean... rightAligned) {
        this.indent = indent;
        this.rightAligned = rightAligned.clone();
    }

    /** A table whose first column is text and the others numbers. */
    static Table numeric(String indent, int columns) {
        boolean[] right = new boolean[columns];
        Arrays.fill(right, 1, columns, true);
        return new Table(indent, right);
    }

    public Table row(String... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("expected " + rightAligned.length + " cells, was " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], width(row[i]));
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(widths[i] - width(row[i]));
                if (i > 0) {
                    line.append("  ");
                }
                line.append(rightAligned[i] ? pad + row[i] : row[i] + pad);
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    /** Terminal columns of {@code s}: two for East Asian wide and full-width characters. */
    public static int width(String s) {
        return s.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
    }

    private static boolean wide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F
                || cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F
                || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF
                || cp >= 0xFE30 && cp <= 0xFE4F
                || cp >= 0xFF00 && cp <= 0xFF60
                || cp >= 0xFFE0 && cp <= 0xFFE6
                || cp >= 0x20000 && cp <= 0x3FFFD;
    }
}
