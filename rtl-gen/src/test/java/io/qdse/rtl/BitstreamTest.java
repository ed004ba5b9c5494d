package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bitstream's self-test wrapper in simulation (and a wrong signature must fail), then the iCE40 flow. */
class BitstreamTest {

    @Test
    void selfTestPassesInSimulationAndAWrongSignatureFails(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.available("iverilog"), "iverilog not installed: self-test simulation skipped");
        for (Design d : List.of(Designs.mac("fp8_e4m3", "fp8_e4m3", "kulisch", 4096),
                Designs.mac("int8", "int8", "int20:sat", 1), Designs.bitSerial("int8", "int8", 2, 0),
                Designs.pe("fp8_e5m2", "fp8_e5m2", "fp16", 1))) {
            Path b = dir.resolve(d.slug());
            Bundle.write(d, b, 10, 1);
            Path fpga = Bitstream.write(b, d, Bitstream.HX8K_BREAKOUT, 1000, 0xACE1, false);
            Tools.Result ok = Tools.script(fpga, "sim_selftest.sh", 300);
            assertTrue(ok.ok() && ok.output().contains("PASS"), d.slug() + ":\n" + ok.output());
            lintClean(fpga);
            // negative control: the same wrapper expecting a different signature must report FAIL
            SelfTestCfg good = Bitstream.selfTest(d, 1000, 0xACE1);
            SelfTestCfg bad = new SelfTestCfg(good.mac(), good.fmac(), good.serial(), good.steps(), good.expected() ^ 1,
                    good.seed());
            Bundle.splitModules(RtlGen.selfTest(bad), fpga.resolve("rtl"));
            Tools.Result fail = Tools.script(fpga, "sim_selftest.sh", 300);
            assertFalse(fail.ok(), d.slug() + ": a wrong expected signature passed:\n" + fail.output());
            assertTrue(fail.output().contains("FAIL"), fail.output());
        }
    }

    @Test
    void arraySelfTestPassesInSimulation(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.available("iverilog"), "iverilog not installed: array self-test simulation skipped");
        for (String df : new String[] {"os", "ws"}) {
            Design d = new Design.Array(3, 2, Designs.dataflow(df), Designs.mac("fp8_e4m3", "fp8_e4m3", "kulisch", 7),
                    5, 4, 7);
            Path b = dir.resolve(d.slug());
            Bundle.write(d, b, 2, 1);
            Path fpga = Bitstream.write(b, d, Bitstream.HX8K_BREAKOUT, 0, 0xACE1, false);
            Tools.Result ok = Tools.script(fpga, "sim_selftest.sh", 300);
            assertTrue(ok.ok() && ok.output().contains("PASS"), d.slug() + ":\n" + ok.output());
            lintClean(fpga);
        }
    }

    /** The bitstream's top passes verilator -Wall like every generated design. */
    static void lintClean(Path fpga) throws Exception {
        if (!Tools.available("verilator")) {
            return;
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("verilator", "--lint-only", "-Wall", "-Irtl",
                "--top-module", "SelfTestTop"));
        try (var s = Files.list(fpga.resolve("rtl"))) {
            s.sorted().forEach(p -> cmd.add("rtl/" + p.getFileName()));
        }
        Tools.Result r = Tools.run(fpga, 120, cmd);
        assertTrue(r.ok() && r.output().isBlank(), "verilator -Wall on the self-test top:\n" + r.output());
    }

    @Test
    void ice40BitstreamWithFmax(@TempDir Path dir) throws Exception {
        assumeTrue(Tools.available("yosys") && Tools.available("nextpnr-ice40") && Tools.available("icepack"),
                "yosys/nextpnr-ice40/icepack not installed: bitstream flow skipped");
        Design d = Designs.mac("fp6_e2m3", "fp6_e2m3", "kulisch", 4096);
        Path b = dir.resolve("pe");
        Bundle.write(d, b, 10, 1);
        Bitstream.Result r = Bitstream.run(Bitstream.write(b, d, Bitstream.HX8K_BREAKOUT, 4096, 0xACE1, false), 600);
        assertTrue(Files.size(r.bin()) > 100_000, "an HX8K bitstream is 135,100 bytes");
        assertTrue(r.fmaxMhz() > 12, "Fmax " + r.fmaxMhz() + " MHz must meet the board's 12 MHz");
        assertTrue(r.lcs() > 0 && r.lcs() < r.lcsTotal(), r.lcs() + "/" + r.lcsTotal());
        System.out.printf("iCE40-HX8K self-test of %s: Fmax %.2f MHz, %d/%d LCs%n", d.slug(), r.fmaxMhz(), r.lcs(),
                r.lcsTotal());
    }
}
