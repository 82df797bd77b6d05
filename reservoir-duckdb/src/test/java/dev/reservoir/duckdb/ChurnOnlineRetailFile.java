package dev.reservoir.duckdb;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A second computation of the churn metrics straight from the raw Online Retail lines (via
 * {@link OnlineRetailFile#split}), sharing no code with the engine: plain Java sets and dates,
 * none of Reservoir's SQL, mappings, periods or time helpers.
 *
 * <p>A purchase line is one whose InvoiceNo does not start with 'C' and whose Quantity is not
 * negative, with a customer id. The file's times are UK wall-clock times, so a line's local date
 * in Europe/London is the date as written. An order is an invoice; its date is the earliest date
 * of its purchase lines; a customer's activity days are the dates of its orders.
 */
final class ChurnOnlineRetailFile {
    /** Activity days of each customer, sorted. */
    final Map<String, TreeSet<LocalDate>> days = new HashMap<>();
    /** Distinct purchase invoices and the sum of Quantity x UnitPrice of purchase lines. */
    final Map<String, Set<String>> invoices = new HashMap<>();
    final Map<String, BigDecimal> money = new HashMap<>();

    ChurnOnlineRetailFile(List<String> lines, LocalDate asOf) {
        Map<String, LocalDate> invoiceDate = new HashMap<>();
        Map<String, String> invoiceCustomer = new HashMap<>();
        int number = 1;
        for (String line : lines) {
            number++;
            List<String> f = OnlineRetailFile.split(line, number);
            String invoice = f.get(OnlineRetailFile.INVOICE_NO);
            int quantity = Integer.parseInt(f.get(OnlineRetailFile.QUANTITY));
            String customer = OnlineRetailFile.customerId(f.get(OnlineRetailFile.CUSTOMER_ID));
            LocalDate date = LocalDateTime.parse(f.get(OnlineRetailFile.INVOICE_DATE), OnlineRetailFile.FILE_TIME)
                    .toLocalDate();
            if (customer == null || invoice.startsWith("C") || quantity < 0 || date.isAfter(asOf)) {
                continue;
            }
            invoiceDate.merge(invoice, date, (a, b) -> a.isBefore(b) ? a : b);
            invoiceCustomer.put(invoice, customer);
            invoices.computeIfAbsent(customer, c -> new HashSet<>()).add(invoice);
            money.merge(customer, new BigDecimal(f.get(OnlineRetailFile.UNIT_PRICE))
                    .multiply(BigDecimal.valueOf(quantity)), BigDecimal::add);
        }
        invoiceDate.forEach((invoice, date) ->
                days.computeIfAbsent(invoiceCustomer.get(invoice), c -> new TreeSet<>()).add(date));
    }

    /** {base, churned, joined and churned} for the month starting {@code start}, up to {@code asOf}. */
    long[] monthlyChurn(LocalDate start, int n, LocalDate asOf) {
        LocalDate end = start.plusMonths(1).minusDays(1);
        LocalDate last = end.isAfter(asOf) ? asOf : end;
        long base = 0;
        long churned = 0;
        long joined = 0;
        for (TreeSet<LocalDate> d : days.values()) {
            boolean inBase = !d.subSet(start.minusDays(n), true, start.minusDays(1), true).isEmpty();
            boolean reached = false;
            for (LocalDate day : d) {
                LocalDate on = day.plusDays(n);
                LocalDate next = d.higher(day);
                boolean quietUntil = next == null || next.isAfter(on);
                if (quietUntil && !on.isBefore(start) && !on.isAfter(last)) {
                    reached = true;
                }
            }
            base += inBase ? 1 : 0;
            churned += inBase && reached ? 1 : 0;
            joined += !inBase && reached ? 1 : 0;
        }
        return new long[] {base, churned, joined};
    }

    /** {active in the month, also active in the next month}. */
    long[] monthOverMonth(LocalDate start) {
        LocalDate next = start.plusMonths(1);
        long active = 0;
        long retained = 0;
        for (TreeSet<LocalDate> d : days.values()) {
            boolean inP = !d.subSet(start, true, next, false).isEmpty();
            boolean inNext = !d.subSet(next, true, next.plusMonths(1), false).isEmpty();
            active += inP ? 1 : 0;
            retained += inP && inNext ? 1 : 0;
        }
        return new long[] {active, retained};
    }

    /** Gap length in days -> number of gaps. */
    TreeMap<Long, Long> gaps() {
        TreeMap<Long, Long> gaps = new TreeMap<>();
        for (TreeSet<LocalDate> d : days.values()) {
            LocalDate previous = null;
            for (LocalDate day : d) {
                if (previous != null) {
                    gaps.merge(day.toEpochDay() - previous.toEpochDay(), 1L, Long::sum);
                }
                previous = day;
            }
        }
        return gaps;
    }

    /** Customers whose last activity is between {@code min} and {@code max} days before asOf, as "id|last|days|orders|money". */
    List<String> inactive(LocalDate asOf, long min, long max) {
        List<String[]> rows = new ArrayList<>();
        days.forEach((customer, d) -> {
            long silent = asOf.toEpochDay() - d.last().toEpochDay();
            if (silent >= min && silent <= max) {
                rows.add(new String[] {customer, d.last().toString(), Long.toString(silent),
                        Integer.toString(invoices.get(customer).size()), money.get(customer).setScale(4).toPlainString()});
            }
        });
        rows.sort((a, b) -> {
            int byMoney = new BigDecimal(b[4]).compareTo(new BigDecimal(a[4]));
            return byMoney != 0 ? byMoney : a[0].compareTo(b[0]);
        });
        return rows.stream().map(r -> String.join("|", r)).toList();
    }
}
