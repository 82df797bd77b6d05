package dev.reservoir.metric;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * The customer attribute a repurchase figure is split by (SPEC metric 6 (d)): a column of the
 * customer profile, or a key of its free attributes. Customers without a profile, or whose
 * profile has no value for it, form the group {@link RepurchaseGroup#UNKNOWN}.
 */
public sealed interface RepurchaseSplit {

    /** The name used on the command line and in JSON: {@code paid_member}, {@code attributes.city}. */
    String name();

    /** A profile column. */
    record Column(ProfileColumn column) implements RepurchaseSplit {
        public Column {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String name() {
            return column.wireName();
        }
    }

    /** A key of the profile's free attributes ({@code attributes.<key>}). */
    record Attribute(String key) implements RepurchaseSplit {
        public Attribute {
            if (key == null || key.isBlank()) {
                throw new ReservoirException(ErrorCode.INVALID_PARAMETER, "split",
                        Localizable.of("an attribute key after 'attributes.'", "'attributes.' 后的属性名"), key);
            }
        }

        @Override
        public String name() {
            return "attributes." + key;
        }
    }

    /** The profile columns a split may name. */
    enum ProfileColumn {
        PAID_MEMBER("paid_member"), MEMBER_TIER("member_tier"), STORE_ID("store_id"), CHANNEL("channel");

        private final String wireName;

        ProfileColumn(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** {@code paid_member}, {@code member_tier}, {@code store_id}, {@code channel}, or {@code attributes.KEY}. */
    static RepurchaseSplit parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("attributes.")) {
            return new Attribute(t.substring("attributes.".length()));
        }
        return Arrays.stream(ProfileColumn.values()).filter(c -> c.wireName.equals(t.toLowerCase(Locale.ROOT)))
                .findFirst().<RepurchaseSplit>map(Column::new)
                .orElseThrow(() -> new ReservoirException(ErrorCode.INVALID_PARAMETER, "split",
                        Localizable.of("paid_member, member_tier, store_id, channel or attributes.KEY",
                                "paid_member、member_tier、store_id、channel 或 attributes.属性名"), text));
    }
}
