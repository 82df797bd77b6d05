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
 * safe) or {@code rejected} with its reasons. The caller holds the tenant's lock, so no other
 * write comes between the duplicate check and the append.
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

    static ObjectNode ingest(TenantStore store, ArrayNode events, Locale locale, ObjectMapper json) {
        int n = events.size();
        Status[] status = new Status[n];
        List<List<ObjectNode>> reasons = new ArrayList<>();
        String[] ids = new String[n];
        List<Event> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < n; i++) {
            reasons.add(new ArrayList<>());
            JsonNode node = events.get(i);
            ids[i] = node.path("event_id").isTextual() ? node.get("event_id").asText() : null;
            EventJson.Parsed parsed = EventJson.parse(node);
            if (parsed.event() == null) {
                status[i] = Status.REJECTED;
                for (EventJson.Problem p : parsed.problems()) {
                    reasons.get(i).add(reason(json, p.field(), p.code(), p.message(locale)));
                }
            } else if (!seen.add(parsed.event().eventId())) {
                status[i] = Status.DUPLICATE; // sent twice in this batch: the first one counts
            } else {
                valid.add(parsed.event());
                validIndex.add(i);
            }
        }
        Set<String> stored = store.storedEventIds(valid.stream().map(Event::eventId).toList());
        List<Event> fresh = new ArrayList<>();
        List<Integer> freshIndex = new ArrayList<>();
        for (int k = 0; k < valid.size(); k++) {
            int i = validIndex.get(k);
            if (stored.contains(valid.get(k).eventId())) {
                status[i] = Status.DUPLICATE;
            } else {
                fresh.add(valid.get(k));
                freshIndex.add(i);
            }
        }
        if (!fresh.isEmpty()) {
            ImportReport report = store.append(SOURCE, fresh);
            Map<Long, StoreRejection> rejected = rejections(report.files().get(0));
            for (int k = 0; k < fresh.size(); k++) {
                int i = freshIndex.get(k);
                StoreRejection r = rejected.get((long) k + 1); // the n-th event appended is "line" n
                if (r == null) {
                    status[i] = Status.ACCEPTED;
                } else {
                    status[i] = Status.REJECTED;
                    reasons.get(i).add(reason(json, r.column(), r.code(), r.message(locale)));
                }
            }
            if (report.accepted() != fresh.size() - rejected.size()) {
                // The store and this answer must agree, or the per-event answer would be a guess.
                throw new IllegalStateException("the store accepted " + report.accepted() + " of " + fresh.size()
                        + " new events, " + rejected.size() + " rejected");
            }
        }
        ObjectNode out = json.createObjectNode();
        long accepted = 0;
        long duplicates = 0;
        long rejectedCount = 0;
        ArrayNode results = json.createArrayNode();
        for (int i = 0; i < n; i++) {
            switch (status[i]) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejectedCount++;
            }
            ObjectNode r = results.addObject().put("index", i).put("event_id", ids[i]).put("status", status[i].wireName());
            if (!reasons.get(i).isEmpty()) {
                r.putArray("errors").addAll(reasons.get(i));
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
