package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-check: the FPGA cost model against Yosys synthesis of the MAC that rtl-gen emits (unsigned operands, where
 * firtool's multiply is a plain unsigned product). Skips when yosys is not installed.
 */
class IntMacYosysCrossCheckTest {

    private static boolean yosysPresent() {
        try {
            Process p = new ProcessBuilder("yosys", "-V").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String synth(Path dir, String sv, String script) throws Exception {
        Path v = dir.resolve("mac.sv");
        Files.writeString(v, sv);
        Process p = new ProcessBuilder("yosys", "-q", "-p", "read_verilog -sv " + v + "; " + script + "; tee -o "
                + dir.resolve("stat.txt") + " stat").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "yosys timed out");
        assertEquals(0, p.exitValue(), log);
        return Files.readString(dir.resolve("stat.txt"));
    }

    private static int count(String stat, String cellRegex) {
        Matcher m = Pattern.compile("^\\s+(" + cellRegex + ")\\s+(\\d+)\\s*$", Pattern.MULTILINE).matcher(stat);
        int n = 0;
        while (m.find()) {
            n += Integer.parseInt(m.group(2));
        }
        return n;
    }

    @Test
    void unsignedMacLutsAndFlipFlopsMatchTheModel(@TempDir Path dir) throws Exception {
        assumeTrue(yosysPresent(), "yosys not installed: skipping the Yosys cross-check");
        FpgaCostModel model = FpgaCostModel.yosys();
        FpgaPart vu9p = (FpgaPart) Targets.parse("fpga:xcvu9p", "t");
        FpgaPart hx8k = (FpgaPart) Targets.parse("fpga:ice40-hx8k", "t");
        int[][] shapes = {{4, 4, 12}, {8, 8, 24}};
        for (int[] s : shapes) {
            String sv = RtlGen.intMac(s[0], s[1], s[2], false);
            OpSpec op = OpSpec.mac(IntFormat.of(s[0], false), IntFormat.of(s[1], false),
                    FixedPointAccumulator.integer(s[2]), 1);
            String xStat = synth(dir, sv, "synth_xilinx -flatten -nodsp -family xcup -top MacPe");
            FpgaCost x = model.estimate(op, vu9p, false);
            int xLuts = count(xStat, "LUT[1-6]|INV");
            int xFfs = count(xStat, "FD[A-Z]+");
            String iStat = synth(dir, sv, "synth_ice40 -flatten -top MacPe");
            FpgaCost i = model.estimate(op, hx8k, false);
            int iLuts = count(iStat, "SB_LUT4");
            System.out.printf("MacPe u%dx%d acc%d: xcup %d LUTs (model %.0f), %d FFs (model %.0f); ice40 %d LUT4 "
                    + "(model %.0f)%n", s[0], s[1], s[2], xLuts, x.luts(), xFfs, x.ffs(), iLuts, i.luts());
            assertEquals(s[2], xFfs, "accumulator flip-flops");
            assertEquals(x.luts(), xLuts, 0.10 * xLuts, "xcup LUTs");
            assertEquals(i.luts(), iLuts, 0.10 * iLuts, "ice40 LUTs");
        }
    }
}
