package io.qdse.simulator.scalesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.simulator.scalesim.io.ScaleSimFiles;
import io.qdse.simulator.scalesim.io.ScaleSimReports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of 220 real SCALE-Sim v2 runs (simulator/src/test/resources/scalesim-golden, produced by SCALE-Sim
 * itself; see its README for the command) must come out byte for byte.
 */
class ScaleSimGoldenTest {

    static Stream<Path> cases() throws Exception {
        Path root = Paths.get(ScaleSimGoldenTest.class.getResource("/scalesim-golden").toURI());
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(dirs.size() >= 200, "golden cases missing: " + dirs.size());
        return dirs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesScaleSimExactly(Path dir) throws Exception {
        ScaleSimConfig cfg = ScaleSimFiles.readConfig(dir.resolve("scale.cfg"));
        boolean gemm = Files.readString(dir.resolve("mode.txt")).trim().equals("gemm");
        List<ScaleSimLayer> layers = ScaleSimFiles.readTopology(dir.resolve("topology.csv"), gemm);
        List<LayerReport> reports = new ScaleSimEngine(cfg, ScaleSimEngine.Summation.NAIVE).simulateAll(layers);
        Map<String, String> out = ScaleSimReports.render(reports);
        for (Map.Entry<String, String> e : out.entrySet()) {
            String expected = Files.readString(dir.resolve(e.getKey()), StandardCharsets.UTF_8);
            assertEquals(expected, e.getValue(), dir.getFileName() + "/" + e.getKey());
        }
    }
}
