package dev.reservoir.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The shop's clock. Customers live in <em>operational time</em> τ, measured in "average
 * days": day d of the window lasts {@code factor(d)} units of τ, where the factor is the
 * weekly rhythm times the seasonal rhythm times any holiday bump (each averaging about 1), and
 * within a day τ advances with the profile's opening-hours curve. A purchase process with rate
 * λ per unit of τ therefore buys λ times a day on average, more on busy days and hours, and
 * never while the shop is closed; and since τ maps to clock time monotonically, the order of a
 * customer's events is the order of their τ.
 */
final class ShopCalendar {

    private final LocalDate start;
    private final int days;
    private final ZoneId zone;
    private final double[] factor;
    /** cum[d] = τ at the start of day d; cum[days] = τ at the end of the window. */
    private final double[] cum;
    private final boolean[] weekend;
    /** Epoch second of each local midnight, days + 1 of them. */
    private final long[] midnight;
    /** Whether the day's offset is the same all day (no DST change), so seconds simply add. */
    private final boolean[] steady;
    private final double[] weekdayCdf;
    private final double[] weekendCdf;

    ShopCalendar(GeneratorSpec spec, ProfileModel model) {
        this.start = spec.start();
        this.days = spec.days();
        this.zone = spec.zone();
        this.factor = new double[days];
        this.cum = new double[days + 1];
        this.weekend = new boolean[days];
        this.midnight = new long[days + 1];
        this.steady = new boolean[days];
        double weeklyMean = 0;
        for (double w : model.weekly) {
            weeklyMean += w / 7;
        }
        for (int d = 0; d <= days; d++) {
            LocalDate date = start.plusDays(d);
            midnight[d] = date.atStartOfDay(zone).toEpochSecond();
            if (d == days) {
                break;
            }
            DayOfWeek dow = date.getDayOfWeek();
            weekend[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
            double seasonal = 1 + model.seasonalAmplitude * Math.cos(
                    2 * Math.PI * model.seasonalHarmonic * (date.getDayOfYear() - model.seasonalPeakDay) / 365.25);
            double holiday = model.holidays.getOrDefault(MonthDay.from(date), 1.0);
            factor[d] = model.weekly[dow.getValue() - 1] / weeklyMean * seasonal * holiday;
            cum[d + 1] = cum[d] + factor[d];
        }
        for (int d = 0; d < days; d++) {
            steady[d] = midnight[d + 1] - midnight[d] == 86_400
                    && zone.getRules().getOffset(Instant.ofEpochSecond(midnight[d]))
                    .equals(zone.getRules().getOffset(Instant.ofEpochSecond(midnight[d + 1] - 1)));
        }
        this.weekdayCdf = cdf(model.weekdayHours);
        this.weekendCdf = cdf(model.weekendHours);
    }

    private static double[] cdf(double[] hourWeights) {
        double[] out = new double[25];
        for (int h = 0; h < 24; h++) {
            out[h + 1] = out[h] + hourWeights[h];
        }
        for (int h = 1; h <= 24; h++) {
            out[h] /= out[24];
        }
        return out;
    }

    int days() {
        return days;
    }

    LocalDate start() {
        return start;
    }

    long windowStart() {
        return midnight[0];
    }

    /** The first epoch second after the window. */
    long windowEnd() {
        return midnight[days];
    }

    double endTau() {
        return cum[days];
    }

    /**
     * τ of a point given in calendar days since the start (day d plus a fraction): the fraction
     * is read as a quantile of the day's opening hours, as everywhere else.
     */
    double tauOfCalendar(double calendarDays) {
        if (calendarDays >= days) {
            return cum[days] + (calendarDays - days);
        }
        int d = (int) calendarDays;
        return cum[d] + (calendarDays - d) * factor[d];
    }

    /** The inverse of {@link #tauOfCalendar}: calendar days since the start of the window at τ. */
    double calendarOfTau(double tau) {
        int d = dayOfTau(tau);
        if (d >= days) {
            return days + (tau - cum[days]);
        }
        return d + (tau - cum[d]) / factor[d];
    }

    /** The window day (0-based) that τ falls in; {@code days} when τ is past the end. */
    int dayOfTau(double tau) {
        if (tau >= cum[days]) {
            return days;
        }
        int lo = 0;
        int hi = days - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (cum[mid] <= tau) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The epoch second of τ, or {@link Long#MAX_VALUE} when τ is past the end of the window. */
    long epochOfTau(double tau) {
        int d = dayOfTau(tau);
        if (d >= days) {
            return Long.MAX_VALUE;
        }
        double frac = (tau - cum[d]) / factor[d];
        return epochAt(d, secondOfDay(d, frac));
    }

    /** τ at the start of day d. */
    double tauOfDay(int d) {
        return cum[Math.min(d, days)];
    }

    /** The second of the day at quantile {@code q} of day d's opening-hours curve. */
    int secondOfDay(int d, double q) {
        double[] c = weekend[d] ? weekendCdf : weekdayCdf;
        int h = 0;
        while (h < 23 && c[h + 1] <= q) {
            h++;
        }
        double width = c[h + 1] - c[h];
        int second = h * 3600 + (int) ((width <= 0 ? 0 : (q - c[h]) / width) * 3600);
        return Math.min(second, 86_399);
    }

    /** The epoch second of a local time on window day d. */
    long epochAt(int d, int secondOfDay) {
        if (steady[d]) {
            return midnight[d] + secondOfDay;
        }
        // A DST change that day: let java.time resolve the gap or overlap.
        return ZonedDateTime.of(start.plusDays(d), LocalTime.ofSecondOfDay(secondOfDay), zone).toEpochSecond();
    }

    /** The window day (0-based) of an epoch second inside the window. */
    int dayOfEpoch(long epochSecond) {
        int lo = 0;
        int hi = days - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (midnight[mid] <= epochSecond) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    LocalDate dateOfEpoch(long epochSecond) {
        return start.plusDays(dayOfEpoch(epochSecond));
    }
}
