package io.qdse.reports.internal;

import io.qdse.reports.Section;
import io.qdse.reports.results.EnergyAreaTables;
import java.util.List;

/** The section of an {@code ert.json} found on its own. */
public final class ErtSection {
    private ErtSection() {
    }

    public static Section build(String id, String source, EnergyAreaTables t) {
        return new Section(id, "ert", "Energy and area tables: " + t.design(), source,
                List.of(t.design() + (t.technology().isEmpty() ? "" : " on " + t.technology()) + ": "
                        + t.actions().size() + " actions, " + t.areas().size() + " components"), List.of(), List.of(),
                List.of(SimulateSection.ertTable(id, t), SimulateSection.artTable(id, t, null)), List.of(t));
    }
}
