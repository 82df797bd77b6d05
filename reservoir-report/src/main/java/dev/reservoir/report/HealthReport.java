package dev.reservoir.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.event.Tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The weekly customer-health report (SPEC "Seeing") of one tenant as of D: the entry point of
 * this module. {@link #build} computes every section whose data exists; {@link #json()} and
 * {@link #html()} write the two forms (see {@code docs/report.md}).
 *
 * <pre>{@code
 * HealthReport report = HealthReport.build(store, parameters);
 * Files.writeString(out, report.html());
 * }</pre>
 */
public final class HealthReport {
    /** The JSON form's version: raised when a field changes meaning or disappears. */
    public static final int SCHEMA_VERSION = 1;

    private final Tenant tenant;
    private final ReportParameters parameters;
    private final List<SectionResult> sections;

    private HealthReport(Tenant tenant, ReportParameters parameters, List<SectionResult> sections) {
        this.tenant = tenant;
        this.parameters = parameters;
        this.sections = List.copyOf(sections);
    }

    /** Computes the report's sections from the store's metrics; a section without data is left out. */
    public static HealthReport build(TenantStore store, ReportParameters parameters) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(parameters, "parameters");
        return build(store, parameters, Sections.ALL);
    }

    static HealthReport build(TenantStore store, ReportParameters parameters, List<Section> sections) {
        ReportContext context = new ReportContext(store, parameters);
        List<SectionResult> built = new ArrayList<>();
        for (Section section : sections) {
            Optional<SectionResult> result = section.build(context);
            result.ifPresent(built::add);
        }
        return new HealthReport(store.tenant(), parameters, built);
    }

    public Tenant tenant() {
        return tenant;
    }

    public ReportParameters parameters() {
        return parameters;
    }

    /** The ids of the sections present, in order (e.g. {@code customers, churn, ...}). */
    public List<String> sectionIds() {
        return sections.stream().map(SectionResult::id).toList();
    }

    List<SectionResult> sections() {
        return sections;
    }

    /** The JSON form, as a tree. */
    public ObjectNode json() {
        return ReportJson.tree(this);
    }

    /** The JSON form, as text (pretty-printed, UTF-8 safe). */
    public String jsonText() {
        return ReportJson.text(this);
    }

    /** The HTML form: one self-contained page with the chart library inlined. */
    public String html() {
        return ReportHtml.page(this);
    }
}
