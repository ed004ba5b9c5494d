package io.qdse.simulator.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A design's energy per action and area per component, in the manner of Accelergy's ERT and ART: what one MAC, one
 * scratchpad access of the design's word width, one DRAM bit, one cycle of leakage cost, and how much area each
 * component takes. Produced from the same cost models and the same run as the simulation's totals, so a table times
 * the run's action counts gives back its energy.
 *
 * @param design     the accelerator's name
 * @param technology the node or part the figures are for
 * @param actions    energy per action
 * @param areas      area per component (empty for an FPGA part, whose cost is in LUT/FF/DSP/BRAM)
 * @param notes      how the figures were obtained
 */
public record ActionTable(String design, String technology, List<Action> actions, List<Part> areas,
                          List<String> notes) {
    public ActionTable {
        actions = List.copyOf(actions);
        areas = List.copyOf(areas);
        notes = List.copyOf(notes);
    }

    /**
     * @param component e.g. {@code pe_array}, {@code ifmap_sram}, {@code dram}
     * @param action    e.g. {@code mac[w=int8,a=int8,acc=int32]}, {@code read (512-bit word)}, {@code leak (cycle)}
     * @param energyPj  pJ per action
     */
    public record Action(String component, String action, double energyPj) {
    }

    /**
     * @param component e.g. {@code pe}, {@code pe_array}, {@code ifmap_sram}
     * @param areaUm2   µm²
     */
    public record Part(String component, double areaUm2) {
    }

    /** Collects a table's rows in order, skipping exact repeats. */
    public static final class Builder {
        private final List<Action> actions = new ArrayList<>();
        private final List<Part> areas = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        public Builder action(String component, String action, double energyPj) {
            Action a = new Action(component, action, energyPj);
            if (!actions.contains(a)) {
                actions.add(a);
            }
            return this;
        }

        public Builder area(String component, double areaUm2) {
            Part p = new Part(component, areaUm2);
            if (!areas.contains(p)) {
                areas.add(p);
            }
            return this;
        }

        public Builder note(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return this;
        }

        public ActionTable build(String design, String technology) {
            return new ActionTable(design, technology, actions, areas, notes);
        }
    }
}
