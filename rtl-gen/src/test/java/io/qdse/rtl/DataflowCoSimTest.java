package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.io.OutputSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-network dataflow designs (a chain of matrix-vector units with width converters) against the Java bit-exact
 * model of the chain. The network here is a small random MLP (the real openWakeWord classifier runs in the cli's
 * RtlDataflowCommandTest, which fetches it); its folds exercise every connection: a direct one (PE 1 = SIMD 1, 3-bit
 * codes widened into e2m1 inputs), gathering (PE 1 into SIMD 2) and splitting (PE 8 into SIMD 2), with integer and
 * minifloat weights, and a unit with 16 neuron folds stalled by a slower one (it must re-read its input buffer: a
 * synchronous read's data does not survive a stall).
 */
class DataflowCoSimTest {
    private static NetQuant.Dense dense(String name, int mh, int mw, boolean relu, SplittableRandom r) {
        double[][] w = new double[mh][mw];
        double[] b = new double[mh];
        for (int n = 0; n < mh; n++) {
            for (int k = 0; k < mw; k++) {
                w[n][k] = (r.nextDouble() * 2 - 1) / Math.sqrt(mw);
            }
            b[n] = (r.nextDouble() * 2 - 1) * 0.1;
        }
        return new NetQuant.Dense(name, w, b, relu);
    }

    private static ScalarFormat f(String s) {
        return Formats.parseScalar(s, "f");
    }

    static NetQuant.Built built(int vectors) {
        SplittableRandom r = new SplittableRandom(7);
        NetQuant.Mlp mlp = new NetQuant.Mlp(List.of(dense("fc1", 16, 24, true, r), dense("fc2", 16, 16, true, r),
                dense("fc3", 8, 16, true, r), dense("fc4", 4, 8, false, r)), List.of());
        List<NetQuant.Plan> plans = List.of(
                new NetQuant.Plan("fc1", f("int4"), f("int4"), 1, 4),   // 16 neuron folds, stalled by fc2
                new NetQuant.Plan("fc2", f("e2m3"), f("e2m1"), 1, 1),   // direct, 3-bit codes widened into e2m1
                new NetQuant.Plan("fc3", f("int5"), f("int4"), 8, 2),   // gather PE 1 -> SIMD 2
                new NetQuant.Plan("fc4", f("int4"), f("uint3"), 2, 2)); // split PE 8 -> SIMD 2
        return NetQuant.build("mlp", mlp, 0, plans, NetQuant.gaussianInputs(64, 24, 1),
                NetQuant.gaussianInputs(vectors, 24, 2), false);
    }

    @Test
    void chainMatchesTheJavaModel(@TempDir Path dir) throws Exception {
        int vectors = 5;
        NetQuant.Built b = built(vectors);
        Design.Chain d = b.design();
        assertEquals(4, d.stages().size());
        Bundle.Written w;
        try (OutputSet out = OutputSet.folder(dir.resolve("df"), "bundle folder", false, List.of())) {
            w = Bundle.writeDataflow(d, b.inputCodes(), out, "xc7", Map.of("device", "ice40-up5k"));
            out.commit();
        }
        // the quantized network against the float model: the datapath is exact, so only quantization differs
        for (int i = 0; i < b.elements().length - 1; i++) {
            assertTrue(b.thresholdDisagreements()[i] <= b.elements()[i] / 50, "layer " + i + ": thresholds and "
                    + "rounding in floats disagree on " + b.thresholdDisagreements()[i] + " of " + b.elements()[i]);
        }
        lintAndSimulate(w, d, vectors);
        // its ports (a 16-bit input beat, a 2 x 13-bit output beat) outnumber an SG48's 39 I/Os: bitstream.sh places
        // the byte-wide pins wrapper, without a load port (no SPRAM), and sim_pins.sh runs the same vectors through it
        String wrapper = java.nio.file.Files.readString(w.dir().resolve("fpga/DataflowPins.v"));
        assertTrue(wrapper.contains("input [7:0] io_in_bits") && !wrapper.contains("io_load"), wrapper);
        assertTrue(java.nio.file.Files.readString(w.dir().resolve("bitstream.sh")).contains("-top DataflowPins"));
        Tools.Result pins = Tools.script(w.dir(), "fpga/sim_pins.sh", 600);
        assertTrue(pins.ok() && pins.output().contains("PASS"), CoSimTest.tail(pins.output()));
        if (Tools.available("verilator")) {
            Tools.Result lint = Tools.run(w.dir(), 300, List.of("verilator", "--lint-only", "-Wall",
                    "-Wno-DECLFILENAME", "--top-module", "DataflowPins", "fpga/DataflowPins.v", "rtl/Dataflow.sv",
                    "-Irtl"));
            assertTrue(lint.ok(), "the pins wrapper lints clean: " + CoSimTest.tail(lint.output()));
        }
    }

    /**
     * A chain with two units' weights in iCE40 SPRAM (SB_SPRAM256KA, simulated with Yosys's own model of it, read
     * from the installed Yosys): fc1 in two banks one above the other (32,768 words of 4 bits), fc2 in three
     * columns side by side (40-bit words, the top one zero-padded), fc3 in a ROM. After reset the testbench streams
     * the bundle's weights_load.hex into the load port; the chain must take no input before it is loaded, load in
     * one cycle per word, and then match the Java model in both passes. The blocks and load words are the dataflow
     * engine's (FpgaDataflowEngine.weightMemory with ram_style spram on ice40-up5k). The same through the UP5K pins
     * wrapper, whose load port takes bytes.
     */
    @Test
    void spramChainLoadsThenMatchesTheJavaModel(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        NetQuant.Mlp mlp = new NetQuant.Mlp(List.of(dense("fc1", 128, 256, true, r), dense("fc2", 16, 128, true, r),
                dense("fc3", 4, 16, false, r)), List.of());
        List<NetQuant.Plan> plans = List.of(
                new NetQuant.Plan("fc1", f("int4"), f("int4"), 1, 1, true),  // 32,768 x 4 bits: 2 banks
                new NetQuant.Plan("fc2", f("int5"), f("uint3"), 4, 2, true), // 256 x 40 bits: 3 columns
                new NetQuant.Plan("fc3", f("int4"), f("uint3"), 2, 2));      // ROM; split PE 4 -> SIMD 2
        int vectors = 2;
        NetQuant.Built b = NetQuant.build("mlp", mlp, 0, plans, NetQuant.gaussianInputs(64, 256, 1),
                NetQuant.gaussianInputs(vectors, 256, 2), false);
        Design.Chain d = b.design();
        assertEquals(List.of(2, 3, 0), d.stages().stream().map(Design.Chain.Stage::sprams).toList());
        long words = 0;
        for (Design.Chain.Stage st : d.stages()) {
            if (st.spram()) {
                var m = Synthesis.spramModel(st.unit());
                assertEquals("spram", m.kind(), st.layer());
                assertEquals(m.sprams(), st.sprams(), st.layer() + ": SPRAM blocks, RTL vs engine");
                assertEquals(m.loadCycles(), st.loadWords(), st.layer() + ": load words, RTL vs engine's cycles");
                words += m.loadCycles();
            }
        }
        assertEquals(32768 + 3 * 256, words);
        List<Integer> img = d.loadImage();
        assertEquals(words, img.size());
        // fc2's first word: its 40 bits in slices of 16, the top one holding 8 bits
        java.math.BigInteger w0 = d.stages().get(1).params().weightRom()[0];
        assertEquals(w0.shiftRight(32).intValue(), img.get(32768 + 2));
        assertTrue(img.get(32768 + 2) < 256);
        Bundle.Written w;
        try (OutputSet out = OutputSet.folder(dir.resolve("df"), "bundle folder", false, List.of())) {
            w = Bundle.writeDataflow(d, b.inputCodes(), out, "xc7", Map.of("device", "ice40-up5k"));
            out.commit();
        }
        int instances = 0;
        for (String f : w.rtlFiles()) {
            instances += java.nio.file.Files.readString(w.dir().resolve(f)).split("SB_SPRAM256KA ", -1).length - 1;
        }
        assertEquals(5, instances, "SB_SPRAM256KA instances in " + w.rtlFiles());
        assumeTrue(Tools.available("yosys"), "yosys is not installed: the SPRAM simulation model is its cells_sim.v");
        String sim = lintAndSimulate(w, d, vectors);
        assertTrue(sim.contains("load: " + words + " words in " + words + " cycles"), sim);
        // the UP5K pins wrapper (bitstream.sh's top): the same image as bytes, two cycles a word, and the streams as
        // bytes (33 I/Os whatever the widths: an SG48 has 39)
        String wrapper = java.nio.file.Files.readString(w.dir().resolve("fpga/DataflowPins.v"));
        assertTrue(wrapper.contains("input [7:0] io_in_bits") && wrapper.contains("output [7:0] io_out_bits")
                && wrapper.contains("input [7:0] io_load_bits"), wrapper);
        Tools.Result pins = Tools.script(w.dir(), "fpga/sim_pins.sh", 600);
        assertTrue(pins.ok() && pins.output().contains("PASS") && pins.output().contains("load: " + words
                + " words as " + 2 * words + " bytes in " + 2 * words + " cycles"), CoSimTest.tail(pins.output()));
    }

    /**
     * Lints the bundle (Verilator, when installed) and co-simulates it in Icarus: PASS, and the full-rate cycles within
     * the engine's bounds; skips the test when Icarus is not installed.
     *
     * @return Icarus' output
     */
    private static String lintAndSimulate(Bundle.Written w, Design.Chain d, int vectors) throws Exception {
        if (Tools.available("verilator")) {
            Tools.Result lint = Tools.script(w.dir(), "lint.sh", 120);
            assertTrue(lint.ok(), "verilator --lint-only -Wall is not clean:\n" + lint.output());
        }
        assumeTrue(Tools.available("iverilog"), "iverilog is not installed: co-simulation of the chain skipped");
        Tools.Result sim = Tools.script(w.dir(), "sim_icarus.sh", 600);
        assertTrue(sim.ok() && sim.output().contains("PASS"), "Icarus:\n" + CoSimTest.tail(sim.output()));
        long cycles = fullRateCycles(sim.output());
        long[] bounds = DataflowGolden.cycleBounds(d, vectors);
        assertTrue(cycles >= bounds[0] && cycles <= bounds[1], cycles + " cycles outside " + bounds[0] + ".."
                + bounds[1]);
        return sim.output();
    }

    @Test
    void refusesChainsThatCannotConnect() {
        SplittableRandom r = new SplittableRandom(3);
        NetQuant.Mlp mlp = new NetQuant.Mlp(List.of(dense("a", 12, 8, true, r), dense("b", 4, 12, false, r)),
                List.of());
        double[][] x = NetQuant.gaussianInputs(4, 8, 1);
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> NetQuant.build("m", mlp, 0, List.of(new NetQuant.Plan("a", f("int4"), f("int4"), 4, 2),
                        new NetQuant.Plan("b", f("int4"), f("int4"), 1, 3)), x, x, false));
        assertTrue(e.getMessage().contains("layer b SIMD") && e.getMessage().contains("PE = 4"), e.getMessage());
        InvalidInputException nan = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> NetQuant.build("m", mlp, 0, List.of(new NetQuant.Plan("a", f("fp8_e4m3"), f("int4"), 4, 2),
                        new NetQuant.Plan("b", f("int4"), f("int4"), 1, 4)), x, x, false));
        assertTrue(nan.getMessage().contains("formats.a"), nan.getMessage());
    }

    static long fullRateCycles(String log) {
        Matcher m = Pattern.compile("pass 0 \\(full rate\\): \\d+ input beats, \\d+ output beats, (\\d+) cycles")
                .matcher(log);
        assertTrue(m.find(), log);
        return Long.parseLong(m.group(1));
    }
}
