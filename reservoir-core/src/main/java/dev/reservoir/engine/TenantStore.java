package dev.reservoir.engine;

import dev.reservoir.event.Customer;
import dev.reservoir.event.Event;
import dev.reservoir.event.Tenant;
import dev.reservoir.ingest.ImportListener;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.ImportRequest;
import dev.reservoir.metric.ActivityMetrics;
import dev.reservoir.metric.ChurnMetrics;
import dev.reservoir.metric.FunnelMetrics;
import dev.reservoir.metric.GroupMetrics;
import dev.reservoir.metric.RepurchaseMetrics;
import dev.reservoir.metric.RetentionMetrics;
import dev.reservoir.model.ModelInputs;
import dev.reservoir.segment.SegmentMetrics;
import dev.reservoir.time.AsOf;

import java.util.List;

/** One tenant's events and customers, and the per-customer facts everything else reads. */
public interface TenantStore {

    Tenant tenant();

    /**
     * Imports files. Each file is one transaction: a file is stored whole or not at all, and
     * rows already stored (same event id, same content) are counted as duplicates, not stored
     * twice.
     */
    ImportReport importFiles(ImportRequest request, ImportListener listener);

    /** Stores events sent by a program (HTTP, generator); same rules as a file import. */
    ImportReport append(String source, List<Event> events);

    /** Adds or updates customer profiles. */
    ImportReport appendCustomers(String source, List<Customer> customers);

    /** What the tenant holds, counting only what was known at {@code asOf}'s known-at. */
    TenantSummary summary(AsOf asOf);

    /** One row per customer with activity up to the end of {@code asOf}, by customer id. */
    List<CustomerFacts> customerFacts(AsOf asOf);

    // Metrics are capabilities: an engine that lacks one says so with an exact message, so a new
    // engine (Spark) can start small and the conformance suite shows what is missing.

    default ChurnMetrics churn() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "churn");
    }

    default RetentionMetrics retention() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "retention");
    }

    default RepurchaseMetrics repurchase() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "repurchase");
    }

    default ActivityMetrics activity() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "activity");
    }

    default dev.reservoir.metric.BehaviourMetrics behaviour() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "behaviour");
    }

    default FunnelMetrics funnels() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "funnel");
    }

    default GroupMetrics groups() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "group");
    }

    default ModelInputs modelInputs() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "model input");
    }

    default SegmentMetrics segments() {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "segment");
    }

    /**
     * Of {@code eventIds}, the ones this tenant already stores (whatever their content, whenever
     * ingested): the HTTP ingestion tells per event whether it was a duplicate.
     */
    default java.util.Set<String> storedEventIds(java.util.Collection<String> eventIds) {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "stored event id");
    }

    /**
     * One customer's stored record as of D (known by known-at): the profile, first and last event,
     * the visitor ids seen on its events and the newest {@code timelineLimit} events, for the
     * customer lookup. A customer with no event up to D and no profile gives a record with
     * {@link CustomerRecord#known()} false.
     */
    default CustomerRecord customerRecord(String customerId, AsOf asOf, int timelineLimit) {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "customer lookup");
    }

    /**
     * The complaint and survey events of customers dated in [{@code from}, D] (known by known-at),
     * each with its {@code properties.reason}, ordered by date, customer and type: the churn-reasons
     * section of the report.
     */
    default List<dev.reservoir.metric.StatedReason> statedReasons(AsOf asOf, java.time.LocalDate from) {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "stated reason");
    }

    /**
     * Stores those of {@code events} whose event id (every one given) is not stored yet, in one
     * transaction, and says of each what became of it: the HTTP ingestion's commit of a group of
     * requests. The stored rows are those {@link #append} would store; the store probes for the
     * stored ids and checks the rest in the same transaction, so no second writer can slip between.
     */
    default dev.reservoir.ingest.AppendOutcome appendUnlessStored(String source, List<Event> events) {
        throw new ReservoirException(ErrorCode.UNSUPPORTED_METRIC, getClass().getSimpleName(), "append unless stored");
    }

    /**
     * {@link #appendUnlessStored} in two steps: this one writes the events aside and may run
     * while another append commits; {@link dev.reservoir.ingest.StagedAppend#commit} stores them,
     * with the same outcome. Appends staged one after another must commit in that order. An engine
     * with nothing to stage ahead stages nothing and does the whole append at the commit.
     */
    default dev.reservoir.ingest.StagedAppend stageAppend(String source, List<Event> events) {
        return new dev.reservoir.ingest.StagedAppend() {
            @Override
            public dev.reservoir.ingest.AppendOutcome commit() {
                return appendUnlessStored(source, events);
            }

            @Override
            public void close() {
            }
        };
    }
}
