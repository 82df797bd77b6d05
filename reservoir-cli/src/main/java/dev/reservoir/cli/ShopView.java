package dev.reservoir.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservoir.generate.GeneratedShop;
import dev.reservoir.generate.GeneratorSpec;

import java.nio.file.Path;
import java.util.Currency;
import java.util.Map;

/** A generated shop ({@code reservoir generate}) as a table and as JSON. */
final class ShopView {
    /** The generator writes amounts in yuan. */
    static final Currency CURRENCY = Currency.getInstance("CNY");
    /** Event part files listed one by one in the table; JSON lists them all. */
    private static final int FILES_SHOWN = 3;

    private ShopView() {
    }

    static String table(GeneratedShop shop, GeneratorSpec spec, Texts texts) {
        StringBuilder b = new StringBuilder();
        b.append(texts.format("generate.title", spec.profile().profileName(), texts.count(spec.customers()),
                spec.days(), spec.start(), spec.seed(), texts.seconds(shop.took()))).append('\n');
        Table totals = Table.numeric("  ", 2);
        totals.row(texts.get("generate.customers"), texts.count(shop.customers()));
        totals.row(texts.get("generate.events"), texts.count(shop.events()));
        totals.row(texts.get("generate.orders"), texts.count(shop.orders()));
        totals.row(texts.get("generate.revenue"), texts.money(shop.revenue(), CURRENCY));
        totals.row(texts.get("generate.events-per-second"), texts.perSecond(shop.events(), shop.took()));
        b.append(totals.render());
        Map<String, Long> byType = SummaryView.ordered(shop.eventsByType());
        if (!byType.isEmpty()) {
            b.append('\n').append(texts.get("info.by-type")).append('\n');
            Table types = Table.numeric("  ", 2);
            byType.forEach((type, n) -> types.row(SummaryView.label(type, texts.locale()), texts.count(n)));
            b.append(types.render());
        }
        b.append('\n').append(texts.format("generate.files", shop.directory())).append('\n');
        Table files = new Table("  ", false, false);
        for (int i = 0; i < shop.eventFiles().size() && i < FILES_SHOWN; i++) {
            files.row(i == 0 ? texts.get("generate.event-files") : "", relative(shop, shop.eventFiles().get(i)));
        }
        if (shop.eventFiles().size() > FILES_SHOWN) {
            files.row("", texts.format("generate.more-files", shop.eventFiles().size() - FILES_SHOWN));
        }
        files.row(texts.get("generate.customers-file"), relative(shop, shop.customersFile()));
        files.row(texts.get("generate.truth-file"), relative(shop, shop.truthFile()));
        b.append(files.render());
        return b.toString();
    }

    static ObjectNode json(GeneratedShop shop, GeneratorSpec spec) {
        ObjectNode node = Json.object();
        node.put("profile", spec.profile().profileName());
        node.put("seed", spec.seed());
        node.put("days", spec.days());
        node.put("start", spec.start().toString());
        node.put("time_zone", spec.zone().getId());
        node.put("file_format", spec.format().extension());
        node.put("directory", shop.directory().toString());
        node.put("customers", shop.customers());
        node.put("events", shop.events());
        node.put("orders", shop.orders());
        node.put("net_revenue", Json.money(shop.revenue(), CURRENCY));
        node.put("currency", CURRENCY.getCurrencyCode());
        ObjectNode byType = node.putObject("events_by_type");
        shop.eventsByType().forEach(byType::put);
        ArrayNode eventFiles = node.putArray("event_files");
        shop.eventFiles().forEach(f -> eventFiles.add(f.toString()));
        node.put("customers_file", Json.path(shop.customersFile()));
        node.put("truth_file", Json.path(shop.truthFile()));
        node.put("took_ms", Json.millis(shop.took()));
        return node;
    }

    private static String relative(GeneratedShop shop, Path file) {
        return file.startsWith(shop.directory()) ? shop.directory().relativize(file).toString() : file.toString();
    }
}
