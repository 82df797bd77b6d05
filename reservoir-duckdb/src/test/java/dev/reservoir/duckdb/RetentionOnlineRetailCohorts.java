package dev.reservoir.duckdb;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Monthly first-purchase cohorts of the Online Retail file computed a second way, from the raw
 * lines read by {@link OnlineRetailFile} and nothing of the engine, with the rules as the docs
 * state them: an order is an InvoiceNo among purchase lines (not 'C', quantity not negative) of
 * a customer, dated by the earliest wall-clock date of its lines; a customer's cohort is the
 * month of its first order; it returned in month m when it has an order dated in m, and in its
 * cohort's own month only when it has two or more orders there (the first one is the entry).
 */
final class RetentionOnlineRetailCohorts {
    enum Mode { ON, ON_OR_AFTER, WITHIN }

    private final LocalDate asOf;
    /** Customer to the dates of its orders (one per invoice). */
    private final Map<String, List<LocalDate>> orderDates;

    private RetentionOnlineRetailCohorts(LocalDate asOf, Map<String, List<LocalDate>> orderDates) {
        this.asOf = asOf;
        this.orderDates = orderDates;
    }

    static RetentionOnlineRetailCohorts of(List<String> lines, LocalDate asOf) {
        Map<String, LocalDate> invoiceDate = new HashMap<>();
        Map<String, String> invoiceCustomer = new HashMap<>();
        int number = 1;
        for (String line : lines) {
            number++;
            List<String> f = OnlineRetailFile.split(line, number);
            String invoice = f.get(OnlineRetailFile.INVOICE_NO);
            String customer = OnlineRetailFile.customerId(f.get(OnlineRetailFile.CUSTOMER_ID));
            if (customer == null || invoice.startsWith("C") || Integer.parseInt(f.get(OnlineRetailFile.QUANTITY)) < 0) {
                continue;
            }
            LocalDate date = LocalDateTime.parse(f.get(OnlineRetailFile.INVOICE_DATE), OnlineRetailFile.FILE_TIME).toLocalDate();
            if (date.isAfter(asOf)) {
                continue;
            }
            // Keyed by customer and invoice: an invoice is one customer's order.
            String key = customer + "\u0000" + invoice;
            invoiceDate.merge(key, date, (a, b) -> a.isBefore(b) ? a : b);
            invoiceCustomer.put(key, customer);
        }
        Map<String, List<LocalDate>> byCustomer = new HashMap<>();
        invoiceDate.forEach((key, date) -> byCustomer.computeIfAbsent(invoiceCustomer.get(key), c -> new ArrayList<>()).add(date));
        return new RetentionOnlineRetailCohorts(asOf, byCustomer);
    }

    private YearMonth first() {
        return YearMonth.from(orderDates.values().stream().flatMap(List::stream).min(LocalDate::compareTo).orElseThrow());
    }

    /** Sizes of the cohorts from the first month with an order to the month of the as-of date. */
    List<Long> sizes() {
        YearMonth last = YearMonth.from(asOf);
        List<Long> sizes = new ArrayList<>();
        for (YearMonth m = first(); !m.isAfter(last); m = m.plusMonths(1)) {
            YearMonth month = m;
            sizes.add(orderDates.values().stream().filter(d -> YearMonth.from(min(d)).equals(month)).count());
        }
        return sizes;
    }

    private static LocalDate min(List<LocalDate> dates) {
        return dates.stream().min(LocalDate::compareTo).orElseThrow();
    }

    /** Month offsets (from the cohort month) in which the customer returned. */
    private static TreeSet<Integer> returns(List<LocalDate> dates) {
        YearMonth cohort = YearMonth.from(min(dates));
        Map<Integer, Integer> ordersByOffset = new HashMap<>();
        for (LocalDate d : dates) {
            ordersByOffset.merge((int) cohort.until(YearMonth.from(d), ChronoUnit.MONTHS), 1, Integer::sum);
        }
        TreeSet<Integer> offsets = new TreeSet<>();
        ordersByOffset.forEach((k, n) -> {
            if (k > 0 || n >= 2) {
                offsets.add(k);
            }
        });
        return offsets;
    }

    /** "yyyy-MM size: c0 c1 ..." per cohort; '-' for no value, '*' after an incomplete month's cell. */
    List<String> matrix(Mode mode) {
        YearMonth last = YearMonth.from(asOf);
        List<String> rows = new ArrayList<>();
        for (YearMonth m = first(); !m.isAfter(last); m = m.plusMonths(1)) {
            YearMonth month = m;
            List<TreeSet<Integer>> members = orderDates.values().stream()
                    .filter(d -> YearMonth.from(min(d)).equals(month)).map(RetentionOnlineRetailCohorts::returns).toList();
            StringBuilder b = new StringBuilder(month + " " + members.size() + ":");
            for (int k = 0; k <= 12 && !month.plusMonths(k).isAfter(last); k++) {
                int offset = k;
                long n = switch (mode) {
                    case ON -> members.stream().filter(s -> s.contains(offset)).count();
                    case ON_OR_AFTER -> members.stream().filter(s -> s.ceiling(offset) != null).count();
                    case WITHIN -> members.stream().filter(s -> {
                        Integer firstLater = s.ceiling(1);
                        return firstLater != null && firstLater <= offset;
                    }).count();
                };
                boolean complete = !month.plusMonths(k).atEndOfMonth().isAfter(asOf);
                b.append(' ').append(mode == Mode.WITHIN && k == 0 ? "-" : Long.toString(n)).append(complete ? "" : "*");
            }
            rows.add(b.toString());
        }
        return rows;
    }

    /** Per N: "N: entered within onDay", entries d with d + N on or before the as-of date. */
    List<String> nDay(List<Integer> days) {
        List<String> out = new ArrayList<>();
        for (int n : days) {
            long entered = 0;
            long within = 0;
            long onDay = 0;
            for (List<LocalDate> dates : orderDates.values()) {
                LocalDate x = min(dates);
                if (x.plusDays(n).isAfter(asOf)) {
                    continue;
                }
                entered++;
                if (dates.stream().anyMatch(d -> d.isAfter(x) && !d.isAfter(x.plusDays(n)))) {
                    within++;
                }
                if (dates.contains(x.plusDays(n))) {
                    onDay++;
                }
            }
            out.add(n + ": " + entered + " " + within + " " + onDay);
        }
        return out;
    }
}
