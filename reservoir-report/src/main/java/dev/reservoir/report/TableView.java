package dev.reservoir.report;

import java.util.List;
import java.util.Objects;

/**
 * A small table shown under a figure: texts already formatted for the report's language.
 *
 * @param numeric which columns are right-aligned
 * @param empty   what is shown instead when there are no rows
 */
record TableView(List<String> header, List<Boolean> numeric, List<List<String>> rows, String empty) {
    TableView {
        header = List.copyOf(header);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(List::copyOf).toList();
        Objects.requireNonNull(empty, "empty");
        if (numeric.size() != header.size()) {
            throw new IllegalArgumentException("alignment for " + numeric.size() + " of " + header.size() + " columns");
        }
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row of " + row.size() + " cells under " + header.size() + " columns");
            }
        }
    }
}
