package dev.reservoir.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The HTML form of a {@link HealthReport}: one self-contained page (styles, chart options and
 * Apache ECharts inlined; nothing fetched), in one language, laid out to print on A4. Every text
 * that comes from data (tenant and customer ids, labels) is escaped.
 */
final class ReportHtml {
    private ReportHtml() {
    }

    static String page(HealthReport report) {
        ReportParameters p = report.parameters();
        ReportTexts t = new ReportTexts(p.locale());
        StringBuilder b = new StringBuilder(ChartLibrary.script().length() + 64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(t.chinese() ? "zh-CN" : "en").append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Reservoir\">\n")
                .append("<title>").append(escape(t.get("report.title") + " · " + report.tenant().id() + " · "
                        + p.asOf().date())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(b, report, t);
        List<SectionResult> sections = report.sections();
        if (sections.isEmpty()) {
            b.append("<p class=\"empty\">").append(escape(t.get("report.no-data"))).append("</p>\n");
        } else {
            b.append("<nav><ol>");
            for (SectionResult s : sections) {
                b.append("<li><a href=\"#").append(escape(s.id())).append("\">").append(escape(s.title()))
                        .append("</a></li>");
            }
            b.append("</ol></nav>\n");
        }
        int note = 0;
        StringBuilder options = new StringBuilder();
        for (SectionResult s : sections) {
            b.append("<section id=\"").append(escape(s.id())).append("\">\n<h2>").append(escape(s.title()))
                    .append("</h2>\n");
            for (Figure f : s.figures()) {
                note++;
                figure(b, options, f, note, p, t);
            }
            b.append("</section>\n");
        }
        b.append("<footer>").append(escape(t.format("report.footer", ChartLibrary.version()))).append("</footer>\n");
        b.append(options);
        b.append("<script>\n").append(ChartLibrary.script()).append("\n</script>\n");
        b.append("<script>\n").append(INIT).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, HealthReport report, ReportTexts t) {
        ReportParameters p = report.parameters();
        b.append("<header>\n<h1>").append(escape(t.get("report.title"))).append("</h1>\n<p class=\"meta\">")
                .append(escape(t.format("report.meta", report.tenant().id(), p.asOf().date(),
                        report.tenant().timeZone().getId())));
        p.asOf().knownAt().ifPresent(k -> b.append(' ').append(escape(t.format("report.known-at", k))));
        b.append("</p>\n<p class=\"meta\">").append(escape(t.format("report.rule", p.rule().activity(),
                p.rule().warningDays(), p.rule().churnDays(), p.preset().orElse(t.get("report.preset-custom")))))
                .append("</p>\n</header>\n");
    }

    private static void figure(StringBuilder b, StringBuilder options, Figure f, int note, ReportParameters p,
                               ReportTexts t) {
        String noteId = "note-" + note;
        b.append("<figure id=\"").append(escape(f.id())).append("\">\n<h3 title=\"")
                .append(escape(f.definition().text())).append("\">").append(escape(f.title()))
                .append("<sup><a href=\"#").append(noteId).append("\">").append(note).append("</a></sup></h3>\n");
        f.chart().ifPresent(chart -> {
            String optionId = "option-" + f.id();
            b.append("<div class=\"chart").append(chart.has("visualMap") ? " tall" : "")
                    .append("\" data-option=\"").append(optionId).append("\" role=\"img\" aria-label=\"")
                    .append(escape(f.title())).append("\"></div>\n");
            options.append("<script type=\"application/json\" id=\"").append(optionId).append("\">")
                    .append(scriptJson(chart)).append("</script>\n");
        });
        f.table().ifPresent(table -> table(b, table));
        b.append("<p class=\"note\" id=\"").append(noteId).append("\"><span class=\"n\">").append(note)
                .append("</span> ").append(escape(f.definition().text())).append(' ')
                .append(escape(t.get("note.parameters"))).append(' ')
                .append(escape(parameters(f.definition().parameters(), t))).append(" <a href=\"")
                .append(escape(link(p, f.definition()))).append("\">").append(escape(t.get("note.link")))
                .append("</a></p>\n</figure>\n");
    }

    private static void table(StringBuilder b, TableView table) {
        if (table.rows().isEmpty()) {
            b.append("<p class=\"empty\">").append(escape(table.empty())).append("</p>\n");
            return;
        }
        b.append("<table>\n<thead><tr>");
        for (int i = 0; i < table.header().size(); i++) {
            b.append(table.numeric().get(i) ? "<th class=\"num\">" : "<th>").append(escape(table.header().get(i)))
                    .append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(table.numeric().get(i) ? "<td class=\"num\">" : "<td>").append(escape(row.get(i)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    /** {@code churn days = 90; warning days = 60; ...} with names in the report's language. */
    static String parameters(ObjectNode parameters, ReportTexts t) {
        StringBuilder b = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (b.length() > 0) {
                b.append(t.chinese() ? "；" : "; ");
            }
            b.append(t.getOr("param." + e.getKey(), e.getKey())).append(" = ").append(value(e.getValue()));
        }
        return b.append(t.chinese() ? "。" : ".").toString();
    }

    private static String value(JsonNode v) {
        if (v.isNull()) {
            return "—";
        }
        if (v.isArray()) {
            StringBuilder b = new StringBuilder();
            v.forEach(x -> b.append(b.length() == 0 ? "" : ",").append(x.asText()));
            return b.toString();
        }
        return v.asText();
    }

    /** The link to a figure's definition: the docs base, its page ({@code metrics.md}, ...), the anchor. */
    static String link(ReportParameters p, Definition d) {
        String base = p.docsBase();
        return base + (base.isEmpty() || base.endsWith("/") ? "" : "/") + d.document() + "#" + d.anchor();
    }

    /** JSON to put inside a script element: {@code <} escaped, so no string can close the element. */
    private static String scriptJson(ObjectNode node) {
        try {
            return ReportContext.JSON.writeValueAsString(node).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Screen: one readable column. Print: A4 with 12 mm margins, no navigation, a figure never
     * split across pages, charts as wide as the printable area (they are SVG, redrawn before
     * printing) and as tall as on screen, so a chart drawn for the screen fits its box on paper.
     */
    private static final String STYLE = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC",
                   "Microsoft YaHei", sans-serif; color: #1f2937; margin: 0 auto; padding: 16px; max-width: 760px;
                   line-height: 1.45; font-size: 14px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 18px; border-bottom: 2px solid #1f6feb; padding-bottom: 2px; margin: 28px 0 8px; }
            h3 { font-size: 15px; margin: 12px 0 6px; }
            h3 sup { font-size: 10px; margin-left: 2px; }
            .meta { color: #4b5563; margin: 2px 0; }
            nav ol { column-count: 2; column-gap: 24px; padding-left: 22px; margin: 12px 0; }
            figure { margin: 0 0 18px; }
            .chart { width: 100%; height: 300px; }
            .chart.tall { height: 460px; }
            table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
            th, td { border-bottom: 1px solid #e5e7eb; padding: 3px 6px; text-align: left; }
            th { background: #f3f4f6; }
            .num { text-align: right; font-variant-numeric: tabular-nums; }
            .note { font-size: 12px; color: #4b5563; margin: 4px 0 0; }
            .note .n { display: inline-block; min-width: 1.4em; font-weight: 600; }
            .empty { color: #6b7280; font-style: italic; }
            footer { margin-top: 28px; font-size: 11px; color: #6b7280; }
            @page { size: A4; margin: 12mm; }
            @media print {
              body { max-width: none; padding: 0; font-size: 10pt; }
              nav { display: none; }
              h2 { break-after: avoid; page-break-after: avoid; }
              figure { break-inside: avoid; page-break-inside: avoid; }
              a { color: inherit; text-decoration: none; }
              th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    /** Draws every chart from its JSON option (SVG, so print is sharp), and redraws on resize and print. */
    private static final String INIT = """
            (function () {
              var charts = [];
              document.querySelectorAll('.chart[data-option]').forEach(function (el) {
                var option = JSON.parse(document.getElementById(el.getAttribute('data-option')).textContent);
                var chart = echarts.init(el, null, { renderer: 'svg' });
                chart.setOption(option);
                charts.push(chart);
              });
              function resize() { charts.forEach(function (c) { c.resize(); }); }
              window.addEventListener('resize', resize);
              window.addEventListener('beforeprint', resize);
              window.addEventListener('afterprint', resize);
            })();
            """;
}
