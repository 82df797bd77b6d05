package dev.reservoir.bench;

import dev.reservoir.cli.Table;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on stderr, never on stdout (JSON there stays clean): one line per step with the time
 * since the start, always, since a benchmark runs for minutes and its log should say where the
 * time went; and, on a terminal or with {@code --progress}, a percentage line rewritten in place.
 */
final class Progress {
    private final PrintWriter err;
    private final boolean live;
    private final long started = System.nanoTime();
    private String shown = "";

    Progress(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    /** A line that stays: {@code [  12.3 s] parquet: baseline 1/3 ...}. */
    synchronized void step(String message) {
        erase();
        err.printf(Locale.ROOT, "[%7.1f s] %s%n", (System.nanoTime() - started) / 1e9, message);
        err.flush();
    }

    /** The rewritten line: {@code what} and the percentage. */
    synchronized void show(String what, double fraction) {
        if (!live) {
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

    private void erase() {
        if (!shown.isEmpty()) {
            err.print("\r" + " ".repeat(Table.width(shown)) + "\r");
            shown = "";
        }
    }
}
