package dev.reservoir.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import dev.reservoir.event.CanonicalField;
import dev.reservoir.event.CustomerField;
import dev.reservoir.event.EventType;
import dev.reservoir.event.Tenant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds a mapping by built-in name or reads one from a YAML file. */
public final class Mappings {
    /** The keys a mapping file may have, in the order messages list them. */
    private static final List<String> KEYS = List.of("name", "target", "builtin", "format", "delimiter",
            "time_zone", "time_formats", "columns", "type_values", "constants", "mask_ip_bytes", "include_crawlers");

    private Mappings() {
    }

    /**
     * A built-in mapping by name ({@code canonical}, {@code online-retail}, {@code cdnow}), or
     * else the YAML file at that path.
     */
    public static Mapping resolve(String nameOrPath) {
        return resolve(nameOrPath, SavedMappings.none());
    }

    /**
     * A built-in mapping by name, else one of the tenant's {@code saved} mappings by name, else
     * the YAML file at that path.
     */
    public static Mapping resolve(String nameOrPath, SavedMappings saved) {
        Optional<BuiltinMapping.Layout> builtin = BuiltinMapping.Layout.byName(nameOrPath);
        if (builtin.isPresent()) {
            return BuiltinMapping.of(builtin.get());
        }
        Optional<Mapping> kept = saved.find(nameOrPath);
        if (kept.isPresent()) {
            return kept.get();
        }
        Path path = Path.of(nameOrPath);
        if (!Files.isRegularFile(path)) {
            List<String> names = saved.names();
            throw new ReservoirException(ErrorCode.UNKNOWN_MAPPING, nameOrPath, BuiltinMapping.Layout.names(),
                    names.isEmpty() ? Localizable.of("none", "无") : String.join(", ", names));
        }
        return load(path);
    }

    /** Reads and checks a YAML mapping file; every mistake names the key that is wrong. */
    public static Mapping load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw invalid(file.toString(), "not readable: " + e.getMessage());
        }
        return parse(text, file.toString(), file.getFileName().toString());
    }

    /**
     * Checks a mapping's YAML text as {@link #load} does; {@code origin} names it in messages (a
     * file, or a saved mapping), {@code defaultName} is its name when it has no {@code name} key.
     */
    public static Mapping parse(String yaml, String origin, String defaultName) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw invalid(origin, "not readable YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw invalid(origin, "expected a YAML map with keys " + KEYS);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw invalid(origin, "unknown key '" + key + "'; expected one of " + KEYS);
            }
        }
        Optional<ZoneId> zone = text(root, "time_zone").map(Tenant::parseZone);
        Optional<String> builtin = text(root, "builtin");
        if (builtin.isPresent()) {
            // A built-in layout with its settings changed: today only the source zone.
            BuiltinMapping.Layout layout = BuiltinMapping.Layout.byName(builtin.get()).orElseThrow(() ->
                    invalid(origin, "builtin: '" + builtin.get() + "' is not one of " + BuiltinMapping.Layout.names()));
            return new BuiltinMapping(layout, zone, accessLogSettings(origin, root, layout));
        }
        for (String key : List.of("mask_ip_bytes", "include_crawlers")) {
            if (root.has(key)) {
                throw invalid(origin, key + ": only the built-in access-log mapping takes this key");
            }
        }
        ImportTarget target = text(root, "target").map(t -> switch (t) {
            case "events" -> ImportTarget.EVENTS;
            case "customers" -> ImportTarget.CUSTOMERS;
            default -> throw invalid(origin, "target: expected 'events' or 'customers', was '" + t + "'");
        }).orElse(ImportTarget.EVENTS);
        Map<String, String> columns = stringMap(origin, root, "columns");
        Map<String, String> constants = stringMap(origin, root, "constants");
        for (String field : concat(columns.keySet(), constants.keySet())) {
            boolean known = target == ImportTarget.EVENTS
                    ? CanonicalField.fromColumn(field).isPresent()
                    : CustomerField.fromColumn(field).isPresent();
            if (!known) {
                throw invalid(origin, "'" + field + "' is not a canonical " + (target == ImportTarget.EVENTS
                        ? "event field" : "customer field"));
            }
        }
        Map<String, String> typeValues = stringMap(origin, root, "type_values");
        for (Map.Entry<String, String> e : typeValues.entrySet()) {
            if (EventType.fromWireName(e.getValue()).isEmpty()) {
                throw invalid(origin, "type_values: '" + e.getKey() + "' maps to '" + e.getValue()
                        + "', which is not one of " + EventType.wireNames());
            }
        }
        if (target == ImportTarget.EVENTS) {
            for (String required : List.of("occurred_at", "type")) {
                if (!columns.containsKey(required) && !constants.containsKey(required)) {
                    throw invalid(origin, "columns: '" + required + "' needs a column or a constant");
                }
            }
            if (!columns.containsKey("customer_id") && !columns.containsKey("visitor_id")) {
                throw invalid(origin, "columns: name a 'customer_id' or a 'visitor_id' column");
            }
        } else if (!columns.containsKey("customer_id")) {
            throw invalid(origin, "columns: 'customer_id' needs a column");
        }
        List<String> timeFormats = new ArrayList<>();
        JsonNode formats = root.get("time_formats");
        if (formats != null) {
            if (!formats.isArray()) {
                throw invalid(origin, "time_formats: expected a list of formats such as \"%Y-%m-%d %H:%M:%S\"");
            }
            formats.forEach(f -> timeFormats.add(f.asText()));
        }
        Optional<String> format = text(root, "format").map(f -> f.toLowerCase(Locale.ROOT));
        if (format.isPresent() && !Set.of("csv", "parquet", "jsonl").contains(format.get())) {
            throw invalid(origin, "format: expected csv, parquet or jsonl, was '" + format.get() + "'");
        }
        String name = text(root, "name").orElse(defaultName);
        return new ColumnMapping(name, target, columns, typeValues, timeFormats, zone, constants, format,
                text(root, "delimiter"));
    }

    /** {@code mask_ip_bytes: 0..3} and {@code include_crawlers: true|false}, for {@code access-log} only. */
    private static AccessLogSettings accessLogSettings(String origin, JsonNode root, BuiltinMapping.Layout layout) {
        JsonNode mask = root.get("mask_ip_bytes");
        JsonNode crawlers = root.get("include_crawlers");
        if (layout != BuiltinMapping.Layout.ACCESS_LOG) {
            if (mask != null || crawlers != null) {
                throw invalid(origin, (mask != null ? "mask_ip_bytes" : "include_crawlers")
                        + ": only the built-in access-log mapping takes this key");
            }
            return AccessLogSettings.DEFAULT;
        }
        int bytes = 0;
        if (mask != null) {
            if (!mask.canConvertToInt() || !mask.isIntegralNumber() || mask.asInt() < 0 || mask.asInt() > 3) {
                throw invalid(origin, "mask_ip_bytes: expected 0, 1, 2 or 3, was '" + mask.asText() + "'");
            }
            bytes = mask.asInt();
        }
        boolean include = false;
        if (crawlers != null) {
            if (!crawlers.isBoolean()) {
                throw invalid(origin, "include_crawlers: expected true or false, was '" + crawlers.asText() + "'");
            }
            include = crawlers.asBoolean();
        }
        return new AccessLogSettings(bytes, include);
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Optional<String> text(JsonNode root, String key) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static Map<String, String> stringMap(String origin, JsonNode root, String key) {
        Map<String, String> map = new LinkedHashMap<>();
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw invalid(origin, key + ": expected a map of name: value");
        }
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static ReservoirException invalid(String origin, String why) {
        return new ReservoirException(ErrorCode.INVALID_MAPPING, origin, why);
    }
}
