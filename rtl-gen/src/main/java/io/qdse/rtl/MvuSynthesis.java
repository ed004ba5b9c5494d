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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Yosys synthesis of generated matrix-vector units beside the dataflow engine's estimate of the same unit
 * ({@link Synthesis#mvuModel}, {@code FpgaDataflowEngine} in the Yosys layer). A fixed sweep of configurations — PE ×
 * SIMD folds, integer pairs of 2–8 bits, minifloats (e2m3, e3m2, e4m3, e2m1) and minifloat × integer pairs, with and
 * without thresholds, weight ROMs of 32 to 1024 words, LUT and DSP variants — each synthesized with
 * {@code synth_xilinx -family xcup} (LUT variants with {@code -nodsp}, DSP variants without) and, for LUT variants,
 * {@code synth_ice40}. Each configuration is named and belongs to the {@code fit} set (what the engine's few
 * unit-level LUT coefficients were fitted on, {@link #fit}) or the {@code held_out} set (never used to fit; the error
 * there is the model's measured accuracy). The measurements are committed as {@code mvu_synthesis.csv} (resource of
 * this class), made by {@code qdse rtl mvu-sweep}.
 */
public final class MvuSynthesis {
    /** The committed measurements. */
    public static final String RESOURCE = "mvu_synthesis.csv";
    static final String HEADER = "id,set,mw,mh,pe,simd,w,a,out_bits,res_type,seed,flow,luts,ffs,carry,dsps,brams,"
            + "lutram_luts,muxf,yosys,seconds";

    /**
     * One configuration of the sweep.
     *
     * @param id     a short name (stable: rows of the CSV refer to it)
     * @param set    {@code fit} or {@code held_out}
     * @param design the unit
     */
    public record Config(String id, String set, Design.Mvu design) {
        /** @return id, set, MW, MH, PE, SIMD, weight and activation formats, output bits: the leading CSV columns */
        String csvColumns() {
            return String.join(",", id, set, "" + design.mw(), "" + design.mh(), "" + design.pe(), "" + design.simd(),
                    io.qdse.hwmodels.format.Formats.nameOf(design.w()),
                    io.qdse.hwmodels.format.Formats.nameOf(design.a()), "" + design.outBits());
        }

        public Config {
            if (!set.equals("fit") && !set.equals("held_out")) {
                throw new IllegalArgumentException("set: fit or held_out (was " + set + ")");
            }
        }

        /** @return the Yosys flows this configuration is synthesized with */
        public List<Synthesis.Target> targets() {
            return design.dsp() ? List.of(Synthesis.Target.XILINX)
                    : List.of(Synthesis.Target.XILINX_NODSP, Synthesis.Target.ICE40);
        }

        public boolean heldOut() {
            return set.equals("held_out");
        }
    }

    /**
     * One Yosys run.
     *
     * @param luts       LUT cells (LUT1..LUT6 on Xilinx, SB_LUT4 on iCE40)
     * @param brams      block RAMs in 18-Kbit units on Xilinx (RAMB18 + 2·RAMB36), SB_RAM40_4K on iCE40 (what the
     *                   engine counts as BRAM18 there)
     * @param lutramLuts LUTs used as distributed RAM (RAM32M16, RAM64M8: 8 LUTs each; {@link #LUTRAM_LUTS})
     * @param muxf       MUXF7/F8/F9 cells (not LUTs)
     */
    public record Row(Config config, String flow, int luts, int ffs, int carry, int dsps, int brams, int lutramLuts,
                      int muxf, String yosys, double seconds) {
        public Synthesis.Target target() {
            return Synthesis.Target.ofFlow(flow);
        }

        /** @return LUTs as the engine counts them: logic LUTs and LUTs used as distributed RAM */
        public int allLuts() {
            return luts + lutramLuts;
        }
    }

    /** LUT sites of each Xilinx distributed-RAM cell Yosys 0.23 infers (UG574). */
    static final Map<String, Integer> LUTRAM_LUTS = Map.ofEntries(Map.entry("RAM32M16", 8), Map.entry("RAM64M8", 8),
            Map.entry("RAM32M", 4), Map.entry("RAM64M", 4), Map.entry("RAM32X1D", 2), Map.entry("RAM64X1D", 2),
            Map.entry("RAM128X1D", 4), Map.entry("RAM256X1D", 8), Map.entry("RAM32X1S", 1),
            Map.entry("RAM64X1S", 1), Map.entry("RAM128X1S", 2), Map.entry("RAM256X1S", 4),
            Map.entry("RAM512X1S", 8));

    /**
     * A row beside the engine's estimate of the same unit and flow.
     *
     * @param model [LUTs, FFs, DSPs, BRAM18] from {@link Synthesis#mvuModel}, or null where the engine cannot cost it
     */
    public record Residual(Row row, double[] model) {
        /** @return (model − Yosys) / Yosys in %, for LUTs (logic and distributed RAM) */
        public double lutErrorPct() {
            return pct(model[0], row.allLuts());
        }

        public double ffErrorPct() {
            return pct(model[1], row.ffs());
        }

        static double pct(double model, double yosys) {
            return yosys == 0 ? (model == 0 ? 0 : Double.POSITIVE_INFINITY) : 100 * (model - yosys) / yosys;
        }
    }

    private MvuSynthesis() {
    }

    private static Config c(String id, String set, int mw, int mh, int pe, int simd, String w, String a, int out,
                            boolean dsp) {
        return new Config(id, set, Designs.mvu(mw, mh, pe, simd, w, a, out, dsp, 1));
    }

    /** The sweep, in a fixed order: fit configurations first, then the held-out ones. */
    public static List<Config> sweep() {
        List<Config> l = new ArrayList<>();
        // fit: the corners and a few interior points of fold, width and format
        l.add(c("f01", "fit", 64, 16, 2, 4, "int2", "int2", 0, false));
        l.add(c("f02", "fit", 64, 16, 4, 8, "int4", "int4", 0, false));
        l.add(c("f03", "fit", 32, 32, 8, 4, "int8", "int8", 0, false));
        l.add(c("f04", "fit", 64, 32, 4, 16, "int3", "int3", 2, false));
        l.add(c("f05", "fit", 32, 16, 2, 8, "int8", "int4", 4, false));
        l.add(c("f06", "fit", 128, 8, 1, 16, "uint4", "int4", 0, false));
        l.add(c("f07", "fit", 32, 16, 4, 4, "fp6_e2m3", "fp6_e2m3", 0, false));
        l.add(c("f08", "fit", 32, 16, 2, 8, "fp8_e4m3", "fp8_e4m3", 2, false));
        l.add(c("f09", "fit", 64, 16, 4, 4, "fp4_e2m1", "fp4_e2m1", 0, false));
        l.add(c("f10", "fit", 256, 32, 2, 4, "int4", "int4", 2, false));
        l.add(c("f11", "fit", 32, 32, 4, 8, "int8", "int8", 0, true));
        l.add(c("f12", "fit", 64, 16, 2, 8, "int6", "int6", 2, true));
        l.add(c("f13", "fit", 64, 16, 2, 16, "int8", "int8", 4, true));
        // held out: other folds, widths, formats and memory depths inside the fit's range
        l.add(c("h01", "held_out", 64, 32, 4, 4, "int4", "int4", 2, false));
        l.add(c("h02", "held_out", 32, 16, 8, 2, "int2", "int2", 0, false));
        l.add(c("h03", "held_out", 64, 16, 2, 16, "int6", "int6", 0, false));
        l.add(c("h04", "held_out", 32, 32, 4, 8, "int5", "int3", 4, false));
        l.add(c("h05", "held_out", 96, 16, 2, 8, "int8", "int8", 2, false));
        l.add(c("h06", "held_out", 32, 16, 2, 4, "fp6_e3m2", "fp6_e3m2", 0, false));
        l.add(c("h07", "held_out", 32, 16, 4, 4, "fp8_e4m3", "fp8_e4m3", 4, false));
        l.add(c("h08", "held_out", 48, 16, 2, 8, "fp6_e2m3", "fp6_e2m3", 2, false));
        l.add(c("h09", "held_out", 64, 16, 4, 8, "int4", "fp4_e2m1", 0, false));
        l.add(c("h10", "held_out", 512, 16, 1, 8, "int3", "int3", 0, false));
        l.add(c("h11", "held_out", 32, 16, 2, 8, "int8", "int8", 4, true));
        l.add(c("h12", "held_out", 64, 32, 4, 4, "int6", "int8", 0, true));
        l.add(c("h13", "held_out", 32, 32, 8, 2, "int6", "int6", 2, true));
        // held out, added after the model's threshold-comparator rule (output folds 1, 2, 4) and after h02's miss
        l.add(c("h14", "held_out", 64, 16, 4, 8, "int6", "int4", 3, false));
        l.add(c("h15", "held_out", 32, 8, 4, 4, "fp6_e2m3", "int4", 2, false));
        l.add(c("h16", "held_out", 48, 8, 8, 4, "int4", "int4", 4, false));
        l.add(c("h17", "held_out", 64, 32, 8, 2, "uint3", "int3", 0, false));
        return l;
    }

    /** @return the configurations whose id matches {@code regex} (all for null) */
    public static List<Config> select(String regex) {
        List<Config> out = new ArrayList<>();
        for (Config c : sweep()) {
            if (regex == null || c.id().matches(regex)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("--only", regex, "a regular expression matching configuration ids "
                    + "(f01..f13, h01..h17)");
        }
        return out;
    }

    /** Writes each configuration's bundle under {@code work} and synthesizes it, {@code jobs} Yosys runs at a time. */
    public static List<Row> run(List<Config> configs, Path work, int jobs, long timeoutSeconds,
                                Consumer<String> progress) throws IOException {
        Files.createDirectories(work);
        List<Future<Row>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        int total = configs.stream().mapToInt(c -> c.targets().size()).sum();
        int[] done = {0};
        try {
            for (Config c : configs) {
                Path b = work.resolve(c.id() + "-" + c.design().slug());
                Bundle.write(c.design(), b, 1, 1);
                for (Synthesis.Target t : c.targets()) {
                    futures.add(pool.submit(() -> {
                        Synthesis.Stats s = Synthesis.run(b, t, timeoutSeconds);
                        Row r = row(c, t, s);
                        synchronized (done) {
                            done[0]++;
                            progress.accept(String.format(Locale.ROOT, "mvu-sweep %3d/%d  %s %-44s %-12s %6d LUTs "
                                    + "%6d FFs %3d DSPs %3d BRAMs %6.1f s", done[0], total, c.id(), c.design().slug(),
                                    t.key, s.luts(), s.ffs(), s.dsps(), r.brams(), s.seconds()));
                        }
                        return r;
                    }));
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("synthesis failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static Row row(Config c, Synthesis.Target t, Synthesis.Stats s) {
        return new Row(c, t.key, s.luts(), s.ffs(), s.carry(), s.dsps(), brams18(t, s), lutramLuts(s, c.id()),
                s.muxf(), s.yosysVersion(), s.seconds());
    }

    /** @return block RAMs in 18-Kbit units on Xilinx (RAMB18 + 2·RAMB36, 7-series or UltraScale+), EBRs on iCE40 */
    static int brams18(Synthesis.Target t, Synthesis.Stats s) {
        Map<String, Integer> cells = s.cells();
        return t == Synthesis.Target.ICE40 ? s.brams()
                : cells.getOrDefault("RAMB18E2", 0) + 2 * cells.getOrDefault("RAMB36E2", 0)
                + cells.getOrDefault("RAMB18E1", 0) + 2 * cells.getOrDefault("RAMB36E1", 0);
    }

    /** @return LUTs used as distributed RAM ({@link #LUTRAM_LUTS} per cell) */
    static int lutramLuts(Synthesis.Stats s, String what) {
        int lutram = 0;
        for (Map.Entry<String, Integer> e : s.cells().entrySet()) {
            if (e.getKey().matches("RAM\\d+[XM]\\w*")) {
                Integer per = LUTRAM_LUTS.get(e.getKey());
                if (per == null) {
                    throw new IllegalStateException("unknown distributed-RAM cell " + e.getKey() + " in " + what);
                }
                lutram += per * e.getValue();
            }
        }
        return lutram;
    }

    /**
     * One Yosys run of a unit as the dataflow engine counts it (and as a sweep point's {@code yosys_*} metrics sum).
     *
     * @return [LUTs (logic and distributed RAM), FFs, DSPs, block RAMs (BRAM18 units on Xilinx, EBRs on iCE40)]
     */
    public static int[] counts(Synthesis.Target t, Synthesis.Stats s) {
        return new int[] {s.luts() + lutramLuts(s, "a Yosys run"), s.ffs(), s.dsps(), brams18(t, s)};
    }

    /** @return the engine's estimate beside every row */
    public static List<Residual> residuals(List<Row> rows) {
        List<Residual> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new Residual(r, Synthesis.mvuModel(r.config().design(), r.target())));
        }
        return out;
    }

    /** @return the dataflow engine's structure of a row's unit on its flow (the fit's features) */
    public static io.qdse.simulator.engine.FpgaDataflowEngine.UnitStructure structure(Row r) {
        Design.Mvu d = r.config().design();
        Synthesis.Target t = r.target();
        return io.qdse.simulator.engine.FpgaDataflowEngine.structure(Synthesis.mvuShape(d), Synthesis.mvuFold(d),
                Synthesis.mvuFormats(d), Calibration.part(t), t.dsp ? io.qdse.simulator.arch.FpgaDataflow.ResType.DSP
                        : io.qdse.simulator.arch.FpgaDataflow.ResType.LUT, io.qdse.hwmodels.fpga.Synth.YOSYS);
    }

    /**
     * Fits the engine's LUT coefficients {k_lane, k_add, k_cmp, k_unit} per family ({@code xilinx}: the xilinx and
     * xilinx_nodsp rows; {@code ice40}) to the {@code fit} rows: non-negative least squares on relative error, LUTs
     * (logic and distributed RAM) minus the structure's fixed LUTs against its features, as rtl-gen's PE
     * calibration does. Held-out rows are not used.
     *
     * @return coefficients by family, as {@code FpgaDataflowEngine.LUT_COEFFICIENTS}
     */
    public static Map<String, double[]> fit(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.config().heldOut()) {
                groups.computeIfAbsent(r.target() == Synthesis.Target.ICE40 ? "ice40" : "xilinx",
                        k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            List<Row> train = g.getValue();
            double[][] a = new double[train.size()][];
            double[] y = new double[train.size()];
            for (int i = 0; i < train.size(); i++) {
                Row r = train.get(i);
                io.qdse.simulator.engine.FpgaDataflowEngine.UnitStructure u = structure(r);
                double w = 1.0 / r.allLuts();
                double[] x = u.features();
                a[i] = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    a[i][j] = x[j] * w;
                }
                y[i] = (r.allLuts() - u.fixedLuts()) * w;
            }
            out.put(g.getKey(), io.qdse.hwmodels.internal.Nnls.solve(a, y));
        }
        return out;
    }

    /** The measurements as CSV, one row per configuration and flow. */
    public static String toCsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            Design.Mvu d = r.config().design();
            sb.append(String.join(",", r.config().csvColumns(), d.dsp() ? "dsp" : "lut",
                    "" + d.seed(), r.flow(), "" + r.luts(), "" + r.ffs(), "" + r.carry(), "" + r.dsps(),
                    "" + r.brams(), "" + r.lutramLuts(), "" + r.muxf(), r.yosys(),
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
        if (!t.header().equals(List.of(HEADER.split(",")))) {
            throw new InvalidInputException(RESOURCE + " header", String.join(",", t.header()), HEADER);
        }
        String[] counts = {"luts", "ffs", "carry", "dsps", "brams", "lutram_luts", "muxf"};
        List<Row> rows = new ArrayList<>();
        for (io.qdse.simulator.io.CsvTable.Row r : t.rows()) {
            String where = t.where(r);
            Config c = storedConfig(r, where);
            int[] n = new int[counts.length];
            for (int k = 0; k < counts.length; k++) {
                try {
                    n[k] = Integer.parseInt(String.valueOf(r.get(counts[k])));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(where + ", column " + counts[k], r.get(counts[k]), "a cell count");
                }
            }
            String sec = r.get("seconds");
            rows.add(new Row(c, r.get("flow"), n[0], n[1], n[2], n[3], n[4], n[5], n[6], r.get("yosys"),
                    sec == null ? Double.NaN : Double.parseDouble(sec)));
        }
        return rows;
    }

    /**
     * @return the sweep's configuration a stored row names by its id, refused when the row's stored configuration
     *     (set, shape, fold, formats, output bits, seed; res_type where the table has it) is not the sweep's
     */
    static Config storedConfig(io.qdse.simulator.io.CsvTable.Row r, String where) {
        Config c = null;
        for (Config k : sweep()) {
            if (k.id().equals(r.get("id"))) {
                c = k;
            }
        }
        if (c == null) {
            throw new InvalidInputException(where + ", id", r.get("id"), "a configuration of MvuSynthesis.sweep()");
        }
        Design.Mvu d = c.design();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("set", c.set());
        expected.put("mw", "" + d.mw());
        expected.put("mh", "" + d.mh());
        expected.put("pe", "" + d.pe());
        expected.put("simd", "" + d.simd());
        expected.put("w", io.qdse.hwmodels.format.Formats.nameOf(d.w()));
        expected.put("a", io.qdse.hwmodels.format.Formats.nameOf(d.a()));
        expected.put("out_bits", "" + d.outBits());
        expected.put("seed", "" + d.seed());
        if (r.cells().containsKey("res_type")) {
            expected.put("res_type", d.dsp() ? "dsp" : "lut");
        }
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(r.get(e.getKey()))) {
                throw new InvalidInputException(where + ", column " + e.getKey(), r.get(e.getKey()), "the sweep's "
                        + c.id() + ": " + e.getValue());
            }
        }
        return c;
    }

    /** The held-out errors, computed once from the committed runs when an estimate first asks. */
    private static final class HeldOut {
        static final io.qdse.hwmodels.calib.ModelError XILINX = heldOut(false);
        static final io.qdse.hwmodels.calib.ModelError ICE40 = heldOut(true);
    }

    /**
     * @param ice40 the iCE40 runs, else the Xilinx ones (UltraScale+ with and without DSPs)
     * @return the dataflow unit model's LUT error on the configurations held out of its fit (docs/fpga.md, "Checked
     *     against Yosys on generated units"): what {@code qdse fpga estimate} prints beside its Yosys LUT counts
     */
    public static io.qdse.hwmodels.calib.ModelError heldOutLutError(boolean ice40) {
        return ice40 ? HeldOut.ICE40 : HeldOut.XILINX;
    }

    /**
     * @return the LUT error beside a dataflow estimate on {@code part} whose LUTs reproduce {@code synth}: the held-out
     *     Yosys runs of the part's family, or, for Vivado's counts (not measured on whole units), a note saying so
     */
    public static io.qdse.hwmodels.calib.ModelError lutError(io.qdse.hwmodels.tech.FpgaPart part,
                                                           io.qdse.hwmodels.fpga.Synth synth) {
        if (synth == io.qdse.hwmodels.fpga.Synth.VIVADO) {
            return io.qdse.hwmodels.calib.ModelError.unmeasured("unit model checked against Yosys only; Vivado's "
                    + "multiplier law held out on single multipliers: docs/cost-models.md 4.2");
        }
        return heldOutLutError(part.family() == io.qdse.hwmodels.tech.FpgaFamily.LATTICE_ICE40);
    }

    private static io.qdse.hwmodels.calib.ModelError heldOut(boolean ice40) {
        List<Double> errs = new ArrayList<>();
        for (Residual r : residuals(committed())) {
            if (r.row().config().heldOut() && r.row().flow().equals("ice40") == ice40) {
                errs.add(r.lutErrorPct());
            }
        }
        return io.qdse.hwmodels.calib.ModelError.of(errs, "Yosys " + (ice40 ? "iCE40" : "UltraScale+") + " LUTs, "
                + errs.size() + " generated units held out");
    }

    /** @return the committed measurements ({@link #RESOURCE}) */
    public static List<Row> committed() {
        try (InputStream in = Objects.requireNonNull(MvuSynthesis.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return fromCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
