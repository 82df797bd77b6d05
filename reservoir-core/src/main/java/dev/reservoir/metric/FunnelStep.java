package dev.reservoir.metric;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One step of a funnel (SPEC metric 9): an event type, optionally narrowed by filters that must
 * all hold. A page step is a {@code page_view} with a page filter. Steps are a small structured
 * specification, never SQL: the engine binds each value.
 *
 * <p>Text form (the command line's {@code --step}): {@code purchase}, {@code /cart} (a page view
 * of {@code /cart}), {@code /item/*} (any page starting with {@code /item/}),
 * {@code add_to_cart[category=coffee]}, {@code page_view[page=/item/*&channel=app]},
 * {@code purchase[properties.coupon_id=W21]}.
 */
public record FunnelStep(EventType type, List<StepFilter> filters) {
    public FunnelStep {
        Objects.requireNonNull(type, "type");
        filters = List.copyOf(filters);
    }

    public static FunnelStep of(EventType type) {
        return new FunnelStep(type, List.of());
    }

    public static FunnelStep page(String page) {
        return new FunnelStep(EventType.PAGE_VIEW, List.of(new StepFilter(StepFilter.Field.PAGE, null, page)));
    }

    /** The text form above; the inverse of {@link #parse}. */
    public String text() {
        if (type == EventType.PAGE_VIEW && filters.size() == 1 && filters.get(0).field() == StepFilter.Field.PAGE) {
            return filters.get(0).value();
        }
        if (filters.isEmpty()) {
            return type.wireName();
        }
        return type.wireName() + "[" + String.join("&", filters.stream().map(StepFilter::text).toList()) + "]";
    }

    public static FunnelStep parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("/")) {
            return page(t);
        }
        int open = t.indexOf('[');
        String typeName = open < 0 ? t : t.substring(0, open);
        EventType type = EventType.fromWireName(typeName.toLowerCase(Locale.ROOT)).orElseThrow(() -> bad(text));
        if (open < 0) {
            return of(type);
        }
        if (!t.endsWith("]") || open + 1 >= t.length() - 1) {
            throw bad(text);
        }
        List<StepFilter> filters = new ArrayList<>();
        for (String part : t.substring(open + 1, t.length() - 1).split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw bad(text);
            }
            filters.add(StepFilter.of(part.substring(0, eq).strip(), part.substring(eq + 1).strip(), text));
        }
        return new FunnelStep(type, filters);
    }

    static ReservoirException bad(String text) {
        return new ReservoirException(ErrorCode.INVALID_PARAMETER, "step", Localizable.of(
                "an event type (" + EventType.wireNames() + "), a page such as /cart or /item/*, or type[field=value&...]"
                        + " with fields page, category, item_id, store_id, channel, properties.KEY",
                "事件类型（" + EventType.wireNames() + "）、页面（如 /cart、/item/*）或 类型[字段=值&...]，"
                        + "字段为 page、category、item_id、store_id、channel、properties.键"), text);
    }
}
