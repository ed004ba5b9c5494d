package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Matrix-vector units against the Java bit-exact model: each linted by Verilator (-Wall, clean) and simulated in
 * Icarus and Verilator, at full rate (cycles = the dataflow engine's + 3) and with random stalls on both streams.
 * Integer (signed, unsigned, mixed) and minifloat pairs (with NaN/infinity flags where the formats have them), with
 * and without thresholds; folds with one synapse fold, one neuron fold, and both greater than one.
 */
class MvuCoSimTest {
    static Stream<Arguments> designs() {
        return Stream.of(
                Arguments.of(Designs.mvu(16, 8, 2, 4, "int4", "int4", 0, false, 1), 6),
                Arguments.of(Designs.mvu(12, 6, 3, 2, "uint3", "int5", 2, false, 2), 6),
                Arguments.of(Designs.mvu(8, 4, 4, 8, "int8", "uint8", 4, true, 3), 8),
                Arguments.of(Designs.mvu(8, 4, 1, 1, "int2", "int2", 1, false, 4), 4),
                Arguments.of(Designs.mvu(16, 4, 2, 4, "fp6_e2m3", "fp6_e3m2", 0, false, 5), 6),
                Arguments.of(Designs.mvu(8, 6, 2, 2, "fp8_e4m3", "fp8_e4m3", 3, false, 6), 6),
                Arguments.of(Designs.mvu(6, 4, 4, 3, "e3m2:ieee", "int4", 0, false, 7), 6),
                Arguments.of(Designs.mvu(16, 2, 1, 16, "fp4_e2m1", "fp8_e5m2", 2, false, 8), 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void matchesTheJavaModel(Design.Mvu d, int vectors, @TempDir Path dir) throws Exception {
        Bundle.Written w = Bundle.write(d, dir.resolve(d.slug()), vectors, 99);
        Path b = w.dir();
        assertEquals(MvuGolden.cycles(d, vectors) + MvuGolden.PIPELINE_CYCLES, w.cycles().get(0));
        assertTrue(Files.readString(b.resolve("params.json")).contains("\"kind\" : \"mvu\""));
        assertEquals(d, Designs.fromBundle(b), "params.json reads back as the design");
        boolean any = false;
        if (Tools.available("verilator")) {
            Tools.Result lint = Tools.script(b, "lint.sh", 120);
            assertTrue(lint.ok(), d.slug() + ": verilator --lint-only -Wall is not clean:\n" + lint.output());
        }
        if (Tools.available("iverilog")) {
            Tools.Result sim = Tools.script(b, "sim_icarus.sh", 600);
            assertTrue(sim.ok() && sim.output().contains("PASS"), d.slug() + " (Icarus):\n" + CoSimTest.tail(
                    sim.output()));
            any = true;
        }
        if (Tools.available("verilator")) {
            Tools.Result sim = Tools.script(b, "sim_verilator.sh", 900);
            assertTrue(sim.ok() && sim.output().contains("PASS"), d.slug() + " (Verilator):\n" + CoSimTest.tail(
                    sim.output()));
            any = true;
        }
        assumeTrue(any, "neither iverilog nor verilator is installed: co-simulation of " + d.slug() + " skipped");
    }
}
