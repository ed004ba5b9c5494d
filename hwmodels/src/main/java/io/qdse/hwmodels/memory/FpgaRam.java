package io.qdse.hwmodels.memory;

import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;

/**
 * Block-RAM count of an on-chip buffer on an FPGA. Xilinx RAMB36 (36 Kbit; aspect ratios 32K×1 … 1K×36, 512×72
 * in simple dual port: UG473/UG573) and iCE40 EBR (4 Kbit; 2048×2 … 256×16: Lattice TN1250). Each bank is mapped
 * separately: {@code ceil(width / port width) × ceil(depth / depth at that width)} blocks, with the aspect ratio
 * that needs the fewest blocks.
 */
public final class FpgaRam {
    private FpgaRam() {
    }

    private static final int[][] RAMB36 = {{32768, 1}, {16384, 2}, {8192, 4}, {4096, 9}, {2048, 18}, {1024, 36},
        {512, 72}};
    /** RAMB18 (18 Kbit) aspect ratios, 512×36 in simple dual port (UG473 Table 1-9, UG573 Table 1-7). */
    private static final int[][] RAMB18 = {{16384, 1}, {8192, 2}, {4096, 4}, {2048, 9}, {1024, 18}, {512, 36}};
    private static final int[][] EBR4K = {{2048, 2}, {1024, 4}, {512, 8}, {256, 16}};

    /** @return block RAMs (RAMB36 or iCE40 EBR) needed for {@code spec} on {@code part} */
    public static long blocks(SramSpec spec, FpgaPart part) {
        if (part.family() == FpgaFamily.LATTICE_ECP5) {
            throw new io.qdse.hwmodels.InvalidInputException("target", "fpga:" + part.name(), "block-RAM mapping "
                    + "is modelled for Xilinx RAMB36 and iCE40 EBR only; ECP5 EBR (18 Kbit DP16KD) shapes are not");
        }
        int[][] shapes = part.family() == FpgaFamily.LATTICE_ICE40 ? EBR4K : RAMB36;
        long depth = (long) Math.ceil(spec.bankBytes() * 8 / spec.widthBits());
        long best = Long.MAX_VALUE;
        for (int[] s : shapes) {
            long n = ceilDiv(spec.widthBits(), s[1]) * ceilDiv(depth, s[0]);
            best = Math.min(best, n);
        }
        return best * spec.banks();
    }

    /**
     * Block RAMs in the unit FPGA reports count them in: 18-Kbit blocks on Xilinx (RAMB18, a RAMB36 counting as two,
     * as Vivado's and FINN's {@code BRAM_18K} do: the cheaper of a RAMB18 and a RAMB36 mapping), 4-Kbit EBR on iCE40.
     */
    public static long bram18(SramSpec spec, FpgaPart part) {
        long viaRamb36 = blocks(spec, part);
        if (!part.family().xilinx()) {
            return viaRamb36;
        }
        long depth = (long) Math.ceil(spec.bankBytes() * 8 / spec.widthBits());
        long best = 2 * viaRamb36 / spec.banks();
        for (int[] s : RAMB18) {
            best = Math.min(best, ceilDiv(spec.widthBits(), s[1]) * ceilDiv(depth, s[0]));
        }
        return best * spec.banks();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
