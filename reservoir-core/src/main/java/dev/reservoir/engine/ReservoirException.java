package dev.reservoir.engine;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one exception Reservoir throws on purpose: a stable {@link ErrorCode} and the values that
 * fill its text. {@link #getMessage()} is English; {@link #message(Locale)} gives Chinese too.
 */
public final class ReservoirException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final List<Object> args;

    public ReservoirException(ErrorCode code, Object... args) {
        this(null, code, args);
    }

    public ReservoirException(Throwable cause, ErrorCode code, Object... args) {
        super(code.format(Locale.ENGLISH, args), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.args = List.of(args);
    }

    public ErrorCode code() {
        return code;
    }

    /** The values that fill the text, in {@link ErrorCode}'s order. */
    public List<Object> args() {
        return args;
    }

    public String message(Locale locale) {
        return code.format(locale, args.toArray());
    }
}
