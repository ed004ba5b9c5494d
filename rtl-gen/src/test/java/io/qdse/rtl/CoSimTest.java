package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.simulator.arch.Dataflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated RTL against the Java bit-exact model: every design is linted by Verilator (-Wall, must be clean) and
 * simulated against golden vectors in Icarus and in Verilator; arrays also check their cycle count against the Java
 * cycle-stepped engine on random GEMM shapes. Tool steps skip with a message when the tool is not installed
 * ({@code .ci/run} installs them).
 */
class CoSimTest {
    static ScalarFormat f(String name) {
        return Formats.parseScalar(name, "format");
    }

    static Stream<Arguments> designs() {
        List<Arguments> l = new ArrayList<>();
        long seed = 11;
        // integer MAC PEs, 2..8 bits, signed and unsigned; some into a narrow saturating register so it saturates
        for (int bits = 2; bits <= 8; bits++) {
            for (boolean signed : new boolean[] {true, false}) {
                IntFormat x = IntFormat.of(bits, signed);
                FixedPointAccumulator acc = bits % 2 == 0 ? FixedPointAccumulator.integer(4 * bits + 8)
                        : new FixedPointAccumulator(2 * bits + 2, true, false);
                l.add(Arguments.of(new Design.MacPe(x, x, acc), 1500, seed++));
            }
        }
        // mixed signedness and widths
        l.add(Arguments.of(new Design.MacPe(f("int8"), f("uint4"), FixedPointAccumulator.integer(24)), 1500, seed++));
        // minifloat MAC PEs into exact Kulisch registers (NaN/inf flags where the format has them)
        for (String name : new String[] {"fp4_e2m1", "fp6_e2m3", "fp6_e3m2", "fp8_e4m3", "fp8_e5m2", "e4m3:fnuz",
            "e3m2:ieee"}) {
            ScalarFormat x = f(name);
            l.add(Arguments.of(new Design.MacPe(x, x, FixedPointAccumulator.kulisch(x, x, 256)), 2000, seed++));
        }
        // INT x minifloat
        l.add(Arguments.of(new Design.MacPe(f("int4"), f("fp8_e4m3"),
                FixedPointAccumulator.kulisch(f("int4"), f("fp8_e4m3"), 256)), 1500, seed++));
        // float accumulators (round to nearest even once per MAC): IEEE inf, FN/FNUZ NaN on overflow, saturation
        String[][] fl = {{"fp8_e4m3", "fp16"}, {"fp8_e5m2", "fp16"}, {"fp6_e2m3", "fp8_e4m3"}, {"fp4_e2m1", "fp6_e2m3"},
            {"e4m3:fnuz", "e5m2:fnuz"}, {"e3m2:ieee", "fp8_e5m2"}, {"fp8_e4m3", "bf16"}};
        for (String[] x : fl) {
            l.add(Arguments.of(Designs.pe(x[0], x[0], x[1], 1), 3000, seed++));
        }
        l.add(Arguments.of(Designs.pe("int8", "fp8_e4m3", "fp32", 1), 2000, seed++));
        // bit-serial PEs
        l.add(Arguments.of(new Design.BitSerialPe(IntFormat.of(8, true), IntFormat.of(8, true), 1, 24), 2000, seed++));
        l.add(Arguments.of(new Design.BitSerialPe(IntFormat.of(8, false), IntFormat.of(6, true), 4, 24), 2000, seed++));
        l.add(Arguments.of(new Design.BitSerialPe(IntFormat.of(4, true), IntFormat.of(8, false), 3, 20), 2000, seed++));
        // arrays: 4x4 and 8x8 in both dataflows, int8 and fp8; one non-square
        Design.MacPe i8 = new Design.MacPe(f("int8"), f("int8"), FixedPointAccumulator.integer(32));
        ScalarFormat e4m3 = f("fp8_e4m3");
        Design.MacPe fp8 = new Design.MacPe(e4m3, e4m3, FixedPointAccumulator.kulisch(e4m3, e4m3, 64));
        for (Dataflow df : new Dataflow[] {Dataflow.OS, Dataflow.WS}) {
            l.add(Arguments.of(new Design.Array(4, 4, df, i8, 11, 10, 9), 10, seed++));
            l.add(Arguments.of(new Design.Array(8, 8, df, i8, 20, 19, 17), 8, seed++));
            l.add(Arguments.of(new Design.Array(4, 4, df, fp8, 9, 9, 9), 8, seed++));
            l.add(Arguments.of(new Design.Array(3, 5, df, fp8, 8, 12, 7), 8, seed++));
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void matchesTheJavaModel(Design d, int vectors, long seed, @TempDir Path dir) throws Exception {
        Bundle.Written w = Bundle.write(d, dir.resolve(d.slug()), vectors, seed);
        Path b = w.dir();
        boolean any = false;
        if (Tools.available("verilator")) {
            Tools.Result lint = Tools.script(b, "lint.sh", 120);
            assertTrue(lint.ok(), d.slug() + ": verilator --lint-only -Wall is not clean:\n" + lint.output());
        }
        if (Tools.available("iverilog")) {
            Tools.Result sim = Tools.script(b, "sim_icarus.sh", 600);
            assertTrue(sim.ok() && sim.output().contains("PASS"), d.slug() + " (Icarus):\n" + tail(sim.output()));
            any = true;
        }
        if (Tools.available("verilator")) {
            Tools.Result sim = Tools.script(b, "sim_verilator.sh", 900);
            assertTrue(sim.ok() && sim.output().contains("PASS"), d.slug() + " (Verilator):\n" + tail(sim.output()));
            any = true;
        }
        assumeTrue(any, "neither iverilog nor verilator is installed: co-simulation of " + d.slug() + " skipped");
    }

    static String tail(String s) {
        String[] lines = s.split("\n");
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, lines.length - 25); i < lines.length; i++) {
            sb.append(lines[i]).append('\n');
        }
        return sb.toString();
    }
}
