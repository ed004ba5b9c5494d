package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input exits with status 2 and one message that names the argument, shows the value and says what is
 * allowed; never a stack trace.
 */
class BadInputCatalogueTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // args, words the message must contain
                Arguments.of(new String[] {"quantize", "--format", "fp8_e4m4", "--values", "1"},
                        new String[] {"--format", "fp8_e4m4", "did you mean fp8_e4m3"}),
                Arguments.of(new String[] {"quantize", "--format", "nvfp5", "--values", "1"},
                        new String[] {"--format", "did you mean nvfp4"}),
                Arguments.of(new String[] {"quantize", "--format", "e0m3", "--values", "1"},
                        new String[] {"--format", "e0m3", "exponent bits must be 1..8"}),
                Arguments.of(new String[] {"quantize", "--format", "e4m40", "--values", "1"},
                        new String[] {"--format", "e4m40", "mantissa bits must be 0..23"}),
                Arguments.of(new String[] {"quantize", "--format", "int8", "--values", "0.1,abc,3"},
                        new String[] {"--values", "abc", "item 2"}),
                Arguments.of(new String[] {"quantize", "--format", "int8", "--values", "1,,2"},
                        new String[] {"--values", "item 2 is empty"}),
                Arguments.of(new String[] {"quantize", "--format", "int8", "--values", "1", "--rounding", "up"},
                        new String[] {"--rounding", "up", "nearest-even"}),
                Arguments.of(new String[] {"quantize", "--format", "mxfp4", "--values", "1", "--scaling", "none"},
                        new String[] {"--scaling", "block format"}),
                Arguments.of(new String[] {"quantize", "--format", "int8", "--csv", "/nonexistent/w.csv"},
                        new String[] {"--csv", "/nonexistent/w.csv", "no such file"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--target", "asic:-7nm"},
                        new String[] {"--target", "asic:-7nm", "positive"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--target", "asic:3nm"},
                        new String[] {"--target", "asic:3nm", "between 7 and 130"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--target", "fpga:xcvu9"},
                        new String[] {"--target", "fpga:xcvu9", "did you mean xcvu9p"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--target", "fpga:ice40-hx8k", "--synth", "vivado"},
                        new String[] {"--synth", "vivado", "fpga:ice40-hx8k", "AMD/Xilinx parts only"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--target", "fpga:xcvu9p", "--synth", "xst"},
                        new String[] {"--synth", "xst", "yosys or vivado"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--target", "gpu:a100"},
                        new String[] {"--target", "gpu:a100", "asic:<node>nm"}),
                Arguments.of(new String[] {"cost", "--op", "div", "--a", "int8"},
                        new String[] {"--op", "div", "mul, add, mac"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--acc", "int1"},
                        new String[] {"--acc", "int1", "2..4096"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--acc", "mxfp4"},
                        new String[] {"--acc", "mxfp4"}),
                Arguments.of(new String[] {"cost", "--op", "mul", "--a", "int8", "--acc", "int32"},
                        new String[] {"--acc", "only a mac"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--dot-length", "0"},
                        new String[] {"--dot-length", "0", ">= 1"}),
                Arguments.of(new String[] {"formats", "show", "fp7"},
                        new String[] {"NAME", "fp7", "unknown format"}),
                Arguments.of(new String[] {"quantize", "--format", "int8"},
                        new String[] {"--values", "--csv"}),
                Arguments.of(new String[] {"cost", "--a", "int8", "--bogus"},
                        new String[] {"--bogus"}),
                Arguments.of(new String[] {"frobnicate"},
                        new String[] {"frobnicate"}));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exitsWithTwoAndNamesTheArgument(String[] args, String[] mustContain) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(2, r.exit(), "exit code; stderr: " + r.err());
        for (String word : mustContain) {
            assertTrue(r.err().contains(word), "stderr should mention '" + word + "':\n" + r.err());
        }
        assertFalse(r.err().contains("\tat "), "no stack trace by default:\n" + r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout for bad input:\n" + r.out());
    }

    /**
     * A refused input: the command line ({@code @DIR@} is a fresh folder holding {@code files}), the exit status (2
     * bad input, 3 no solution, 4 tool missing) and the words the message must contain.
     */
    record Case(String what, int exit, Map<String, String> files, String[] words, String[] args) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Case bad(String[] words, String... args) {
        return new Case(String.join(" ", args), 2, Map.of(), words, args);
    }

    static Case bad(Map<String, String> files, String[] words, String... args) {
        return new Case(String.join(" ", args), 2, files, words, args);
    }

    static Case status(int exit, String[] words, String... args) {
        return new Case(String.join(" ", args), exit, Map.of(), words, args);
    }

    static String[] w(String... words) {
        return words;
    }

    /** Issue 15 §3 and §4: meaningless designs, options that do nothing, entries that match nothing, ranges. */
    static Stream<Case> refused() {
        return Stream.of(
                // §3.1 an accumulator that cannot hold one product: the same refusal in every command
                bad(w("--acc", "int4", "int8 x int8", "int16"), "cost", "--a", "int8", "--acc", "int4"),
                bad(w("--acc", "int32", "int37"), "cost", "--a", "fp8_e4m3", "--acc", "int32"),
                bad(w("--acc", "int17:sat"), "cost", "--a", "uint8", "--acc", "int16:sat"),
                bad(w("--acc", "int16"), "cost", "--a", "int8", "--acc", "kulisch12"),
                bad(w("--formats acc", "int4", "int16"), "simulate", "--gemm", "8,8,8", "--formats",
                        "w=int8,a=int8,acc=int4"),
                bad(w("--formats acc", "int8", "int12"), "simulate", "--gemm", "8,8,8", "--formats",
                        "w=int4,a=int8,kv=int8,acc=int8"),
                bad(w("--formats int8@int4", "int16"), "search", "--workload", "resnet18", "--formats",
                        "int8@int4,int4", "--sensitivity", "table:x.csv"),
                bad(w("--acc", "int4", "int16"), "rtl", "pe", "--a", "int8", "--acc", "int4", "--sim", "none",
                        "--out", "@DIR@/pe"),
                bad(w("--acc", "int8", "int16"), "rtl", "array", "--a", "int8", "--acc", "int8", "--sim", "none",
                        "--out", "@DIR@/arr"),
                bad(Map.of("a.yaml", "base: edge-32x32\nformats: w=int8,a=int8,acc=int12\n"),
                        w("formats acc", "int12", "int16"), "simulate", "--gemm", "8,8,8", "--arch", "@DIR@/a.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedCleanly(Case c, @TempDir Path dir) throws Exception {
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Set<Path> before = tree(dir);
        String[] args = Arrays.stream(c.args()).map(a -> a.replace("@DIR@", dir.toString())).toArray(String[]::new);
        CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> CliRunner.run(args));
        assertEquals(c.exit(), r.exit(), "exit status; stderr: " + r.err() + "\nstdout: " + r.out());
        for (String word : c.words()) {
            assertTrue(r.err().contains(word.replace("@DIR@", dir.toString())), "stderr should mention '" + word
                    + "':\n" + r.err());
        }
        assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), "no stack trace:\n" + r.err());
        assertTrue(r.out().isEmpty(), "nothing on stdout:\n" + r.out());
        assertEquals(before, tree(dir), "nothing left behind");
    }

    static Set<Path> tree(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(dir::relativize).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @org.junit.jupiter.api.Test
    void stacktraceFlagShowsTheTrace() {
        CliRunner.Result r = CliRunner.run("--stacktrace", "quantize", "--format", "e0m3", "--values", "1");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    /** A binary or non-UTF-8 file given where a text file goes names the file (and line) instead of an I/O error. */
    @org.junit.jupiter.api.Test
    void binaryOrNonUtf8FilesNameTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path bin = java.nio.file.Files.write(dir.resolve("x.csv"), new byte[] {'a', ',', 'b', '\n',
            (byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
        String f = bin.toString();
        String[][] cases = {
            {"simulate", "--topology", f},
            {"simulate", "--workload", f},
            {"simulate", "--compat", "bitfusion", "--bitfusion-cfg", f, "--workload", f},
            {"search", "--table", f},
            {"search", "--workload", "resnet18", "--formats", "int4,int8", "--sensitivity", "table:" + f},
            {"simulate", "--workload", "resnet18", "--formats-file", f},
            {"fpga", "estimate", "--workload", "resnet18", "--device", "xcvu9p", "--folding", f},
        };
        for (String[] args : cases) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains(f), "names the file: " + r.err());
            assertFalse(r.err().contains("I/O error") || r.err().contains("\tat "), r.err());
        }
    }
}
