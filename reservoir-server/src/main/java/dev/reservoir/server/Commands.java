package dev.reservoir.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The metric commands, the report and the customer lookup, served with exactly the command line's parameters: the
 * command line implements this by running its own commands in-process on the server's engine,
 * so an endpoint and its command cannot disagree. The server checks the token, the tenant and
 * the parameter names before it calls {@link #run}.
 */
public interface Commands {
    /** The name of the report command among {@link #parameters()}. */
    String REPORT = "report";

    /**
     * Every command served (the metrics and {@link #REPORT}) with the parameters each accepts:
     * option names without dashes, such as {@code preset} or {@code as-of} (an {@code as_of}
     * query parameter means {@code as-of}).
     */
    Map<String, Set<String>> parameters();

    /**
     * Runs {@code command} for {@code tenant} with {@code parameters} (checked names, in order),
     * as {@code format}: {@code json}, {@code csv} or {@code table} (the command's own table text),
     * or for the report {@code html}.
     */
    Output run(String command, String tenant, List<Map.Entry<String, String>> parameters, Locale locale, String format);

    /** The name of the customer lookup command among {@link #parameters()}: it takes the customer id. */
    String CUSTOMER = "customer";

    /** The name of the tenant summary command ({@code reservoir info}) among {@link #parameters()}. */
    String INFO = "info";

    /** Whether {@code name} among {@link #parameters()} is a metric, served under {@code /metrics/{name}}. */
    static boolean isMetric(String name) {
        return !name.equals(REPORT) && !name.equals(CUSTOMER) && !name.equals(INFO);
    }

    /**
     * Runs {@code command} with one positional argument (the customer id of {@link #CUSTOMER}),
     * passed after the options' end so that any text is the argument itself, never an option.
     */
    Output run(String command, String tenant, String argument, List<Map.Entry<String, String>> parameters,
               Locale locale, String format);

    /**
     * The parameters {@code POST /t/{tenant}/import} accepts (the import command's options that
     * name no file of the server's); empty when import is not served.
     */
    default Set<String> importParameters() {
        return Set.of();
    }

    /**
     * Imports {@code file}, an uploaded copy in the server's data directory, into {@code tenant}
     * as {@code reservoir import FILE} does, with checked {@code parameters}; {@code format} is
     * {@code json}, {@code table} or {@code csv}; the answer names the file {@code name}, as the
     * sender called it, instead of the copy. Called only when {@link #importParameters()} is not
     * empty.
     */
    default Output importFile(String tenant, Path file, String name, List<Map.Entry<String, String>> parameters,
                              Locale locale, String format) {
        throw new UnsupportedOperationException("import is not served by " + getClass().getName());
    }

    /**
     * The mappings saved for {@code tenant} ({@code /t/{tenant}/mappings}, and named by an
     * import's {@code mapping}); empty when they are not served.
     */
    default java.util.Optional<dev.reservoir.ingest.SavedMappings> savedMappings(String tenant) {
        return java.util.Optional.empty();
    }

    /**
     * Checks the tag definitions in {@code file} (a request's body, in the server's data
     * directory) and makes them {@code tenant}'s, as {@code reservoir tags --save FILE} does, then
     * answers as {@code reservoir tags} with {@code parameters}; empty when tags are not saved here.
     */
    default java.util.Optional<Output> saveTags(String tenant, Path file, List<Map.Entry<String, String>> parameters,
                                                Locale locale, String format) {
        return java.util.Optional.empty();
    }

    /** The tenant's tags file ({@code tags.yaml} in its folder); empty when tags are not served. */
    default java.util.Optional<Path> tagsFile(String tenant) {
        return java.util.Optional.empty();
    }

    /**
     * @param exitCode 0 success; 1 an error (then {@code out} is its JSON error object); 2 bad usage
     *                 (then {@code err} says why)
     */
    record Output(int exitCode, String out, String err) {
    }
}
