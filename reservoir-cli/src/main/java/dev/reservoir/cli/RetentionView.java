package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.event.Tenant;
import dev.reservoir.metric.CohortRetention;
import dev.reservoir.metric.CohortRetentionResult;
import dev.reservoir.metric.NDayRetention;
import dev.reservoir.metric.NDayRetentionResult;
import dev.reservoir.time.AsOf;
import dev.reservoir.time.Period;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Cohort and N-day retention as a table (the matrix as a triangle, incomplete cells marked with
 * '*'), as JSON (schema in docs/metrics.md) and as CSV (one row per cohort and offset).
 */
final class RetentionView {
    private RetentionView() {
    }

    /** "29.7%", "—" when undefined; '*' after a cell whose period is incomplete. */
    private static String percent(Double rate, Locale locale) {
        return rate == null ? "—" : String.format(locale, "%.1f%%", 100 * rate);
    }

    private static String returning(CohortRetention d, Locale locale) {
        return d.returning().types().stream().map(t -> t.label(locale)).sorted().collect(Collectors.joining(","));
    }

    private static String header(Tenant tenant, AsOf asOf, String titleKey, Texts texts) {
        StringBuilder b = new StringBuilder(texts.format(titleKey, TenantView.phrase(tenant), asOf.date()));
        asOf.knownAt().ifPresent(k -> b.append(texts.format("retention.known-at", k)));
        return b.append('\n').toString();
    }

    static String table(Tenant tenant, CohortRetentionResult r, Texts texts) {
        Locale locale = texts.locale();
        CohortRetention d = r.definition();
        StringBuilder b = new StringBuilder(header(tenant, d.asOf(), "retention.title", texts));
        b.append(texts.format("retention.definition", d.entry().label(locale), returning(d, locale),
                d.unit().label(locale), d.mode().label(locale), texts.get("retention.mode." + d.mode().wireName())))
                .append("\n\n");
        int columns = r.cohorts().stream().mapToInt(c -> c.cells().size()).max().orElse(0);
        boolean[] right = new boolean[2 + columns];
        Arrays.fill(right, 1, right.length, true);
        Table table = new Table("  ", right);
        List<String> head = new ArrayList<>(List.of(texts.get("retention.cohort"), texts.get("retention.size")));
        for (int k = 0; k < columns; k++) {
            head.add(Integer.toString(k));
        }
        table.row(head.toArray(String[]::new));
        boolean incomplete = false;
        for (CohortRetentionResult.Cohort c : r.cohorts()) {
            List<String> row = new ArrayList<>();
            row.add(cohortLabel(c.period()) + (c.period().complete() ? " " : "*"));
            row.add(texts.count(c.size()));
            for (CohortRetentionResult.Cell cell : c.cells()) {
                row.add(percent(cell.rate(), locale) + (cell.complete() ? " " : "*"));
                incomplete |= !cell.complete();
            }
            while (row.size() < right.length) {
                row.add(""); // not begun by D: the triangle's empty corner
            }
            table.row(row.toArray(String[]::new));
        }
        b.append(table.render());
        b.append('\n').append(texts.get("retention.legend")).append('\n');
        return b.toString();
    }

    /** 2011-03 for a month, the start date otherwise (a day, the Monday of a week). */
    private static String cohortLabel(Period p) {
        return switch (p.unit()) {
            case MONTH -> p.start().toString().substring(0, 7);
            case DAY, WEEK, QUARTER, YEAR -> p.start().toString();
        };
    }

    private static ObjectNode base(Tenant tenant, String metric, AsOf asOf) {
        ObjectNode node = Json.object();
        node.put("metric", metric);
        node.put("tenant", tenant.id());
        node.put("time_zone", tenant.timeZone().getId());
        node.put("as_of", asOf.date().toString());
        node.put("known_at", asOf.knownAt().map(Object::toString).orElse(null));
        return node;
    }

    private static void period(ObjectNode node, Period p) {
        node.put("start", p.start().toString());
        node.put("end", p.end().toString());
        node.put("complete", p.complete());
    }

    static ObjectNode json(Tenant tenant, CohortRetentionResult r) {
        CohortRetention d = r.definition();
        ObjectNode node = base(tenant, "cohort_retention", d.asOf());
        ObjectNode def = node.putObject("definition");
        def.put("entry", d.entry().wireName());
        d.returning().wireNames().forEach(def.putArray("returning")::add);
        def.put("period", d.unit().wireName());
        def.put("mode", d.mode().wireName());
        def.put("offsets", d.offsets());
        def.put("cohorts", d.cohorts());
        ArrayNode cohorts = node.putArray("cohorts");
        for (CohortRetentionResult.Cohort c : r.cohorts()) {
            ObjectNode cohort = cohorts.addObject();
            period(cohort, c.period());
            cohort.put("size", c.size());
            ArrayNode cells = cohort.putArray("cells");
            for (CohortRetentionResult.Cell cell : c.cells()) {
                ObjectNode o = cells.addObject();
                o.put("offset", cell.offset());
                period(o, cell.period());
                o.put("retained", cell.retained());
                o.put("rate", cell.rate());
            }
        }
        return node;
    }

    static List<List<String>> csv(CohortRetentionResult r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("cohort_start", "cohort_end", "cohort_complete", "size", "offset", "period_start",
                "period_end", "complete", "retained", "rate"));
        for (CohortRetentionResult.Cohort c : r.cohorts()) {
            for (CohortRetentionResult.Cell cell : c.cells()) {
                rows.add(List.of(c.period().start().toString(), c.period().end().toString(),
                        Boolean.toString(c.period().complete()), Long.toString(c.size()), Integer.toString(cell.offset()),
                        cell.period().start().toString(), cell.period().end().toString(),
                        Boolean.toString(cell.complete()), cell.retained() == null ? "" : cell.retained().toString(),
                        cell.rate() == null ? "" : cell.rate().toString()));
            }
        }
        return rows;
    }

    static String table(Tenant tenant, NDayRetentionResult r, Texts texts) {
        Locale locale = texts.locale();
        NDayRetention d = r.definition();
        StringBuilder b = new StringBuilder(header(tenant, d.asOf(), "retention.n-day.title", texts));
        b.append(texts.format("retention.n-day.definition", d.entry().label(locale),
                d.returning().types().stream().map(t -> t.label(locale)).sorted().collect(Collectors.joining(","))))
                .append("\n\n");
        Table table = Table.numeric("  ", 7);
        table.row(texts.get("retention.n-day.days"), texts.get("retention.n-day.last-entry"),
                texts.get("retention.n-day.entered"), texts.get("retention.n-day.within"),
                texts.get("retention.n-day.within-rate"), texts.get("retention.n-day.on-day"),
                texts.get("retention.n-day.on-day-rate"));
        for (NDayRetentionResult.Row row : r.rows()) {
            table.row(Integer.toString(row.days()), row.lastEntryDay().toString(), texts.count(row.entered()),
                    texts.count(row.returnedWithin()), percent(row.withinRate(), locale),
                    texts.count(row.returnedOnDay()), percent(row.onDayRate(), locale));
        }
        b.append(table.render());
        return b.toString();
    }

    static ObjectNode json(Tenant tenant, NDayRetentionResult r) {
        NDayRetention d = r.definition();
        ObjectNode node = base(tenant, "n_day_retention", d.asOf());
        ObjectNode def = node.putObject("definition");
        def.put("entry", d.entry().wireName());
        d.returning().wireNames().forEach(def.putArray("returning")::add);
        d.days().forEach(def.putArray("days")::add);
        ArrayNode rows = node.putArray("rows");
        for (NDayRetentionResult.Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("days", row.days());
            o.put("last_entry_day", row.lastEntryDay().toString());
            o.put("entered", row.entered());
            o.put("returned_within", row.returnedWithin());
            o.put("within_rate", row.withinRate());
            o.put("returned_on_day", row.returnedOnDay());
            o.put("on_day_rate", row.onDayRate());
        }
        return node;
    }

    static List<List<String>> csv(NDayRetentionResult r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("days", "last_entry_day", "entered", "returned_within", "within_rate", "returned_on_day",
                "on_day_rate"));
        for (NDayRetentionResult.Row row : r.rows()) {
            rows.add(List.of(Integer.toString(row.days()), row.lastEntryDay().toString(), Long.toString(row.entered()),
                    Long.toString(row.returnedWithin()), row.withinRate() == null ? "" : row.withinRate().toString(),
                    Long.toString(row.returnedOnDay()), row.onDayRate() == null ? "" : row.onDayRate().toString()));
        }
        return rows;
    }
}
