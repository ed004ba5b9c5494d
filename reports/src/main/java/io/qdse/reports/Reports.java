package io.qdse.reports;

import io.qdse.hwmodels.io.OutputSet;
import io.qdse.reports.chart.ChartRenderer;
import io.qdse.reports.chart.ChartSpec;
import io.qdse.reports.doc.AccelergyYaml;
import io.qdse.reports.doc.HtmlDocument;
import io.qdse.reports.doc.IndexJson;
import io.qdse.reports.doc.MarkdownDocument;
import io.qdse.reports.doc.Paths;
import io.qdse.reports.doc.TableFiles;
import io.qdse.reports.internal.CalibrationSection;
import io.qdse.reports.internal.CompareSection;
import io.qdse.reports.internal.CompatSection;
import io.qdse.reports.internal.ErtSection;
import io.qdse.reports.internal.Ids;
import io.qdse.reports.internal.OverviewSection;
import io.qdse.reports.internal.RtlSection;
import io.qdse.reports.internal.SearchSection;
import io.qdse.reports.internal.SimulateSection;
import io.qdse.reports.internal.SweepSection;
import io.qdse.reports.io.CalibrationFiles;
import io.qdse.reports.io.CompareFiles;
import io.qdse.reports.io.CompatFiles;
import io.qdse.reports.io.ResultFolders;
import io.qdse.reports.io.RtlFiles;
import io.qdse.reports.io.RunFiles;
import io.qdse.reports.io.SearchFiles;
import io.qdse.reports.io.SweepFiles;
import io.qdse.reports.results.EnergyAreaTables;
import io.qdse.reports.results.RtlBundle;
import io.qdse.reports.results.SimulateRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reports from stored results: {@link #build} reads the result folders QDSE writes (never re-running a model) into
 * a {@link Report}; {@link #write} writes it as an HTML page, a Markdown summary, chart images (PNG and SVG), tables
 * (CSV and JSON) and Accelergy-style ERT/ART files. The same inputs give byte-identical files.
 */
public final class Reports {
    private Reports() {
    }

    /**
     * @param dirs   folders as given on the command line: each a result folder, or a folder holding several
     * @param labels how to name each folder in the report (the path as the user typed it)
     * @param title  the report's title, or null for one made from the folders' names
     * @return the report; an {@link io.qdse.hwmodels.InvalidInputException} naming the path when a folder is
     *     missing, holds no known result, or a file in it is malformed
     */
    public static Report build(List<Path> dirs, List<String> labels, String title) {
        if (dirs.size() != labels.size()) {
            throw new IllegalArgumentException("one label per folder");
        }
        List<ResultFolders.Found> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (int i = 0; i < dirs.size(); i++) {
            for (ResultFolders.Found f : ResultFolders.scan(dirs.get(i), labels.get(i))) {
                if (seen.add(real(f.dir()))) {
                    found.add(f);
                }
            }
        }
        Ids ids = new Ids();
        if (found.size() > 1) {
            ids.unique("overview");
        }
        List<Section> sections = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        List<SimulateRun> runs = new ArrayList<>();
        List<RtlBundle> bundles = new ArrayList<>();
        for (ResultFolders.Found f : found) {
            String id = ids.unique(name(f.label()));
            Path d = f.dir();
            switch (f.kind()) {
                case SIMULATE -> {
                    SimulateRun r = RunFiles.simulate(d);
                    EnergyAreaTables ert = RunFiles.hasErt(d) ? RunFiles.ert(d) : null;
                    sections.add(SimulateSection.build(id, f.label(), r, ert));
                    runIds.add(id);
                    runs.add(r);
                }
                case COMPAT -> sections.add(CompatSection.build(id, f.label(),
                        Files.isRegularFile(d.resolve("result.json")) ? CompatFiles.json(d) : CompatFiles.scaleSim(d)));
                case SEARCH -> sections.add(SearchSection.build(id, f.label(), SearchFiles.read(d)));
                case RTL -> {
                    RtlBundle b = RtlFiles.read(d);
                    sections.add(RtlSection.build(id, f.label(), b));
                    bundles.add(b);
                }
                case CALIBRATION -> sections.add(CalibrationSection.build(id, f.label(), CalibrationFiles.read(d)));
                case SWEEP -> sections.add(SweepSection.build(id, f.label(), SweepFiles.read(d)));
                case COMPARE -> sections.add(CompareSection.build(id, f.label(), CompareFiles.read(d)));
                case ERT -> sections.add(ErtSection.build(id, f.label(), RunFiles.ert(d)));
                default -> throw new IllegalStateException(f.kind().toString());
            }
        }
        if (sections.size() > 1) {
            sections.add(0, OverviewSection.build(sections, runIds, runs, bundles));
        }
        String t = title != null && !title.isBlank() ? title : "QDSE report: " + String.join(", ", labels);
        return new Report(t, labels, sections);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static String name(String label) {
        String l = label.replaceAll("[/\\\\]+$", "");
        int i = Math.max(l.lastIndexOf('/'), l.lastIndexOf('\\'));
        String n = i < 0 ? l : l.substring(i + 1);
        return n.isEmpty() || n.equals(".") || n.equals("..") ? "results" : n;
    }

    /**
     * Writes every file of the report into {@code out} (staged; the caller commits).
     *
     * @return the files written, relative to the report folder, sorted
     */
    public static List<String> write(Report r, OutputSet out) {
        Set<String> files = new TreeSet<>();
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        for (Section s : r.sections()) {
            for (ChartSpec c : s.charts()) {
                byte[] png = ChartRenderer.png(c);
                pngs.put(c.id(), png);
                bytes(out, Paths.png(c), png);
                files.add(Paths.png(c));
                out.write(Paths.svg(c), ChartRenderer.svg(c));
                files.add(Paths.svg(c));
            }
            for (Table t : s.tables()) {
                out.write(Paths.csv(t), TableFiles.csv(t));
                out.write(Paths.json(t), TableFiles.json(t));
                files.add(Paths.csv(t));
                files.add(Paths.json(t));
            }
            for (int i = 0; i < s.accelergy().size(); i++) {
                out.write(Paths.ert(s, i), AccelergyYaml.ert(s.accelergy().get(i)));
                out.write(Paths.art(s, i), AccelergyYaml.art(s.accelergy().get(i)));
                files.add(Paths.ert(s, i));
                files.add(Paths.art(s, i));
            }
        }
        out.write(Paths.MARKDOWN, MarkdownDocument.render(r));
        out.write(Paths.HTML, HtmlDocument.render(r, pngs));
        out.write(Paths.INDEX, IndexJson.render(r));
        files.add(Paths.MARKDOWN);
        files.add(Paths.HTML);
        files.add(Paths.INDEX);
        return List.copyOf(files);
    }

    private static void bytes(OutputSet out, String rel, byte[] data) {
        try {
            Files.write(out.path(rel), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
