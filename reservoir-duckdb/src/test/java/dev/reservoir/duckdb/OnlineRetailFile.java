package dev.reservoir.duckdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * An independent reader of {@code online_retail.csv.gz} for tests: plain Java, sharing no code
 * with the engine (no mapping, no SQL, no time helper of Reservoir), so that when it and the
 * engine agree on a number, two different programs computed it. Its own numbers are in turn
 * checked against those quoted in the dataset's PROVENANCE.md.
 *
 * <p>The rules it applies are the Online Retail mapping's rules as the product states them
 * (docs and the mapping's header), written again from the words, not from the code: a line is a
 * refund when its InvoiceNo starts with 'C' or its Quantity is negative, else a purchase; the
 * amount is Quantity x UnitPrice; the customer id loses its ".0"; times are UK local time.
 */
final class OnlineRetailFile {
    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    static final ZoneId UK = ZoneId.of("Europe/London");
    /** The file's own InvoiceDate: ISO text, seconds always 00. */
    static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
    /** How the UCI workbook (and CSV exports of it such as Kaggle's data.csv) shows it: 12/1/2010 8:26. */
    static final DateTimeFormatter WORKBOOK_TIME = DateTimeFormatter.ofPattern("M/d/uuuu H:mm", Locale.ROOT);

    static final int INVOICE_NO = 0;
    static final int STOCK_CODE = 1;
    static final int DESCRIPTION = 2;
    static final int QUANTITY = 3;
    static final int INVOICE_DATE = 4;
    static final int UNIT_PRICE = 5;
    static final int CUSTOMER_ID = 6;
    static final int COUNTRY = 7;

    private OnlineRetailFile() {
    }

    /** Everything the tests compare with the engine, computed from the raw lines. */
    record Facts(
            long lines,
            long purchaseLines,
            long refundLines,
            long cancellationLines,
            long cancellationInvoices,
            long negativeQuantityWithoutC,
            long anonymousLines,
            Set<String> anonymousInvoices,
            Set<String> customerIds,
            long customersWithPurchase,
            long invoices,
            long purchaseOrders,
            long countries,
            long quantity,
            BigDecimal total,
            BigDecimal revenue,
            BigDecimal refunds,
            BigDecimal customerRevenue,
            LocalDateTime first,
            LocalDateTime last,
            boolean inTimeOrder,
            Map<LocalDate, Long> linesByDate,
            Map<LocalDate, LocalDateTime> firstTimeByDate,
            long epochSecondsSum,
            long exactDuplicateLines) {
    }

    /** The data lines (no header) of the gzipped file, as written. */
    static List<String> lines(Path gz) {
        List<String> lines = new ArrayList<>(550_000);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalStateException(gz + ":1: expected header " + HEADER + ", was " + header);
            }
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    static Facts facts(List<String> lines) {
        long purchases = 0;
        long refundLines = 0;
        long cancellationLines = 0;
        long negativeWithoutC = 0;
        long anonymous = 0;
        long quantity = 0;
        long epochSeconds = 0;
        Set<String> cancellationInvoices = new HashSet<>();
        Set<String> anonymousInvoices = new HashSet<>();
        Set<String> customers = new HashSet<>();
        Set<String> buyers = new HashSet<>();
        Set<String> invoices = new HashSet<>();
        Set<String> orders = new HashSet<>();
        Set<String> countries = new HashSet<>();
        Set<String> distinctLines = new HashSet<>(lines.size() * 2);
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal refunds = BigDecimal.ZERO;
        BigDecimal customerRevenue = BigDecimal.ZERO;
        LocalDateTime first = null;
        LocalDateTime last = null;
        LocalDateTime previous = null;
        boolean inOrder = true;
        Map<LocalDate, Long> byDate = new TreeMap<>();
        Map<String, LocalDateTime> times = new HashMap<>();
        Map<LocalDateTime, Long> instants = new HashMap<>();
        Map<LocalDate, LocalDateTime> firstByDate = new TreeMap<>();
        int number = 1;
        for (String line : lines) {
            number++;
            List<String> f = split(line, number);
            if (f.size() != 8) {
                throw new IllegalStateException("line " + number + ": expected 8 fields, found " + f.size());
            }
            String invoice = f.get(INVOICE_NO);
            int q = Integer.parseInt(f.get(QUANTITY));
            BigDecimal amount = new BigDecimal(f.get(UNIT_PRICE)).multiply(BigDecimal.valueOf(q));
            String customer = customerId(f.get(CUSTOMER_ID));
            // About 23,000 distinct minutes for 541,909 lines: each text is parsed once.
            LocalDateTime time = times.computeIfAbsent(f.get(INVOICE_DATE), t -> LocalDateTime.parse(t, FILE_TIME));
            boolean cancellation = invoice.startsWith("C");
            boolean refund = cancellation || q < 0;

            distinctLines.add(line);
            invoices.add(invoice);
            countries.add(f.get(COUNTRY));
            quantity += q;
            total = total.add(amount);
            if (cancellation) {
                cancellationLines++;
                cancellationInvoices.add(invoice);
            } else if (q < 0) {
                negativeWithoutC++;
            }
            if (refund) {
                refundLines++;
                refunds = refunds.add(amount);
            } else {
                purchases++;
                revenue = revenue.add(amount);
                orders.add(invoice);
                if (customer != null) {
                    buyers.add(customer);
                    customerRevenue = customerRevenue.add(amount);
                }
            }
            if (customer == null) {
                anonymous++;
                anonymousInvoices.add(invoice);
            } else {
                customers.add(customer);
            }
            if (previous != null && time.isBefore(previous)) {
                inOrder = false;
            }
            previous = time;
            first = first == null || time.isBefore(first) ? time : first;
            last = last == null || time.isAfter(last) ? time : last;
            // The file's times are UK wall-clock times: the date is the local date as written,
            // the instant is found with the UK's rules (GMT, BST from 2011-03-27 to 2011-10-30).
            byDate.merge(time.toLocalDate(), 1L, Long::sum);
            firstByDate.merge(time.toLocalDate(), time, (a, b) -> a.isBefore(b) ? a : b);
            epochSeconds += instants.computeIfAbsent(time, t -> t.atZone(UK).toEpochSecond());
        }
        return new Facts(lines.size(), purchases, refundLines, cancellationLines, cancellationInvoices.size(),
                negativeWithoutC, anonymous, Set.copyOf(anonymousInvoices), Set.copyOf(customers), buyers.size(),
                invoices.size(), orders.size(), countries.size(), quantity, total, revenue, refunds, customerRevenue,
                first, last, inOrder, byDate, firstByDate, epochSeconds, lines.size() - distinctLines.size());
    }

    /** {@code 17850.0} is customer {@code 17850}; an empty field is no customer. */
    static String customerId(String field) {
        if (field.isEmpty()) {
            return null;
        }
        return field.endsWith(".0") ? field.substring(0, field.length() - 2) : field;
    }

    /**
     * The line as the UCI workbook's CSV export writes it: InvoiceDate {@code 12/1/2010 8:26}
     * (no seconds: they are always 00 here) and CustomerID {@code 17850}; other fields unchanged.
     */
    static String toWorkbookLayout(String line, int number) {
        List<String> f = new ArrayList<>(split(line, number));
        LocalDateTime time = LocalDateTime.parse(f.get(INVOICE_DATE), FILE_TIME);
        if (time.getSecond() != 0) {
            throw new IllegalStateException("line " + number + ": seconds are not 00: " + f.get(INVOICE_DATE));
        }
        f.set(INVOICE_DATE, WORKBOOK_TIME.format(time));
        String customer = customerId(f.get(CUSTOMER_ID));
        f.set(CUSTOMER_ID, customer == null ? "" : customer);
        return join(f);
    }

    /**
     * Splits one line by RFC 4180: fields separated by commas; a field starting with a quote runs
     * to the closing quote, a doubled quote inside standing for one. This file has no line breaks
     * inside fields (PROVENANCE.md), so a line that ends inside quotes is an error, not a join.
     */
    static List<String> split(String line, int number) {
        List<String> fields = new ArrayList<>(8);
        int i = 0;
        int n = line.length();
        while (true) {
            if (i < n && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    int quote = line.indexOf('"', i);
                    if (quote < 0) {
                        throw new IllegalStateException("line " + number + ": quote not closed: " + line);
                    }
                    field.append(line, i, quote);
                    i = quote + 1;
                    if (i < n && line.charAt(i) == '"') {
                        field.append('"'); // a doubled quote stands for one
                        i++;
                    } else {
                        break;
                    }
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalStateException("line " + number + ": text after a closing quote at column "
                            + (i + 1) + ": " + line);
                }
                fields.add(field.toString());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                String field = line.substring(i, end);
                if (field.indexOf('"') >= 0) {
                    throw new IllegalStateException("line " + number + ": quote inside an unquoted field: " + line);
                }
                fields.add(field);
                i = end;
            }
            if (i >= n) {
                return fields;
            }
            i++; // the comma
        }
    }

    /** The inverse of {@link #split}: a field with a comma, quote or line break is quoted. */
    static String join(List<String> fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            if (i > 0) {
                b.append(',');
            }
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                b.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                b.append(f);
            }
        }
        return b.toString();
    }

    /** Writes a header and {@code lines} as a UTF-8 CSV file with LF line ends. */
    static Path write(Path file, List<String> lines) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        lines.forEach(l -> b.append(l).append('\n'));
        try {
            return Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
