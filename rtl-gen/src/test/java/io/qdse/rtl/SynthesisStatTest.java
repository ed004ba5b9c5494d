package io.qdse.rtl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Yosys {@code stat} read in the engine's units (no Yosys needed). */
class SynthesisStatTest {
    @Test
    void xilinxBlockRamsAreCountedIn18KbitUnits() {
        // the cells of the whole alexa chain (int8 / int5 / int3) by Yosys 0.23 synth_xilinx -family xc7 -nodsp
        String stat = "   Number of cells:              8433\n"
                + "     FDRE                         1250\n"
                + "     FDSE                            2\n"
                + "     LUT2                          893\n"
                + "     LUT6                         4566\n"
                + "     RAM64M                         72\n"
                + "     RAMB18E1                        5\n"
                + "     RAMB36E1                       43\n";
        Synthesis.Stats s = Synthesis.parse(stat, Synthesis.Target.XILINX_NODSP, "Yosys 0.23", 1);
        assertEquals(5 + 2 * 43, s.brams(), "a RAMB36 is two RAMB18");
        assertEquals(1252, s.ffs());
        assertEquals(72, s.lutrams());
        Synthesis.Stats ice = Synthesis.parse("     SB_RAM40_4K                    20\n     SB_LUT4   2869\n",
                Synthesis.Target.ICE40, "Yosys 0.23", 1);
        assertEquals(20, ice.brams());
        assertEquals(2869, ice.luts());
    }
}
