package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweep points that run Yosys ({@code synthesize: yosys} on a dataflow design) on the thread-pool engine: measured
 * metrics equal {@code qdse rtl mvu} + {@code qdse rtl synth} of the same units; a worker without Yosys gives those
 * points error rows naming the tool, the host and what to install, and the sweep still exits 0.
 */
class SweepEdaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two layers (fc0: MW 32, MH 16; fc1: MW 16, MH 8), one frame. */
    static Path layers(Path dir) throws Exception {
        return Files.writeString(dir.resolve("tiny.csv"), "name,type,m,n,k,batch\nfc0,linear,1,16,32,1\n"
                + "fc1,linear,1,8,16,1\n");
    }

    /**
     * A dataflow design on an iCE40 HX8K at 100 MHz, synthesized, at two throughput targets (0: PE = SIMD = 1;
     * 10^6 frames/s = 100 cycles per frame), and an ASIC systolic array that runs no tool.
     */
    static Path space(Path dir) throws Exception {
        return Files.writeString(dir.resolve("eda.yaml"), "name: eda-t\nworkloads: [\"" + layers(dir) + "\"]\n"
                + "designs:\n  - kind: dataflow\n    technology: fpga:ice40-hx8k\n    clock_mhz: 100\n"
                + "    synthesize: yosys\n    vary: {target_fps: [0, 1000000]}\n"
                + "  - kind: systolic\n    base: edge-32x32\n"
                + "formats: [\"w=int2,a=int2,out=int2\"]\npareto: [latency_ms, energy_uj]\n");
    }

    static List<JsonNode> rows(Path out) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("rows.jsonl"))) {
            rows.add(JSON.readTree(l));
        }
        return rows;
    }

    /** @return [LUTs, FFs, DSPs, EBRs] of {@code qdse rtl mvu} + {@code qdse rtl synth --target ice40} */
    static long[] rtlMvu(Path dir, int mw, int mh, int pe, int simd) throws Exception {
        Path b = dir.resolve("mvu-" + mw + "x" + mh + "-" + pe + "x" + simd);
        CliRunner.Result g = CliRunner.run("rtl", "mvu", "--mw", "" + mw, "--mh", "" + mh, "--pe", "" + pe, "--simd",
                "" + simd, "--w", "int2", "--a", "int2", "--out-bits", "2", "--sim", "none", "--out", b.toString());
        assertEquals(0, g.exit(), g.err());
        CliRunner.Result s = CliRunner.run("rtl", "synth", b.toString(), "--target", "ice40", "--json");
        assertEquals(0, s.exit(), s.err());
        JsonNode o = JSON.readTree(s.out());
        return new long[] {o.get("luts").asLong(), o.get("ffs").asLong(), o.get("dsps").asLong(),
            o.get("brams").asLong()};
    }

    @Test
    void synthesizedPointsCarryYosysCountsEqualToRtlMvuAndSynth(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(io.qdse.rtl.Tools.available("yosys"), "yosys not on PATH: test skipped");
        Path work = dir.resolve("eda-work");
        System.setProperty("qdse.eda.tmp", work.toString());
        CliRunner.Result r;
        try {
            r = CliRunner.run("sweep", space(dir).toString(), "--out", dir.resolve("o").toString(), "-j", "2");
        } finally {
            System.clearProperty("qdse.eda.tmp");
        }
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("2 of the points (2 rows) need Yosys (synthesize: yosys)"), r.err());
        assertTrue(r.err().contains("seconds to minutes per point"), r.err());
        try (Stream<Path> s = Files.list(work)) {
            assertEquals(0, s.count(), "the per-unit work folders are removed");
        }
        List<JsonNode> rows = rows(dir.resolve("o"));
        assertEquals(3, rows.size());
        // the units each point's layers get (FINN's SetFolding order, docs/fpga.md): no target → PE = SIMD = 1;
        // 100 cycles per frame → fc0 (16 x 32) SIMD 8 (64 cycles), fc1 (8 x 16) SIMD 2 (64 cycles)
        int[][][] units = {{{32, 16, 1, 1}, {16, 8, 1, 1}}, {{32, 16, 1, 8}, {16, 8, 1, 2}}};
        for (int p = 0; p < 2; p++) {
            JsonNode row = rows.get(p);
            assertEquals("", row.get("error").asText(), row.toString());
            long[] sum = new long[4];
            for (int[] u : units[p]) {
                long[] c = rtlMvu(dir, u[0], u[1], u[2], u[3]);
                for (int i = 0; i < 4; i++) {
                    sum[i] += c[i];
                }
            }
            assertTrue(sum[0] > 0, "Yosys counted LUTs");
            assertEquals(sum[0], row.get("yosys_luts").asLong(), row.toString());
            assertEquals(sum[1], row.get("yosys_ffs").asLong(), row.toString());
            assertEquals(sum[2], row.get("yosys_dsps").asLong(), row.toString());
            assertEquals(sum[3], row.get("yosys_brams").asLong(), row.toString());
            assertTrue(row.get("luts").asDouble() > 0, "the engine's estimate beside the measurement");
        }
        JsonNode asic = rows.get(2);
        assertEquals("systolic", asic.get("kind").asText());
        assertTrue(asic.get("yosys_luts").isNull(), "a row that was not synthesized has no measurement");
        assertEquals("", asic.get("error").asText());
        JsonNode m = JSON.readTree(dir.resolve("o").resolve("manifest.json").toFile());
        assertEquals(2, m.path("tools").path("yosys").path("points").asLong());
        assertTrue(m.path("metrics").path("yosys_luts").asText().startsWith("LUTs (Yosys"), m.toString());
        assertTrue(Files.readString(dir.resolve("o").resolve("rows.csv")).lines().findFirst().orElse("")
                .contains(",yosys_luts,yosys_ffs,yosys_dsps,yosys_brams,"));
    }

    @Test
    void aWorkerWithoutYosysGivesErrorRowsAndTheSweepGoesOn(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-tools"));
        System.setProperty("qdse.tools.path", empty.toString());
        CliRunner.Result r;
        try {
            r = CliRunner.run("sweep", space(dir).toString(), "--out", dir.resolve("o").toString());
        } finally {
            System.clearProperty("qdse.tools.path");
        }
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> rows = rows(dir.resolve("o"));
        assertEquals(3, rows.size());
        String host = java.net.InetAddress.getLocalHost().getHostName();
        for (int p = 0; p < 2; p++) {
            assertEquals("needs Yosys (synthesize: yosys); not found on PATH of worker " + host + "; install yosys "
                    + "(Debian: apt-get install yosys)", rows.get(p).get("error").asText());
            assertTrue(rows.get(p).get("latency_ms").isNull());
            assertFalse(rows.get(p).get("feasible").asBoolean());
        }
        assertEquals("", rows.get(2).get("error").asText(), "the point that runs no tool is intact");
        assertTrue(rows.get(2).get("latency_ms").asDouble() > 0);
        assertTrue(r.out().contains("2 with errors"), r.out());
    }

    @Test
    void aRerunAfterYosysIsInstalledComputesOnlyTheRowsThatLackedIt(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(io.qdse.rtl.Tools.available("yosys"), "yosys not on PATH: test skipped");
        Path out = dir.resolve("o");
        System.setProperty("qdse.tools.path", Files.createDirectories(dir.resolve("no-tools")).toString());
        try {
            assertEquals(0, CliRunner.run("sweep", space(dir).toString(), "--out", out.toString()).exit());
        } finally {
            System.clearProperty("qdse.tools.path");
        }
        assertTrue(rows(out).get(0).get("error").asText().startsWith("needs Yosys"));
        System.setProperty("qdse.eda.tmp", dir.resolve("eda-work").toString());
        CliRunner.Result r;
        try {
            r = CliRunner.run("sweep", space(dir).toString(), "--out", out.toString(), "--json");
        } finally {
            System.clearProperty("qdse.eda.tmp");
        }
        assertEquals(0, r.exit(), r.err());
        JsonNode sum = JSON.readTree(r.out());
        assertEquals(2, sum.get("computed").asLong(), "the two rows that lacked Yosys");
        assertEquals(1, sum.get("resumed").asLong(), "the systolic row is kept");
        List<JsonNode> rows = rows(out);
        for (int p = 0; p < 2; p++) {
            assertEquals("", rows.get(p).get("error").asText());
            assertTrue(rows.get(p).get("yosys_luts").asLong() > 0, rows.get(p).toString());
        }
        assertFalse(Files.exists(out.resolve("journal.jsonl")));
        CliRunner.Result third = CliRunner.run("sweep", space(dir).toString(), "--out", out.toString(), "--json");
        assertTrue(JSON.readTree(third.out()).get("already_complete").asBoolean(), third.out());
    }

    @Test
    void synthesizeIsCheckedLikeEveryField(@TempDir Path dir) throws Exception {
        String wl = layers(dir).toString();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "workloads: [\"" + wl + "\"]\n"
                + "designs:\n  - kind: dataflow\n    technology: fpga:ice40-hx8k\n    synthesize: vivado\n"
                + "  - kind: systolic\n    base: edge-32x32\n    synthesize: yosys\n"
                + "  - kind: dataflow\n    technology: fpga:lfe5u-85f\n    synthesize: yosys\n"
                + "formats: [\"w=int4,a=int4\"]\n");
        CliRunner.Result r = CliRunner.run("sweep", bad.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("designs[0].synthesize: yosys (synthesize each layer's matrix-vector unit with "
                + "Yosys for the part's family) or none (was vivado)"), r.err());
        assertTrue(r.err().contains("designs[1].synthesize: only on kind: dataflow designs"), r.err());
        assertTrue(r.err().contains("designs[2].synthesize: a Xilinx 7-series or UltraScale+ part (synth_xilinx) or "
                + "an iCE40 (synth_ice40); ecp5-85f is Lattice ECP5 (was yosys)"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve("o").resolve("rows.csv")));
        // as an axis: only the points with yosys need it
        Path axis = Files.writeString(dir.resolve("axis.yaml"), "workloads: [\"" + wl + "\"]\n"
                + "designs:\n  - kind: dataflow\n    technology: fpga:ice40-hx8k\n"
                + "    vary: {synthesize: [none, yosys], target_fps: [0, 1000]}\nformats: [\"w=int4,a=int4\"]\n");
        io.qdse.sweep.SweepSpace sp = io.qdse.sweep.io.SpaceFiles.read(axis).space();
        assertEquals(java.util.Map.of("yosys", 2L), io.qdse.sweep.ToolSteps.count(sp, io.qdse.sweep.Sampler.points(sp)));
    }
}
