package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
                        w("formats acc", "int12", "int16"), "simulate", "--gemm", "8,8,8", "--arch", "@DIR@/a.yaml"),
                // §3.2 options that do nothing in the mode given are refused, naming the mode (OptionScope)
                bad(w("--axis", "--scaling channel"), "quantize", "--format", "int8", "--values", "1,2", "--axis", "1"),
                bad(w("--seed", "--rounding stochastic"), "quantize", "--format", "int8", "--values", "1", "--seed",
                        "3"),
                bad(w("--clip", "share a scale"), "quantize", "--format", "int8", "--values", "1", "--clip", "mse"),
                bad(w("--block-size", "scalar format"), "quantize", "--format", "mxfp4", "--values", "1,2",
                        "--block-size", "16"),
                bad(w("--no-dsp", "FPGA"), "cost", "--a", "int8", "--no-dsp"),
                bad(w("--synth", "FPGA"), "cost", "--a", "int8", "--synth", "yosys"),
                bad(w("--dot-length", "--op mac"), "cost", "--op", "mul", "--a", "int8", "--dot-length", "8"),
                bad(w("--a", "--calibration"), "cost", "--calibration", "--a", "int8"),
                bad(w("--no-breakdown", "--json"), "cost", "--a", "int8", "--json", "--no-breakdown"),
                bad(w("--engine", "cycle", "--compat"), "simulate", "--compat", "scalesim", "--engine", "cycle",
                        "--gemm", "8,8,8"),
                bad(w("--formats", "--compat"), "simulate", "--compat", "scalesim", "--gemm", "8,8,8", "--formats",
                        "w=int4"),
                bad(w("--max-steps", "--engine cycle"), "simulate", "--gemm", "8,8,8", "--max-steps", "5"),
                bad(w("--phase", "--compat bitmod"), "simulate", "--gemm", "8,8,8", "--phase", "decode"),
                bad(w("--python312", "scalesim"), "simulate", "--gemm", "8,8,8", "--python312"),
                bad(w("--input-type", "--topology"), "simulate", "--gemm", "8,8,8", "--input-type", "gemm"),
                bad(w("--bitfusion-cfg"), "simulate", "--compat", "bitmod", "--workload", "llama2-7b",
                        "--bitfusion-cfg", "x.ini"),
                bad(w("--onnx-input", "ONNX"), "simulate", "--gemm", "8,8,8", "--onnx-input", "x=1x3"),
                bad(w("--onnx-dim", "resnet18", "ONNX"), "simulate", "--workload", "resnet18", "--onnx-dim",
                        "batch=1"),
                bad(w("--arch", "--table"), "search", "--table", "@DIR@/t.csv", "--arch", "tpu-v1-like"),
                bad(w("--scaling", "weights:"), "search", "--workload", "resnet18", "--formats", "int4,int8",
                        "--sensitivity", "table:x.csv", "--scaling", "tensor"),
                bad(w("--objective", "--pareto"), "search", "--table", "@DIR@/t.csv", "--pareto", "size,sensitivity",
                        "--objective", "size"),
                bad(w("--threads", "cpsat"), "search", "--table", "@DIR@/t.csv", "--solver", "greedy", "--threads",
                        "2"),
                bad(w("--jobs", "--pareto"), "search", "--table", "@DIR@/t.csv", "--jobs", "2"),
                bad(w("--jobs", "0", "1..64"), "search", "--table", "@DIR@/t.csv", "--pareto", "size,sensitivity",
                        "--jobs", "0"),
                bad(w("--max-points", "--pareto"), "search", "--table", "@DIR@/t.csv", "--max-points", "5"),
                bad(w("--max-points", "1", ">= 2"), "search", "--table", "@DIR@/t.csv", "--pareto",
                        "size,sensitivity", "--max-points", "1"),
                bad(w("--max-points", "-4", ">= 2"), "search", "--table", "@DIR@/t.csv", "--pareto",
                        "size,sensitivity", "--max-points", "-4"),
                bad(w("--acc", "MAC PE"), "rtl", "pe", "--a", "int8", "--serial", "int4", "--acc", "int32", "--out",
                        "@DIR@/pe"),
                bad(w("--k", "bit-serial"), "rtl", "pe", "--a", "int8", "--k", "2", "--out", "@DIR@/pe"),
                bad(w("--dot-length", "kulisch"), "rtl", "pe", "--a", "int8", "--dot-length", "64", "--out",
                        "@DIR@/pe"),
                bad(w("--nodsp", "xilinx"), "rtl", "synth", "@DIR@", "--target", "ice40", "--nodsp"),
                bad(w("--python", "--scalesim"), "bench", "--python", "python3"),
                // §3.2 a number beyond the range of a double is an error, not an infinity or a zero
                bad(w("--values", "1e400", "range of a double"), "quantize", "--format", "int8", "--values", "1,1e400"),
                bad(w("--values", "1e-400", "too small"), "quantize", "--format", "int8", "--values", "1e-400"),
                bad(w("--time-limit", "1e400", "range of a double"), "search", "--table", "@DIR@/t.csv",
                        "--time-limit", "1e400"),
                bad(Map.of("w.csv", "1,2\n3,1e999\n"), w("--csv", "1e999", "line 2", "range of a double"),
                        "quantize", "--format", "int8", "--csv", "@DIR@/w.csv"),
                // §3.3 entries that match nothing are refused, naming the entry
                bad(Map.of("f.csv", "layer,w\nconv1,int4\nconv99,int4\n"),
                        w("--formats-file", "conv99", "resnet18", "matches none"), "simulate", "--workload",
                        "resnet18", "--formats-file", "@DIR@/f.csv"),
                bad(w("--formats", "'w' is given twice"), "simulate", "--gemm", "8,8,8", "--formats",
                        "w=int8,w=int4"),
                bad(w("--pin", "each layer once"), "search", "--table", "@DIR@/t.csv", "--pin", "a=int4", "--pin",
                        "a=int8"),
                bad(Map.of("a.yaml", "base: edge-32x32\nrows: 8\nrows: 16\n"), w("--arch", "Duplicate", "rows"),
                        "simulate", "--gemm", "8,8,8", "--arch", "@DIR@/a.yaml"),
                bad(Map.of("l.yaml", "layers:\n  - {name: fc, type: linear, m: 8, m: 16, n: 4, k: 4}\n"),
                        w("l.yaml", "Duplicate", "m"), "simulate", "--workload", "@DIR@/l.yaml"),
                bad(Map.of("config.json", "{\"model_type\": \"llama\", \"hidden_size\": 64, \"hidden_size\": 128}"),
                        w("config.json", "Duplicate", "hidden_size"), "simulate", "--workload", "hf:@DIR@/config.json"),
                bad(Map.of("s.yaml", "name: s\nname: t\nworkloads: [resnet18]\ndesigns:\n  - kind: systolic\n"),
                        w("s.yaml", "Duplicate", "name"), "sweep", "@DIR@/s.yaml", "--out", "@DIR@/out"),
                bad(Map.of("fold.yaml", "conv1: {PE: 2}\nconv1: {PE: 4}\n"), w("--folding", "Duplicate", "conv1"),
                        "fpga", "estimate", "--workload", "resnet18", "--device", "xcvu9p", "--folding",
                        "@DIR@/fold.yaml"),
                // §3.4 physically meaningless values: each field has a documented range
                bad(Map.of("a.yaml", "base: edge-32x32\nclock_mhz: 1e-300\n"), w("arch.clock_mhz", "1..10000 MHz",
                        "E-300"), "simulate", "--gemm", "8,8,8", "--arch", "@DIR@/a.yaml"),
                bad(Map.of("a.yaml", "base: edge-32x32\nsram: {ifmap_kib: 1e15}\n"), w("arch.sram.ifmap_kib",
                        "64 GiB"), "simulate", "--gemm", "8,8,8", "--arch", "@DIR@/a.yaml"),
                bad(Map.of("a.yaml", "base: edge-32x32\ndram: {bandwidth_gbs: 0}\n"), w("arch.dram.bandwidth_gbs",
                        "GB/s"), "simulate", "--gemm", "8,8,8", "--arch", "@DIR@/a.yaml"),
                bad(Map.of("a.yaml", "base: edge-32x32\nclock_mhz: 1e400\n"), w("arch.clock_mhz"), "simulate",
                        "--gemm", "8,8,8", "--arch", "@DIR@/a.yaml"),
                bad(Map.of("t.csv", "layer,format,sensitivity,size_bits\nl1,int4,-1,4\nl1,int8,0,8\n"),
                        w("t.csv line 2, column sensitivity", "-1", ">= 0"), "search", "--table", "@DIR@/t.csv"),
                bad(Map.of("t.csv", "layer,format,sensitivity,size_bits\nl1,int4,1,-4\nl1,int8,0,8\n"),
                        w("t.csv line 2, column size_bits", "-4", ">= 0"), "search", "--table", "@DIR@/t.csv"),
                bad(Map.of("s.csv", "layer,format,sensitivity\nconv1,int4,-0.5\n"),
                        w("s.csv line 2, column sensitivity", ">= 0"), "search", "--workload", "resnet18",
                        "--formats", "int4,int8", "--sensitivity", "table:@DIR@/s.csv"));
    }

    /** A small dataflow network and its sensitivity table, for fpga search and pareto. */
    static final Map<String, String> NET = Map.of("net.csv", "name,type,m,n,k,in_h,in_w,in_c,out_c,kernel_h,kernel_w,"
            + "padding\nc1,conv,,,,8,8,3,16,3,3,1\npw,conv,,,,8,8,16,24,1,1,0\nfc,linear,1,10,1536,,,,,,,\n",
            "sens.csv", "layer,format,sensitivity\nc1,int4,1\nc1,int8,0.01\npw,int4,0.5\npw,int8,0.02\nfc,int4,0.3\n"
            + "fc,int8,0.004\n");

    static Case bad(Map<String, String> files, int exit, String[] words, String... args) {
        return new Case(String.join(" ", args), exit, files, words, args);
    }

    static String[] fpga(String cmd, String... more) {
        String[] base = {"fpga", cmd, "--workload", "@DIR@/net.csv", "--device", "pynq-z1", "--formats", "int4,int8",
            "--sensitivity", "table:@DIR@/sens.csv", "--target-fps", "40000"};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Issue 15, the remaining points: each command refuses what the others refuse. */
    static Stream<Case> remaining() {
        return Stream.of(
                // fpga estimate refuses formats rows for layers the workload lacks, as simulate does
                bad(Map.of("f.csv", "layer,w\nconv1,int4\nconv99,int4\n"),
                        w("--formats-file", "conv99", "resnet18", "matches none"), "fpga", "estimate", "--workload",
                        "resnet18", "--device", "xcvu9p", "--formats-file", "@DIR@/f.csv"),
                bad(Map.of("f.csv", "layer,w\nc1,int4\nfc2,int8\n", "net.csv", NET.get("net.csv")),
                        w("--formats-file", "fc2", "c1, pw, fc", "matches none"), "fpga", "estimate", "--workload",
                        "@DIR@/net.csv", "--device", "pynq-z1", "--formats-file", "@DIR@/f.csv"),
                // a time limit reached before any solution is an outcome (exit 3), with the best bound
                bad(NET, 3, w("no solution", "within the time limit", "--time-limit", "best bound"),
                        fpga("search", "--time-limit", "1e-9")),
                bad(NET, 3, w("no solution", "within the time limit", "--time-limit", "best bound"),
                        fpga("pareto", "--time-limit", "1e-9")),
                bad(NET, 3, w("no solution", "within the time limit", "--time-limit"),
                        fpga("search", "--time-limit", "1e-9", "--out", "@DIR@/o")),
                // weight memories the part lacks (issue 12 §3): the option, the part and what it has
                bad(NET, w("--ram-style", "ultra", "xc7z020 has 0 URAM", "280 RAMB18"), "fpga", "estimate",
                        "--workload", "@DIR@/net.csv", "--device", "pynq-z1", "--ram-style", "ultra"),
                bad(NET, w("--ram-style", "spram", "0 SPRAM"), fpga("search", "--ram-style", "spram")),
                bad(NET, w("--ram-style", "huge", "auto, block, distributed, ultra"), fpga("pareto", "--ram-style",
                        "huge")),
                bad(Map.of("f.json", "{\"fc\": {\"PE\": 1, \"SIMD\": 1, \"ram_style\": \"ultra\"}}", "net.csv",
                        NET.get("net.csv")), w("folding.fc.ram_style", "0 URAM"), "fpga", "estimate", "--workload",
                        "@DIR@/net.csv", "--device", "pynq-z1", "--folding", "@DIR@/f.json"),
                bad(NET, w("--ram-style", "--compat finn", "ram_style"), "fpga", "estimate", "--workload",
                        "@DIR@/net.csv", "--device", "up5k", "--ram-style", "spram", "--compat", "finn"));
    }

    static final Map<String, String> FILE = Map.of("afile", "not a folder\n");
    static final Map<String, String> FOREIGN = Map.of("mine/notes.txt", "the user's\n");

    static Map<String, String> with(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    /**
     * Issue 15 §2: an output that cannot be written names the option, the path and the reason, in every command that
     * writes, before any work is shown (nothing on stdout) and leaving nothing behind: a folder that cannot be made
     * (/proc, /sys), a file where a folder goes, a file on the way, a folder where a file goes, a folder of the user's.
     */
    static Stream<Case> outputs() {
        String[] net = {"--workload", "@DIR@/net.csv", "--device", "pynq-z1"};
        String[] ss = {"--formats", "int4,int8", "--sensitivity", "table:@DIR@/sens.csv", "--target-fps", "40000"};
        return Stream.of(
                bad(Map.of("w.csv", "1,2,3\n"), w("--out", "/proc/x", "no folder can be created in /proc"), "quantize",
                        "--format", "int8", "--csv", "@DIR@/w.csv", "--out", "/proc/x/o.csv"),
                bad(with(FOREIGN, Map.of("w.csv", "1,2,3\n")), w("--out", "@DIR@/mine", "this path is a folder"),
                        "quantize", "--format", "int8", "--csv", "@DIR@/w.csv", "--out", "@DIR@/mine"),
                bad(with(FILE, Map.of("w.csv", "1,2,3\n")), w("--out", "@DIR@/afile exists", "--force"), "quantize",
                        "--format", "int8", "--csv", "@DIR@/w.csv", "--out", "@DIR@/afile"),
                bad(w("--out", "/proc/x", "no folder can be created"), "simulate", "--gemm", "8,8,8", "--out",
                        "/proc/x"),
                bad(w("--out", "/sys/x", "operation not permitted"), "simulate", "--gemm", "8,8,8", "--out", "/sys/x"),
                bad(FILE, w("--out", "afile", "exists as a file"), "simulate", "--gemm", "8,8,8", "--out",
                        "@DIR@/afile"),
                bad(FILE, w("--out", "@DIR@/afile is not a folder"), "simulate", "--gemm", "8,8,8", "--out",
                        "@DIR@/afile/sub"),
                bad(FOREIGN, w("--out", "notes.txt", "did not write", "--force"), "simulate", "--gemm", "8,8,8",
                        "--out", "@DIR@/mine"),
                bad(Map.of("t.csv", "layer,format,sensitivity,size_bits\nl1,int4,1,4\nl1,int8,0,8\n"),
                        w("--out", "/proc/x", "no folder can be created"), "search", "--table", "@DIR@/t.csv", "--out",
                        "/proc/x"),
                bad(with(FILE, Map.of("t.csv", "layer,format,sensitivity,size_bits\nl1,int4,1,4\n")),
                        w("--out", "exists as a file"), "search", "--table", "@DIR@/t.csv", "--out", "@DIR@/afile"),
                bad(w("--out", "/proc/x", "no folder can be created"), "rtl", "pe", "--a", "int8", "--sim", "none",
                        "--out", "/proc/x"),
                bad(FILE, w("--out", "exists as a file"), "rtl", "pe", "--a", "int8", "--sim", "none", "--out",
                        "@DIR@/afile"),
                bad(FOREIGN, w("--out", "notes.txt", "--force"), "rtl", "pe", "--a", "int8", "--sim", "none", "--out",
                        "@DIR@/mine"),
                bad(w("--out", "/proc/x", "no folder can be created"), "rtl", "array", "--a", "int8", "--sim", "none",
                        "--out", "/proc/x"),
                bad(w("--out", "/proc/x", "no folder can be created"), "rtl", "mvu", "--mw", "8", "--mh", "4", "--w",
                        "int4", "--a", "int4", "--sim", "none", "--out", "/proc/x"),
                bad(FILE, w("--out", "exists as a file"), "rtl", "mvu", "--mw", "8", "--mh", "4", "--w", "int4", "--a",
                        "int4", "--sim", "none", "--out", "@DIR@/afile"),
                bad(w("--out", "/proc/x", "no folder can be created"), "rtl", "calibrate", "--out", "/proc/x"),
                bad(NET, w("--out", "/proc/x", "no folder can be created"), concat("fpga", "estimate", net, "--out",
                        "/proc/x")),
                bad(with(NET, FILE), w("--out", "exists as a file"), concat("fpga", "estimate", net, "--out",
                        "@DIR@/afile")),
                bad(NET, w("--out", "/proc/x", "no folder can be created"), concat("fpga", "search", concat(net, ss),
                        "--out", "/proc/x")),
                bad(with(NET, FILE), w("--out", "exists as a file"), concat("fpga", "pareto", concat(net, ss),
                        "--out", "@DIR@/afile")),
                bad(Map.of("s.yaml", SPACE), w("--out", "/proc/x", "no folder can be created"), "sweep",
                        "@DIR@/s.yaml", "--out", "/proc/x"),
                bad(with(FILE, Map.of("s.yaml", SPACE)), w("--out", "exists as a file"), "sweep", "@DIR@/s.yaml",
                        "--out", "@DIR@/afile"),
                bad(w("--out", "/proc/x", "no folder can be created"), "report", "@DIR@", "--out", "/proc/x"),
                bad(FILE, w("--out", "@DIR@/afile is not a folder"), "report", "@DIR@", "--out", "@DIR@/afile/r"),
                bad(w("--out", "/proc/x", "no folder can be created"), "compare", "--workload", "resnet18", "--arch",
                        "edge-32x32", "--arch", "tpu-v1-like", "--out", "/proc/x"),
                bad(FILE, w("--out", "exists as a file"), "compare", "--workload", "resnet18", "--arch", "edge-32x32",
                        "--arch", "tpu-v1-like", "--out", "@DIR@/afile"),
                bad(w("--rtl-out", "/proc/x", "no folder can be created"), "demo", "--rtl-out", "/proc/x"),
                bad(FILE, w("--rtl-out", "@DIR@/afile", "a folder (this path exists as a file)"), "demo", "--rtl-out",
                        "@DIR@/afile"));
    }

    static final String SPACE = "name: s\nworkloads: [resnet18]\ndesigns:\n  - kind: systolic\n    base: edge-32x32\n"
            + "formats: [\"w=int8,a=int8\"]\n";

    static String[] concat(String a, String b, String[] mid, String... more) {
        return concat(new String[] {a, b}, concat(mid, more));
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Issue 15: inputs of every kind to every command, each refused naming the option, the file or the field. */
    static Stream<Case> inputs() {
        String[] net = {"fpga", "search", "--workload", "@DIR@/net.csv", "--device", "pynq-z1", "--formats",
            "int4,int8", "--sensitivity", "table:@DIR@/sens.csv"};
        return Stream.of(
                bad(w("--workload", "none.csv", "not a built-in network"), "simulate", "--workload",
                        "@DIR@/none.csv"),
                bad(w("--arch", "none.yaml", "no such file"), "simulate", "--arch", "@DIR@/none.yaml", "--gemm",
                        "8,8,8"),
                bad(w("--arch", "tpu-v9", "not a preset"), "simulate", "--arch", "tpu-v9", "--gemm", "8,8,8"),
                bad(w("--gemm", "M,N,K", "8,8"), "simulate", "--gemm", "8,8"),
                bad(w("--gemm", "'0' is not"), "simulate", "--gemm", "0,8,8"),
                bad(w("--engine", "warp", "analytical or cycle"), "simulate", "--gemm", "8,8,8", "--engine", "warp"),
                bad(w("--workload", "ctx", "-1"), "simulate", "--workload", "llama2-7b:decode:ctx=-1"),
                bad(w("--formats-file", "none.csv", "no such file"), "simulate", "--workload", "resnet18",
                        "--formats-file", "@DIR@/none.csv"),
                bad(w("--formats kv bits", "at most the PE's 8", "16"), "simulate", "--arch", "bitserial:bitmod",
                        "--gemm", "8,8,8", "--formats", "w=int4,a=fp16,kv=fp16"),
                bad(w("--table", "none.csv", "no such file"), "search", "--table", "@DIR@/none.csv"),
                bad(Map.of("t.csv", "layer,format,sensitivity,size_bits\nl1,int4,1,4\n"),
                        w("--objective", "bogus", "sensitivity, size_bits"), "search", "--table", "@DIR@/t.csv",
                        "--objective", "bogus"),
                bad(Map.of("t.csv", "layer,format,sensitivity,size_bits\nl1,int4,1,4\n"),
                        w("--time-limit", "seconds > 0"), "search", "--table", "@DIR@/t.csv", "--time-limit", "0"),
                bad(Map.of("t.csv", "layer,format,sensitivity,size_bits\nl1,int4,1,4\n"),
                        w("--max size_bits=abc", "a finite number"), "search", "--table", "@DIR@/t.csv", "--max",
                        "size_bits=abc"),
                bad(w("--a", "fp8_e9m9", "did you mean"), "cost", "--a", "fp8_e9m9"),
                bad(w("model", "no-such-model", "minilm"), "models", "fetch", "no-such-model"),
                bad(w("--scalesim", "none", "SCALE-Sim v2 checkout"), "bench", "--scalesim", "@DIR@/none"),
                bad(w("bundle", "none", "params.json"), "rtl", "sim", "@DIR@/none"),
                bad(w("bundle", "none", "params.json"), "rtl", "synth", "@DIR@/none"),
                bad(w("--pe", "3", "a divisor of MH = 4"), "rtl", "mvu", "--mw", "8", "--mh", "4", "--pe", "3", "--w",
                        "int4", "--a", "int4", "--sim", "none", "--out", "@DIR@/m"),
                bad(w("--mw", "0", "1..4096"), "rtl", "mvu", "--mw", "0", "--mh", "4", "--w", "int4", "--a", "int4",
                        "--sim", "none", "--out", "@DIR@/m"),
                bad(w("--rows", "0", "1..64"), "rtl", "array", "--a", "int8", "--rows", "0", "--sim", "none", "--out",
                        "@DIR@/a"),
                bad(w("--max-k", "0", "1..4096"), "rtl", "array", "--a", "int8", "--max-k", "0", "--sim", "none",
                        "--out", "@DIR@/a"),
                bad(w("--vectors", "0", "1..1000000"), "rtl", "pe", "--a", "int8", "--vectors", "0", "--sim", "none",
                        "--out", "@DIR@/p"),
                bad(w("--sim", "modelsim", "icarus, verilator or none"), "rtl", "pe", "--a", "int8", "--sim",
                        "modelsim", "--out", "@DIR@/p"),
                bad(w("--device", "unknown FPGA part", "xcvu9p"), "fpga", "estimate", "--workload", "resnet18",
                        "--device", "xc9999"),
                bad(w("--clock", "(0, 2000] MHz"), "fpga", "estimate", "--workload", "resnet18", "--device",
                        "xcvu9p", "--clock", "0"),
                bad(w("--target-fps", "> 0"), "fpga", "estimate", "--workload", "resnet18", "--device", "xcvu9p",
                        "--target-fps", "-1"),
                bad(w("--folding", "none.yaml", "no such file"), "fpga", "estimate", "--workload", "resnet18",
                        "--device", "xcvu9p", "--folding", "@DIR@/none.yaml"),
                bad(w("--res-type", "bram", "lut, dsp or auto"), "fpga", "estimate", "--workload", "resnet18",
                        "--device", "xcvu9p", "--res-type", "bram"),
                bad(NET, w("--max luts=abc", "a finite number"), concat(net, "--max", "luts=abc")),
                bad(NET, w("--objective", "speed", "luts"), concat(net, "--objective", "speed")),
                bad(NET, w("--formats int9x", "unknown format"), concat(new String[] {"fpga", "search", "--workload",
                    "@DIR@/net.csv", "--device", "pynq-z1", "--formats", "int4,int9x", "--sensitivity",
                    "table:@DIR@/sens.csv"})),
                bad(NET, w("--max-util", "1.5", "(0, 1]"), concat(net, "--max-util", "1.5")),
                bad(NET, w("--points", "at least 2"), concat(new String[] {"fpga", "pareto", "--workload",
                    "@DIR@/net.csv", "--device", "pynq-z1", "--formats", "int4,int8", "--sensitivity",
                    "table:@DIR@/sens.csv", "--points", "1"})),
                bad(w("SPACE", "none.yaml", "no such file"), "sweep", "@DIR@/none.yaml", "--out", "@DIR@/o"),
                bad(Map.of("s.yaml", SPACE), w("--threads", "-3", "1..1024"), "sweep", "@DIR@/s.yaml", "--out",
                        "@DIR@/o", "--threads", "-3"),
                bad(w("DIR", "none", "no such folder"), "report", "@DIR@/none", "--out", "@DIR@/r"),
                bad(w("--arch", "warp-9", "not a preset"), "compare", "--workload", "resnet18", "--arch",
                        "edge-32x32", "--arch", "warp-9"),
                bad(w("--arch", "at least two"), "compare", "--workload", "resnet18", "--arch", "edge-32x32"),
                bad(w("--scaling", "tile", "channel"), "quantize", "--format", "int8", "--values", "1,2", "--scaling",
                        "tile"),
                bad(w("--seed", "abc"), "demo", "--seed", "abc"),
                bad(w("NAME"), "formats", "show"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outputs")
    void unwritableOutputsRefusedCleanly(Case c, @TempDir Path dir) throws Exception {
        refusedCleanly(c, dir);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void inputsRefusedCleanly(Case c, @TempDir Path dir) throws Exception {
        refusedCleanly(c, dir);
    }

    /**
     * A read-only folder (for users other than root, to whom permission bits do not apply: skipped then; /proc and
     * /sys cover what cannot be written whoever runs the tests).
     */
    @org.junit.jupiter.api.Test
    void aReadOnlyFolderIsNamedWithTheReason(@TempDir Path dir) throws Exception {
        Path ro = Files.createDirectories(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "permission bits bind this user");
            for (String[] args : new String[][] {
                {"simulate", "--gemm", "8,8,8", "--out", ro.resolve("x").toString()},
                {"rtl", "pe", "--a", "int8", "--sim", "none", "--out", ro.resolve("x").toString()},
                {"quantize", "--format", "int8", "--csv", Files.writeString(dir.resolve("w.csv"), "1,2\n")
                    .toString(), "--out", ro.resolve("x.csv").toString()}}) {
                CliRunner.Result r = CliRunner.run(args);
                assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
                assertTrue(r.err().contains("--out") && r.err().contains(ro.toString()) && (r.err().contains(
                        "permission") || r.err().contains("no permission")), r.err());
                assertEquals(Set.of(), Set.copyOf(Arrays.asList(ro.toFile().list())), "nothing left behind");
            }
        } finally {
            Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** The catalogue's size (issue 15 asks for at least 120 cases over every command). */
    @org.junit.jupiter.api.Test
    void theCatalogueCoversEveryCommand() {
        List<String[]> all = new java.util.ArrayList<>();
        cases().forEach(a -> all.add((String[]) a.get()[0]));
        Stream.of(refused(), remaining(), outputs(), inputs()).flatMap(s -> s).forEach(c -> all.add(c.args()));
        assertTrue(all.size() >= 120, all.size() + " cases");
        Set<String> commands = new TreeSet<>();
        for (String[] a : all) {
            commands.add(a[0].equals("rtl") || a[0].equals("fpga") || a[0].equals("models") ? a[0] + " " + a[1]
                    : a[0]);
        }
        for (String c : List.of("formats", "quantize", "cost", "simulate", "search", "models fetch", "rtl pe",
                "rtl array", "rtl mvu", "rtl sim", "rtl synth", "rtl calibrate", "sweep", "compare", "report",
                "fpga estimate", "fpga search", "fpga pareto", "demo", "bench")) {
            assertTrue(commands.contains(c), c + " has cases: " + commands);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("remaining")
    void remainingRefusedCleanly(Case c, @TempDir Path dir) throws Exception {
        refusedCleanly(c, dir);
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
