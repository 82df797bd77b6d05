package dev.reservoir.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * One updating line on stderr ({@code \r}-rewritten): what is being done and how far. Silent
 * unless enabled, so it never mixes into redirected output; stdout is never touched, so JSON
 * there stays clean. The line is erased when the work is done.
 */
final class Progress implements AutoCloseable {
    private final PrintWriter err;
    private final boolean enabled;
    private String shown = "";

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Shows {@code what} and the percentage; rewrites the line only when the text changes. */
    void show(String what, double fraction) {
        if (!enabled) {
            return;
        }
        long percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
        String line = String.format(Locale.ROOT, "%s %3d%%", what, percent);
        if (line.equals(shown)) {
            return;
        }
        int pad = Math.max(0, Table.width(shown) - Table.width(line));
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        shown = line;
    }

    @Override
    public void close() {
        if (enabled && !shown.isEmpty()) {
            err.print("\r" + " ".repeat(Table.width(shown)) + "\r");
            err.flush();
            shown = "";
        }
    }
}
