package io.qdse.reports.doc;

import io.qdse.reports.results.EnergyAreaTables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accelergy-style {@code ERT.yaml} (energy per action, pJ) and {@code ART.yaml} (area per component, µm²), in the
 * layout Accelergy writes them.
 */
public final class AccelergyYaml {
    private AccelergyYaml() {
    }

    /** @return the energy reference table */
    public static String ert(EnergyAreaTables t) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Energy reference table (ERT) of ").append(t.design())
                .append(t.technology().isEmpty() ? "" : " on " + t.technology()).append("; energy in pJ per action.\n");
        if (t.derived()) {
            sb.append("# Derived by qdse report from a simulate run's stored totals: component energy / counted "
                    + "actions, averaged over the run.\n");
        }
        sb.append("ERT:\n  version: '0.4'\n  tables:\n");
        Map<String, List<EnergyAreaTables.Action>> byComponent = new LinkedHashMap<>();
        for (EnergyAreaTables.Action a : t.actions()) {
            byComponent.computeIfAbsent(a.component(), k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, List<EnergyAreaTables.Action>> e : byComponent.entrySet()) {
            sb.append("  - name: ").append(quote(t.design() + "." + e.getKey())).append('\n');
            sb.append("    actions:\n");
            for (EnergyAreaTables.Action a : e.getValue()) {
                sb.append("    - name: ").append(quote(a.action())).append('\n');
                sb.append("      arguments: {}\n");
                sb.append("      energy: ").append(number(a.energyPj())).append('\n');
            }
        }
        if (byComponent.isEmpty()) {
            sb.append("  []\n");
        }
        return sb.toString().replace("  tables:\n  []", "  tables: []");
    }

    /** @return the area reference table */
    public static String art(EnergyAreaTables t) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Area reference table (ART) of ").append(t.design())
                .append(t.technology().isEmpty() ? "" : " on " + t.technology()).append("; area in um^2.\n");
        sb.append("ART:\n  version: '0.4'\n  tables:");
        if (t.areas().isEmpty()) {
            return sb.append(" []\n").toString();
        }
        sb.append('\n');
        for (EnergyAreaTables.Area a : t.areas()) {
            sb.append("  - name: ").append(quote(t.design() + "." + a.component())).append('\n');
            sb.append("    area: ").append(number(a.areaUm2())).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String number(double v) {
        return Double.isFinite(v) ? TableFiles.text(v) : ".nan";
    }
}
