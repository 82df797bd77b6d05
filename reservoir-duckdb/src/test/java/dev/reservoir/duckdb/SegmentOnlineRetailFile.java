package dev.reservoir.duckdb;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * RFM classes, quintile scores and lifecycle stages computed again straight from the raw Online
 * Retail lines (split by {@link OnlineRetailFile#split}), sharing no code with the engine or with
 * reservoir-core's segment package: plain maps, sorting and arithmetic written from the words of
 * docs/segments.md.
 *
 * <p>A purchase line: InvoiceNo not starting with 'C', Quantity not negative, a customer id.
 * Refund lines: the others with a customer id. An order is an invoice; its date the earliest date
 * of its purchase lines (UK wall-clock dates, as written); its amount the sum of Quantity x
 * UnitPrice of those lines.
 */
final class SegmentOnlineRetailFile {
    /** Per customer: the dates and amounts of their orders up to D. */
    final Map<String, Map<String, LocalDate>> orderDates = new HashMap<>();
    final Map<String, Map<String, BigDecimal>> orderAmounts = new HashMap<>();
    /** Customers with a refund line in the window. */
    final Set<String> refundedInWindow = new HashSet<>();
    /** Every customer with a line up to D. */
    final Set<String> customers = new TreeSet<>();
    /** Each customer's last line date up to D. */
    final Map<String, LocalDate> lastLine = new HashMap<>();

    private final LocalDate d;
    private final LocalDate windowStart;

    SegmentOnlineRetailFile(List<String> lines, LocalDate d, int lookBack) {
        this.d = d;
        this.windowStart = d.minusDays(lookBack - 1L);
        int number = 1;
        for (String line : lines) {
            number++;
            List<String> f = OnlineRetailFile.split(line, number);
            String customer = OnlineRetailFile.customerId(f.get(OnlineRetailFile.CUSTOMER_ID));
            LocalDate date = LocalDateTime.parse(f.get(OnlineRetailFile.INVOICE_DATE), OnlineRetailFile.FILE_TIME)
                    .toLocalDate();
            if (customer == null || date.isAfter(d)) {
                continue;
            }
            customers.add(customer);
            lastLine.merge(customer, date, (a, b) -> a.isAfter(b) ? a : b);
            String invoice = f.get(OnlineRetailFile.INVOICE_NO);
            int quantity = Integer.parseInt(f.get(OnlineRetailFile.QUANTITY));
            if (invoice.startsWith("C") || quantity < 0) {
                if (!date.isBefore(windowStart)) {
                    refundedInWindow.add(customer);
                }
                continue;
            }
            orderDates.computeIfAbsent(customer, c -> new HashMap<>()).merge(invoice, date, (a, b) -> a.isBefore(b) ? a : b);
            orderAmounts.computeIfAbsent(customer, c -> new HashMap<>()).merge(invoice,
                    new BigDecimal(f.get(OnlineRetailFile.UNIT_PRICE)).multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
        }
    }

    /** R, F, M of each customer with an order in the window. */
    record Rfm(String id, long r, long f, BigDecimal m) {
    }

    List<Rfm> rfm() {
        List<Rfm> out = new ArrayList<>();
        for (String c : new TreeSet<>(orderDates.keySet())) {
            long f = 0;
            BigDecimal m = BigDecimal.ZERO;
            LocalDate last = null;
            for (Map.Entry<String, LocalDate> o : orderDates.get(c).entrySet()) {
                if (o.getValue().isBefore(windowStart)) {
                    continue;
                }
                f++;
                m = m.add(orderAmounts.get(c).get(o.getKey()));
                last = last == null || o.getValue().isAfter(last) ? o.getValue() : last;
            }
            if (f > 0) {
                out.add(new Rfm(c, ChronoUnit.DAYS.between(last, d), f, m));
            }
        }
        return out;
    }

    long refundOnly() {
        Set<String> scored = new HashSet<>();
        rfm().forEach(x -> scored.add(x.id()));
        return refundedInWindow.stream().filter(c -> !scored.contains(c)).count();
    }

    /** Class name by the median split: {@code "R1F0M1"} style keys, 1 = high. */
    Map<String, Long> medianClasses() {
        Map<String, Long> out = new TreeMap<>();
        medianClassOf().values().forEach(k -> out.merge(k, 1L, Long::sum));
        return out;
    }

    /** Each scored customer's median-split key. */
    Map<String, String> medianClassOf() {
        List<Rfm> all = rfm();
        double rMed = median(all.stream().map(x -> BigDecimal.valueOf(x.r())).toList());
        double fMed = median(all.stream().map(x -> BigDecimal.valueOf(x.f())).toList());
        BigDecimal mMed = medianExact(all.stream().map(Rfm::m).toList());
        Map<String, String> out = new TreeMap<>();
        for (Rfm x : all) {
            out.put(x.id(), "R" + (x.r() < rMed ? 1 : 0) + "F" + (x.f() > fMed ? 1 : 0)
                    + "M" + (x.m().compareTo(mMed) > 0 ? 1 : 0));
        }
        return out;
    }

    private static double median(List<BigDecimal> values) {
        return medianExact(values).doubleValue();
    }

    private static BigDecimal medianExact(List<BigDecimal> values) {
        List<BigDecimal> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : s.get(n / 2 - 1).add(s.get(n / 2)).divide(BigDecimal.valueOf(2));
    }

    /**
     * Quintile R x F grid: {@code grid[r-1][f-1]}. Ranks: R from the largest R, F from the
     * smallest, equal values in customer-id order; the k-th of n (from 0) gets 1 + 5k / n.
     */
    long[][] quintileGrid(boolean money) {
        List<Rfm> all = rfm();
        int n = all.size();
        Map<String, Integer> rScore = new HashMap<>();
        Map<String, Integer> yScore = new HashMap<>();
        List<Rfm> byR = new ArrayList<>(all);
        byR.sort((a, b) -> a.r() != b.r() ? Long.compare(b.r(), a.r()) : a.id().compareTo(b.id()));
        List<Rfm> byY = new ArrayList<>(all);
        byY.sort((a, b) -> {
            int c = money ? a.m().compareTo(b.m()) : Long.compare(a.f(), b.f());
            return c != 0 ? c : a.id().compareTo(b.id());
        });
        for (int k = 0; k < n; k++) {
            rScore.put(byR.get(k).id(), 1 + (int) (5L * k / n));
            yScore.put(byY.get(k).id(), 1 + (int) (5L * k / n));
        }
        long[][] grid = new long[5][5];
        for (Rfm x : all) {
            grid[rScore.get(x.id()) - 1][yScore.get(x.id()) - 1]++;
        }
        return grid;
    }

    /**
     * Lifecycle stage counts with activity = orders, warning W, window N: churned (D − last ≥ N),
     * silent (W ≤ D − last), converted (first order within N days), reactivated (latest gap of N
     * or more ends within N days), active; acquired: a customer with lines but no order.
     */
    Map<String, Long> stages(int w, int n) {
        Map<String, Long> out = new TreeMap<>();
        for (String c : customers) {
            out.merge(stage(c, w, n), 1L, Long::sum);
        }
        return out;
    }

    private String stage(String c, int w, int n) {
        Map<String, LocalDate> orders = orderDates.get(c);
        if (orders == null) {
            return "acquired";
        }
        TreeSet<LocalDate> days = new TreeSet<>(orders.values());
        long sinceLast = ChronoUnit.DAYS.between(days.last(), d);
        if (sinceLast >= n) {
            return "churned";
        }
        if (sinceLast >= w) {
            return "silent";
        }
        if (ChronoUnit.DAYS.between(days.first(), d) < n) {
            return "converted";
        }
        LocalDate previous = null;
        LocalDate lastReturn = null;
        for (LocalDate day : days) {
            if (previous != null && ChronoUnit.DAYS.between(previous, day) >= n) {
                lastReturn = day;
            }
            previous = day;
        }
        if (lastReturn != null && ChronoUnit.DAYS.between(lastReturn, d) < n) {
            return "reactivated";
        }
        return "active";
    }

    /** Customers with a line (purchase or refund) in the {@code days} days ending on D. */
    long withLineWithin(int days) {
        return lastLine.values().stream().filter(x -> ChronoUnit.DAYS.between(x, d) < days).count();
    }
}
