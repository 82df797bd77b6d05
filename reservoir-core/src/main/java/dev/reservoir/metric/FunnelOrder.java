package dev.reservoir.metric;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a funnel's steps must follow each other (the three modes of PostHog, also Mixpanel's
 * "specific order" and "any order"). A person's events are taken in time order; events at the
 * same instant in step order (lower step first), events that match no step after them.
 */
public enum FunnelOrder {
    /** Each step after the previous one (at the same instant or later); other events may come between. */
    ORDERED("ordered"),
    /** Each step is the person's very next event after the previous step: no other event between. */
    STRICT("strict"),
    /** Step 1 first (it starts the window); steps 2..k each at least once after it, in any order. */
    ANY("any");

    private final String wireName;

    FunnelOrder(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static FunnelOrder parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.wireName.equals(t)).findFirst()
                .orElseThrow(() -> new ReservoirException(ErrorCode.INVALID_PARAMETER, "order",
                        Localizable.of("ordered, strict or any", "ordered、strict 或 any"), text));
    }
}
