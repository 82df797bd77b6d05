package dev.reservoir.ingest;

import dev.reservoir.engine.ErrorCode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One rejected row: where it was, which column and value, and why.
 *
 * @param file   the file's name as given
 * @param line   1-based line number in the file (the header is line 1 of a CSV file)
 * @param column the source column at fault, or {@code null} when the whole row is at fault
 * @param value  the value found, as text, or {@code null}
 * @param code   why
 * @param args   the message arguments after file and line, in {@link ErrorCode}'s order
 */
public record Rejection(String file, long line, String column, String value, ErrorCode code, List<Object> args) {
    public Rejection {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
    }

    public String message(Locale locale) {
        Object[] all = new Object[args.size() + 2];
        all[0] = file;
        all[1] = line;
        for (int i = 0; i < args.size(); i++) {
            all[i + 2] = args.get(i);
        }
        return code.format(locale, all);
    }

    @Override
    public String toString() {
        return message(Locale.ENGLISH);
    }
}
