package io.qdse.reports.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the result folders QDSE writes: a folder given on the command line is one of them (recognised by its files),
 * or holds several of them in its subfolders (searched to {@value #DEPTH} levels; hidden folders and earlier reports
 * are skipped; a recognised folder is not searched further).
 */
public final class ResultFolders {
    /** How deep subfolders are searched. */
    public static final int DEPTH = 4;

    /** What a folder holds. */
    public enum Kind {
        /** {@code qdse simulate --out}: result.json with layers. */
        SIMULATE,
        /** A compat-mode simulate run (result.json with "compat", or SCALE-Sim's report CSVs). */
        COMPAT,
        /** {@code qdse search --out}: result.json with an objective, and/or its CSVs. */
        SEARCH,
        /** {@code qdse rtl pe|array --out}: params.json, build/stat_*.txt. */
        RTL,
        /** {@code qdse rtl calibrate --out}: pe_synthesis.csv + lut_fit.csv. */
        CALIBRATION,
        /** A sweep: manifest.json + rows.csv / rows.jsonl. */
        SWEEP,
        /** {@code qdse compare --out}: compare.json. */
        COMPARE,
        /** An ert.json on its own. */
        ERT
    }

    /**
     * A recognised folder.
     *
     * @param dir    where it is
     * @param label  the folder as given, plus its path below it
     * @param kind   what it holds
     */
    public record Found(Path dir, String label, Kind kind) {
    }

    /** What a folder of results is recognised by (for messages). */
    public static final String EXPECTED = "result.json (simulate or search), assignment.csv/costs.csv/pareto.csv "
            + "(search), params.json (RTL bundle), pe_synthesis.csv + lut_fit.csv (FPGA calibration), manifest.json + "
            + "rows.csv (sweep), compare.json (compare), ert.json, or SCALE-Sim's COMPUTE_REPORT.csv";

    private ResultFolders() {
    }

    /**
     * @param given a folder named on the command line
     * @return the result folders it is or holds, in path order; an {@link InvalidInputException} naming the folder
     *     when it is missing, not a folder, or holds none
     */
    public static List<Found> scan(Path given, String label) {
        if (!Files.exists(given)) {
            throw new InvalidInputException("DIR", label, "an existing folder of QDSE results (no such folder)");
        }
        if (!Files.isDirectory(given)) {
            throw new InvalidInputException("DIR", label, "a folder of QDSE results (this is a file; give the "
                    + "folder that holds it)");
        }
        if (!Files.isReadable(given)) {
            throw new InvalidInputException("DIR", label, "a readable folder (no permission to read it)");
        }
        List<Found> out = new ArrayList<>();
        walk(given, label, 0, out);
        if (out.isEmpty()) {
            throw new InvalidInputException("DIR", label, "a folder with QDSE results: " + EXPECTED
                    + "; found none in it or its subfolders");
        }
        return out;
    }

    private static void walk(Path dir, String label, int depth, List<Found> out) {
        Found f = detect(dir, label);
        if (f != null) {
            out.add(f);
            return;
        }
        if (depth >= DEPTH || isReport(dir)) {
            return;
        }
        List<Path> subs;
        try (Stream<Path> s = Files.list(dir)) {
            subs = s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path sub : subs) {
            walk(sub, label + "/" + sub.getFileName(), depth + 1, out);
        }
    }

    private static boolean isReport(Path dir) {
        return Files.isRegularFile(dir.resolve("report.html")) && Files.isRegularFile(dir.resolve("report.json"));
    }

    /** @return what {@code dir} itself holds, or null */
    static Found detect(Path dir, String label) {
        if (isReport(dir)) {
            return null;
        }
        if (has(dir, "manifest.json") && (has(dir, "rows.csv") || has(dir, "rows.jsonl"))) {
            return new Found(dir, label, Kind.SWEEP);
        }
        if (has(dir, "params.json")) {
            return new Found(dir, label, Kind.RTL);
        }
        if (has(dir, "pe_synthesis.csv")) {
            if (!has(dir, "lut_fit.csv")) {
                throw InvalidInputException.ofProblems(dir.resolve("pe_synthesis.csv").toString(),
                        List.of("an FPGA calibration needs lut_fit.csv beside pe_synthesis.csv (not found)"));
            }
            return new Found(dir, label, Kind.CALIBRATION);
        }
        if (has(dir, "compare.json")) {
            return new Found(dir, label, Kind.COMPARE);
        }
        if (has(dir, "result.json")) {
            Path f = dir.resolve("result.json");
            JsonNode root = JsonFiles.object(f);
            if (root.has("compat")) {
                return new Found(dir, label, Kind.COMPAT);
            }
            if (root.has("objective_metric")) {
                return new Found(dir, label, Kind.SEARCH);
            }
            if (root.has("layers") && (root.has("arch") || root.has("engine") || root.has("clock_mhz"))) {
                return new Found(dir, label, Kind.SIMULATE);
            }
            throw InvalidInputException.ofProblems(f.toString(), List.of("not a result QDSE writes: a simulate "
                    + "result has 'arch', 'clock_mhz' and 'layers', a search result 'objective_metric', a compat run "
                    + "'compat'"));
        }
        for (String n : SearchFiles.FILES) {
            if (has(dir, n)) {
                return new Found(dir, label, Kind.SEARCH);
            }
        }
        if (has(dir, "COMPUTE_REPORT.csv")) {
            return new Found(dir, label, Kind.COMPAT);
        }
        if (has(dir, "ert.json")) {
            return new Found(dir, label, Kind.ERT);
        }
        if (has(dir, "manifest.json")) {
            throw InvalidInputException.ofProblems(dir.toString(),
                    List.of("manifest.json without rows.csv or rows.jsonl beside it"));
        }
        return null;
    }

    private static boolean has(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name));
    }
}
