package dev.reservoir.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A tenant's tag definitions, {@code tags.yaml} in the tenant's folder (or a file given with
 * {@code --tags}):
 * <pre>
 * tags:
 *   - name: active-30d
 *     rule: days_inactive &lt; 30
 *     en: Active in the last 30 days
 *     zh: 近 30 天活跃
 * </pre>
 * Names are 1-63 characters of a-z, 0-9, '-' and '_', starting with a letter; rules are CEL
 * (docs/segments.md). Labels are optional.
 */
public final class TagFile {
    public static final String FILE_NAME = "tags.yaml";
    private static final Set<String> KEYS = Set.of("name", "rule", "en", "zh");

    private TagFile() {
    }

    /** The definitions in {@code file}, in file order; an absent file has none. */
    public static List<TagDefinition> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new ReservoirException(e, ErrorCode.INVALID_TAG_FILE, file,
                    Localizable.of("cannot be read: " + e.getMessage(), "无法读取：" + e.getMessage()));
        }
    }

    /** The definitions in {@code yaml}; {@code source} names it in messages. */
    public static List<TagDefinition> parse(String source, String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            String why = e.getMessage().lines().findFirst().orElse("");
            throw new ReservoirException(e, ErrorCode.INVALID_TAG_FILE, source,
                    Localizable.of("not valid YAML: " + why, "不是有效的 YAML：" + why));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode tags = root.get("tags");
        if (!root.isObject() || tags == null || !tags.isArray()) {
            throw invalid(source, "expected a top-level 'tags:' list of {name, rule, en, zh}",
                    "顶层应为 'tags:' 列表，每项包含 name、rule、en、zh");
        }
        List<TagDefinition> out = new ArrayList<>();
        int index = 0;
        for (JsonNode t : tags) {
            index++;
            if (!t.isObject()) {
                throw invalid(source, "tag " + index + ": expected name and rule", "第 " + index + " 个标签：应包含 name 和 rule");
            }
            for (Iterator<String> keys = t.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!KEYS.contains(key)) {
                    throw invalid(source, "tag " + index + ": unknown key '" + key + "' (expected name, rule, en, zh)",
                            "第 " + index + " 个标签：未知键 '" + key + "'（应为 name、rule、en、zh）");
                }
            }
            String name = text(t, "name");
            String rule = text(t, "rule");
            if (name == null || !name.matches("[a-z][a-z0-9_-]{0,62}")) {
                throw invalid(source, "tag " + index + ": name '" + name + "' must be 1-63 characters of a-z, 0-9, '-', '_', starting with a letter",
                        "第 " + index + " 个标签：名称 '" + name + "' 应为 1-63 个 a-z、0-9、'-'、'_' 字符，并以字母开头");
            }
            if (rule == null || rule.isBlank()) {
                throw invalid(source, "tag '" + name + "': the rule is missing", "标签 '" + name + "'：缺少 rule");
            }
            out.add(new TagDefinition(name, rule.strip(), text(t, "en"), text(t, "zh")));
        }
        return out;
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static ReservoirException invalid(String source, String english, String chinese) {
        return new ReservoirException(ErrorCode.INVALID_TAG_FILE, source, Localizable.of(english, chinese));
    }
}
