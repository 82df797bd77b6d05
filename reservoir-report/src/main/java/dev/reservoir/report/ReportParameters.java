package dev.reservoir.report;

import dev.reservoir.metric.ChurnRule;
import dev.reservoir.time.AsOf;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a customer-health report is computed with.
 *
 * @param asOf          the as-of date D (and optional known-at); "this week" is the ISO week holding D
 * @param rule          the churn rule (activity, warning day W, churn window N) of the churn figures
 *                      and the at-risk list
 * @param preset        the preset the rule came from, if any (reported beside it)
 * @param locale        the language of every title, label and footnote: English or Chinese
 * @param topCustomers  how many customers the at-risk list shows (highest money first); 0 for all
 * @param docsBase      what the footnotes' links to the definitions start with, e.g.
 *                      {@code docs/} or a published copy of the repository's docs folder
 */
public record ReportParameters(AsOf asOf, ChurnRule rule, Optional<String> preset, Locale locale, int topCustomers,
                               String docsBase) {
    public static final int DEFAULT_TOP = 20;
    public static final String DEFAULT_DOCS_BASE = "docs/";

    public ReportParameters {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(docsBase, "docsBase");
        if (topCustomers < 0) {
            throw new IllegalArgumentException("topCustomers must be 0 (all) or more, was " + topCustomers);
        }
    }

    /** Chinese for any {@code zh} locale, English otherwise. */
    public boolean chinese() {
        return "zh".equals(locale.getLanguage());
    }
}
