package dev.reservoir.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;

/** The JSON form of a {@link HealthReport}; its schema is documented in {@code docs/report.md}. */
final class ReportJson {
    private ReportJson() {
    }

    static ObjectNode tree(HealthReport report) {
        ReportParameters p = report.parameters();
        ReportTexts t = new ReportTexts(p.locale());
        ObjectNode root = ReportContext.JSON.createObjectNode();
        root.put("report", "customer_health");
        root.put("schema_version", HealthReport.SCHEMA_VERSION);
        root.put("lang", t.locale().getLanguage());
        root.putObject("tenant").put("id", report.tenant().id()).put("time_zone", report.tenant().timeZone().getId())
                .put("currency", report.tenant().currency().getCurrencyCode());
        root.put("as_of", p.asOf().date().toString());
        root.put("known_at", p.asOf().knownAt().map(Object::toString).orElse(null));
        root.put("title", t.get("report.title"));
        ArrayNode sections = root.putArray("sections");
        for (SectionResult section : report.sections()) {
            ObjectNode s = sections.addObject().put("id", section.id()).put("title", section.title());
            ArrayNode figures = s.putArray("figures");
            for (Figure figure : section.figures()) {
                ObjectNode f = figures.addObject().put("id", figure.id()).put("title", figure.title());
                f.putObject("definition").put("text", figure.definition().text())
                        .put("ref", ReportHtml.link(p, figure.definition()))
                        .set("parameters", figure.definition().parameters());
                f.set("data", figure.data());
            }
        }
        return root;
    }

    static String text(HealthReport report) {
        try {
            return ReportContext.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(tree(report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
