package io.qdse.rtl;

import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.fpga.LutFit;
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
 * Refits the FPGA model's LUT coefficients ({@link LutFit}) from Yosys synthesis of a sweep of generated PEs:
 * integer MACs of 2–16 bits (signed and unsigned) and minifloat MACs of 4–8 bits with several E/M splits (exact
 * Kulisch registers), each through {@code synth_xilinx} with and without DSPs and {@code synth_ice40}. Every third
 * design is held out of the fit; the errors on those are the model's measured accuracy.
 */
public final class Calibration {

    /** One synthesized PE on one flow. */
    public record Row(String design, String flow, boolean heldOut, int luts, int ffs, int carry, int dsps,
                      double[] features, String yosys) {
    }

    /** The fit and how good it is. */
    public record Fit(LutFit fit, List<Row> rows) {
    }

    private Calibration() {
    }

    /** The sweep, in a fixed order (every third is held out). */
    public static List<Design.MacPe> sweep() {
        List<Design.MacPe> l = new ArrayList<>();
        for (int w : new int[] {2, 3, 4, 5, 6, 8, 10, 12, 16}) {
            for (String s : new String[] {"int", "uint"}) {
                l.add(Designs.mac(s + w, s + w, "int" + (2 * w + 8), 1));
            }
        }
        l.add(Designs.mac("int4", "int8", "int20", 1));
        l.add(Designs.mac("int2", "int8", "int18", 1));
        l.add(Designs.mac("int8", "int16", "int32", 1));
        for (String f : new String[] {"e2m1", "e2m2", "e3m1", "e2m3", "e3m2", "e4m1", "e3m3", "e4m2", "e5m1", "e4m3",
            "e5m2", "e3m4", "e2m5"}) {
            l.add(Designs.mac(f, f, "kulisch", 256));
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
    public static Fit run(List<Design.MacPe> designs, Path work, int jobs, Consumer<String> progress)
            throws IOException {
        Files.createDirectories(work);
        String yosys = Tools.version("yosys");
        List<Future<Row>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        int total = designs.size() * TARGETS.length;
        int[] done = {0};
        try {
            for (int i = 0; i < designs.size(); i++) {
                Design.MacPe d = designs.get(i);
                Path b = work.resolve(d.slug());
                Bundle.write(d, b, 1, 1);
                boolean held = i % 3 == 2;
                for (Synthesis.Target t : TARGETS) {
                    futures.add(pool.submit(() -> {
                        Synthesis.Stats s = Synthesis.run(b, t, 1800);
                        double[] f = FpgaCostModel.unfitted().lutFeatures(OpSpec.mac(d.a(), d.b(), d.acc(), 1),
                                part(t), t.dsp);
                        synchronized (done) {
                            done[0]++;
                            progress.accept(String.format(Locale.ROOT, "calibrate %3d/%d  %-44s %-12s %5d LUTs %4.1f s",
                                    done[0], total, d.slug(), flow(t), s.luts(), s.seconds()));
                        }
                        return new Row(d.slug(), flow(t), held, s.luts(), s.ffs(), s.carry(), s.dsps(), f, yosys);
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

    /** Non-negative least squares per flow on the training rows, relative error weighted (rows scaled by 1/LUTs). */
    public static LutFit fit(List<Row> rows, String yosys) {
        Map<String, double[]> coeffs = new LinkedHashMap<>();
        for (Synthesis.Target t : TARGETS) {
            String flow = flow(t);
            List<Row> train = rows.stream().filter(r -> r.flow().equals(flow) && !r.heldOut() && r.luts() > 0)
                    .toList();
            if (train.isEmpty()) {
                continue;
            }
            double[][] a = new double[train.size()][];
            double[] y = new double[train.size()];
            for (int i = 0; i < train.size(); i++) {
                Row r = train.get(i);
                double w = 1.0 / r.luts();
                a[i] = new double[r.features().length];
                for (int j = 0; j < a[i].length; j++) {
                    a[i][j] = r.features()[j] * w;
                }
                y[i] = 1.0;
            }
            coeffs.put(flow, Nnls.solve(a, y));
        }
        return new LutFit(yosys, coeffs);
    }

    /** @return the fitted model's LUTs for a row */
    public static double predict(LutFit fit, Row r) {
        double[] k = fit.of(r.flow());
        double s = 0;
        for (int j = 0; j < k.length; j++) {
            s += k[j] * r.features()[j];
        }
        return s;
    }

    /** The measurements as CSV (what the fit was made from). */
    public static String rowsCsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("design,flow,held_out,luts,ffs,carry,dsps,f_multiplier,f_adder,f_shifter,"
                + "f_logic,f_constant,yosys\n");
        for (Row r : rows) {
            sb.append(r.design()).append(',').append(r.flow()).append(',').append(r.heldOut() ? 1 : 0).append(',')
                    .append(r.luts()).append(',').append(r.ffs()).append(',').append(r.carry()).append(',')
                    .append(r.dsps());
            for (double f : r.features()) {
                sb.append(',').append(String.format(Locale.ROOT, "%.4f", f));
            }
            sb.append(',').append(r.yosys()).append('\n');
        }
        return sb.toString();
    }
}
