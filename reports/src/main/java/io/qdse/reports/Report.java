package io.qdse.reports;

import java.util.List;
import java.util.Objects;

/**
 * A report: sections rendered from stored results, ready to be written as HTML, Markdown, chart images and tables.
 *
 * @param title    the report's title
 * @param sources  the folders given, as given
 * @param sections the sections, in a stable order (inputs in the order given, folders inside one by path)
 */
public record Report(String title, List<String> sources, List<Section> sections) {
    public Report {
        Objects.requireNonNull(title, "title");
        sources = List.copyOf(sources);
        sections = List.copyOf(sections);
    }

    /** @return number of charts in all sections */
    public int chartCount() {
        return sections.stream().mapToInt(s -> s.charts().size()).sum();
    }

    /** @return number of tables in all sections */
    public int tableCount() {
        return sections.stream().mapToInt(s -> s.tables().size()).sum();
    }
}
