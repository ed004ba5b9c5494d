package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.io.Outputs;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.reports.Report;
import io.qdse.reports.Reports;
import io.qdse.reports.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qdse report}: charts and documents from stored results. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Render a report from stored results only (nothing is re-run): charts as PNG and SVG, a "
            + "self-contained HTML page (charts embedded, tables sortable by clicking a header), a Markdown summary, "
            + "CSV and JSON tables with units in every header, and Accelergy-style ERT/ART tables of each simulated "
            + "design.",
            "Each DIR is a folder qdse wrote, recognised by its files: simulate --out (result.json, layers.csv; "
            + "ert.json beside it), search --out (result.json, assignment.csv, costs.csv, sensitivity.csv, "
            + "pareto.csv), rtl pe|array --out (params.json, build/stat_<target>.txt after rtl synth), rtl calibrate "
            + "--out (pe_synthesis.csv, lut_fit.csv), a sweep (manifest.json, rows.csv), compare --out "
            + "(compare.json), or a compat-mode run (shown as tables); or a folder holding several of them.",
            "Charts: per-layer energy by component, roofline and utilisation (simulate); per-layer format allocation "
            + "and Pareto fronts (search, sweep); FPGA resources per design (simulate on FPGA parts, RTL bundles, "
            + "sweeps); model vs synthesis (calibration); bar charts per metric (compare). See docs/reports.md."})
public final class ReportCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Result folders to report on (or folders that "
            + "hold several).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "REPORT_DIR", description = "Folder for the report "
            + "(new, empty, or an earlier report of qdse; written whole or not at all).")
    Path out;

    @Option(names = "--title", paramLabel = "T", description = "Title of the report (default: from the folders' "
            + "names).")
    String title;

    @Mixin
    ForceOption force;

    @Override
    public void run() {
        OutputSet.checkFolder(out, "--out", force.force);
        Path dest = out.toAbsolutePath().normalize();
        List<String> labels = new ArrayList<>();
        for (Path d : dirs) {
            Path abs = d.toAbsolutePath().normalize();
            if (abs.equals(dest) || abs.startsWith(dest)) {
                throw new InvalidInputException("--out", out, "a folder apart from the result folders it reports "
                        + "on (it is or holds " + d + ")");
            }
            labels.add(d.toString());
        }
        Report report = Reports.build(dirs, labels, title);
        OutputSet set = Outputs.folder(spec, out, "--out", force.force);
        List<String> files;
        try {
            files = Reports.write(report, set);
            set.commit();
        } finally {
            set.close();
        }
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.print(Json.write(json(report, files)));
        } else {
            pw.print(text(report, files));
        }
        pw.flush();
    }

    private ObjectNode json(Report r, List<String> files) {
        ObjectNode o = Json.object();
        o.put("out", out.toString());
        o.put("title", r.title());
        o.put("html", out.resolve("report.html").toString());
        o.put("markdown", out.resolve("report.md").toString());
        o.put("charts", r.chartCount());
        o.put("tables", r.tableCount());
        ArrayNode secs = o.putArray("sections");
        for (Section s : r.sections()) {
            ObjectNode so = secs.addObject();
            so.put("id", s.id());
            so.put("kind", s.kind());
            so.put("source", s.source());
            so.put("title", s.title());
            so.put("charts", s.charts().size());
            so.put("tables", s.tables().size());
        }
        ArrayNode fs = o.putArray("files");
        files.forEach(fs::add);
        return o;
    }

    private String text(Report r, List<String> files) {
        StringBuilder sb = new StringBuilder();
        long folders = r.sections().stream().filter(s -> !s.kind().equals("overview")).count();
        sb.append("Report \"").append(r.title()).append("\": ").append(folders)
                .append(folders == 1 ? " result folder" : " result folders").append('\n');
        TextTable t = new TextTable("section", "kind", "source", "charts", "tables").numeric(3, 4);
        for (Section s : r.sections()) {
            t.row(s.id(), s.kind(), s.source(), s.charts().size(), s.tables().size());
        }
        sb.append(t.render());
        long accelergy = files.stream().filter(f -> f.startsWith("accelergy/")).count();
        sb.append("Wrote ").append(out).append("/ (").append(files.size()).append(" files):\n");
        sb.append("  report.html     self-contained page, charts embedded, sortable tables (")
                .append(size(out.resolve("report.html"))).append(")\n");
        sb.append("  report.md       Markdown summary; report.json: index of every file\n");
        sb.append("  charts/         ").append(r.chartCount()).append(" charts, PNG and SVG\n");
        sb.append("  tables/         ").append(r.tableCount()).append(" tables, CSV and JSON (units in every header)\n");
        if (accelergy > 0) {
            sb.append("  accelergy/      ").append(accelergy / 2).append(" design(s): ERT.yaml and ART.yaml\n");
        }
        return sb.toString();
    }

    private static String size(Path p) {
        try {
            long b = Files.size(p);
            return b >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", b / 1048576.0)
                    : String.format(Locale.ROOT, "%d KB", (b + 1023) / 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
