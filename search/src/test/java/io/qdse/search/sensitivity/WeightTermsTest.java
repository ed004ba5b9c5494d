package io.qdse.search.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.engine.TermSource;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Term-serial arrays take their step times from real weights' Booth terms. */
class WeightTermsTest {

    static LayerWeights weights(String name, int out, int in, double[] v) {
        return new LayerWeights(name, out, in, () -> v, "test");
    }

    @Test
    void termsFollowTheQuantizedCodesLaidOutReductionMajor() {
        // per-channel absmax 127 -> scale 1 at int8, so the codes are the values: 127 = 128 - 1 (2 Booth digits),
        // 3 = 4 - 1 (2), -1 (1), 85 = 0b01010101 (4), 0 (still a cycle)
        double[] w = {127, 3, -1, 85, 127, 0, 0, 0};
        WeightTerms t = new WeightTerms(List.of(weights("fc", 2, 4, w)));
        byte[] terms = t.terms(LayerOp.gemm("fc", 1, 2, 4), Formats.INT8);
        assertArrayEquals(new byte[] {2, 2, 2, 1, 1, 1, 4, 1}, terms, "K x N, reduction-major");
        assertNull(t.terms(LayerOp.gemm("other", 1, 2, 4), Formats.INT8), "a layer without weights");
        assertNull(t.terms(LayerOp.gemm("fc", 1, 2, 4), Formats.FP8_E4M3), "a non-integer weight format");
    }

    @Test
    void aLayerWithFewTermsRunsFasterThanTheWorstCase() {
        double[] w = {127, 0, 0, 0, 127, 0, 0, 0};
        Workload net = new Workload("net", "test", List.of(new Layer("fc", "linear", List.of(LayerOp.gemm("fc", 1, 2,
                4)), 8)));
        BitSerialArray lac = Presets.laconic().withShape(2, 1);
        LayerFormats f = new LayerFormats(Formats.INT8, Formats.INT8, FixedPointAccumulator.integer(32), Formats.INT8);
        long real = new Simulator(new WeightTerms(List.of(weights("fc", 2, 4, w)))).run(net, lac,
                Simulator.EngineKind.CYCLE, n -> f).total().computeCycles();
        long worst = new Simulator(TermSource.NONE).run(net, lac, Simulator.EngineKind.ANALYTICAL, n -> f).total()
                .computeCycles();
        assertEquals(2 + 1, real, "the step's slowest lane holds 127 (2 terms), plus the write-back");
        assertEquals(4 + 1, worst, "int8 worst case: 4 Booth digits");
    }
}
