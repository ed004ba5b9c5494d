package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.hwmodels.format.IntFormat;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated bit-serial arrays against the Java model, as {@link CoSimTest} does for the other designs: each is
 * linted (verilator -Wall, must be clean) and simulated in Icarus and in Verilator on random GEMMs (1×1×1, the
 * maximum, one past a block/step boundary, and random shapes; the maxima are not multiples of C, R or lanes), every
 * result word bit for bit against the exact dot product, and every GEMM's cycles equal to the Java bit-serial
 * engines' compute cycles.
 */
class BitSerialArrayCoSimTest {

    static IntFormat i(int bits, boolean signed) {
        return IntFormat.of(bits, signed);
    }

    static Stream<Arguments> designs() {
        return Stream.of(
                // k = 1: eight cycles per step, signed activations (the sign chunk first)
                Arguments.of(new Design.BitSerialArray(2, 3, 4, 1, i(8, true), i(8, true), 24, 7, 5, 10), 8, 101L),
                // k = 2 with unsigned activations and narrow signed weights
                Arguments.of(new Design.BitSerialArray(4, 4, 8, 2, i(8, false), i(4, true), 20, 9, 10, 19), 7, 102L),
                // k = 4 on odd precisions: int7 activations (a 3-bit top chunk), uint5 weights, a wrapping register
                Arguments.of(new Design.BitSerialArray(3, 5, 16, 4, i(7, true), i(5, false), 14, 11, 7, 37), 7, 103L),
                // k = Pa: one-cycle steps (and one-cycle blocks), every block's write-back in the next one's shadow
                Arguments.of(new Design.BitSerialArray(2, 2, 3, 5, i(5, true), i(6, true), 16, 5, 5, 7), 8, 104L));
    }

    private static final Pattern CASE = Pattern.compile(
            "case \\d+: M=(\\d+) N=(\\d+) K=(\\d+), (\\d+) cycles \\(Java engine (\\d+)\\)");

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void matchesTheJavaModel(Design.BitSerialArray d, int cases, long seed, @TempDir Path dir) throws Exception {
        Bundle.Written w = Bundle.write(d, dir.resolve(d.slug()), cases, seed);
        assertEquals(cases, w.cycles().size());
        Path b = w.dir();
        boolean any = false;
        if (Tools.available("verilator")) {
            Tools.Result lint = Tools.script(b, "lint.sh", 120);
            assertTrue(lint.ok(), d.slug() + ": verilator --lint-only -Wall is not clean:\n" + lint.output());
        }
        if (Tools.available("iverilog")) {
            Tools.Result sim = Tools.script(b, "sim_icarus.sh", 600);
            assertTrue(sim.ok() && sim.output().contains("PASS: " + cases + " cases"),
                    d.slug() + " (Icarus):\n" + CoSimTest.tail(sim.output()));
            checkCycles(d, sim.output(), cases);
            any = true;
        }
        if (Tools.available("verilator")) {
            Tools.Result sim = Tools.script(b, "sim_verilator.sh", 900);
            assertTrue(sim.ok() && sim.output().contains("PASS: " + cases + " cases"),
                    d.slug() + " (Verilator):\n" + CoSimTest.tail(sim.output()));
            checkCycles(d, sim.output(), cases);
            any = true;
        }
        assumeTrue(any, "neither iverilog nor verilator is installed: co-simulation of " + d.slug() + " skipped");
        StringBuilder shapes = new StringBuilder();
        for (BitSerialArrayGolden.Case c : BitSerialArrayGolden.random(d, cases, seed)) {
            shapes.append(' ').append(c.m()).append('x').append(c.n()).append('x').append(c.k()).append(':')
                    .append(c.cycles());
        }
        System.out.println(d.slug() + ": " + cases + " GEMMs bit-exact, RTL cycles = engines' (MxNxK:cycles)" + shapes);
    }

    /** Every case's RTL cycles, as the testbench printed them, equal the engines' and the closed form. */
    private static void checkCycles(Design.BitSerialArray d, String log, int cases) {
        Matcher m = CASE.matcher(log);
        int seen = 0;
        while (m.find()) {
            long mm = Long.parseLong(m.group(1));
            long nn = Long.parseLong(m.group(2));
            long kk = Long.parseLong(m.group(3));
            long rtl = Long.parseLong(m.group(4));
            assertEquals(BitSerialArrayGolden.cycles(d, mm, nn, kk), rtl, d.slug() + " " + m.group());
            assertEquals(BitSerialArrayTest.closedForm(d, mm, nn, kk), rtl, d.slug() + " " + m.group());
            seen++;
        }
        assertEquals(cases, seen, log);
    }
}
