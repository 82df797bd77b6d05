package dev.reservoir.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Event;
import dev.reservoir.ingest.AppendOutcome;
import dev.reservoir.ingest.Rejection;
import dev.reservoir.ingest.StagedAppend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One ingestion batch: {@code {"events": [...]}} in, and per event {@code accepted},
 * {@code duplicate} (its event id is already stored, or came earlier in the batch, with the same
 * content: resending is safe), {@code conflict} (the id is stored, or came earlier, with other
 * content: the first one is kept) or {@code rejected} with its reasons. Parsing and the checks of the fields happen in the
 * request's own thread; the duplicate check against the store and the append run in
 * {@link #commit} under the tenant's lock, for several requests at once ({@link GroupCommit}).
 */
final class Ingestion {
    static final String SOURCE = "http";

    private Ingestion() {
    }

    enum Status {
        ACCEPTED, DUPLICATE, CONFLICT, REJECTED;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The events of the body, checked for shape and size before any is parsed. */
    static ArrayNode events(JsonNode body, int maxBatch) {
        if (body == null || !body.isObject() || !body.path("events").isArray()) {
            throw badShape();
        }
        ArrayNode events = (ArrayNode) body.get("events");
        if (events.size() > maxBatch) {
            throw new ApiException(ApiError.BATCH_TOO_LARGE, maxBatch, events.size());
        }
        return events;
    }

    private static ApiException badShape() {
        return new ApiException(ApiError.BAD_REQUEST, "expected a JSON object {\"events\": [ ... ]} (see docs/server.md)");
    }

    /**
     * The body's batch, read with a streaming parser straight into events (no JSON tree of the
     * body): the same batch, and the same errors, as {@link #events} and {@link #parse(ArrayNode)}
     * on the body's tree. The whole body is read before any error about its shape or size, so
     * malformed JSON is reported as such wherever it is.
     */
    static Batch read(byte[] body, int maxBatch, ObjectMapper json) {
        try (JsonParser p = json.createParser(body)) {
            JsonToken root = p.nextToken();
            if (root != JsonToken.START_OBJECT) {
                if (root != null) {
                    p.skipChildren();
                }
                throw badShape();
            }
            List<EventJson.Parsed> parsed = null; // of the last "events" field, as a tree keeps the last
            List<String> ids = null;
            int count = 0;
            boolean isArray = false;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                boolean events = "events".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (!events) {
                    p.skipChildren();
                    continue;
                }
                isArray = value == JsonToken.START_ARRAY;
                parsed = new ArrayList<>();
                ids = new ArrayList<>();
                count = 0;
                if (!isArray) {
                    p.skipChildren();
                    continue;
                }
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    if (++count > maxBatch) {
                        p.skipChildren(); // counted only, for the error
                        continue;
                    }
                    EventJson.Parsed one = EventJson.read(p);
                    parsed.add(one);
                    ids.add(one.idText());
                }
            }
            if (!isArray) {
                throw badShape();
            }
            if (count > maxBatch) {
                throw new ApiException(ApiError.BATCH_TOO_LARGE, maxBatch, count);
            }
            return batch(parsed, ids);
        } catch (JsonProcessingException e) {
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new ApiException(ApiError.MALFORMED_JSON, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        List<EventJson.Parsed> parsed = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (JsonNode node : events) {
            parsed.add(EventJson.parse(node));
            ids.add(node.path("event_id").isTextual() ? node.get("event_id").asText() : null); // also when not an object
        }
        return batch(parsed, ids);
    }

    /** The batch of parsed events, with the text of each one's event id (null when it has none). */
    private static Batch batch(List<EventJson.Parsed> events, List<String> eventIds) {
        int n = events.size();
        Batch batch = new Batch(n);
        Set<String> seen = batch.validIds;
        java.util.Map<String, Event> first = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            batch.ids[i] = eventIds.get(i);
            EventJson.Parsed parsed = events.get(i);
            batch.problems.add(parsed.problems());
            if (parsed.event() == null) {
                batch.status[i] = Status.REJECTED;
            } else if (!seen.add(parsed.event().eventId())) {
                // Sent twice in this request: the first one counts.
                batch.status[i] = first.get(parsed.event().eventId()).sameContentAs(parsed.event()) ? Status.DUPLICATE
                        : Status.CONFLICT;
            } else {
                first.put(parsed.event().eventId(), parsed.event());
                batch.valid.add(parsed.event());
                batch.validIndex.add(i);
            }
        }
        return batch;
    }


    /**
     * Stages the valid events of {@code batches} for one append ({@link TenantStore#stageAppend}),
     * outside the tenant's lock; null when none is valid.
     */
    static StagedAppend stage(TenantStore store, List<Batch> batches) {
        List<Event> valid = valid(batches);
        return valid.isEmpty() ? null : store.stageAppend(SOURCE, valid);
    }

    private static List<Event> valid(List<Batch> batches) {
        List<Event> valid = new ArrayList<>();
        for (Batch b : batches) {
            valid.addAll(b.valid);
        }
        return valid;
    }

    /**
     * Stores the valid events of {@code batches}, staged by {@link #stage}, in one append (one
     * transaction: the probe for stored ids, the checks and the insert) and sets each one's
     * status. The caller holds the tenant's lock, and no event id is valid in two of the batches
     * ({@link GroupCommit} never groups such batches, and commits groups in the order it staged
     * them), so the outcome is exactly that of appending the batches one after another.
     */
    static void commit(StagedAppend staged, List<Batch> batches) {
        int valid = batches.stream().mapToInt(b -> b.valid.size()).sum();
        AppendOutcome outcome = staged.commit();
        long accepted = valid - outcome.duplicates().size() - outcome.conflicts().size()
                - outcome.rejections().size();
        if (outcome.report().accepted() != accepted) {
            // The store and this answer must agree, or the per-event answer would be a guess.
            throw new IllegalStateException("the store accepted " + outcome.report().accepted() + " of " + valid
                    + " events, " + outcome.duplicates().size() + " duplicates, " + outcome.conflicts().size()
                    + " conflicts, " + outcome.rejections().size()
                    + " rejected");
        }
        int position = 0; // in the appended list
        for (Batch b : batches) {
            for (int k = 0; k < b.valid.size(); k++, position++) {
                int i = b.validIndex.get(k);
                Rejection r = outcome.rejections().get(position);
                if (outcome.duplicates().contains(position)) {
                    b.status[i] = Status.DUPLICATE;
                } else if (outcome.conflicts().contains(position)) {
                    b.status[i] = Status.CONFLICT;
                } else if (r == null) {
                    b.status[i] = Status.ACCEPTED;
                } else {
                    b.status[i] = Status.REJECTED;
                    if (b.storeRejections == null) {
                        b.storeRejections = new StoreRejection[b.size()];
                    }
                    b.storeRejections[i] = new StoreRejection(r.column(), r.code().name(), r.message(Locale.ENGLISH),
                            r.message(Locale.CHINESE));
                }
            }
        }
    }

    /** The answer to one request, once its batch is committed, as a tree (for tests). */
    static ObjectNode answer(Batch batch, Locale locale, ObjectMapper json) {
        try {
            return (ObjectNode) json.readTree(answerBytes(batch, locale, json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer to one request, once its batch is committed: the counts, then per event its
     * index, id, status and, when rejected, the reasons. Written straight to bytes with Jackson's
     * streaming writer: a thousand events' answers need no tree.
     */
    static byte[] answerBytes(Batch batch, Locale locale, ObjectMapper json) {
        long accepted = 0;
        long duplicates = 0;
        long conflicts = 0;
        long rejectedCount = 0;
        for (Status status : batch.status) {
            switch (status) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case CONFLICT -> conflicts++;
                case REJECTED -> rejectedCount++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 64 * batch.size());
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("accepted", accepted);
            g.writeNumberField("duplicates", duplicates);
            g.writeNumberField("conflicts", conflicts);
            g.writeNumberField("rejected", rejectedCount);
            g.writeArrayFieldStart("events");
            for (int i = 0; i < batch.size(); i++) {
                g.writeStartObject();
                g.writeNumberField("index", i);
                g.writeStringField("event_id", batch.ids[i]);
                g.writeStringField("status", batch.status[i].wireName());
                List<EventJson.Problem> problems = batch.problems.get(i);
                StoreRejection byStore = batch.storeRejections == null ? null : batch.storeRejections[i];
                if (!problems.isEmpty() || byStore != null) {
                    g.writeArrayFieldStart("errors");
                    for (EventJson.Problem p : problems) {
                        reason(g, p.field(), p.code(), p.message(locale));
                    }
                    if (byStore != null) {
                        reason(g, byStore.column(), byStore.code(), byStore.message(locale));
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void reason(JsonGenerator g, String field, String code, String message) throws IOException {
        g.writeStartObject();
        g.writeStringField("field", field);
        g.writeStringField("code", code);
        g.writeStringField("message", message);
        g.writeEndObject();
    }

    /** A rejection by the store, with its message in both languages. */
    record StoreRejection(String column, String code, String english, String chinese) {
        String message(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? chinese : english;
        }
    }
}
