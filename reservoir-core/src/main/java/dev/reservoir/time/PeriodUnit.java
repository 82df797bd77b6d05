package dev.reservoir.time;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * Calendar periods in a tenant's zone: days, ISO weeks (Monday first), months, quarters and
 * years. Dates passed in are already local dates of the tenant.
 */
public enum PeriodUnit {
    DAY("day", "日") {
        @Override
        public LocalDate start(LocalDate date) {
            return date;
        }

        @Override
        public LocalDate plus(LocalDate start, long n) {
            return start.plusDays(n);
        }
    },
    WEEK("week", "周") {
        @Override
        public LocalDate start(LocalDate date) {
            return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }

        @Override
        public LocalDate plus(LocalDate start, long n) {
            return start.plusWeeks(n);
        }
    },
    MONTH("month", "月") {
        @Override
        public LocalDate start(LocalDate date) {
            return date.withDayOfMonth(1);
        }

        @Override
        public LocalDate plus(LocalDate start, long n) {
            return start.plusMonths(n);
        }
    },
    QUARTER("quarter", "季度") {
        @Override
        public LocalDate start(LocalDate date) {
            return LocalDate.of(date.getYear(), (date.getMonthValue() - 1) / 3 * 3 + 1, 1);
        }

        @Override
        public LocalDate plus(LocalDate start, long n) {
            return start.plusMonths(3 * n);
        }
    },
    YEAR("year", "年") {
        @Override
        public LocalDate start(LocalDate date) {
            return date.withDayOfYear(1);
        }

        @Override
        public LocalDate plus(LocalDate start, long n) {
            return start.plusYears(n);
        }
    };

    private final String wireName;
    private final String chinese;

    PeriodUnit(String wireName, String chinese) {
        this.wireName = wireName;
        this.chinese = chinese;
    }

    /** The first day of the period that holds {@code date}. */
    public abstract LocalDate start(LocalDate date);

    /** The start of the period {@code n} periods after the one starting at {@code start}. */
    public abstract LocalDate plus(LocalDate start, long n);

    /** The period that holds {@code date}, marked incomplete when it ends after {@code asOf}. */
    public Period periodOf(LocalDate date, LocalDate asOf) {
        LocalDate start = start(date);
        LocalDate end = plus(start, 1).minusDays(1);
        return new Period(this, start, end, !end.isAfter(asOf));
    }

    public String wireName() {
        return wireName;
    }

    public String label(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : wireName;
    }

    public static java.util.Optional<PeriodUnit> fromWireName(String name) {
        return java.util.Arrays.stream(values()).filter(u -> u.wireName.equals(name)).findFirst();
    }
}
