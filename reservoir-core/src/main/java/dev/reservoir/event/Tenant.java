package dev.reservoir.event;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.ReservoirException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One shop or merchant. All data is per tenant; days, weeks and months are taken in its zone.
 *
 * @param id       1-63 characters of {@code a-z 0-9 _ -}; also the tenant's folder name
 * @param timeZone the zone local dates are derived in (default {@code Asia/Shanghai})
 * @param currency the one currency of its amounts (default {@code CNY})
 * @param createdAt when it was created
 */
public record Tenant(String id, ZoneId timeZone, Currency currency, Instant createdAt) {
    public static final String DEFAULT_ID = "default";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final Currency DEFAULT_CURRENCY = Currency.getInstance("CNY");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public Tenant {
        checkId(id);
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ReservoirException(ErrorCode.INVALID_TENANT_ID, id);
        }
        return id;
    }

    /** Parses a zone id the way a user types it, with the error users understand. */
    public static ZoneId parseZone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new ReservoirException(ErrorCode.INVALID_TIME_ZONE, zone);
        }
    }

    public static Currency parseCurrency(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ReservoirException(ErrorCode.INVALID_CURRENCY, code);
        }
    }
}
