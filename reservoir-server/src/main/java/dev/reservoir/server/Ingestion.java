package dev.reservoir.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.Rejection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ingestion batch: {@code {"events": [...]}} in, and per event {@code accepted},
 * {@code duplicate} (its event id is already stored, or came earlier in the batch: resending is
 * safe) or {@code rejected} with its reasons. Parsing and the checks of the fields happen in the
 * request's own thread; the duplicate check against the store and the append run in
 * {@link #commit} under the tenant's lock, for several requests at once ({@link GroupCommit}).
 */
final class Ingestion {
    static final String SOURCE = "http";

    private Ingestion() {
    }

    enum Status {
        ACCEPTED, DUPLICATE, REJECTED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The events of the body, checked for shape and size before any is parsed. */
    static ArrayNode events(JsonNode body, int maxBatch) {
        if (body == null || !body.isObject() || !body.path("events").isArray()) {
            throw new ApiException(ApiError.BAD_REQUEST,
                    "expected a JSON object {\"events\": [ ... ]} (see docs/server.md)");
        }
        ArrayNode events = (ArrayNode) body.get("events");
        if (events.size() > maxBatch) {
            throw new ApiException(ApiError.BATCH_TOO_LARGE, maxBatch, events.size());
        }
        return events;
    }

    /**
     * One request's events, parsed and checked outside any lock: each event is rejected (with its
     * reasons), a duplicate of an earlier one of the same request (the first one counts), or
     * valid and waiting for the store ({@link GroupCommit} decides whether it is stored).
     */
    static final class Batch {
        final String[] ids;
        final Status[] status;
        final List<List<EventJson.Problem>> problems;
        final List<Event> valid = new ArrayList<>();
        final List<Integer> validIndex = new ArrayList<>();
        /** The ids of {@link #valid}: a group never holds two batches sharing one. */
        final Set<String> validIds = new HashSet<>();
        /** The store's answer for each valid event, in order; set by the commit. */
        StoreRejection[] storeRejections;

        private Batch(int n) {
            ids = new String[n];
            status = new Status[n];
            problems = new ArrayList<>(n);
        }

        int size() {
            return ids.length;
        }
    }

    static Batch parse(ArrayNode events) {
        int n = events.size();
        Batch batch = new Batch(n);
        Set<String> seen = batch.validIds;
        for (int i = 0; i < n; i++) {
            JsonNode node = events.get(i);
            batch.ids[i] = node.path("event_id").isTextual() ? node.get("event_id").asText() : null;
            EventJson.Parsed parsed = EventJson.parse(node);
            batch.problems.add(parsed.problems());
            if (parsed.event() == null) {
                batch.status[i] = Status.REJECTED;
            } else if (!seen.add(parsed.event().eventId())) {
                batch.status[i] = Status.DUPLICATE; // sent twice in this request: the first one counts
            } else {
                batch.valid.add(parsed.event());
                batch.validIndex.add(i);
            }
        }
        return batch;
    }

    /**
     * Stores the valid events of {@code batches} in one append (one transaction, with the rollup)
     * and sets each one's status. The caller holds the tenant's lock, and no event id is valid in
     * two of the batches ({@link GroupCommit} never groups such batches), so the outcome is
     * exactly that of appending the batches one after another.
     */
    static void commit(TenantStore store, List<Batch> batches) {
        List<Event> valid = new ArrayList<>();
        for (Batch b : batches) {
            valid.addAll(b.valid);
        }
        Set<String> stored = valid.isEmpty() ? Set.of() : store.storedEventIds(valid.stream().map(Event::eventId).toList());
        List<Event> fresh = new ArrayList<>(valid.size());
        for (Event e : valid) {
            if (!stored.contains(e.eventId())) {
                fresh.add(e);
            }
        }
        Map<Long, StoreRejection> rejected = Map.of();
        if (!fresh.isEmpty()) {
            // Distinct ids (the group holds no id twice), none stored (just probed, under the lock).
            ImportReport report = store.appendNew(SOURCE, fresh);
            rejected = rejections(report.files().get(0));
            if (report.accepted() != fresh.size() - rejected.size()) {
                // The store and this answer must agree, or the per-event answer would be a guess.
                throw new IllegalStateException("the store accepted " + report.accepted() + " of " + fresh.size()
                        + " new events, " + rejected.size() + " rejected");
            }
        }
        long line = 0; // the n-th event appended is "line" n
        for (Batch b : batches) {
            for (int k = 0; k < b.valid.size(); k++) {
                int i = b.validIndex.get(k);
                if (stored.contains(b.valid.get(k).eventId())) {
                    b.status[i] = Status.DUPLICATE;
                    continue;
                }
                StoreRejection r = rejected.get(++line);
                if (r == null) {
                    b.status[i] = Status.ACCEPTED;
                } else {
                    b.status[i] = Status.REJECTED;
                    if (b.storeRejections == null) {
                        b.storeRejections = new StoreRejection[b.size()];
                    }
                    b.storeRejections[i] = r;
                }
            }
        }
    }

    /** The answer to one request, once its batch is committed. */
    static ObjectNode answer(Batch batch, Locale locale, ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        long accepted = 0;
        long duplicates = 0;
        long rejectedCount = 0;
        ArrayNode results = json.createArrayNode();
        for (int i = 0; i < batch.size(); i++) {
            switch (batch.status[i]) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejectedCount++;
            }
            ObjectNode r = results.addObject().put("index", i).put("event_id", batch.ids[i])
                    .put("status", batch.status[i].wireName());
            List<EventJson.Problem> problems = batch.problems.get(i);
            StoreRejection byStore = batch.storeRejections == null ? null : batch.storeRejections[i];
            if (!problems.isEmpty() || byStore != null) {
                ArrayNode errors = r.putArray("errors");
                for (EventJson.Problem p : problems) {
                    errors.add(reason(json, p.field(), p.code(), p.message(locale)));
                }
                if (byStore != null) {
                    errors.add(reason(json, byStore.column(), byStore.code(), byStore.message(locale)));
                }
            }
        }
        out.put("accepted", accepted).put("duplicates", duplicates).put("rejected", rejectedCount);
        out.set("events", results);
        return out;
    }

    private static ObjectNode reason(ObjectMapper json, String field, String code, String message) {
        return json.createObjectNode().put("field", field).put("code", code).put("message", message);
    }

    /** A rejection by the store, with its message in both languages. */
    record StoreRejection(String column, String code, String english, String chinese) {
        String message(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? chinese : english;
        }
    }

    /**
     * Every rejection of the append by line: the first ones from the report, the rest (when there
     * were more than the report keeps) from its rejects file, which has every one.
     */
    private static Map<Long, StoreRejection> rejections(FileReport report) {
        Map<Long, StoreRejection> byLine = new HashMap<>();
        for (Rejection r : report.firstRejections()) {
            byLine.put(r.line(), new StoreRejection(r.column(), r.code().name(), r.message(Locale.ENGLISH),
                    r.message(Locale.CHINESE)));
        }
        if (report.rejected() > byLine.size() && report.rejectsFile() != null) {
            try {
                List<String> lines = Files.readAllLines(report.rejectsFile(), StandardCharsets.UTF_8);
                // file,line,column,value,code,message,message_zh
                for (String line : lines.subList(1, lines.size())) {
                    List<String> cells = csv(line);
                    byLine.putIfAbsent(Long.parseLong(cells.get(1)), new StoreRejection(
                            cells.get(2).isEmpty() ? null : cells.get(2), cells.get(4), cells.get(5), cells.get(6)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byLine;
    }

    /** One RFC 4180 line (the rejects file quotes fields with commas, quotes or line breaks). */
    static List<String> csv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
