package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.io.Inputs;
import io.qdse.cli.io.Outputs;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Workload;
import io.qdse.sweep.Metrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse compare}: one workload on several accelerators of any kinds, in one table with shared columns. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one workload on several accelerators (any kinds) and compare them in one table: latency, "
            + "throughput, energy and power, area or FPGA resources, utilisation — the same column meanings for "
            + "every kind (analytical engines).",
            "  qdse compare --workload llama2-7b:decode:ctx=2048 --arch edge-32x32 --arch bitserial:loom "
            + "--arch bitserial:bitmod --formats w=int4,a=int8,kv=int8"})
public final class CompareCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    @Mixin
    ForceOption force;

    @Option(names = "--workload", required = true, paramLabel = "NAME|FILE", description = "the workload (as for "
            + "qdse simulate)")
    String workload;

    @Option(names = "--arch", required = true, paramLabel = "PRESET|FILE", description = "an accelerator "
            + "(repeatable, at least two; presets or files of any kind)")
    List<String> archs = new ArrayList<>();

    @Option(names = "--formats", paramLabel = "SPEC", description = "formats of every layer (once for all "
            + "accelerators, or once per --arch in the same order; default: each accelerator's own)")
    List<String> formats = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "write compare.json and compare.csv (qdse report "
            + "DIR renders the chart)")
    Path out;

    @Override
    public void run() {
        if (archs.size() < 2) {
            throw new InvalidInputException("--arch", archs.size() + " given", "at least two accelerators to compare");
        }
        if (!formats.isEmpty() && formats.size() != 1 && formats.size() != archs.size()) {
            throw new InvalidInputException("--formats", formats.size() + " given", "one spec for all, or one per "
                    + "--arch (" + archs.size() + ")");
        }
        if (out != null) {
            OutputSet.checkFolder(out, "--out", force.force);
        }
        Workload w = Inputs.workload(workload, List.of(), List.of());
        long batch = Workloads.batch(workload);
        Simulator sim = new Simulator();
        List<String> cols = List.of("latency_ms", "throughput_inf_s", "tops", "energy_uj", "energy_per_inference_uj",
                "power_w", "tops_per_w", "area_mm2", "luts", "dsps", "brams", "utilization", "dram_mb");
        ObjectNode root = Json.object();
        root.put("workload", w.name());
        root.put("engine", "analytical");
        ArrayNode rows = root.putArray("rows");
        StringBuilder csv = new StringBuilder("arch,kind,summary,formats," + String.join(",", cols) + "\n");
        TextTable t = new TextTable("arch", "kind", "formats", "latency (ms)", "throughput (inf/s)", "TOPS",
                "energy (uJ)", "power (W)", "TOPS/W", "area (mm^2)", "LUTs / DSPs / BRAMs", "util (%)",
                "DRAM (MB)").numeric(3, 4, 5, 6, 7, 8, 9, 11, 12);
        for (int i = 0; i < archs.size(); i++) {
            Accelerator a = Inputs.arch(archs.get(i));
            String fspec = formats.isEmpty() ? null : formats.get(formats.size() == 1 ? 0 : i);
            LayerFormats f = fspec == null ? a.formats() : FormatsSpec.parse(fspec, "--formats", a.formats());
            a.checkFormats(f, "--formats (with --arch " + archs.get(i) + ")");
            Evaluation e = sim.run(w, a, Simulator.EngineKind.ANALYTICAL, n -> f).total();
            Map<String, Double> m = Metrics.of(e, a.clockMhz(), batch);
            ObjectNode o = rows.addObject();
            o.put("arch", a.name());
            o.put("kind", a.kind());
            o.put("summary", a.summary());
            o.put("formats", f.describe());
            csv.append(a.name()).append(',').append(a.kind()).append(",\"").append(a.summary()).append("\",\"")
                    .append(f.describe()).append('"');
            for (String c : cols) {
                double v = m.get(c);
                if (Double.isNaN(v)) {
                    o.putNull(c);
                    csv.append(',');
                } else {
                    Json.put(o, c, v);
                    csv.append(',').append(v);
                }
            }
            csv.append('\n');
            boolean fpga = !Double.isNaN(m.get("luts"));
            t.row(a.name(), a.kind(), f.weight().name() + "/" + f.activation().name(), Numbers.sig(m.get("latency_ms"),
                    4), Numbers.sig(m.get("throughput_inf_s"), 4), Numbers.sig(m.get("tops"), 4),
                    Numbers.sig(m.get("energy_uj"), 4), Numbers.sig(m.get("power_w"), 4),
                    Numbers.sig(m.get("tops_per_w"), 4), fpga ? "" : Numbers.sig(m.get("area_mm2"), 4),
                    fpga ? Numbers.sig(m.get("luts"), 4) + " / " + Numbers.sig(m.get("dsps"), 3) + " / "
                            + Numbers.sig(m.get("brams"), 3) : "", Numbers.sig(100 * m.get("utilization"), 3),
                    Numbers.sig(m.get("dram_mb"), 4));
        }
        ObjectNode units = root.putObject("units");
        for (String c : cols) {
            units.put(c, Metrics.UNITS.get(c));
        }
        if (out != null) {
            try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                set.write("compare.json", Json.write(root));
                set.write("compare.csv", csv.toString());
                set.commit();
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(root));
            return;
        }
        pw.println(w.name() + " (batch " + batch + "), analytical engines:");
        pw.print(t.render());
        if (out != null) {
            pw.println("wrote " + out.resolve("compare.json") + " and compare.csv (qdse report " + out
                    + " --out REPORT_DIR for the chart)");
        }
    }
}
