package dev.reservoir.segments;

import dev.reservoir.segment.Audience;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segment.SegmentMetrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Every customer as of D with RFM, lifecycle and usage stage, and the tags: what the rfm,
 * lifecycle, tags and customers commands print and what a campaign's audience is resolved
 * against. Built from one read of the engine's segment facts.
 */
public final class SegmentSnapshot {
    private final SegmentFactsQuery query;
    private final Rfm.Result rfm;
    private final Lifecycle lifecycle;
    private final List<CustomerView> customers;
    private final Tags tags;

    private SegmentSnapshot(SegmentFactsQuery query, Rfm.Result rfm, Lifecycle lifecycle, List<CustomerView> customers,
                            Tags tags) {
        this.query = query;
        this.rfm = rfm;
        this.lifecycle = lifecycle;
        this.customers = customers;
        this.tags = tags;
    }

    /**
     * @param tags compiled tag rules, or {@code null} for none
     */
    public static SegmentSnapshot build(SegmentMetrics engine, SegmentFactsQuery query, RfmScoring scoring, Tags tags) {
        return of(query, engine.facts(query), scoring, tags);
    }

    /**
     * The same from facts already read. The customers come out in customer-id order. Sorting,
     * stages and tags run on the common fork-join pool over fixed chunks of that order, each chunk
     * writing only its own slots or counts, so the result is the same on any number of threads.
     */
    public static SegmentSnapshot of(SegmentFactsQuery query, List<SegmentFacts> facts, RfmScoring scoring, Tags tags) {
        Objects.requireNonNull(scoring, "scoring");
        SegmentFacts[] byId = facts.toArray(SegmentFacts[]::new);
        // ids are unique (one row per customer), so the order is total and the sort deterministic
        Arrays.parallelSort(byId, BY_ID);
        List<SegmentFacts> sorted = Arrays.asList(byId);
        // already in id order, the RFM's own id sort is one pass
        Rfm.Result rfm = new Rfm(query.asOf(), query.lookBackDays(), scoring).score(sorted);
        // RFM's customers are the facts with an order in the window, in the same id order: walk both
        int n = byId.length;
        int[] scoredAt = new int[n];
        List<Rfm.Customer> scored = rfm.customers();
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (j < scored.size() && scored.get(j).customerId().equals(byId[i].customerId())) {
                scoredAt[i] = j++;
            } else {
                scoredAt[i] = -1;
            }
        }
        if (j != scored.size()) {
            throw new IllegalStateException("RFM scored " + scored.size() + " customers, " + j + " found among the facts");
        }
        Lifecycle lifecycle = new Lifecycle(query.asOf(), query.rule());
        LocalDate asOf = query.asOf().date();
        CustomerView[] views = new CustomerView[n];
        forChunks(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                SegmentFacts f = byId[i];
                views[i] = new CustomerView(asOf, f, scoredAt[i] < 0 ? null : scored.get(scoredAt[i]), lifecycle.stage(f),
                        Lifecycle.usage(f).orElse(null));
            }
        });
        return new SegmentSnapshot(query, rfm, lifecycle, List.of(views), tags == null
                ? Tags.compile("none", List.of(), List.of()) : tags);
    }

    private static final Comparator<SegmentFacts> BY_ID = Comparator.comparing(SegmentFacts::customerId);

    /** Customers per chunk: large enough that a chunk's work dwarfs handing it to a thread. */
    private static final int CHUNK = 16_384;

    private interface Chunk {
        void run(int from, int to);
    }

    /** Runs {@code work} over [0, n) in fixed chunks, in parallel; each chunk touches only its own range. */
    private static void forChunks(int n, Chunk work) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> work.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    public SegmentFactsQuery query() {
        return query;
    }

    public Rfm.Result rfm() {
        return rfm;
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    public List<CustomerView> customers() {
        return customers;
    }

    public Tags tags() {
        return tags;
    }

    /** Stage and usage counts, from the stages already assigned (no second pass over the facts). */
    public Lifecycle.Counts lifecycleCounts() {
        long[] stages = new long[dev.reservoir.segment.LifecycleStage.values().length];
        long[] usage = new long[dev.reservoir.segment.UsageStage.values().length];
        long none = 0;
        for (CustomerView c : customers) {
            stages[c.stage().ordinal()]++;
            if (c.usage() == null) {
                none++;
            } else {
                usage[c.usage().ordinal()]++;
            }
        }
        return new Lifecycle.Counts(query.asOf().date(), true, java.util.Arrays.stream(stages).boxed().toList(),
                java.util.Arrays.stream(usage).boxed().toList(), none);
    }

    /**
     * Customers carrying each tag, in definition order. Fixed chunks of customers are evaluated in
     * parallel, each with its own {@link Tags.Evaluator}; counts are summed, so they do not depend
     * on the threads.
     */
    public Map<String, Long> tagSizes() {
        int k = tags.names().size();
        int n = customers.size();
        int chunks = (n + CHUNK - 1) / CHUNK;
        long[][] perChunk = new long[chunks][k];
        if (k > 0) {
            forChunks(n, (from, to) -> {
                Tags.Evaluator e = tags.evaluator();
                long[] counts = perChunk[from / CHUNK];
                for (int c = from; c < to; c++) {
                    CustomerView v = customers.get(c);
                    for (int i = 0; i < k; i++) {
                        if (e.matches(i, v)) {
                            counts[i]++;
                        }
                    }
                }
            });
        }
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            long total = 0;
            for (long[] counts : perChunk) {
                total += counts[i];
            }
            out.put(tags.names().get(i), total);
        }
        return out;
    }

    /**
     * The customers an audience selects, by value: money in the look-back window, highest first,
     * then money of all orders, then customer id.
     */
    public List<CustomerView> select(Audience audience) {
        List<CustomerView> out = new ArrayList<>();
        if (audience instanceof Audience.Tag t) {
            int i = tags.index(t.name()).orElseThrow(() -> new dev.reservoir.engine.ReservoirException(
                    dev.reservoir.engine.ErrorCode.UNKNOWN_TAG, t.name(), tags.source(),
                    tags.names().isEmpty() ? "—" : String.join(", ", tags.names())));
            Tags.Evaluator e = tags.evaluator();
            for (CustomerView c : customers) {
                if (e.matches(i, c)) {
                    out.add(c);
                }
            }
        } else {
            for (CustomerView c : customers) {
                if (in(audience, c)) {
                    out.add(c);
                }
            }
        }
        out.sort(BY_VALUE);
        return out;
    }

    private static boolean in(Audience audience, CustomerView c) {
        if (audience instanceof Audience.Segment s) {
            return c.rfm() != null && c.rfm().rfmClass() == s.rfmClass();
        }
        if (audience instanceof Audience.Stage s) {
            return c.stage() == s.stage();
        }
        return c.usage() == ((Audience.Usage) audience).stage();
    }

    /** Money in the window desc, money of all orders desc, customer id. */
    public static final Comparator<CustomerView> BY_VALUE = Comparator
            .comparing((CustomerView c) -> c.facts().windowMoney(), Comparator.<BigDecimal>reverseOrder())
            .thenComparing(c -> c.facts().money(), Comparator.<BigDecimal>reverseOrder())
            .thenComparing(CustomerView::customerId);
}
