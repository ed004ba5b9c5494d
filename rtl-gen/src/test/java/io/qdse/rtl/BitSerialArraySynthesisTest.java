package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.format.IntFormat;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yosys synthesis of one bit-serial array beside the model of the structure the simulator costs ({@link
 * Synthesis#bitSerialPe}: the Yosys layer, {@code FpgaCostModel.yosys()}, on {@code BitSerialPeBuilder}'s per-cycle plus per-step
 * datapaths, times R·C), on the Xilinx (without DSPs) and iCE40 flows: the PE module alone (what the model covers)
 * and the whole array (plus buffers, operand broadcast registers, sequencer, read-back). The model is not calibrated
 * on bit-serial PEs; docs/rtl.md records how far off it is, and this test fails if that drifts past a factor of 2.5.
 */
class BitSerialArraySynthesisTest {

    @Test
    void yosysBesideTheModel(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.available("yosys"), "yosys not installed: synthesis of the bit-serial array skipped");
        Design.BitSerialArray d = new Design.BitSerialArray(2, 3, 4, 1, IntFormat.of(8, true), IntFormat.of(8, true),
                24, 7, 5, 10);
        Path b = Bundle.write(d, dir.resolve(d.slug()), 1, 1).dir();
        long pes = Synthesis.pes(d);
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%s, %s%n", d.slug(),
                Synthesis.yosysVersion()));
        table.append(String.format(Locale.ROOT, "%-13s %-6s %8s %8s %9s %8s %8s%n", "flow", "scope", "Yosys LUT",
                "model", "error %", "Yosys FF", "model"));
        for (Synthesis.Target t : new Synthesis.Target[] {Synthesis.Target.XILINX_NODSP, Synthesis.Target.ICE40}) {
            FpgaCost model = Synthesis.predict(d, t);
            Synthesis.Stats pe = Synthesis.runModule(b, d, t, "BitSerialDotPe", 600);
            Synthesis.Stats arr = Synthesis.run(b, t, 600);
            row(table, t.key, "PE", pe.luts(), model.luts(), pe.ffs(), model.ffs());
            row(table, t.key, "array", arr.luts(), model.luts() * pes, arr.ffs(), model.ffs() * pes);
            double ratio = pe.luts() / model.luts();
            assertTrue(ratio > 1 / 2.5 && ratio < 2.5, t.key + ": the PE's Yosys LUTs " + pe.luts() + " vs model "
                    + model.luts() + " drifted past a factor of 2.5\n" + table);
            assertTrue(arr.luts() > pe.luts() * pes, "the array holds " + pes + " PEs and more:\n" + table);
        }
        System.out.print(table);
    }

    private static void row(StringBuilder sb, String flow, String scope, int luts, double modelLuts, int ffs,
                            double modelFfs) {
        sb.append(String.format(Locale.ROOT, "%-13s %-6s %8d %8.0f %+9.1f %8d %8.0f%n", flow, scope, luts, modelLuts,
                100.0 * (modelLuts - luts) / luts, ffs, modelFfs));
    }
}
