package dev.reservoir.duckdb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader's side of segment_facts' categories: the query gives every purchase line's category,
 * repeats included, in no order; the reader makes them distinct and sorted as DuckDB sorts text
 * (by UTF-8 bytes, that is by code point).
 */
class SegmentCategoriesTest {
    private static String joined(String... parts) {
        return String.join("\u001f", parts);
    }

    @Test
    void repeatsGoAndTheRestIsSorted() {
        assertEquals(List.of("beds", "cat-litter", "toys"),
                DuckDbSegmentMetrics.categories(joined("toys", "cat-litter", "beds", "toys", "cat-litter")));
        assertEquals(List.of("toys"), DuckDbSegmentMetrics.categories("toys"));
        assertEquals(List.of(), DuckDbSegmentMetrics.categories(null));
        assertEquals(List.of(), DuckDbSegmentMetrics.categories(""));
        // a prefix sorts first; upper case (U+0041..) before lower case (U+0061..), as bytes do
        assertEquals(List.of("Cat", "cat", "cat-food"), DuckDbSegmentMetrics.categories(joined("cat-food", "cat", "Cat")));
    }

    @Test
    void orderIsByCodePoint_notByUtf16Units() {
        // U+1F431 (cat face, the surrogate pair D83D DC31) is above U+FF01 (fullwidth '!') as a code
        // point and in UTF-8 (F0.. > EF..), but below it as UTF-16 units (D83D < FF01)
        String cat = new String(Character.toChars(0x1F431));
        String bang = "\uFF01";
        assertTrue(cat.compareTo(bang) < 0, "String.compareTo puts the surrogate pair first");
        assertEquals(List.of(bang, cat), DuckDbSegmentMetrics.categories(joined(cat, bang, cat)));
        // 狗 U+72D7 before 猫 U+732B
        assertEquals(List.of("狗粮", "猫砂"), DuckDbSegmentMetrics.categories(joined("猫砂", "狗粮")));
    }

    @Test
    void orderIsDuckDbsOwnListSort() throws Exception {
        // what the query sorted before: list_sort(list(DISTINCT category)), asked of DuckDB itself
        String cat = new String(Character.toChars(0x1F431));
        List<String> given = List.of("toys", cat, "\uFF01", "Cat", "cat", "猫砂", "狗粮", "toys", "cat-food", "é", "z");
        List<String> duck = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT unnest(list_sort(list_distinct(string_split(?, chr(31)))))")) {
            ps.setString(1, joined(given.toArray(String[]::new)));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    duck.add(rs.getString(1));
                }
            }
        }
        assertEquals(duck, DuckDbSegmentMetrics.categories(joined(given.toArray(String[]::new))));
    }
}
