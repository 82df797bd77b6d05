package dev.reservoir.segment;

import java.util.Locale;
import java.util.Objects;

/**
 * A selection of customers as of a date: an RFM class, a tag or a lifecycle / usage stage. The
 * customer list command prints one, and a campaign will name one as its audience; both resolve it
 * the same way (the segments module's {@code Audiences}).
 */
public sealed interface Audience permits Audience.Segment, Audience.Tag, Audience.Stage, Audience.Usage {
    /** {@code segment:important-retain}, {@code tag:complained}, {@code stage:silent}. */
    String describe();

    record Segment(RfmClass rfmClass) implements Audience {
        public Segment {
            Objects.requireNonNull(rfmClass, "rfmClass");
        }

        @Override
        public String describe() {
            return "segment:" + rfmClass.wireName();
        }
    }

    record Tag(String name) implements Audience {
        public Tag {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return "tag:" + name;
        }
    }

    record Stage(LifecycleStage stage) implements Audience {
        public Stage {
            Objects.requireNonNull(stage, "stage");
        }

        @Override
        public String describe() {
            return "stage:" + stage.wireName();
        }
    }

    record Usage(UsageStage stage) implements Audience {
        public Usage {
            Objects.requireNonNull(stage, "stage");
        }

        @Override
        public String describe() {
            return "stage:" + stage.wireName();
        }
    }

    /**
     * The inverse of {@link #describe()}: {@code segment:important-retain} (or {@code segment:重要挽留}),
     * {@code tag:NAME}, {@code stage:silent}; empty when the text is none of these.
     */
    static java.util.Optional<Audience> parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return java.util.Optional.empty();
        }
        String kind = text.substring(0, colon);
        String name = text.substring(colon + 1);
        return switch (kind) {
            case "segment" -> RfmClass.fromName(name.toLowerCase(Locale.ROOT)).map(Segment::new);
            case "tag" -> name.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Tag(name));
            case "stage" -> stage(name);
            default -> java.util.Optional.empty();
        };
    }

    /** A stage name names a lifecycle stage or a usage stage. */
    static java.util.Optional<Audience> stage(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return LifecycleStage.fromName(n).<Audience>map(Stage::new)
                .or(() -> UsageStage.fromName(n).map(Usage::new));
    }
}
