package dev.reservoir.metric;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.time.AsOf;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Annual customer retention (年度客户留存率, SPEC metric 7) of calendar year Y in the tenant's
 * zone: last year's customers (an order dated in Y − 1) who ordered again in Y ÷ last year's
 * customers. Y's customers split into new (first order ever in Y), retained (an order in
 * Y − 1 too) and reactivated (历史激活老客: an order before Y − 1, none in Y − 1).
 *
 * @param year Y; at most the as-of date's year
 */
public record AnnualRetention(int year, AsOf asOf) {
    public AnnualRetention {
        Objects.requireNonNull(asOf, "asOf");
        if (year > asOf.date().getYear() || year < 1) {
            throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "year",
                    Localizable.of("a year no later than the as-of date's (" + asOf.date().getYear() + ")",
                            "不晚于截至日期所在年份（" + asOf.date().getYear() + "）的年份"), year);
        }
    }

    /** The default: the as-of date's year. */
    public static AnnualRetention of(AsOf asOf) {
        return new AnnualRetention(asOf.date().getYear(), asOf);
    }

    public LocalDate yearStart() {
        return LocalDate.of(year, 1, 1);
    }

    public LocalDate lastYearStart() {
        return LocalDate.of(year - 1, 1, 1);
    }

    /** Year Y is complete when the as-of date is on or after its last day. */
    public boolean complete() {
        return !asOf.date().isBefore(LocalDate.of(year, 12, 31));
    }
}
