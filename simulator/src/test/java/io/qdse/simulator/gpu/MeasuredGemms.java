package io.qdse.simulator.gpu;

import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.io.CsvTable;
import io.qdse.simulator.workload.OpKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The published measured GEMM timings in src/test/resources/gpu-measured (README there: sources, what each set is),
 * and the model's prediction for each row.
 */
final class MeasuredGemms {
    private MeasuredGemms() {
    }

    static final List<String> FILES = List.of("xla-h100-bf16", "deepbench-v100-fp16", "mamf-best", "deepgemm-h800-fp8",
            "tilelang-h800", "ladder-a100-pcie", "cublas-h100-pcie", "humming-h100",
            "deepgemm-h800-fp8-v2");

    /**
     * Sets whose benchmark writes a large buffer before every timed call to "flush" the L2, so the call starts with the
     * L2 full of dirty lines that its own reads evict, and the write-back of one L2 of data to HBM is part of the timed
     * call (a property of the timing, not of the kernel): triton.testing.do_bench (triton-lang/triton
     * python/triton/testing.py: "we clear the L2 cache before each run", {@code cache.zero_()} over 256 MB) for
     * humming's table, and DeepGEMM's bench_kineto after its L2 fix (an 8 GB memset; DeepGEMM@55ab91f).
     */
    static final Set<String> L2_DIRTY_AT_START = Set.of("humming-h100", "deepgemm-h800-fp8-v2");

    /** One measured GEMM. */
    record Row(String set, String gpu, String kernel, String w, String a, String acc, String out, long m, long n,
               long k, long batch, double latencyUs, String source, String note) {

        LayerFormats formats() {
            return FormatsSpec.parse("w=" + w + ",a=" + a + ",acc=" + acc + ",out=" + out, "measured " + set,
                    Presets.gpu("gpu:a100-sxm4-80gb", "x").formats());
        }

        /** DeepBench's operand layout (NN, TN, NT) from the note, or NN. */
        String layout() {
            int i = note.indexOf(" K=");
            if (!set.startsWith("deepbench") || i < 0) {
                return "NN";
            }
            String[] p = note.substring(i + 3).split(" ");
            return p[1];
        }

        String describe() {
            return String.format(Locale.ROOT, "%s %s %s w=%s a=%s %dx%dx%d b%d", set, gpu, kernel, w, a, m, n, k,
                    batch);
        }
    }

    static List<Row> load() {
        List<Row> out = new ArrayList<>();
        for (String f : FILES) {
            String path = "/gpu-measured/" + f + ".csv";
            try (InputStream in = MeasuredGemms.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + path);
                }
                CsvTable t = CsvTable.parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                for (CsvTable.Row r : t.rows()) {
                    out.add(new Row(r.get("set"), r.get("gpu"), r.get("kernel"), r.get("w"), r.get("a"), r.get("acc"),
                            r.get("out"), Long.parseLong(r.get("m")), Long.parseLong(r.get("n")),
                            Long.parseLong(r.get("k")), Long.parseLong(r.get("batch")),
                            Double.parseDouble(r.get("latency_us")), r.get("source"), r.get("note")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * @return the closed form's estimate for a row; DeepGEMM's kernel does not overlap its epilogue with MMA work
     *         (one math pipeline per SM; {@link GpuKernelModel#GpuKernelModel(GpuEfficiency, boolean)})
     */
    static GemmEstimate predict(Row r, GpuKernelModel model) {
        GpuSpec g = GpuPresets.get(r.gpu(), "gpu");
        GemmPath p = GemmPath.of(g, r.formats(), OpKind.LINEAR, "formats");
        GpuKernelModel m = r.kernel().equals("deepgemm") ? new GpuKernelModel(model.efficiency(), false) : model;
        return m.best(g, p, r.m(), r.n(), r.k(), r.batch());
    }

    /**
     * Sets whose timed calls found their operands in the L2: DeepGEMM's first table (deepseek-ai/DeepGEMM@a6d97a1
     * tests/test_core.py) built new operands inside the timed function before every call ("Construct new tensors every
     * time to avoid L2 cache acceleration"), which wrote them through the L2 just before the kernel read them; commit
     * 6cbff57 moved the construction out because "reconstructing the tensors on every iteration effectively put them
     * in the L2". Taken as resident when A and B fit in half the L2 (the kernel model's own rule for operands read
     * once; the bf16 originals and fp8 copies written beside them share the rest).
     */
    static final Set<String> L2_WARM_OPERANDS = Set.of("deepgemm-h800-fp8");

    /**
     * @return the predicted time of the row as it was measured: the library's kernel ({@link #predict}), with the
     *         HBM side of its overlap changed for how the set was timed (the kernel choice does not change): one L2 of
     *         dirty lines written back for the sets in {@link #L2_DIRTY_AT_START}; no HBM reads of A and B for the
     *         sets in {@link #L2_WARM_OPERANDS} when they fit in half the L2
     */
    static double latencyUs(Row r, GpuKernelModel model) {
        GemmEstimate e = predict(r, model);
        GpuSpec g = e.gpu();
        double operands = (e.path().aStoreBits() * (double) e.m() + e.path().bStoreBits() * (double) e.n()) * e.k()
                * e.batch() / 8;
        boolean dirty = L2_DIRTY_AT_START.contains(r.set());
        boolean warm = L2_WARM_OPERANDS.contains(r.set()) && operands <= 0.5 * g.l2Bytes();
        if (!dirty && !warm) {
            return e.latencyUs();
        }
        double rate = g.hbmBytesPerClk() * model.efficiency().hbmEfficiency();
        double compute = Math.max(Math.max(e.mmaCycles(), e.smemCycles()), Math.max(e.latencyCycles(),
                e.dequantCycles()));
        TileConfig t = e.tile();
        if (r.kernel().equals("deepgemm") && e.occupancy() == 1) { // as predict's kernel: epilogue after the mainloop
            compute += e.ctas() * (double) t.bm() * t.bn() * (t.splitK() > 1 ? GpuKernelModel.ACC_BYTES
                    : e.path().cBits() / 8.0) / rate;
        }
        double partials = t.splitK() > 1 ? (double) t.splitK() * e.batch() * e.m() * e.n() * GpuKernelModel.ACC_BYTES
                : 0;
        double hbm = warm ? (partials + e.dramWriteBytes()) / rate : e.hbmCycles();
        if (dirty) {
            hbm += g.l2Bytes() / rate;
        }
        double body = Math.max(Math.max(compute, hbm), e.l2Cycles());
        return body / (g.clockMhz() * 1e6) * 1e6 + e.fixedUs();
    }

    /** @return (predicted − measured) / measured */
    static double error(Row r, GpuKernelModel model) {
        return (latencyUs(r, model) - r.latencyUs()) / r.latencyUs();
    }

    /**
     * The calibration set {@code cal-v1}: the XLA H100 rows with batch 1 (compute and latency), DeepBench's in-scope V100
     * rows (NN, aligned; skinny memory-bound and large compute-bound) and the MAMF best A100 SXM shape.
     */
    static final Predicate<Row> CAL_V1 = r -> outOfScope(r) == null && ((r.set().equals("xla-h100-bf16")
            && r.batch() == 1) || r.set().equals("deepbench-v100-fp16")
            || (r.set().equals("mamf-best") && r.gpu().equals("a100-sxm4-80gb")));

    /**
     * The rows of {@code cal-v1} that fix the HBM efficiency: skinny GEMMs (M ≤ 128) whose weights are at least 32 MB,
     * where the fixed per-kernel time is a small part of the measured time.
     */
    static final Predicate<Row> CAL_V1_HBM = r -> CAL_V1.test(r) && r.m() <= 128 && r.n() * r.k() * 2 >= 32e6;

    /**
     * The staged fit on cal-v1: the HBM efficiency on {@link #CAL_V1_HBM} (others fixed), then the MMA efficiency, the
     * fixed time and the latency on all of cal-v1 (HBM fixed), by coordinate descent on grids of 0.01, 0.01, 0.25 µs
     * and 50 ns from {@code start}, repeated until neither stage moves.
     */
    static GpuEfficiency fit(List<Row> rows, GpuEfficiency start) {
        List<Row> cal = rows.stream().filter(CAL_V1).toList();
        List<Row> hbmRows = rows.stream().filter(CAL_V1_HBM).toList();
        double[] x = {start.mmaEfficiency(), start.hbmEfficiency(), start.fixedUs(), start.memLatencyNs()};
        double[] step = {0.01, 0.01, 0.25, 50};
        for (int round = 0; round < 10; round++) {
            double[] before = x.clone();
            x = descend(hbmRows, x, step, new int[] {1});
            x = descend(cal, x, step, new int[] {0, 2, 3});
            if (java.util.Arrays.equals(before, x)) {
                break;
            }
        }
        return eff(x);
    }

    private static double[] descend(List<Row> rows, double[] x0, double[] step, int[] which) {
        double[] x = x0.clone();
        double best = loss(rows, eff(x));
        boolean improved = true;
        while (improved) {
            improved = false;
            for (int i : which) {
                for (int d : new int[] {-1, 1}) {
                    double[] y = x.clone();
                    y[i] = Math.round((y[i] + d * step[i]) / step[i]) * step[i];
                    double l = loss(rows, eff(y));
                    if (l < best - 1e-12) {
                        best = l;
                        x = y;
                        improved = true;
                    }
                }
            }
        }
        return x;
    }

    static GpuEfficiency eff(double[] x) {
        return new GpuEfficiency(Math.round(x[0] * 100) / 100.0, Math.round(x[1] * 100) / 100.0,
                Math.round(x[2] * 4) / 4.0, Math.round(x[3] / 50) * 50.0);
    }

    /** @return Σ over rows of ln(predicted / measured)² */
    static double loss(List<Row> rows, GpuEfficiency e) {
        GpuKernelModel m = new GpuKernelModel(e);
        double s = 0;
        for (Row r : rows) {
            double l = Math.log(latencyUs(r, m) / r.latencyUs());
            s += l * l;
        }
        return s;
    }

    /**
     * Rows whose kernel the model does not represent, with the reason (null: in scope). DeepBench's TN/NT rows run
     * other cuBLAS 10.1 kernels than NN for the same shape (up to 2x apart; the model has no operand layout), and its
     * rows with a weight dimension that is not a multiple of 8 cannot use tensor cores in cuBLAS 10.1; the
     * Ladder artifact's W4A16 kernels at M = 32 and the CUTLASS fpA_intB kernel at every size are not Marlin-class
     * (they reach 1.0-1.1x over FP16 at M = 32 where the paper's own Ladder kernel and Marlin reach 3-4x at M = 1).
     */
    static String outOfScope(Row r) {
        if (r.set().startsWith("deepbench") && !r.layout().equals("NN")) {
            return "DeepBench " + r.layout() + " layout: other cuBLAS kernels than NN";
        }
        if (r.set().startsWith("deepbench") && (r.n() % 8 != 0 || r.k() % 8 != 0)) {
            return "weight dimension not a multiple of 8: cuBLAS 10.1 has no tensor-core kernel for unaligned fp16 "
                    + "operands (the model assumes aligned ones)";
        }
        if (r.set().equals("ladder-a100-pcie") && r.kernel().equals("cutlass-fpA-intB")) {
            return "CUTLASS fpA_intB (FasterTransformer): not a Marlin-class W4A16 kernel";
        }
        if (r.set().equals("ladder-a100-pcie") && r.kernel().equals("ladder-w4a16") && r.m() == 32) {
            return "Ladder W4A16 at M = 32: its tile search does not reach the memory-bound speed-up";
        }
        return null;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }
}
