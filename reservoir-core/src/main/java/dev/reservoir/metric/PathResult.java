package dev.reservoir.metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link PathQuery}: every distinct sequence with its sessions (most common first,
 * ties by the steps' text), the step-to-step transitions for a Sankey chart, and the main path.
 *
 * @param sessions         all sessions that began in the period
 * @param anchoredSessions of those, sessions with the anchor (all of them without an anchor)
 */
public record PathResult(PathQuery definition, long sessions, long anchoredSessions, List<Sequence> sequences,
                         List<Transition> transitions, Optional<MainPath> mainPath) {
    public PathResult {
        Objects.requireNonNull(definition, "definition");
        sequences = List.copyOf(sequences);
        transitions = List.copyOf(transitions);
        Objects.requireNonNull(mainPath, "mainPath");
    }

    /** A sequence of steps, anchor first ({@code NEXT}) or last ({@code PREVIOUS}). */
    public record Sequence(List<String> steps, long sessions) {
        public Sequence {
            steps = List.copyOf(steps);
        }

        /** Share of the anchored sessions. */
        public Double share(long anchoredSessions) {
            return Rates.rate(sessions, anchoredSessions);
        }
    }

    /** Sessions going from {@code from} at position {@code position} (0-based) to {@code to} next. */
    public record Transition(int position, String from, String to, long sessions) {
        public Transition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * @param reached  per step of the main path, the anchored sessions that followed it up to and
     *                 including that step ({@code reached[0]} = anchored sessions)
     */
    public record MainPath(List<String> steps, List<Long> reached) {
        public MainPath {
            steps = List.copyOf(steps);
            reached = List.copyOf(reached);
        }

        public long followed() {
            return reached.get(reached.size() - 1);
        }

        /** Share of the anchored sessions that follow the whole path. */
        public Double share() {
            return Rates.rate(followed(), reached.get(0));
        }

        /** Sessions that left the path at step {@code i} (1-based up to the last step): reached[i-1] − reached[i]. */
        public long leftAt(int i) {
            return reached.get(i - 1) - reached.get(i);
        }
    }

    /**
     * Builds the result from the distinct sequences an engine counted: transitions and the main
     * path are sums over them, so every engine derives them alike.
     */
    public static PathResult of(PathQuery definition, long sessions, Map<List<String>, Long> counted) {
        List<Sequence> sequences = new ArrayList<>();
        counted.forEach((steps, n) -> sequences.add(new Sequence(steps, n)));
        sequences.sort(Comparator.comparingLong(Sequence::sessions).reversed()
                .thenComparing(s -> String.join("\u0000", s.steps())));
        long anchored = sequences.stream().mapToLong(Sequence::sessions).sum();
        Map<Transition, Long> sums = new LinkedHashMap<>();
        for (Sequence s : sequences) {
            for (int i = 0; i + 1 < s.steps().size(); i++) {
                sums.merge(new Transition(i, s.steps().get(i), s.steps().get(i + 1), 0), s.sessions(), Long::sum);
            }
        }
        List<Transition> transitions = new ArrayList<>();
        sums.forEach((t, n) -> transitions.add(new Transition(t.position(), t.from(), t.to(), n)));
        transitions.sort(Comparator.comparingInt(Transition::position)
                .thenComparing(Comparator.comparingLong(Transition::sessions).reversed())
                .thenComparing(Transition::from).thenComparing(Transition::to));
        Optional<MainPath> main = Optional.empty();
        List<String> path = definition.mainPath();
        if (!path.isEmpty()) {
            List<Long> reached = new ArrayList<>();
            for (int j = 0; j < path.size(); j++) {
                int upTo = j + 1;
                reached.add(sequences.stream().filter(s -> s.steps().size() >= upTo
                        && s.steps().subList(0, upTo).equals(path.subList(0, upTo))).mapToLong(Sequence::sessions).sum());
            }
            main = Optional.of(new MainPath(path, reached));
        }
        return new PathResult(definition, sessions, anchored, sequences, transitions, main);
    }
}
