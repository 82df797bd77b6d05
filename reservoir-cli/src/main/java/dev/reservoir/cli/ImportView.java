package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.ingest.FileReport;
import dev.reservoir.ingest.ImportReport;
import dev.reservoir.ingest.Rejection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An {@link ImportReport} as a table (per file, total, first rejections) and as JSON. */
final class ImportView {
    private ImportView() {
    }

    static String table(ImportReport report, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("import.title", report.tenant(), report.mapping())).append('\n');
        Table table = Table.numeric("  ", 9);
        table.row(texts.get("import.file"), texts.get("import.read"), texts.get("import.accepted"),
                texts.get("import.duplicates"), texts.get("import.conflicts"), texts.get("import.rejected"),
                texts.get("import.anonymous"), texts.get("import.took"), texts.get("import.rows-per-second"));
        for (FileReport f : report.files()) {
            table.row(f.file().toString(), texts.count(f.read()), texts.count(f.accepted()),
                    texts.count(f.duplicates()), texts.count(f.conflicts()), texts.count(f.rejected()),
                    texts.count(f.anonymous()), texts.seconds(f.took()), texts.perSecond(f.read(), f.took()));
        }
        if (report.files().size() > 1) {
            table.row(texts.get("import.total"), texts.count(report.read()), texts.count(report.accepted()),
                    texts.count(report.duplicates()), texts.count(report.conflicts()), texts.count(report.rejected()),
                    texts.count(report.anonymous()), texts.seconds(report.took()),
                    texts.perSecond(report.read(), report.took()));
        }
        b.append(table.render());
        for (FileReport f : report.files()) {
            if (f.skipped() > 0) {
                b.append(texts.format("import.skipped", f.file(), texts.count(f.skipped()))).append('\n');
            }
        }
        List<Rejection> first = firstRejections(report);
        if (!first.isEmpty()) {
            b.append('\n').append(texts.format("import.rejections", texts.count(first.size()),
                    texts.count(report.rejected()))).append('\n');
            for (Rejection r : first) {
                b.append("  ").append(r.message(texts.locale())).append('\n');
            }
        }
        for (FileReport f : report.files()) {
            if (f.rejectsFile() != null) {
                b.append(texts.format("import.rejects-file", f.rejectsFile())).append('\n');
            }
            if (f.conflictsFile() != null) {
                b.append(texts.format("import.conflicts-file", f.conflictsFile())).append('\n');
            }
        }
        return b.toString();
    }

    /** The first {@link FileReport#REJECTIONS_SHOWN} rejections of the whole import, file by file. */
    static List<Rejection> firstRejections(ImportReport report) {
        List<Rejection> first = new ArrayList<>();
        for (FileReport f : report.files()) {
            for (Rejection r : f.firstRejections()) {
                if (first.size() < FileReport.REJECTIONS_SHOWN) {
                    first.add(r);
                }
            }
        }
        return first;
    }

    /**
     * {@code {"tenant", "mapping", "files": [{"file", "read", ..., "rejections": [...]}], "total"}};
     * each file lists its first rejections with file, line, column, value, code and message.
     */
    static ObjectNode json(ImportReport report, Texts texts) {
        ObjectNode node = Json.object();
        node.put("tenant", report.tenant());
        node.put("mapping", report.mapping());
        ArrayNode files = node.putArray("files");
        for (FileReport f : report.files()) {
            ObjectNode file = files.addObject();
            file.put("file", f.file().toString());
            counts(file, f.read(), f.accepted(), f.duplicates(), f.conflicts(), f.rejected(), f.anonymous(), f.took());
            file.put("skipped", f.skipped());
            file.put("rejects_file", Json.path(f.rejectsFile()));
            file.put("conflicts_file", Json.path(f.conflictsFile()));
            ArrayNode rejections = file.putArray("rejections");
            for (Rejection r : f.firstRejections()) {
                rejections.add(rejection(r, texts));
            }
        }
        counts(node.putObject("total"), report.read(), report.accepted(), report.duplicates(), report.conflicts(),
                report.rejected(), report.anonymous(), report.took());
        return node;
    }

    private static void counts(ObjectNode node, long read, long accepted, long duplicates, long conflicts,
                               long rejected, long anonymous, Duration took) {
        node.put("read", read);
        node.put("accepted", accepted);
        node.put("duplicates", duplicates);
        node.put("conflicts", conflicts);
        node.put("rejected", rejected);
        node.put("anonymous", anonymous);
        node.put("took_ms", Json.millis(took));
        Double rate = Texts.rate(read, took);
        if (rate == null) {
            node.putNull("rows_per_second");
        } else {
            node.put("rows_per_second", Math.round(rate));
        }
    }

    static ObjectNode rejection(Rejection r, Texts texts) {
        ObjectNode node = Json.object();
        node.put("file", r.file());
        node.put("line", r.line());
        node.put("column", r.column());
        node.put("value", r.value());
        node.put("code", r.code().name());
        node.put("message", r.message(texts.locale()));
        return node;
    }
}
