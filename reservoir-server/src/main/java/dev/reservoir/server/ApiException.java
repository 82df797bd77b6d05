package dev.reservoir.server;

import dev.reservoir.engine.ReservoirException;

import java.util.List;
import java.util.Locale;

/** An error answered in the one documented shape: {@code {"error": {"status", "code", "message"}}}. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ApiError error;
    private final transient List<Object> args;

    ApiException(ApiError error, Object... args) {
        super(error.name());
        this.error = error;
        this.args = List.of(args);
    }

    ApiError error() {
        return error;
    }

    String message(Locale locale) {
        return error.message(locale, args.toArray());
    }

    /** The HTTP status of an engine error: not found, conflict, server fault, else bad request. */
    static int statusOf(ReservoirException e) {
        return statusOf(e.code().name());
    }

    static int statusOf(String code) {
        return switch (code) {
            case "TENANT_NOT_FOUND", "FILE_NOT_FOUND", "CUSTOMER_NOT_FOUND" -> 404;
            case "TENANT_EXISTS", "DATA_DIRECTORY_LOCKED", "DATA_DIRECTORY_SERVED" -> 409;
            case "STORE_FAILURE", "INSUFFICIENT_DISK", "FILE_NOT_WRITABLE" -> 500;
            case "UNSUPPORTED_METRIC" -> 501;
            default -> 400;
        };
    }
}
