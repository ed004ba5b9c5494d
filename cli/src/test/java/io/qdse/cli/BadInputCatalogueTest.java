package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
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
