package dev.reservoir.duckdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An independent reader of the CDNOW files for tests: plain Java, no engine code. Layouts as
 * {@code shared/datasets/cdnow/PROVENANCE.md} describes them; the customer is the master id in
 * the master files and the sample id in the sample files, without its zero padding.
 */
final class CdnowFiles {
    static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

    private CdnowFiles() {
    }

    /** One transaction. */
    record Purchase(String customer, LocalDate date, int cds, BigDecimal dollars) {
    }

    /** What the tests compare with the engine. */
    record Facts(long rows, long customers, long cds, BigDecimal dollars, LocalDate first, LocalDate last,
                 long customersOnSeveralDays, long zeroDollarRows, long epochSecondsSum) {
    }

    /** {@code CDNOW_master.txt}: fixed width, CRLF, a header line in the lifetimes copy; id date cds dollars. */
    static List<Purchase> masterText(Path file) {
        List<Purchase> rows = new ArrayList<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (i == 0 && !f[0].chars().allMatch(Character::isDigit)) {
                continue; // " customer_id  date number_of_cds  dollar_value"
            }
            check(file, i + 1, f, 4);
            rows.add(purchase(f[0], LocalDate.parse(f[1], YYYYMMDD), f[2], f[3]));
        }
        return rows;
    }

    /** {@code CDNOW_sample.txt}: master id, sample id, date, cds, dollars; no header. */
    static List<Purchase> sampleText(Path file) {
        List<Purchase> rows = new ArrayList<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            check(file, i + 1, f, 5);
            rows.add(purchase(f[1], LocalDate.parse(f[2], YYYYMMDD), f[3], f[4]));
        }
        return rows;
    }

    /** BTYD's {@code cdnowElog.csv}: {@code masterid,sampleid,date,cds,sales}. */
    static List<Purchase> elog(Path file) {
        List<String> lines = read(file);
        expectHeader(file, lines, "masterid,sampleid,date,cds,sales");
        List<Purchase> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            check(file, i + 1, f, 5);
            rows.add(purchase(f[1], LocalDate.parse(f[2], YYYYMMDD), f[3], f[4]));
        }
        return rows;
    }

    /** The derived {@code cdnow_master.csv}: {@code customer_id,date,quantity,dollar_value}, ISO dates. */
    static List<Purchase> masterCsv(Path file) {
        List<String> lines = read(file);
        expectHeader(file, lines, "customer_id,date,quantity,dollar_value");
        List<Purchase> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            check(file, i + 1, f, 4);
            rows.add(purchase(f[0], LocalDate.parse(f[1]), f[2], f[3]));
        }
        return rows;
    }

    /** Totals; instants are the dates' local midnights in {@code zone}. */
    static Facts facts(List<Purchase> rows, ZoneId zone) {
        Set<String> customers = new HashSet<>();
        Map<String, Set<LocalDate>> days = new HashMap<>();
        long cds = 0;
        long zero = 0;
        long epochSeconds = 0;
        BigDecimal dollars = BigDecimal.ZERO;
        LocalDate first = null;
        LocalDate last = null;
        for (Purchase p : rows) {
            customers.add(p.customer());
            days.computeIfAbsent(p.customer(), c -> new HashSet<>()).add(p.date());
            cds += p.cds();
            dollars = dollars.add(p.dollars());
            zero += p.dollars().signum() == 0 ? 1 : 0;
            first = first == null || p.date().isBefore(first) ? p.date() : first;
            last = last == null || p.date().isAfter(last) ? p.date() : last;
            epochSeconds += p.date().atStartOfDay(zone).toEpochSecond();
        }
        long severalDays = days.values().stream().filter(d -> d.size() > 1).count();
        return new Facts(rows.size(), customers.size(), cds, dollars, first, last, severalDays, zero, epochSeconds);
    }

    /**
     * Per customer, the number of distinct days with a repeat purchase up to {@code end}: the
     * days with a purchase, the first one excluded (the published summaries' x).
     */
    static Map<String, Long> repeatDays(List<Purchase> rows, LocalDate end) {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        for (Purchase p : rows) {
            Set<LocalDate> set = days.computeIfAbsent(p.customer(), c -> new HashSet<>());
            if (!p.date().isAfter(end)) {
                set.add(p.date());
            }
        }
        Map<String, Long> x = new HashMap<>();
        days.forEach((c, d) -> x.put(c, Math.max(0, d.size() - 1L)));
        return x;
    }

    /** {@code cdnow_customers_summary.csv}: ID (the sample id) to frequency (x). */
    static Map<String, Long> publishedFrequency(Path file) {
        List<String> lines = read(file);
        expectHeader(file, lines, "ID,frequency,recency,T");
        Map<String, Long> x = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            check(file, i + 1, f, 4);
            // frequency is a count written with a decimal point ("2.0" or "2")
            x.put(customer(f[0]), new BigDecimal(f[1]).longValueExact());
        }
        return x;
    }

    /** A row of {@code cdnow_customers_summary_with_transactions.csv}: times in weeks, 2 decimals. */
    record PublishedSummary(String customer, long x, BigDecimal tx, BigDecimal t, BigDecimal zbar) {
    }

    /** {@code cdnow_customers_summary_with_transactions.csv}: {@code ID,x,t_x,T,zbar}, CRLF. */
    static Map<String, PublishedSummary> publishedSummaries(Path file) {
        List<String> lines = read(file);
        expectHeader(file, lines, "ID,x,t_x,T,zbar");
        Map<String, PublishedSummary> rows = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            check(file, i + 1, f, 5);
            rows.put(customer(f[0]), new PublishedSummary(customer(f[0]), Long.parseLong(f[1]), new BigDecimal(f[2]),
                    new BigDecimal(f[3]), new BigDecimal(f[4])));
        }
        return rows;
    }

    /**
     * Per customer, the distinct purchase days in (calibration end, holdout end] (the holdout
     * x*), for customers whose first purchase is on or before the calibration end.
     */
    static Map<String, Long> holdoutDays(List<Purchase> rows, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        Map<String, LocalDate> first = new HashMap<>();
        for (Purchase p : rows) {
            first.merge(p.customer(), p.date(), (a, b) -> a.isBefore(b) ? a : b);
            if (p.date().isAfter(calibrationEnd) && !p.date().isAfter(holdoutEnd)) {
                days.computeIfAbsent(p.customer(), c -> new HashSet<>()).add(p.date());
            }
        }
        Map<String, Long> out = new HashMap<>();
        first.forEach((c, f) -> {
            if (!f.isAfter(calibrationEnd)) {
                out.put(c, (long) days.getOrDefault(c, Set.of()).size());
            }
        });
        return out;
    }

    /** Per date, the number of customers with a purchase that day that is not their first day. */
    static Map<LocalDate, Long> repeatDaysByDate(List<Purchase> rows) {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        for (Purchase p : rows) {
            days.computeIfAbsent(p.customer(), c -> new java.util.TreeSet<>()).add(p.date());
        }
        Map<LocalDate, Long> out = new HashMap<>();
        for (Set<LocalDate> set : days.values()) {
            boolean firstDay = true;
            for (LocalDate d : set) {
                if (!firstDay) {
                    out.merge(d, 1L, Long::sum);
                }
                firstDay = false;
            }
        }
        return out;
    }

    private static Purchase purchase(String customer, LocalDate date, String cds, String dollars) {
        return new Purchase(customer(customer), date, Integer.parseInt(cds), new BigDecimal(dollars));
    }

    /** {@code 00001} is customer {@code 1}. */
    static String customer(String field) {
        return Integer.toString(Integer.parseInt(field));
    }

    private static List<String> read(Path file) {
        try {
            // Lines end in LF or CRLF; the last may have no line end.
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
            lines.removeIf(String::isBlank);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void expectHeader(Path file, List<String> lines, String header) {
        if (lines.isEmpty() || !header.equals(lines.get(0))) {
            throw new IllegalStateException(file + ":1: expected header " + header);
        }
    }

    private static void check(Path file, int line, String[] fields, int expected) {
        if (fields.length != expected) {
            throw new IllegalStateException(file + ":" + line + ": expected " + expected + " fields, found "
                    + fields.length);
        }
    }
}
