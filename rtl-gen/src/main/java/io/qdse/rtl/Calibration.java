package io.qdse.rtl;

import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.fpga.LutFit;
import io.qdse.hwmodels.fpga.PeFeatures;
import io.qdse.hwmodels.internal.Nnls;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Fits the FPGA model's LUT coefficients ({@link LutFit}) to Yosys synthesis of a sweep of generated PEs: integer
 * MACs of 2–16 bits (signed and unsigned, three mixed-width pairs) and minifloat MACs of 4–8 bits with every E/M split
 * from e2m1 to e6m1 (exact Kulisch registers), each through {@code synth_xilinx} with and without DSPs and
 * {@code synth_ice40}. The features are the PE's structure ({@link PeFeatures}); non-negative least squares on
 * relative error, per flow and class. A fixed set of interior sweep points is held out of the fit; the errors on
 * those are the model's measured accuracy (extrapolation beyond the sweep is not claimed).
 */
public final class Calibration {

    /** One synthesized PE on one flow. */
    public record Row(Design.MacPe pe, String flow, boolean heldOut, int luts, int ffs, int carry, int dsps,
                      PeFeatures features, String yosys) {
        public String design() {
            return pe.slug();
        }

        /** @return the fit whose coefficients predict this row */
        public String key() {
            return features.fitKey(flow);
        }
    }

    /** A PE of the sweep and whether it is held out of the fit. */
    public record Point(Design.MacPe design, boolean heldOut) {
    }

    /** The fit and how good it is. */
    public record Fit(LutFit fit, List<Row> rows) {
        /** @return the held-out rows, in row order, with the per-circuit and the fitted model's LUTs */
        public List<HeldOut> heldOut() {
            List<HeldOut> out = new ArrayList<>();
            for (Row r : rows) {
                if (r.heldOut()) {
                    out.add(new HeldOut(r, perCircuit(r), predict(fit, r)));
                }
            }
            return out;
        }
    }

    /**
     * A held-out row and what the two models predict for it.
     *
     * @param row            the measurement (Yosys LUTs)
     * @param perCircuitLuts the per-circuit (unfitted) model's LUTs
     * @param fittedLuts     the fitted model's LUTs
     */
    public record HeldOut(Row row, double perCircuitLuts, double fittedLuts) {
        /** @return the per-circuit model's error against Yosys, %; NaN when Yosys counted no LUT */
        public double perCircuitErrorPct() {
            return row.luts() == 0 ? Double.NaN : 100 * (perCircuitLuts - row.luts()) / row.luts();
        }

        /** @return the fitted model's error against Yosys, %; 0 when Yosys counted no LUT */
        public double fittedErrorPct() {
            return row.luts() == 0 ? 0 : 100 * (fittedLuts - row.luts()) / row.luts();
        }
    }

    private Calibration() {
    }

    /** Held out of the fit: interior points of the sweep. */
    static final java.util.Set<String> HELD_OUT = java.util.Set.of("int3", "uint4", "int6", "uint8", "int12",
            "int4xint8", "e3m1", "e4m1", "e3m3", "e3m4", "e4m3");

    /** The sweep, in a fixed order. */
    public static List<Point> sweep() {
        List<Point> l = new ArrayList<>();
        for (int w : new int[] {2, 3, 4, 5, 6, 8, 10, 12, 16}) {
            for (String s : new String[] {"int", "uint"}) {
                l.add(new Point(Designs.mac(s + w, s + w, "int" + (2 * w + 8), 1), HELD_OUT.contains(s + w)));
            }
        }
        l.add(new Point(Designs.mac("int4", "int8", "int20", 1), HELD_OUT.contains("int4xint8")));
        l.add(new Point(Designs.mac("int2", "int8", "int18", 1), false));
        l.add(new Point(Designs.mac("int8", "int16", "int32", 1), false));
        for (String f : new String[] {"e2m1", "e2m2", "e3m1", "e2m3", "e3m2", "e4m1", "e2m4", "e3m3", "e4m2", "e5m1",
            "e2m5", "e3m4", "e4m3", "e5m2", "e6m1"}) {
            l.add(new Point(Designs.mac(f, f, "kulisch", 256), HELD_OUT.contains(f)));
        }
        return l;
    }

    static final Synthesis.Target[] TARGETS = {Synthesis.Target.XILINX_NODSP, Synthesis.Target.XILINX,
        Synthesis.Target.ICE40};

    static String flow(Synthesis.Target t) {
        return t == Synthesis.Target.ICE40 ? "ice40" : t == Synthesis.Target.XILINX ? "xilinx" : "xilinx_nodsp";
    }

    static FpgaPart part(Synthesis.Target t) {
        return (FpgaPart) Targets.parse(t == Synthesis.Target.ICE40 ? "fpga:ice40-hx8k" : "fpga:xcvu9p", "target");
    }

    /** Synthesizes the sweep ({@code jobs} Yosys runs at a time) and fits. */
    public static Fit run(List<Point> designs, Path work, int jobs, Consumer<String> progress)
            throws IOException {
        Files.createDirectories(work);
        String yosys = Synthesis.yosysVersion();
        List<Future<Row>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        int total = designs.size() * TARGETS.length;
        int[] done = {0};
        try {
            for (Point pt : designs) {
                Design.MacPe d = pt.design();
                Path b = work.resolve(d.slug());
                Bundle.write(d, b, 1, 1);
                boolean held = pt.heldOut();
                for (Synthesis.Target t : TARGETS) {
                    futures.add(pool.submit(() -> {
                        Synthesis.Stats s = Synthesis.run(b, t, 1800);
                        PeFeatures f = FpgaCostModel.unfitted().peFeatures(OpSpec.mac(d.a(), d.b(), d.acc(), 1),
                                part(t), t.dsp);
                        synchronized (done) {
                            done[0]++;
                            progress.accept(String.format(Locale.ROOT, "calibrate %3d/%d  %-44s %-12s %5d LUTs %4.1f s",
                                    done[0], total, d.slug(), flow(t), s.luts(), s.seconds()));
                        }
                        return new Row(d, flow(t), held, s.luts(), s.ffs(), s.carry(), s.dsps(), f,
                                s.yosysVersion());
                    }));
                }
            }
            List<Row> rows = new ArrayList<>();
            for (Future<Row> f : futures) {
                rows.add(f.get());
            }
            return new Fit(fit(rows, yosys), rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("synthesis failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Non-negative least squares on relative error, per fit key ({@link PeFeatures#fitKey}): integer PEs per flow
     * (on the Xilinx DSP flow only the PEs whose product is in a DSP), minifloat PEs on the LUT-only flows with the
     * multiplier's coefficient fixed at 1.
     */
    public static LutFit fit(List<Row> rows, String yosys) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.heldOut() || r.luts() == 0) {
                continue;
            }
            String key = r.key();
            if (key.startsWith("xilinx_nodsp") && r.flow().equals("xilinx")) {
                continue; // same netlist as the -nodsp run (or its DSP variant): fitted there
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        Map<String, double[]> coeffs = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            List<Row> train = g.getValue();
            boolean fl = g.getKey().endsWith("/float");
            int n = train.get(0).features().values().length;
            double[][] a = new double[train.size()][];
            double[] y = new double[train.size()];
            for (int i = 0; i < train.size(); i++) {
                Row r = train.get(i);
                double w = 1.0 / r.luts();
                a[i] = new double[n - (fl ? 1 : 0)];
                for (int j = fl ? 1 : 0; j < n; j++) {
                    a[i][j - (fl ? 1 : 0)] = r.features().values()[j] * w;
                }
                y[i] = (r.luts() - (fl ? r.features().values()[0] : 0)) * w;
            }
            double[] k = Nnls.solve(a, y);
            if (fl) {
                double[] full = new double[n];
                full[0] = 1;
                System.arraycopy(k, 0, full, 1, k.length);
                k = full;
            }
            coeffs.put(g.getKey(), k);
        }
        return new LutFit(yosys, coeffs);
    }

    /** @return the per-circuit (unfitted) model's LUTs for a row's design and flow */
    public static double perCircuit(Row r) {
        Synthesis.Target t = Synthesis.Target.ofFlow(r.flow());
        Design.MacPe d = r.pe();
        return FpgaCostModel.unfitted().estimate(OpSpec.mac(d.a(), d.b(), d.acc(), 1), part(t), t.dsp).luts();
    }

    /** @return the fitted model's LUTs for a row */
    public static double predict(LutFit fit, Row r) {
        return r.features().dot(fit.coeffs().get(r.key()));
    }

    /**
     * Rows from a stored {@code pe_synthesis.csv} (Yosys counts), with the features recomputed by today's model code:
     * refits without re-running Yosys. Designs must be in {@link #sweep()}.
     */
    public static List<Row> fromCsv(String csv) {
        Map<String, Point> bySlug = new LinkedHashMap<>();
        for (Point p : sweep()) {
            bySlug.put(p.design().slug(), p);
        }
        List<String> lines = csv.lines().toList();
        String header = "design,flow,class,held_out,luts,ffs,carry,dsps,features,yosys";
        if (lines.isEmpty() || !lines.get(0).equals(header)) {
            throw new io.qdse.hwmodels.InvalidInputException("pe_synthesis.csv header",
                    lines.isEmpty() ? "(empty)" : lines.get(0), header);
        }
        List<Row> rows = new ArrayList<>();
        for (int ln = 1; ln < lines.size(); ln++) {
            String[] f = lines.get(ln).split(",");
            String where = "pe_synthesis.csv line " + (ln + 1);
            if (f.length != 10) {
                throw new io.qdse.hwmodels.InvalidInputException(where, f.length + " columns", "10 columns: " + header);
            }
            Point p = bySlug.get(f[0]);
            if (p == null) {
                throw new io.qdse.hwmodels.InvalidInputException(where + ", design", f[0],
                        "a design of the calibration sweep");
            }
            if (!List.of("xilinx", "xilinx_nodsp", "ice40").contains(f[1])) {
                throw new io.qdse.hwmodels.InvalidInputException(where + ", flow", f[1], "xilinx, xilinx_nodsp or ice40");
            }
            Synthesis.Target t = Synthesis.Target.ofFlow(f[1]);
            Design.MacPe d = p.design();
            PeFeatures pf = FpgaCostModel.unfitted().peFeatures(OpSpec.mac(d.a(), d.b(), d.acc(), 1), part(t), t.dsp);
            int[] counts = new int[4];
            for (int c = 0; c < 4; c++) {
                try {
                    counts[c] = Integer.parseInt(f[4 + c]);
                } catch (NumberFormatException e) {
                    throw new io.qdse.hwmodels.InvalidInputException(where + ", column " + (5 + c), f[4 + c],
                            "a cell count (integer)");
                }
            }
            rows.add(new Row(d, f[1], p.heldOut(), counts[0], counts[1], counts[2], counts[3], pf, f[9]));
        }
        return rows;
    }

    /** The measurements as CSV (what the fit was made from). */
    public static String rowsCsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("design,flow,class,held_out,luts,ffs,carry,dsps,features,yosys\n");
        for (Row r : rows) {
            sb.append(r.design()).append(',').append(r.flow()).append(',').append(r.features().cls()).append(',')
                    .append(r.heldOut() ? 1 : 0).append(',').append(r.luts()).append(',').append(r.ffs()).append(',')
                    .append(r.carry()).append(',').append(r.dsps()).append(',');
            double[] v = r.features().values();
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ";").append(String.format(Locale.ROOT, "%.4f", v[i]));
            }
            sb.append(',').append(r.yosys()).append('\n');
        }
        return sb.toString();
    }
}
