package dev.reservoir.metric;

import dev.reservoir.event.EventType;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Paths (SPEC metric 10) over the sessions of a {@link SessionScope}. A step is a page view's
 * page ({@code /cart}) or, for any other event, {@code @} and its type ({@code @add_to_cart}).
 * In each session that has the anchor step, its first occurrence is taken with the {@code steps}
 * steps after it ({@link Direction#NEXT}) or before it ({@link Direction#PREVIOUS}); a session
 * that ends (begins) sooner gets {@link #EXIT} ({@link #ENTRY}) as its last (first) step.
 * Without an anchor, every session is taken from its first step. Steps repeat as they happened
 * (a reload of the same page is a step).
 *
 * @param mainPath a named main path, first step = the anchor (direction NEXT): the share of
 *                 anchored sessions that follow it and the step where the others leave it;
 *                 empty for none
 */
public record PathQuery(SessionScope scope, Optional<String> anchor, Direction direction, int steps,
                        List<String> mainPath) {
    public static final String EXIT = "(exit)";
    public static final String ENTRY = "(entry)";
    public static final int MAX_STEPS = 20;

    public enum Direction { NEXT, PREVIOUS }

    public PathQuery {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(direction, "direction");
        mainPath = List.copyOf(mainPath);
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be between 1 and " + MAX_STEPS + ", was " + steps);
        }
        if (anchor.isPresent() && anchor.get().isBlank()) {
            throw new IllegalArgumentException("anchor step is empty");
        }
        if (!mainPath.isEmpty()) {
            if (mainPath.size() < 2 || direction != Direction.NEXT || !mainPath.get(0).equals(anchor.orElse(null))
                    || steps < mainPath.size() - 1) {
                throw new IllegalArgumentException("a main path has at least two steps, starts at the anchor, goes"
                        + " forward and fits in the steps read; was " + mainPath + " from " + anchor.orElse("no anchor")
                        + " " + direction + " " + steps);
            }
        }
    }

    /** The steps after the first occurrence of {@code anchor}. */
    public static PathQuery next(SessionScope scope, String anchor, int steps) {
        return new PathQuery(scope, Optional.of(anchor), Direction.NEXT, steps, List.of());
    }

    /** The share of sessions through {@code path.get(0)} that go on along {@code path}. */
    public static PathQuery mainPath(SessionScope scope, List<String> path) {
        return new PathQuery(scope, Optional.of(path.get(0)), Direction.NEXT, path.size() - 1, path);
    }

    /** The step of an event other than a page view. */
    public static String eventStep(EventType type) {
        return "@" + type.wireName();
    }
}
