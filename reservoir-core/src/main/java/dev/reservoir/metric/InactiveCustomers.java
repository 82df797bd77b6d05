package dev.reservoir.metric;

import dev.reservoir.time.AsOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The customer lists of a churn rule as of D (SPEC metric 4), by last activity L:
 * <ul>
 * <li>{@link Kind#SILENT} (沉寂, early warning): W ≤ D − L &lt; N, e.g. day 25 of 30;</li>
 * <li>{@link Kind#CHURNED} (流失): N ≤ D − L &lt; N + lookBackDays, that is customers who
 * reached the churn standard (on L + N) within the last {@code lookBackDays} days up to D, the
 * ones still worth winning back.</li>
 * </ul>
 * Each customer comes with the facts up to D: orders (distinct orders) and money (sum of purchase
 * amounts, refunds not subtracted). Sorted by money, highest first, then by customer id.
 *
 * @param lookBackDays only for {@link Kind#CHURNED}; ignored (and reported as 0) for silent
 */
public record InactiveCustomers(ChurnRule rule, Kind kind, int lookBackDays, AsOf asOf) {
    public enum Kind {
        SILENT("silent", "沉寂预警"),
        CHURNED("churned", "已流失");

        private final String wireName;
        private final String chinese;

        Kind(String wireName, String chinese) {
            this.wireName = wireName;
            this.chinese = chinese;
        }

        public String wireName() {
            return wireName;
        }

        public String label(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? chinese : wireName;
        }
    }

    public InactiveCustomers {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(asOf, "asOf");
        if (kind == Kind.SILENT) {
            lookBackDays = 0;
        } else if (lookBackDays < 1) {
            throw new IllegalArgumentException("the look-back of a churned list must be at least 1 day, was " + lookBackDays);
        }
    }

    /** The early-warning list. */
    public static InactiveCustomers silent(ChurnRule rule, AsOf asOf) {
        return new InactiveCustomers(rule, Kind.SILENT, 0, asOf);
    }

    /** Customers who reached the churn standard in the last {@code lookBackDays} days. */
    public static InactiveCustomers churned(ChurnRule rule, int lookBackDays, AsOf asOf) {
        return new InactiveCustomers(rule, Kind.CHURNED, lookBackDays, asOf);
    }

    /** The smallest and largest number of silent days D − L a customer on the list has. */
    public int minDaysSilent() {
        return kind == Kind.SILENT ? rule.warningDays() : rule.churnDays();
    }

    public int maxDaysSilent() {
        return kind == Kind.SILENT ? rule.churnDays() - 1 : rule.churnDays() + lookBackDays - 1;
    }

    /**
     * @param daysSilent D − L
     */
    public record Customer(String customerId, LocalDate lastActivity, long daysSilent, long orders, BigDecimal money) {
        public Customer {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(lastActivity, "lastActivity");
            Objects.requireNonNull(money, "money");
        }
    }

    public record Result(InactiveCustomers definition, List<Customer> customers) {
        public Result {
            Objects.requireNonNull(definition, "definition");
            customers = List.copyOf(customers);
        }
    }
}
