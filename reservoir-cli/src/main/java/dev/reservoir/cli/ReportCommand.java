package dev.reservoir.cli;

import dev.reservoir.engine.AtomicFiles;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.engine.TenantStore;
import dev.reservoir.report.HealthReport;
import dev.reservoir.report.ReportParameters;
import dev.reservoir.time.AsOf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code reservoir report}: the weekly customer-health report as of D, as one self-contained
 * HTML page (the default) or as JSON ({@code docs/report.md}), in English or Chinese; written to
 * {@code --out FILE}, or to standard output without it.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false)
final class ReportCommand implements Callable<Integer> {
    @Mixin
    private SharedOptions shared;

    @Mixin
    private ServerOptions server;

    @Mixin
    private ChurnOptions churn;

    @Mixin
    private AsOfOptions asOf;

    @Option(names = "--out", paramLabel = "FILE", descriptionKey = "report-out")
    private Path out;

    @Option(names = "--top", paramLabel = "K", defaultValue = "20", descriptionKey = "report-top")
    private int top;

    @Option(names = "--docs-base", paramLabel = "URL", defaultValue = ReportParameters.DEFAULT_DOCS_BASE,
            descriptionKey = "report-docs-base")
    private String docsBase;

    @Override
    public Integer call() {
        return shared.runPage(texts -> {
            Format format = shared.formatOr(Format.HTML);
            if (format != Format.HTML && format != Format.JSON) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--format",
                        Localizable.of("html or json", "html 或 json"), format.name().toLowerCase(java.util.Locale.ROOT));
            }
            if (top < 0) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "--top",
                        Localizable.of("a number of customers, 0 for all", "客户数，0 表示全部"), String.valueOf(top));
            }
            if (server.given(shared)) {
                return remote(format, texts);
            }
            try (Engine engine = shared.openEngine()) {
                TenantStore store = engine.store(shared.tenant());
                AsOf at = asOf.resolve(store, shared);
                ChurnOptions.Resolved r = churn.resolve(store, at);
                ReportParameters parameters = new ReportParameters(at, r.rule(), Optional.ofNullable(r.preset()),
                        texts.locale(), top, docsBase);
                HealthReport report = HealthReport.build(store, parameters);
                String text = format == Format.HTML ? report.html() : report.jsonText();
                if (out == null) {
                    shared.out().print(text);
                } else {
                    AtomicFiles.writeString(out, text);
                    shared.out().println(texts.format("report.wrote", out, format.name().toLowerCase(java.util.Locale.ROOT),
                            String.join(", ", report.sectionIds())));
                }
                shared.out().flush();
            }
            return 0;
        });
    }

    /** The report made by the server; {@code --out} is written here, as locally. */
    private int remote(Format format, Texts texts) throws IOException {
        String name = format.name().toLowerCase(java.util.Locale.ROOT);
        String text = server.fetch(shared, "report", name, java.util.Set.of("out"), java.util.List.of());
        if (out == null) {
            shared.out().print(text);
        } else {
            AtomicFiles.writeString(out, text);
            shared.out().println(texts.format("report.wrote", out, name, String.join(", ", sectionIds(format, text))));
        }
        shared.out().flush();
        return 0;
    }

    /** The sections of a report as the server wrote it: {@code sections[].id}, or the page's {@code <section id>}. */
    static java.util.List<String> sectionIds(Format format, String text) throws IOException {
        java.util.List<String> ids = new java.util.ArrayList<>();
        if (format == Format.JSON) {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(text).path("sections")
                    .forEach(s -> ids.add(s.path("id").asText()));
        } else {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<section id=\"([^\"]*)\">").matcher(text);
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }
}
