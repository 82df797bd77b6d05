package dev.reservoir.segment;

import dev.reservoir.metric.Rates;
import dev.reservoir.time.AsOf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFM as of D over the look-back window [D − L + 1, D] (SPEC § Segments and Conventions).
 *
 * <p>For a customer with at least one order in the window: R = D − date of the last order in the
 * window (0 when it is D), F = distinct orders in the window, M = the sum of their amounts.
 * Customers without an order in the window are not scored; those with refunds but no order in it
 * (refund-only) are counted beside the result, since a refund is not an order and M does not
 * subtract refunds.
 *
 * <p>Quintile scores: customers are sorted from worst to best on each dimension (R descending,
 * F and M ascending) and ties are ranked by customer id, the smaller id (text order) first, so
 * it gets the lower rank; the customer at 0-based position i of n gets score 1 + ⌊5i / n⌋. Every
 * score then holds ⌊n/5⌋ or ⌈n/5⌉ customers, however many ties there are.
 */
public record Rfm(AsOf asOf, int lookBackDays, RfmScoring scoring) {
    public Rfm {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(scoring, "scoring");
        if (lookBackDays < 1) {
            throw new IllegalArgumentException("the look-back must be at least 1 day, was " + lookBackDays);
        }
    }

    /** One scored customer. Scores are 1-5 for quintiles, 1 (low) or 2 (high) otherwise. */
    public record Customer(String customerId, long recency, long frequency, BigDecimal money,
                           int r, int f, int m, RfmClass rfmClass) {
        public Customer {
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(money, "money");
            Objects.requireNonNull(rfmClass, "rfmClass");
        }
    }

    /**
     * A threshold of the mean or median split, kept as a fraction so that comparisons are exact
     * (the mean of F over 3 customers is not a finite decimal).
     */
    public record Threshold(BigDecimal numerator, long denominator) {
        public Threshold {
            Objects.requireNonNull(numerator, "numerator");
            if (denominator < 1) {
                throw new IllegalArgumentException("denominator " + denominator);
            }
        }

        /** The sign of value − threshold, computed without division. */
        int compare(BigDecimal value) {
            return value.multiply(BigDecimal.valueOf(denominator)).compareTo(numerator);
        }

        /** The threshold rounded to 4 decimals, for display. */
        public BigDecimal value() {
            BigDecimal v = numerator.divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_EVEN).stripTrailingZeros();
            return v.scale() < 0 ? v.setScale(0) : v;
        }
    }

    /**
     * One class's size and value. Averages are {@code null} for an empty class; shares are
     * {@code null} when nobody was scored (SPEC: undefined, never 0).
     */
    public record ClassSummary(RfmClass rfmClass, long customers, Double customerShare, BigDecimal money,
                               Double moneyShare, Double averageRecency, Double averageFrequency, BigDecimal averageMoney) {
        public ClassSummary {
            Objects.requireNonNull(rfmClass, "rfmClass");
            Objects.requireNonNull(money, "money");
        }
    }

    /**
     * Customers by two scores: {@code counts.get(a - 1).get(b - 1)} holds those with first score a
     * and second score b (R×F: a = R score, b = F score); {@code money} the same for M.
     */
    public record Grid(String rows, String columns, List<List<Long>> counts, List<List<BigDecimal>> money) {
        public Grid {
            counts = counts.stream().map(List::copyOf).toList();
            money = money.stream().map(List::copyOf).toList();
        }
    }

    /**
     * @param customers      the scored customers, by customer id
     * @param refundOnly     customers with refunds but no order in the window (not scored)
     * @param recency        the split threshold of R ({@code null} for quintiles)
     * @param scoreCounts    customers per score 1..maxScore, for R, F and M
     */
    public record Result(Rfm definition, List<Customer> customers, long refundOnly,
                         Threshold recency, Threshold frequency, Threshold money,
                         List<ClassSummary> classes, Map<Dimension, List<Long>> scoreCounts, Grid rf, Grid rm) {
        public Result {
            Objects.requireNonNull(definition, "definition");
            customers = List.copyOf(customers);
            classes = List.copyOf(classes);
            scoreCounts = Map.copyOf(scoreCounts);
        }

        public ClassSummary summary(RfmClass c) {
            return classes.get(c.ordinal());
        }

        public BigDecimal totalMoney() {
            return customers.stream().map(Customer::money).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    public enum Dimension { R, F, M }

    /** The first day of the window, D − L + 1. */
    public java.time.LocalDate windowStart() {
        return asOf.date().minusDays(lookBackDays - 1L);
    }

    /**
     * Scores the customers of {@code facts}, which must have been computed for this as-of date
     * and look-back (their window fields are read as they are).
     */
    public Result score(List<SegmentFacts> facts) {
        List<SegmentFacts> scored = new ArrayList<>();
        long refundOnly = 0;
        for (SegmentFacts f : facts) {
            if (f.windowOrders() > 0) {
                scored.add(f);
            } else if (f.refundOnly()) {
                refundOnly++;
            }
        }
        // Customer-id order first: it is the tie order of the quintiles and the order of the result.
        // (One pass when the facts come sorted by id already, as SegmentSnapshot passes them.)
        scored.sort(Comparator.comparing(SegmentFacts::customerId));
        int n = scored.size();
        String[] ids = new String[n];
        long[] rec = new long[n];
        long[] freq = new long[n];
        BigDecimal[] mon = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            SegmentFacts f = scored.get(i);
            ids[i] = f.customerId();
            rec[i] = asOf.date().toEpochDay() - f.windowLastOrder().toEpochDay();
            freq[i] = f.windowOrders();
            mon[i] = f.windowMoney();
            if (rec[i] < 0 || rec[i] >= lookBackDays) {
                throw new IllegalArgumentException(ids[i] + ": last order in the window " + f.windowLastOrder()
                        + " is outside [" + windowStart() + ", " + asOf.date() + "]");
            }
        }
        Units units = Units.of(mon);
        int[] r = new int[n];
        int[] fs = new int[n];
        int[] ms = new int[n];
        Threshold tr = null;
        Threshold tf = null;
        Threshold tm = null;
        if (scoring instanceof RfmScoring.Quintiles) {
            // worst first: long ago, few orders, little money; ties by customer id
            // worst first: long ago, few orders, little money; ties by customer id (= index i here)
            long[] worstR = new long[n];
            for (int i = 0; i < n; i++) {
                worstR[i] = lookBackDays - rec[i];
            }
            quintiles(worstR, r);
            quintiles(freq, fs);
            quintiles(denseRanks(mon, units), ms);
        } else if (scoring instanceof RfmScoring.Split split) {
            BigDecimal[] recD = Arrays.stream(rec).mapToObj(BigDecimal::valueOf).toArray(BigDecimal[]::new);
            BigDecimal[] freqD = Arrays.stream(freq).mapToObj(BigDecimal::valueOf).toArray(BigDecimal[]::new);
            tr = threshold(split.center(), recD);
            tf = threshold(split.center(), freqD);
            tm = threshold(split.center(), mon);
            for (int i = 0; i < n; i++) {
                r[i] = tr.compare(recD[i]) < 0 ? 2 : 1;
                fs[i] = tf.compare(freqD[i]) > 0 ? 2 : 1;
                ms[i] = tm.compare(mon[i]) > 0 ? 2 : 1;
            }
        } else {
            RfmScoring.Cuts cuts = (RfmScoring.Cuts) scoring;
            tr = new Threshold(BigDecimal.valueOf(cuts.recencyDays()), 1);
            tf = new Threshold(BigDecimal.valueOf(cuts.frequency()), 1);
            tm = new Threshold(cuts.money(), 1);
            for (int i = 0; i < n; i++) {
                r[i] = rec[i] <= cuts.recencyDays() ? 2 : 1;
                fs[i] = freq[i] >= cuts.frequency() ? 2 : 1;
                ms[i] = mon[i].compareTo(cuts.money()) >= 0 ? 2 : 1;
            }
        }
        int max = scoring.maxScore();
        // quintiles: high is 4-5; two-level scores: high is 2
        int high = max == 5 ? 4 : 2;
        List<Customer> customers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            customers.add(new Customer(ids[i], rec[i], freq[i], mon[i], r[i], fs[i], ms[i],
                    RfmClass.of(r[i] >= high, fs[i] >= high, ms[i] >= high)));
        }
        return new Result(this, customers, refundOnly, tr, tf, tm, summaries(customers, units), scoreCounts(customers, max),
                grid("R", "F", customers, max, true, units), grid("R", "M", customers, max, false, units));
    }

    /**
     * Scores 1 + ⌊5·pos / n⌋ by position in the order (value ascending, then index): values and
     * indices (the customer-id rank) are packed into one long each, value · n + i, so one primitive
     * sort does it. Values are non-negative and below n or the look-back (dense ranks, days,
     * order counts), so the product fits a long for any realistic n.
     */
    private static void quintiles(long[] values, int[] scores) {
        int n = values.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = Math.addExact(Math.multiplyExact(values[i], (long) n), i);
        }
        Arrays.parallelSort(keys); // distinct keys: the same order on any number of threads
        for (int pos = 0; pos < n; pos++) {
            scores[(int) (keys[pos] % n)] = 1 + (int) (5L * pos / n);
        }
    }

    /**
     * The dense rank (0 = smallest) of each amount, so amounts sort as longs. Amounts are compared
     * as whole numbers of their smallest unit (the largest scale among them) when every one fits
     * a long, which a primitive sort orders many times faster than BigDecimals; else as BigDecimals.
     */
    private static long[] denseRanks(BigDecimal[] values, Units exact) {
        long[] ranks = new long[values.length];
        if (exact != null) {
            long[] units = exact.values();
            long[] sorted = units.clone();
            Arrays.parallelSort(sorted);
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[distinct - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            for (int i = 0; i < values.length; i++) {
                ranks[i] = Arrays.binarySearch(sorted, 0, distinct, units[i]);
            }
            return ranks;
        }
        BigDecimal[] sorted = values.clone();
        Arrays.sort(sorted);
        List<BigDecimal> distinct = new ArrayList<>();
        for (BigDecimal v : sorted) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).compareTo(v) != 0) {
                distinct.add(v);
            }
        }
        BigDecimal[] d = distinct.toArray(BigDecimal[]::new);
        for (int i = 0; i < values.length; i++) {
            ranks[i] = Arrays.binarySearch(d, values[i], BigDecimal::compareTo);
        }
        return ranks;
    }

    /**
     * Amounts as whole numbers of their smallest unit: each amount × 10^scale, scale the largest
     * among them (exact, order-keeping; equal amounts of different scales become equal longs).
     * {@link #of} gives {@code null} when one does not fit, or when a sum of all of them might not:
     * then the BigDecimals are used as they are. Sums come back as BigDecimals of that scale,
     * equal in value and scale to the BigDecimal sums (a sum's scale is its terms' largest).
     */
    private record Units(long[] values, int scale, BigDecimal[] amounts) {
        static Units of(BigDecimal[] amounts) {
            int scale = 0;
            for (BigDecimal v : amounts) {
                scale = Math.max(scale, v.scale());
            }
            if (scale > 18) {
                return null;
            }
            long[] out = new long[amounts.length];
            long limit = Long.MAX_VALUE / Math.max(1, amounts.length);
            for (int i = 0; i < amounts.length; i++) {
                java.math.BigInteger u = amounts[i].setScale(scale).unscaledValue();
                if (u.bitLength() > 62 || Math.abs(u.longValue()) > limit) {
                    return null;
                }
                out[i] = u.longValue();
            }
            return new Units(out, scale, amounts);
        }

        /**
         * The sum of {@code units}, at {@code termScale}: the largest scale among its terms (0 for
         * none), the scale BigDecimal.ZERO.add(...) of them has.
         */
        BigDecimal sum(long units, int termScale) {
            return BigDecimal.valueOf(units, scale).setScale(termScale, RoundingMode.UNNECESSARY);
        }

        int scaleOf(int i) {
            return amounts[i].scale();
        }
    }

    private static Threshold threshold(RfmScoring.Split.Center center, BigDecimal[] values) {
        int n = values.length;
        if (n == 0) {
            return new Threshold(BigDecimal.ZERO, 1);
        }
        if (center == RfmScoring.Split.Center.MEAN) {
            return new Threshold(Arrays.stream(values).reduce(BigDecimal.ZERO, BigDecimal::add), n);
        }
        BigDecimal[] sorted = values.clone();
        Arrays.sort(sorted);
        return n % 2 == 1 ? new Threshold(sorted[n / 2], 1) : new Threshold(sorted[n / 2 - 1].add(sorted[n / 2]), 2);
    }

    private static List<ClassSummary> summaries(List<Customer> customers, Units units) {
        int k = RfmClass.values().length;
        long[] size = new long[k];
        long[] recency = new long[k];
        long[] frequency = new long[k];
        long[] unitSums = new long[k];
        int[] scales = new int[k];
        int totalScale = 0;
        BigDecimal[] money = new BigDecimal[k];
        Arrays.fill(money, BigDecimal.ZERO);
        long totalUnits = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < customers.size(); i++) {
            Customer c = customers.get(i);
            int at = c.rfmClass().ordinal();
            size[at]++;
            recency[at] += c.recency();
            frequency[at] += c.frequency();
            if (units != null) {
                unitSums[at] += units.values()[i];
                totalUnits += units.values()[i];
                scales[at] = Math.max(scales[at], units.scaleOf(i));
                totalScale = Math.max(totalScale, units.scaleOf(i));
            } else {
                money[at] = money[at].add(c.money());
                total = total.add(c.money());
            }
        }
        if (units != null) {
            for (int at = 0; at < k; at++) {
                money[at] = units.sum(unitSums[at], scales[at]);
            }
            total = units.sum(totalUnits, totalScale);
        }
        List<ClassSummary> out = new ArrayList<>();
        for (RfmClass cls : RfmClass.values()) {
            int at = cls.ordinal();
            long n = size[at];
            out.add(new ClassSummary(cls, n, Rates.rate(n, customers.size()), money[at],
                    total.signum() == 0 ? null : money[at].divide(total, 10, RoundingMode.HALF_EVEN).doubleValue(),
                    n == 0 ? null : (double) recency[at] / n,
                    n == 0 ? null : (double) frequency[at] / n,
                    n == 0 ? null : money[at].divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_EVEN)));
        }
        return out;
    }

    private static Map<Dimension, List<Long>> scoreCounts(List<Customer> customers, int max) {
        Map<Dimension, List<Long>> out = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) {
            long[] counts = new long[max];
            for (Customer c : customers) {
                counts[(d == Dimension.R ? c.r() : d == Dimension.F ? c.f() : c.m()) - 1]++;
            }
            out.put(d, Arrays.stream(counts).boxed().toList());
        }
        return out;
    }

    private static Grid grid(String rows, String columns, List<Customer> customers, int max, boolean byFrequency,
                             Units units) {
        long[][] counts = new long[max][max];
        long[][] unitSums = new long[max][max];
        int[][] scales = new int[max][max];
        BigDecimal[][] money = new BigDecimal[max][max];
        for (BigDecimal[] row : money) {
            Arrays.fill(row, BigDecimal.ZERO);
        }
        for (int i = 0; i < customers.size(); i++) {
            Customer c = customers.get(i);
            int col = (byFrequency ? c.f() : c.m()) - 1;
            counts[c.r() - 1][col]++;
            if (units != null) {
                unitSums[c.r() - 1][col] += units.values()[i];
                scales[c.r() - 1][col] = Math.max(scales[c.r() - 1][col], units.scaleOf(i));
            } else {
                money[c.r() - 1][col] = money[c.r() - 1][col].add(c.money());
            }
        }
        List<List<Long>> countRows = new ArrayList<>();
        List<List<BigDecimal>> moneyRows = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            if (units != null) {
                for (int j = 0; j < max; j++) {
                    money[i][j] = units.sum(unitSums[i][j], scales[i][j]);
                }
            }
            countRows.add(Arrays.stream(counts[i]).boxed().toList());
            moneyRows.add(List.of(money[i]));
        }
        return new Grid(rows, columns, countRows, moneyRows);
    }
}
