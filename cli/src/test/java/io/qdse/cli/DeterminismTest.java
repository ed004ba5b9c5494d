package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 §4: bit-for-bit determinism. Each command runs twice, each time in a JVM of its own (the iteration order of
 * {@code Map.of}/{@code Set.of} changes from one JVM to the next, so in-process reruns would not catch it), and its
 * stdout, stderr and every file it wrote must be the same bytes (the output folder's own name aside): an RTL bundle's
 * params.json, simulation results, and the messages of bad inputs that name several fields.
 */
class DeterminismTest {

    /** One run: exit status, stdout and stderr with the run's folder replaced by {@code @DIR@}, and the files it wrote. */
    record Run(int exit, String out, String err, Map<String, byte[]> files) {
    }

    static Run run(Path dir, Map<String, String> inputs, String... args) throws Exception {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : inputs.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        for (String a : args) {
            cmd.add(a.replace("@DIR@", dir.toString()));
        }
        Path out = dir.resolveSibling(dir.getFileName() + ".stdout");
        Path err = dir.resolveSibling(dir.getFileName() + ".stderr");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", args));
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return new Run(p.exitValue(), text(out, dir), text(err, dir), files);
    }

    private static String text(Path f, Path dir) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8).replace(dir.toString(), "@DIR@");
    }

    static void twiceTheSame(Path root, String name, Map<String, String> inputs, int exit, String... args)
            throws Exception {
        Run a = run(root.resolve(name + "-1"), inputs, args);
        Run b = run(root.resolve(name + "-2"), inputs, args);
        assertEquals(exit, a.exit(), name + ": " + a.err());
        assertEquals(a.out(), b.out(), name + ": stdout differs between runs");
        assertEquals(a.err(), b.err(), name + ": stderr differs between runs");
        assertEquals(a.files().keySet(), b.files().keySet(), name + ": files written");
        for (String f : a.files().keySet()) {
            assertArrayEquals(a.files().get(f), b.files().get(f), name + ": " + f + " differs between runs");
        }
    }

    @Test
    void rtlBundlesAreTheSameBytesEveryRun(@TempDir Path root) throws Exception {
        twiceTheSame(root, "pe", Map.of(), 0, "rtl", "pe", "--a", "fp8_e4m3", "--acc", "kulisch", "--sim", "none",
                "--vectors", "50", "--out", "@DIR@/pe");
        twiceTheSame(root, "array", Map.of(), 0, "rtl", "array", "--rows", "2", "--cols", "3", "--sim", "none",
                "--cases", "3", "--out", "@DIR@/arr", "--json");
    }

    @Test
    void resultsAndMessagesAreTheSameBytesEveryRun(@TempDir Path root) throws Exception {
        twiceTheSame(root, "simulate", Map.of(), 0, "simulate", "--workload", "resnet18", "--json", "--out",
                "@DIR@/sim");
        twiceTheSame(root, "cost", Map.of(), 0, "cost", "--a", "fp8_e4m3", "--target", "asic:7nm", "--target",
                "fpga:xcvu9p", "--json");
        // messages naming several fields keep their order
        twiceTheSame(root, "arch", Map.of("a.yaml", "rows: -1\ndataflow: rs\nsram: {ifmap_kib: -8, banks: 0}\n"
                + "dram: {type: ddr9, bandwidth_gbs: 0}\ncolour: red\nclock_mhz: 0\n"), 2, "simulate", "--gemm",
                "8,8,8", "--arch", "@DIR@/a.yaml");
        twiceTheSame(root, "space", Map.of("s.yaml", "name: s\nsampling: grid\nbogus: 1\nworkloads: [resnet18]\n"
                + "designs:\n  - kind: systolic\n    vary: {rows: [0, 8], clock_mhz: [0]}\n"), 2, "sweep",
                "@DIR@/s.yaml", "--out", "@DIR@/o");
        twiceTheSame(root, "onnx-dim", Map.of(), 2, "simulate", "--workload", "resnet18", "--onnx-dim", "b=1",
                "--onnx-dim", "s=2", "--onnx-dim", "t=3");
    }
}
