package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.MemorySpec;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.Zoo;
import org.junit.jupiter.api.Test;

/** Traffic is counted in bits: sub-byte formats move fewer bits, block formats add their scales. */
class TrafficBitsTest {
    private static final AnalyticalEngine E = new AnalyticalEngine();
    // big scratchpads: every operand resident, so DRAM traffic is compulsory only
    private static final SystolicArray ARCH = Presets.edge32x32().withSrams(MemorySpec.kib(16384),
            MemorySpec.kib(16384), MemorySpec.kib(16384));

    private static LayerFormats w(String weights) {
        return new LayerFormats(Formats.parse(weights), Formats.INT8, FixedPointAccumulator.integer(32), Formats.INT8);
    }

    @Test
    void int4MovesHalfTheWeightBitsOfInt8AndMxfp4AddsItsScales() {
        LayerOp op = LayerOp.gemm("fc", 64, 512, 1024);
        Evaluation i8 = E.evaluate(op, ARCH, w("int8"));
        Evaluation i4 = E.evaluate(op, ARCH, w("int4"));
        Evaluation mx = E.evaluate(op, ARCH, w("mxfp4"));
        assertEquals(1024L * 512 * 8, i8.traffic().dramFilterReads());
        assertEquals(i8.traffic().dramFilterReads() / 2, i4.traffic().dramFilterReads());
        assertEquals(i8.traffic().sramFilterReads() / 2, i4.traffic().sramFilterReads());
        // mxfp4: 4 bits per element + one 8-bit E8M0 scale per 32 elements = 4.25 bits
        assertEquals(1024L * 512 * 4 + 1024L * 512 * 8 / 32, mx.traffic().dramFilterReads());
        assertEquals(i8.traffic().dramIfmapReads(), i4.traffic().dramIfmapReads(), "activations unchanged");
        assertTrue(i4.energy().dramPj() < i8.energy().dramPj());
    }

    @Test
    void networkTotalsAreTheSumOfLayers() {
        Workload w = Zoo.load("resnet18", "w");
        Simulator.NetworkResult r = new Simulator().run(w, Presets.edge32x32(), Simulator.EngineKind.ANALYTICAL);
        assertEquals(w.computeLayers().size(), r.layers().size());
        Evaluation sum = Evaluation.ZERO;
        for (Simulator.LayerResult l : r.layers()) {
            sum = sum.plus(l.eval());
        }
        assertEquals(sum, r.total());
        assertEquals(w.macs(), r.total().macs());
        assertTrue(r.total().utilization() > 0.3 && r.total().utilization() <= 1.0);
        assertTrue(r.total().energy().totalPj() > 0);
    }
}
