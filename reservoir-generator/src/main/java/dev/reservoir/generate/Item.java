package dev.reservoir.generate;

/**
 * One product of a profile's catalogue.
 *
 * @param id         the {@code item_id}
 * @param category   the {@code category}; also names its category page
 * @param name       English name (for docs and shop.json)
 * @param nameZh     Chinese name
 * @param priceCents list price in fen (CNY cents)
 * @param cycleDays  for a consumable, the days one unit lasts a typical household; {@code 0}
 *                   for everything else
 * @param popularity relative weight when a customer picks an item
 * @param page       the item's page path
 */
record Item(String id, String category, String name, String nameZh, long priceCents, int cycleDays,
            double popularity, String page) {

    boolean consumable() {
        return cycleDays > 0;
    }
}
