package dev.reservoir.segments;

import java.util.Locale;
import java.util.Objects;

/**
 * A named tag: a rule in Common Expression Language over the customer facts, true for the
 * customers who carry the tag. Labels are optional display names.
 */
public record TagDefinition(String name, String rule, String english, String chinese) {
    public TagDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
    }

    public static TagDefinition of(String name, String rule) {
        return new TagDefinition(name, rule, null, null);
    }

    public String label(Locale locale) {
        String l = "zh".equals(locale.getLanguage()) ? chinese : english;
        return l == null ? (english != null ? english : name) : l;
    }
}
