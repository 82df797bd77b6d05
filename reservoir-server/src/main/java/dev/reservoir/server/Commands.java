package dev.reservoir.server;

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
     * as JSON (or, for the report, {@code format} {@code html}).
     */
    Output run(String command, String tenant, List<Map.Entry<String, String>> parameters, Locale locale, String format);

    /** The name of the customer lookup command among {@link #parameters()}: it takes the customer id. */
    String CUSTOMER = "customer";

    /**
     * Runs {@code command} with one positional argument (the customer id of {@link #CUSTOMER}),
     * passed after the options' end so that any text is the argument itself, never an option.
     */
    Output run(String command, String tenant, String argument, List<Map.Entry<String, String>> parameters,
               Locale locale, String format);

    /**
     * @param exitCode 0 success; 1 an error (then {@code out} is its JSON error object); 2 bad usage
     *                 (then {@code err} says why)
     */
    record Output(int exitCode, String out, String err) {
    }
}
