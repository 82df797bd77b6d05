package dev.reservoir.report;

import java.util.Optional;

/**
 * One section of the customer-health report. A new section is one class implementing this,
 * added to {@link Sections#ALL}; the JSON and HTML forms need no change.
 *
 * <p>A section whose data does not exist for the tenant (no page views for the behaviour
 * section, no orders for the order sections) returns empty and is left out of both forms: never
 * a placeholder, never zeros standing in for "no data".
 */
interface Section {
    /** The stable id: the section's key in the JSON form and its anchor in the HTML form. */
    String id();

    Optional<SectionResult> build(ReportContext context);
}
