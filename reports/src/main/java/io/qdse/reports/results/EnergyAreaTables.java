package io.qdse.reports.results;

import java.util.List;
import java.util.Objects;

/**
 * Accelergy-style tables of one design: energy per action (ERT) and area per component (ART).
 *
 * @param design     the design's name
 * @param technology its technology ({@code asic:28nm}, {@code xcvu9p})
 * @param actions    energy per action
 * @param areas      area per component
 * @param derived    true when derived from a run's stored totals (average energy per counted action), false when
 *                   read from an {@code ert.json}
 */
public record EnergyAreaTables(String design, String technology, List<Action> actions, List<Area> areas,
                               boolean derived) {
    /**
     * @param component e.g. {@code mac}, {@code sram_ifmap}
     * @param action    e.g. {@code compute}, {@code read_bit}
     * @param energyPj  energy of one action in pJ
     */
    public record Action(String component, String action, double energyPj) {
        public Action {
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * @param component e.g. {@code pe_array}
     * @param areaUm2   area in µm²
     */
    public record Area(String component, double areaUm2) {
        public Area {
            Objects.requireNonNull(component, "component");
        }
    }

    public EnergyAreaTables {
        Objects.requireNonNull(design, "design");
        technology = technology == null ? "" : technology;
        actions = List.copyOf(actions);
        areas = List.copyOf(areas);
    }
}
