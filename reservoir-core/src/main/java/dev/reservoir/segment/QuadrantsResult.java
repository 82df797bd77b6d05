package dev.reservoir.segment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The result of {@link Quadrants}: each person's place this week and last, the thresholds used,
 * the counts per quadrant and the movement between them.
 *
 * @param thresholds         the split used this week; {@code null} values when nobody was active
 * @param previousThresholds the split used the week before
 * @param members            everyone active in either week, by person id
 */
public record QuadrantsResult(Quadrants definition, Split thresholds, Split previousThresholds,
                              List<Member> members) {
    public QuadrantsResult {
        Objects.requireNonNull(definition, "definition");
        members = List.copyOf(members);
    }

    /** The threshold of each axis: sessions and average seconds. */
    public record Split(Double count, Double dwellSeconds) {
    }

    /** A customer, or an anonymous visitor (ids of the two may coincide). */
    public record Person(String id, boolean customer) {
        public Person {
            Objects.requireNonNull(id, "id");
        }
    }

    /** One person's figures in a week: sessions and their total seconds. */
    public record Activity(long sessions, long seconds) {
        public double dwellSeconds() {
            return (double) seconds / sessions;
        }
    }

    /**
     * @param person   the customer id, or the visitor id of an anonymous visitor
     * @param customer true for an identified customer
     * @param current  this week's quadrant; empty when not active this week
     * @param previous last week's; empty when not active then
     */
    public record Member(String person, boolean customer, long sessions, Double dwellSeconds,
                         Optional<Quadrant> current, Optional<Quadrant> previous) {
        public Member {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(previous, "previous");
        }
    }

    /** People per quadrant this week. */
    public Map<Quadrant, Long> counts() {
        Map<Quadrant, Long> counts = new EnumMap<>(Quadrant.class);
        Arrays.stream(Quadrant.values()).forEach(q -> counts.put(q, 0L));
        members.forEach(m -> m.current().ifPresent(q -> counts.merge(q, 1L, Long::sum)));
        return counts;
    }

    /**
     * Movement: (last week's quadrant or empty) → (this week's or empty) → people, in a fixed
     * order (not active first, then the quadrants in {@link Quadrant}'s order); pairs with no one
     * are left out.
     */
    public Map<Optional<Quadrant>, Map<Optional<Quadrant>, Long>> movement() {
        List<Optional<Quadrant>> order = new ArrayList<>();
        order.add(Optional.empty());
        Arrays.stream(Quadrant.values()).forEach(q -> order.add(Optional.of(q)));
        Map<Optional<Quadrant>, Map<Optional<Quadrant>, Long>> moves = new LinkedHashMap<>();
        for (Optional<Quadrant> from : order) {
            for (Optional<Quadrant> to : order) {
                long n = members.stream().filter(m -> m.previous().equals(from) && m.current().equals(to)).count();
                if (n > 0) {
                    moves.computeIfAbsent(from, k -> new LinkedHashMap<>()).put(to, n);
                }
            }
        }
        return moves;
    }

    /** Classifies both weeks from each person's activity; the engine only counts sessions. */
    public static QuadrantsResult of(Quadrants definition, Map<Person, Activity> current,
                                     Map<Person, Activity> previous) {
        Split now = split(definition, current);
        Split before = split(definition, previous);
        List<Member> members = new ArrayList<>();
        TreeSet<Person> people = new TreeSet<>(Comparator.comparing(Person::id).thenComparing(Person::customer));
        people.addAll(current.keySet());
        people.addAll(previous.keySet());
        for (Person person : people) {
            Activity a = current.get(person);
            members.add(new Member(person.id(), person.customer(), a == null ? 0 : a.sessions(),
                    a == null ? null : a.dwellSeconds(), classify(now, a), classify(before, previous.get(person))));
        }
        return new QuadrantsResult(definition, now, before, members);
    }

    private static Optional<Quadrant> classify(Split split, Activity a) {
        if (a == null) {
            return Optional.empty();
        }
        return Optional.of(Quadrant.of(a.sessions() > split.count(), a.dwellSeconds() > split.dwellSeconds()));
    }

    private static Split split(Quadrants definition, Map<Person, Activity> week) {
        // Nobody active: no median (null), and nobody to classify with it.
        Double count = median(week.values().stream().mapToDouble(Activity::sessions).toArray());
        Double dwell = median(week.values().stream().mapToDouble(Activity::dwellSeconds).toArray());
        if (definition.countThreshold().isPresent()) {
            count = definition.countThreshold().getAsDouble();
        }
        if (definition.dwellThreshold().isPresent()) {
            dwell = definition.dwellThreshold().getAsDouble();
        }
        return new Split(count, dwell);
    }

    static Double median(double[] values) {
        if (values.length == 0) {
            return null;
        }
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
