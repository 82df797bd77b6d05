package dev.reservoir.report;

import java.util.List;
import java.util.Objects;

/** A section as computed: its stable id (the JSON key), its title and its figures. */
record SectionResult(String id, String title, List<Figure> figures) {
    SectionResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        figures = List.copyOf(figures);
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("section " + id + " has no figure: leave it out instead");
        }
    }
}
