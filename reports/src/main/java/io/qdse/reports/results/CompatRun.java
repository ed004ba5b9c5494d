package io.qdse.reports.results;

import java.util.List;

/**
 * A stored compat-mode run (SCALE-Sim, BitMoD, Bit Fusion counting): shown as tables only, as the peer tool
 * reports it.
 *
 * @param tool   e.g. {@code bitmod@e445a5f} or {@code SCALE-Sim}
 * @param tables the run's tables (a JSON result flattened into a summary and a per-layer table; SCALE-Sim's
 *               report CSVs as they are)
 */
public record CompatRun(String tool, List<CsvData> tables) {
    public CompatRun {
        tables = List.copyOf(tables);
    }
}
