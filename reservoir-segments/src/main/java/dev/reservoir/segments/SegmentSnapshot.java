package dev.reservoir.segments;

import dev.reservoir.segment.Audience;
import dev.reservoir.segment.Lifecycle;
import dev.reservoir.segment.Rfm;
import dev.reservoir.segment.RfmScoring;
import dev.reservoir.segment.SegmentFacts;
import dev.reservoir.segment.SegmentFactsQuery;
import dev.reservoir.segment.SegmentMetrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /** The same from facts already read. */
    public static SegmentSnapshot of(SegmentFactsQuery query, List<SegmentFacts> facts, RfmScoring scoring, Tags tags) {
        Objects.requireNonNull(scoring, "scoring");
        Rfm.Result rfm = new Rfm(query.asOf(), query.lookBackDays(), scoring).score(facts);
        Map<String, Rfm.Customer> scored = new HashMap<>(rfm.customers().size() * 2);
        for (Rfm.Customer c : rfm.customers()) {
            scored.put(c.customerId(), c);
        }
        Lifecycle lifecycle = new Lifecycle(query.asOf(), query.rule());
        List<CustomerView> views = new ArrayList<>(facts.size());
        for (SegmentFacts f : facts) {
            views.add(new CustomerView(query.asOf().date(), f, scored.get(f.customerId()), lifecycle.stage(f),
                    Lifecycle.usage(f).orElse(null)));
        }
        return new SegmentSnapshot(query, rfm, lifecycle, List.copyOf(views), tags == null
                ? Tags.compile("none", List.of(), List.of()) : tags);
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

    /** Customers carrying each tag, in definition order. */
    public Map<String, Long> tagSizes() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < tags.names().size(); i++) {
            long n = 0;
            for (CustomerView c : customers) {
                if (tags.matches(i, c)) {
                    n++;
                }
            }
            out.put(tags.names().get(i), n);
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
            for (CustomerView c : customers) {
                if (tags.matches(i, c)) {
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
