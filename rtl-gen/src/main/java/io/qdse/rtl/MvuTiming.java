package io.qdse.rtl;

import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fmax of generated matrix-vector units on iCE40, as nextpnr-ice40's timing analysis reports it after placement and
 * routing: each LUT configuration of {@link MvuSynthesis#sweep()} synthesized with its bundle's {@code synth_ice40}
 * flow (to JSON), placed and routed on an iCE40 HX8K (ct256) with {@code --seed 1} and a 12 MHz constraint (met by
 * all, so the router does not trade one path for another), the reported maximum frequency of the clock recorded. The
 * measurements are committed as {@code mvu_fmax.csv}, made by {@code qdse rtl mvu-sweep --fmax}; the dataflow
 * engine's iCE40 clock model ({@code io.qdse.hwmodels.fpga.FpgaClockModel}) is fitted on the {@code fit} rows and
 * its error reported on the {@code held_out} ones.
 */
public final class MvuTiming {
    /** The committed measurements. */
    public static final String RESOURCE = "mvu_fmax.csv";
    static final String HEADER = "id,set,mw,mh,pe,simd,w,a,out_bits,seed,device,fmax_mhz,lcs,nextpnr,seconds";
    /** The place-and-route target: the iCE40 part the FPGA cost model's iCE40 layer was measured on. */
    public static final String DEVICE = "hx8k";
    static final String PACKAGE = "ct256";
    private static final Pattern FMAX = Pattern.compile("Max frequency for clock '[^']*': ([0-9.]+) MHz");
    private static final Pattern LCS = Pattern.compile("ICESTORM_LC:\\s+(\\d+)/\\s*(\\d+)");

    /**
     * One placed-and-routed unit.
     *
     * @param fmaxMhz the clock's maximum frequency, MHz, as nextpnr reports it for the final routed design; NaN for a
 *                unit larger than the device (not placed)
     * @param lcs     logic cells used
     */
    public record Row(MvuSynthesis.Config config, String device, double fmaxMhz, int lcs, String nextpnr,
                      double seconds) {
    }

    private MvuTiming() {
    }

    /** @return the sweep's configurations nextpnr-ice40 places (the LUT variants: iCE40 has no DSP flow here) */
    public static List<MvuSynthesis.Config> configs(String regex) {
        List<MvuSynthesis.Config> out = new ArrayList<>();
        for (MvuSynthesis.Config c : MvuSynthesis.select(regex)) {
            if (!c.design().dsp()) {
                out.add(c);
            }
        }
        return out;
    }

    /** Writes, synthesizes, places and routes each configuration under {@code work}, one at a time. */
    public static List<Row> run(List<MvuSynthesis.Config> configs, Path work, long timeoutSeconds,
                                Consumer<String> progress) throws IOException {
        for (String tool : new String[] {"yosys", "nextpnr-ice40"}) {
            Tools.require(tool, "install it (apt-get install yosys nextpnr-ice40)", "to measure Fmax");
        }
        Files.createDirectories(work);
        String version = Tools.version("nextpnr-ice40");
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (MvuSynthesis.Config c : configs) {
            Path b = work.resolve(c.id() + "-" + c.design().slug());
            long t0 = System.nanoTime();
            String log = finished(b, c.design());
            boolean reused = log != null;
            if (!reused) {
                log = placeAndRoute(c, b, timeoutSeconds);
            }
            int lcs = lcs(log);
            boolean overfull = lcs > capacity(log);
            // a unit larger than the device is recorded without an Fmax (it cannot be placed)
            Row r = new Row(c, DEVICE, overfull ? Double.NaN : fmax(log), lcs, version,
                    reused ? seconds(b) : (System.nanoTime() - t0) / 1e9);
            if (!reused) {
                Files.writeString(b.resolve("build/pnr_seconds.txt"), String.format(Locale.ROOT, "%.1f%n",
                        r.seconds()));
            }
            rows.add(r);
            progress.accept(String.format(Locale.ROOT, "mvu-fmax %2d/%d  %s %-44s %7.2f MHz %6d LCs %6.1f s%s", ++i,
                    configs.size(), c.id(), c.design().slug(), r.fmaxMhz(), r.lcs(), r.seconds(),
                    reused ? " (an earlier run's place and route in " + b + ")" : ""));
        }
        return rows;
    }

    /**
     * @return the nextpnr log of an earlier run's finished place and route of the same design in {@code b} (a
     *     measurement sweep takes an hour: a killed one resumes), or null when there is none
     */
    static String finished(Path b, Design.Mvu d) throws IOException {
        Path log = b.resolve("build/nextpnr.log");
        if (!Files.isRegularFile(log) || !Files.isRegularFile(b.resolve("params.json"))) {
            return null;
        }
        if (!d.equals(Designs.fromBundle(b))) {
            return null;
        }
        String text = Files.readString(log);
        boolean done = text.contains("Program finished normally") || lcs(text) > capacity(text);
        return done ? text : null;
    }

    private static double seconds(Path b) throws IOException {
        Path f = b.resolve("build/pnr_seconds.txt");
        return Files.isRegularFile(f) ? Double.parseDouble(Files.readString(f).strip()) : Double.NaN;
    }

    private static String placeAndRoute(MvuSynthesis.Config c, Path b, long timeoutSeconds) throws IOException {
        Bundle.write(c.design(), b, 1, 1);
        Files.createDirectories(b.resolve("build"));
        Files.deleteIfExists(b.resolve("build/nextpnr.log"));
        String ys = Files.readString(b.resolve("synth_ice40.ys"))
                .replace("tee -o build/stat_ice40.txt stat", "write_json build/pnr_ice40.json");
        Files.writeString(b.resolve("build/synth_ice40_json.ys"), ys);
        Tools.Result y = Tools.run(b, timeoutSeconds, List.of("yosys", "-q", "-l", "build/yosys_pnr.log", "-s",
                "build/synth_ice40_json.ys"));
        if (!y.ok()) {
            throw new IOException("yosys failed on " + b + ":\n" + y.output());
        }
        Tools.Result p = Tools.run(b, timeoutSeconds, List.of("nextpnr-ice40", "--" + DEVICE, "--package", PACKAGE,
                "--json", "build/pnr_ice40.json", "--freq", "12", "--seed", "1", "--log", "build/nextpnr.log"));
        String log = Files.isRegularFile(b.resolve("build/nextpnr.log"))
                ? Files.readString(b.resolve("build/nextpnr.log")) : p.output();
        if (!p.ok() && lcs(log) <= capacity(log)) {
            throw new IOException("nextpnr-ice40 failed on " + b + (p.timedOut() ? " (timed out)" : "") + ":\n"
                    + tail(log));
        }
        return log;
    }

    /** @return the last maximum frequency nextpnr reports (the routed design's), MHz */
    static double fmax(String log) {
        Matcher m = FMAX.matcher(log);
        double f = Double.NaN;
        while (m.find()) {
            f = Double.parseDouble(m.group(1));
        }
        if (Double.isNaN(f)) {
            throw new IllegalStateException("nextpnr reported no maximum frequency:\n" + tail(log));
        }
        return f;
    }

    static int lcs(String log) {
        Matcher m = LCS.matcher(log);
        int n = -1;
        while (m.find()) {
            n = Integer.parseInt(m.group(1));
        }
        return n;
    }

    /** @return the device's logic cells as nextpnr reports them */
    static int capacity(String log) {
        Matcher m = LCS.matcher(log);
        int n = Integer.MAX_VALUE;
        while (m.find()) {
            n = Integer.parseInt(m.group(2));
        }
        return n;
    }

    private static String tail(String log) {
        List<String> l = log.lines().toList();
        return String.join("\n", l.subList(Math.max(0, l.size() - 20), l.size()));
    }

    /** @return the unit's stages as the engine's clock model sees them ({@code FpgaDataflowEngine.timingStages}) */
    public static double[][] stages(Design.Mvu d) {
        return io.qdse.simulator.engine.FpgaDataflowEngine.timingStages(Synthesis.mvuShape(d), Synthesis.mvuFold(d),
                Synthesis.mvuFormats(d));
    }

    /**
     * Fits the iCE40 clock model {t0, t_level, t_carry} (ns) to the {@code fit} rows that were placed: non-negative
     * least squares on the relative error of each unit's period (1000 / Fmax) against its slowest stage, the slowest
     * stage re-chosen with the new coefficients until it no longer changes (at most 50 rounds). Held-out rows are not
     * used.
     */
    public static double[] fit(List<Row> rows) {
        List<Row> train = new ArrayList<>();
        for (Row r : rows) {
            if (!r.config().heldOut() && !Double.isNaN(r.fmaxMhz())) {
                train.add(r);
            }
        }
        if (train.size() < 3) {
            throw new IllegalStateException("the clock model needs at least 3 placed fit rows, had " + train.size());
        }
        double[] t = {1, 0.5, 0.1}; // starting guess: the slowest stage by levels and carries
        int[] critical = new int[train.size()];
        java.util.Arrays.fill(critical, -1);
        for (int round = 0; round < 50; round++) {
            boolean changed = false;
            double[][] a = new double[train.size()][];
            double[] y = new double[train.size()];
            for (int i = 0; i < train.size(); i++) {
                double[][] st = stages(train.get(i).config().design());
                int k = 0;
                for (int j = 1; j < st.length; j++) {
                    if (io.qdse.simulator.engine.FpgaDataflowEngine.stageNs(st[j], t)
                            > io.qdse.simulator.engine.FpgaDataflowEngine.stageNs(st[k], t)) {
                        k = j;
                    }
                }
                changed |= k != critical[i];
                critical[i] = k;
                double period = 1000 / train.get(i).fmaxMhz();
                a[i] = new double[] {1 / period, st[k][0] / period, st[k][1] / period};
                y[i] = 1;
            }
            if (!changed && round > 0) {
                break;
            }
            t = io.qdse.hwmodels.internal.Nnls.solve(a, y);
        }
        return t;
    }

    /**
     * @return the unit as the engine structures it on the sweep's iCE40 part (products in LUTs, the Yosys layer), for
     *     its logic cells ({@code FpgaDataflowEngine.UnitStructure.logicCells})
     */
    public static io.qdse.simulator.engine.FpgaDataflowEngine.UnitStructure ice40Structure(Design.Mvu d) {
        io.qdse.hwmodels.tech.FpgaPart part = (io.qdse.hwmodels.tech.FpgaPart) io.qdse.hwmodels.tech.Targets.parse(
                "fpga:ice40-" + DEVICE, "device");
        return io.qdse.simulator.engine.FpgaDataflowEngine.structure(Synthesis.mvuShape(d), Synthesis.mvuFold(d),
                Synthesis.mvuFormats(d), part, io.qdse.simulator.arch.FpgaDataflow.ResType.LUT,
                io.qdse.hwmodels.fpga.Synth.YOSYS);
    }

    /**
     * Fits the share of a unit's flip-flops that take a logic cell of their own ({@code
     * FpgaDataflowEngine.ICE40_FF_ONLY_SHARE}): least squares on the relative error of nextpnr's logic cells (the
     * {@code lcs} column) over the {@code fit} rows nextpnr packed, against the engine's LUTs + comparator bits + share
     * × flip-flops. Held-out rows are not used.
     */
    public static double fitFfOnlyShare(List<Row> rows) {
        double num = 0;
        double den = 0;
        int n = 0;
        for (Row r : rows) {
            if (r.config().heldOut() || r.lcs() <= 0) {
                continue;
            }
            io.qdse.simulator.engine.FpgaDataflowEngine.UnitStructure u = ice40Structure(r.config().design());
            double rest = r.lcs() - u.logicCells(0);
            num += rest * u.ffs() / ((double) r.lcs() * r.lcs());
            den += u.ffs() * u.ffs() / ((double) r.lcs() * r.lcs());
            n++;
        }
        if (n < 2) {
            throw new IllegalStateException("the logic-cell share needs at least 2 packed fit rows, had " + n);
        }
        return num / den;
    }

    /** The measurements as CSV. */
    public static String toCsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            Design.Mvu d = r.config().design();
            sb.append(String.join(",", r.config().csvColumns(), "" + d.seed(), r.device(),
                    Double.isNaN(r.fmaxMhz()) ? "" : String.format(Locale.ROOT, "%.2f", r.fmaxMhz()), "" + r.lcs(),
                    r.nextpnr(),
                    String.format(Locale.ROOT, "%.1f", r.seconds()))).append('\n');
        }
        return sb.toString();
    }

    /**
     * @return the rows of a stored CSV (read as every QDSE table is, {@code io.qdse.simulator.io.CsvTable}); each
     *     configuration must be the sweep's of the same id
     */
    public static List<Row> fromCsv(String csv) {
        io.qdse.simulator.io.CsvTable t = io.qdse.simulator.io.CsvTable.parse(RESOURCE, csv);
        List<String> columns = List.of(HEADER.split(","));
        if (!t.header().equals(columns)) {
            throw new InvalidInputException(RESOURCE + " header", String.join(",", t.header()), HEADER);
        }
        List<Row> rows = new ArrayList<>();
        for (io.qdse.simulator.io.CsvTable.Row r : t.rows()) {
            String where = t.where(r);
            MvuSynthesis.Config c = MvuSynthesis.storedConfig(r, where);
            try {
                String f = r.get("fmax_mhz");
                String sec = r.get("seconds");
                rows.add(new Row(c, r.get("device"), f == null ? Double.NaN : Double.parseDouble(f),
                        Integer.parseInt(r.get("lcs")), r.get("nextpnr"),
                        sec == null ? Double.NaN : Double.parseDouble(sec)));
            } catch (NumberFormatException | NullPointerException e) {
                throw new InvalidInputException(where, r.cells().toString(), "fmax_mhz, lcs and seconds as numbers");
            }
        }
        return rows;
    }

    /** @return the committed measurements ({@link #RESOURCE}) */
    public static List<Row> committed() {
        try (InputStream in = Objects.requireNonNull(MvuTiming.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
