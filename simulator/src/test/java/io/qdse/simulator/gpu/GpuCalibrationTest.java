package io.qdse.simulator.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The efficiency parameters are the staged least-squares fit on the named calibration set {@code cal-v1}, and the
 * model's errors on the measured sets it was not calibrated on stay where they were when this was written (docs/gpu.md
 * has the table): a model change that makes a held-out set worse fails here.
 */
class GpuCalibrationTest {
    private static final List<MeasuredGemms.Row> ROWS = MeasuredGemms.load();

    /** Held-out errors when pinned: set → {median, max} of |predicted − measured| / measured. */
    private static final Map<String, double[]> PINNED = new LinkedHashMap<>();

    static {
        PINNED.put("xla-h100-bf16", new double[] {0.047, 0.227});
        PINNED.put("mamf-best", new double[] {0.031, 0.178});
        PINNED.put("deepgemm-h800-fp8", new double[] {0.103, 0.346});
        PINNED.put("tilelang-h800", new double[] {0.057, 0.274});
        PINNED.put("ladder-a100-pcie", new double[] {0.103, 0.180});
        PINNED.put("cublas-h100-pcie", new double[] {0.007, 0.013});
        PINNED.put("humming-h100", new double[] {0.128, 0.237});
        PINNED.put("deepgemm-h800-fp8-v2", new double[] {0.066, 0.124});
    }

    @Test
    void theCommittedParametersAreTheStagedFitOnCalV1() {
        assertEquals(191, ROWS.stream().filter(MeasuredGemms.CAL_V1).count(), "cal-v1 rows");
        assertEquals(14, ROWS.stream().filter(MeasuredGemms.CAL_V1_HBM).count(), "cal-v1 HBM-stage rows");
        assertEquals(GpuEfficiency.CALIBRATED, MeasuredGemms.fit(ROWS, GpuEfficiency.CALIBRATED));
    }

    @Test
    void heldOutErrorsStayWithinTheirPinnedValues() {
        GpuKernelModel model = new GpuKernelModel(GpuEfficiency.CALIBRATED);
        Map<String, List<double[]>> bySet = new LinkedHashMap<>();
        List<String> outliers = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (MeasuredGemms.Row r : ROWS) {
            if (MeasuredGemms.CAL_V1.test(r)) {
                continue;
            }
            double e = MeasuredGemms.error(r, model);
            String scope = MeasuredGemms.outOfScope(r);
            if (scope != null) {
                report.append(String.format(Locale.ROOT, "  out of scope (%s): %s %+.1f%%%n", scope, r.describe(),
                        100 * e));
                continue;
            }
            bySet.computeIfAbsent(r.set(), k -> new ArrayList<>()).add(new double[] {e});
            if (Math.abs(e) > 0.2) {
                report.append(String.format(Locale.ROOT, "  beyond 20 %%: %s %+.1f%%%n", r.describe(), 100 * e));
            }
            if (Math.abs(e) > 0.35) {
                outliers.add(r.set() + " " + r.m() + "x" + r.n() + "x" + r.k());
            }
        }
        assertEquals(PINNED.keySet(), bySet.keySet(), "held-out sets");
        // the figure every GPU estimate prints beside its latency (GpuEfficiency.HELD_OUT) is this union's
        double[] all = bySet.values().stream().flatMap(List::stream).mapToDouble(x -> 100 * Math.abs(x[0])).toArray();
        double allMedian = MeasuredGemms.median(all);
        double allMax = java.util.Arrays.stream(all).max().orElse(0);
        report.append(String.format(Locale.ROOT, "all held out: n=%d median %.2f%% max %.2f%%%n", all.length,
                allMedian, allMax));
        assertEquals(all.length, GpuEfficiency.HELD_OUT.rows(), report.toString());
        assertEquals(allMedian, GpuEfficiency.HELD_OUT.medianPct(), 0.05, report.toString());
        assertEquals(allMax, GpuEfficiency.HELD_OUT.maxPct(), 0.05, report.toString());
        for (Map.Entry<String, List<double[]>> en : bySet.entrySet()) {
            double[] abs = en.getValue().stream().mapToDouble(x -> Math.abs(x[0])).toArray();
            double med = MeasuredGemms.median(abs);
            double max = java.util.Arrays.stream(abs).max().orElse(0);
            report.append(String.format(Locale.ROOT, "%-20s n=%3d median %5.1f%% max %5.1f%%%n", en.getKey(),
                    abs.length, 100 * med, 100 * max));
            double[] pin = PINNED.get(en.getKey());
            assertTrue(med <= pin[0] + 0.005, en.getKey() + " median " + med + " above its pinned " + pin[0]);
            assertTrue(max <= pin[1] + 0.005, en.getKey() + " max " + max + " above its pinned " + pin[1]);
            assertTrue(med <= 0.15, en.getKey() + " median " + med + " above the 15 % aim");
        }
        System.out.print(report);
        // no held-out case beyond 35 % (the aim for unseen sets)
        assertEquals(List.of(), outliers, "held-out cases beyond 35 %");
    }
}
