package dev.reservoir.duckdb;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Repurchase, annual retention and activity figures computed straight from the raw Online Retail
 * lines ({@link OnlineRetailFile#split}), in plain Java that shares nothing with the engine: the
 * rules are SPEC's words. An order is a customer's invoice among purchase lines (InvoiceNo not
 * starting with 'C', Quantity not negative, a CustomerID); its date is the earliest date of its
 * lines, the date being the file's UK wall-clock date as written.
 */
final class RepurchaseOnlineRetail {
    /** customer -> invoice -> order date. */
    final Map<String, Map<String, LocalDate>> orders = new HashMap<>();
    /** customer -> dates with a purchase line. */
    final Map<String, Set<LocalDate>> purchaseDays = new HashMap<>();

    RepurchaseOnlineRetail(List<String> lines, LocalDate asOf) {
        int number = 1;
        for (String line : lines) {
            number++;
            List<String> f = OnlineRetailFile.split(line, number);
            String customer = OnlineRetailFile.customerId(f.get(OnlineRetailFile.CUSTOMER_ID));
            String invoice = f.get(OnlineRetailFile.INVOICE_NO);
            boolean refund = invoice.startsWith("C") || Integer.parseInt(f.get(OnlineRetailFile.QUANTITY)) < 0;
            LocalDate date = LocalDateTime.parse(f.get(OnlineRetailFile.INVOICE_DATE), OnlineRetailFile.FILE_TIME)
                    .toLocalDate();
            if (customer == null || refund || date.isAfter(asOf)) {
                continue;
            }
            orders.computeIfAbsent(customer, c -> new HashMap<>())
                    .merge(invoice, date, (a, b) -> a.isBefore(b) ? a : b);
            purchaseDays.computeIfAbsent(customer, c -> new HashSet<>()).add(date);
        }
    }

    /** Per month of {@code year}: {buyers, buyers with 2+ orders in the month}. */
    Map<Integer, long[]> monthly(int year) {
        Map<Integer, long[]> out = new TreeMap<>();
        for (int m = 1; m <= 12; m++) {
            out.put(m, new long[2]);
        }
        for (Map<String, LocalDate> byInvoice : orders.values()) {
            Map<Integer, Integer> perMonth = new HashMap<>();
            for (LocalDate d : byInvoice.values()) {
                if (d.getYear() == year) {
                    perMonth.merge(d.getMonthValue(), 1, Integer::sum);
                }
            }
            perMonth.forEach((m, n) -> {
                out.get(m)[0]++;
                if (n >= 2) {
                    out.get(m)[1]++;
                }
            });
        }
        return out;
    }

    /** Per month of {@code year}, first-time buyers: {buyers, returned, pending, pending returned}. */
    Map<Integer, long[]> firstTime(int year, int within, LocalDate asOf) {
        Map<Integer, long[]> out = new TreeMap<>();
        for (int m = 1; m <= 12; m++) {
            out.put(m, new long[4]);
        }
        for (Map<String, LocalDate> byInvoice : orders.values()) {
            LocalDate first = byInvoice.values().stream().min(LocalDate::compareTo).orElseThrow();
            if (first.getYear() != year) {
                continue;
            }
            LocalDate end = first.plusDays(within);
            long inWindow = byInvoice.values().stream().filter(d -> !d.isAfter(end)).count();
            boolean again = inWindow >= 2;
            boolean pending = end.isAfter(asOf);
            long[] c = out.get(first.getMonthValue());
            c[0]++;
            if (pending) {
                c[2]++;
                c[3] += again ? 1 : 0;
            } else {
                c[1] += again ? 1 : 0;
            }
        }
        return out;
    }

    /** Customers with at least k orders, k = 1..n + 1 (index k). */
    long[] ladder(int n) {
        long[] atLeast = new long[n + 2];
        for (Map<String, LocalDate> byInvoice : orders.values()) {
            for (int k = 1; k <= Math.min(n + 1, byInvoice.size()); k++) {
                atLeast[k]++;
            }
        }
        return atLeast;
    }

    /** {last year's customers, retained, this year's, new, reactivated} for year Y. */
    long[] annual(int year) {
        long[] c = new long[5];
        for (Map<String, LocalDate> byInvoice : orders.values()) {
            boolean thisYear = byInvoice.values().stream().anyMatch(d -> d.getYear() == year);
            boolean lastYear = byInvoice.values().stream().anyMatch(d -> d.getYear() == year - 1);
            boolean before = byInvoice.values().stream().anyMatch(d -> d.getYear() < year - 1);
            c[0] += lastYear ? 1 : 0;
            c[1] += lastYear && thisYear ? 1 : 0;
            c[2] += thisYear ? 1 : 0;
            c[3] += thisYear && !lastYear && !before ? 1 : 0;
            c[4] += thisYear && !lastYear && before ? 1 : 0;
        }
        return c;
    }

    /** Customers with a purchase line on a day in [from, to]. */
    long activeBetween(LocalDate from, LocalDate to) {
        return purchaseDays.values().stream()
                .filter(days -> days.stream().anyMatch(d -> !d.isBefore(from) && !d.isAfter(to))).count();
    }

    /** DAU of each day in [from, to]. */
    List<Long> daily(LocalDate from, LocalDate to) {
        List<Long> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(activeBetween(d, d));
        }
        return out;
    }
}
