package io.qdse.cli.command;

import io.qdse.cli.io.Inputs;
import io.qdse.cli.io.Outputs;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.render.CompareRender;
import io.qdse.reports.text.Json;
import io.qdse.search.models.Workloads;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.workload.Workload;
import io.qdse.sweep.Comparison;
import io.qdse.sweep.Metrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    @Option(names = "--out", paramLabel = "DIR", description = "write compare.json, compare.csv and the chart "
            + "(compare.png, compare.svg)")
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
        List<Accelerator> as = new ArrayList<>();
        List<LayerFormats> fs = new ArrayList<>();
        for (int i = 0; i < archs.size(); i++) {
            Accelerator a = Inputs.arch(archs.get(i));
            String fspec = formats.isEmpty() ? null : formats.get(formats.size() == 1 ? 0 : i);
            as.add(a);
            fs.add(fspec == null ? null : FormatsSpec.parse(fspec, "--formats", a.formats()));
        }
        List<CompareRender.Row> rows = new ArrayList<>();
        for (Comparison.Row r : Comparison.run(w, batch, as, fs, "--formats")) {
            rows.add(new CompareRender.Row(r.arch().name(), r.arch().kind(), r.arch().summary(), r.formats().describe(),
                    r.formats().weight().name() + "/" + r.formats().activation().name(), r.metrics()));
        }
        Map<String, String> units = new LinkedHashMap<>();
        Comparison.COLUMNS.forEach(c -> units.put(c, Metrics.UNITS.get(c)));
        CompareRender.Comparison c = new CompareRender.Comparison(w.name(), batch, Comparison.COLUMNS, units, rows);
        boolean charted = false;
        if (out != null) {
            try (OutputSet set = Outputs.folder(spec, out, "--out", force.force)) {
                set.write("compare.json", Json.write(CompareRender.json(c)));
                set.write("compare.csv", CompareRender.csv(c));
                ChartSpec chart = CompareRender.chart(c);
                if (chart != null) {
                    set.write("compare.png", CompareRender.png(chart));
                    set.write("compare.svg", CompareRender.svg(chart));
                    charted = true;
                }
                set.commit();
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(CompareRender.json(c)));
            return;
        }
        pw.print(CompareRender.text(c));
        if (out != null) {
            pw.println("wrote " + out.resolve("compare.json") + ", compare.csv" + (charted ? ", compare.png and "
                    + "compare.svg (the chart)" : "") + "; qdse report " + out + " --out REPORT_DIR for a report");
        }
    }
}
