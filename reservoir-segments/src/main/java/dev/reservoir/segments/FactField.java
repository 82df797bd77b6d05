package dev.reservoir.segments;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A customer fact a tag rule can name: its CEL name and type, what it means (English and
 * Chinese) and how to read it from a {@link CustomerView}. Values are CEL's Java forms: int as
 * {@link Long}, double as {@link Double}, string, bool, {@code List<String>},
 * {@code Map<String, String>}.
 *
 * <p>The extension point for facts computed elsewhere (the four-quadrant class, predicted
 * values): {@link #perCustomer} declares a field from a map by customer id; pass such fields to
 * {@link Tags#compile} only when the values exist, so that a rule naming them before then fails
 * as an unknown field instead of reading a default.
 */
public record FactField(String name, Kind kind, String english, String chinese, Function<CustomerView, Object> value) {
    /** The CEL types a fact can have. */
    public enum Kind {
        INT(SimpleType.INT), DOUBLE(SimpleType.DOUBLE), STRING(SimpleType.STRING), BOOL(SimpleType.BOOL),
        STRING_LIST(ListType.create(SimpleType.STRING)), STRING_MAP(MapType.create(SimpleType.STRING, SimpleType.STRING));

        private final CelType celType;

        Kind(CelType celType) {
            this.celType = celType;
        }

        CelType celType() {
            return celType;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public FactField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a fact name is lower-case letters, digits and '_', was '" + name + "'");
        }
    }

    public String description(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? chinese : english;
    }

    /**
     * A fact computed outside this module (predicted value, quadrant), by customer id; a customer
     * without a value gets {@code missing}.
     */
    public static FactField perCustomer(String name, Kind kind, String english, String chinese,
                                        Map<String, ?> values, Object missing) {
        Map<String, ?> copy = Map.copyOf(values);
        return new FactField(name, kind, english, chinese, v -> {
            Object x = copy.get(v.customerId());
            return x == null ? missing : x;
        });
    }
}
