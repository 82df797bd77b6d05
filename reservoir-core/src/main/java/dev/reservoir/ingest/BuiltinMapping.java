package dev.reservoir.ingest;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A mapping that ships with Reservoir, optionally with its source zone changed.
 *
 * @param layout       which built-in layout
 * @param zoneOverride overrides the layout's default zone; empty keeps the default
 * @param accessLog    the settings of the {@code access-log} layout (defaults for the others)
 */
public record BuiltinMapping(Layout layout, Optional<ZoneId> zoneOverride, AccessLogSettings accessLog)
        implements Mapping {

    /** The built-in layouts; documented in docs/import.md. */
    public enum Layout {
        /** SPEC.md's own event columns ({@link dev.reservoir.event.CanonicalField}). */
        CANONICAL("canonical", ImportTarget.EVENTS, null),
        /** SPEC.md's own customer columns ({@link dev.reservoir.event.CustomerField}). */
        CANONICAL_CUSTOMERS("canonical-customers", ImportTarget.CUSTOMERS, null),
        /**
         * UCI Online Retail invoice lines. The retailer is in the UK and the file records no
         * offset, so times are read as UK local time unless the mapping says otherwise.
         */
        ONLINE_RETAIL("online-retail", ImportTarget.EVENTS, ZoneId.of("Europe/London")),
        /** CDNOW purchase logs (fixed-width master / sample files and BTYD's cdnowElog.csv). */
        CDNOW("cdnow", ImportTarget.EVENTS, null),
        /**
         * Web server access logs in the combined log format (Apache, nginx): page views of
         * visitors; the rules are in docs/import.md. Times carry their own offset.
         */
        ACCESS_LOG("access-log", ImportTarget.EVENTS, null);

        private final String mappingName;
        private final ImportTarget target;
        private final ZoneId defaultZone;

        Layout(String mappingName, ImportTarget target, ZoneId defaultZone) {
            this.mappingName = mappingName;
            this.target = target;
            this.defaultZone = defaultZone;
        }

        public String mappingName() {
            return mappingName;
        }

        public static Optional<Layout> byName(String name) {
            return Arrays.stream(values()).filter(l -> l.mappingName.equals(name)).findFirst();
        }

        public static String names() {
            return String.join(", ", Arrays.stream(values()).map(Layout::mappingName).toList());
        }
    }

    public BuiltinMapping {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(zoneOverride, "zoneOverride");
        Objects.requireNonNull(accessLog, "accessLog");
    }

    public BuiltinMapping(Layout layout, Optional<ZoneId> zoneOverride) {
        this(layout, zoneOverride, AccessLogSettings.DEFAULT);
    }

    public static BuiltinMapping of(Layout layout) {
        return new BuiltinMapping(layout, Optional.empty());
    }

    @Override
    public String name() {
        return layout.mappingName;
    }

    @Override
    public ImportTarget target() {
        return layout.target;
    }

    @Override
    public Optional<ZoneId> sourceZone() {
        return zoneOverride.or(() -> Optional.ofNullable(layout.defaultZone));
    }
}
