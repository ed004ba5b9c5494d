package io.qdse.simulator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import io.qdse.simulator.arch.FormatsSpec;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.io.CsvTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The Xilinx clock model ({@link XilinxTiming} through {@link FpgaDataflowEngine#fmaxMhz}). */
class XilinxTimingTest {

    private static LayerFormats f(String s) {
        return FormatsSpec.parse(s, "f", Presets.edge32x32().formats());
    }

    private static List<FpgaPart> xilinxParts() {
        return Targets.fpgaParts().values().stream().filter(p -> p.family().xilinx()).distinct().toList();
    }

    private static double fmax(String formats, long mw, int simd, FpgaPart p, FpgaDataflow.ResType rt) {
        return FpgaDataflowEngine.fmaxMhz(new FpgaDataflow.Shape(false, mw, 16, 1, 1), new FpgaDataflow.Fold(1, simd),
                f(formats), p, rt);
    }

    @Test
    void everyXilinxFamilyHasDelaysAndEveryCataloguePartAClock() {
        for (FpgaFamily fam : FpgaFamily.values()) {
            if (!fam.xilinx()) {
                continue;
            }
            XilinxTiming.Family t = XilinxTiming.of(fam);
            assertNotNull(t, fam + " has no Xilinx timing parameters");
            assertEquals(fam, t.family());
            assertTrue(t.ffNs() > 0 && t.lutNs() > 0 && t.netNs() > 0 && t.adderConstNs() > 0 && t.hopNs() > 0
                    && t.scale() > 0 && !t.target().isBlank(), t.toString());
            assertEquals(fam.carryBitsPerCell(), t.carryCell(), "the catalogue family's carry cell");
        }
        assertEquals(3, xilinxParts().stream().map(FpgaPart::family).distinct().count(), "7-series, US+, Versal");
        for (FpgaPart p : xilinxParts()) {
            double mhz = fmax("w=int4,a=int4,out=int4", 256, 8, p, FpgaDataflow.ResType.LUT);
            assertTrue(Double.isFinite(mhz) && mhz > 50 && mhz <= XilinxTiming.capMhz(p), p.name() + " " + mhz);
        }
        FpgaPart ecp5 = (FpgaPart) Targets.parse("fpga:ecp5-85f", "t");
        assertTrue(Double.isNaN(fmax("w=int4,a=int4,out=int4", 256, 8, ecp5, FpgaDataflow.ResType.LUT)),
                "no clock model for ECP5");
    }

    @Test
    void fmaxFallsWithWiderFormatsAndDeeperTrees() {
        for (FpgaPart p : xilinxParts()) {
            double prev = Double.POSITIVE_INFINITY;
            for (String fm : List.of("w=int2,a=int2,out=int2", "w=int4,a=int4,out=int4", "w=int6,a=int6,out=int6",
                    "w=int8,a=int8,out=int8")) {
                double mhz = fmax(fm, 256, 4, p, FpgaDataflow.ResType.LUT);
                assertTrue(mhz < prev, p.name() + " " + fm + ": " + mhz + " MHz not below " + prev);
                prev = mhz;
            }
            // the tree alone (no thresholds, products in DSPs): deeper trees and wider accumulators are slower
            prev = Double.POSITIVE_INFINITY;
            for (int simd : new int[] {2, 8, 32, 128}) {
                double mhz = fmax("w=int8,a=int8,out=int32", 4096, simd, p, FpgaDataflow.ResType.DSP);
                assertTrue(mhz < prev, p.name() + " SIMD " + simd + ": " + mhz + " MHz not below " + prev);
                prev = mhz;
            }
            // a minifloat pair decodes, aligns and negates its product: slower than the integer pair of its width
            assertTrue(fmax("w=e4m3,a=e4m3,out=int8", 256, 4, p, FpgaDataflow.ResType.LUT)
                    < fmax("w=int4,a=int4,out=int8", 256, 4, p, FpgaDataflow.ResType.LUT), p.name());
        }
    }

    @Test
    void theFmaxClassCapsTheSmallestUnitsAndSpeedGradesScale() {
        FpgaPart zcu104 = (FpgaPart) Targets.parse("fpga:zcu104", "t");
        FpgaPart ultra96 = (FpgaPart) Targets.parse("fpga:ultra96", "t");
        FpgaPart vck190 = (FpgaPart) Targets.parse("fpga:vck190", "t");
        FpgaPart pynq = (FpgaPart) Targets.parse("fpga:pynq-z1", "t");
        for (FpgaPart p : List.of(zcu104, ultra96, vck190)) {
            // a 1-element dot product of 2-bit integers: about 1 ns of logic, faster than the part's blocks
            double tiny = fmax("w=int2,a=int2,out=int32", 1, 1, p, FpgaDataflow.ResType.LUT);
            assertEquals(XilinxTiming.capMhz(p), tiny, 1e-9, p.name() + ": the Fmax class caps it");
        }
        // on 7-series FloPoCo's 0.5 ns local route per LUT keeps even that unit below the 500 MHz class
        double tiny7 = fmax("w=int2,a=int2,out=int32", 1, 1, pynq, FpgaDataflow.ResType.LUT);
        assertTrue(tiny7 < XilinxTiming.capMhz(pynq) && tiny7 > 300, "pynq-z1 " + tiny7);
        assertEquals(zcu104.fmaxMhz(), XilinxTiming.capMhz(zcu104), "the catalogue's data-sheet Fmax class");
        assertEquals(ultra96.fmaxMhz(), XilinxTiming.capMhz(ultra96));
        // the same unit on the -1 Ultra96 is slower than on the -2 ZCU104 by the data sheets' DSP FMAX ratio
        double fast = fmax("w=int8,a=int8,out=int8", 1024, 16, zcu104, FpgaDataflow.ResType.LUT);
        double slow = fmax("w=int8,a=int8,out=int8", 1024, 16, ultra96, FpgaDataflow.ResType.LUT);
        assertEquals(ultra96.fmaxMhz() / zcu104.fmaxMhz(), slow / fast, 1e-9);
        assertTrue(fmax("w=int8,a=int8,out=int8", 1024, 16, pynq, FpgaDataflow.ResType.LUT) < slow,
                "28 nm 7-series is slower than 16 nm UltraScale+");
        assertTrue(fmax("w=int8,a=int8,out=int8", 1024, 16, vck190, FpgaDataflow.ResType.LUT) > fast,
                "7 nm Versal is faster than UltraScale+");
    }

    @Test
    void productsInDspsLeaveTheFabricMultiplierOut() {
        FpgaPart zcu104 = (FpgaPart) Targets.parse("fpga:zcu104", "t");
        // int8 without thresholds: the LUT multiplier's shift-and-add rows are the slowest stage
        double lut = fmax("w=int8,a=int8,out=int32", 64, 2, zcu104, FpgaDataflow.ResType.LUT);
        double dsp = fmax("w=int8,a=int8,out=int32", 64, 2, zcu104, FpgaDataflow.ResType.DSP);
        assertTrue(dsp > lut, dsp + " vs " + lut);
        assertEquals(dsp, fmax("w=int8,a=int8,out=int32", 64, 2, zcu104, FpgaDataflow.ResType.AUTO), 1e-9,
                "auto puts 16 significand bits in DSPs");
    }

    @Test
    void adderDelayGrowsPerCarryCellAsFloPoCoCountsIt() {
        for (XilinxTiming.Family t : List.of(XilinxTiming.SERIES7, XilinxTiming.ULTRASCALE_PLUS)) {
            assertEquals(0, XilinxTiming.adderNs(t, 0));
            assertEquals(t.adderConstNs(), XilinxTiming.adderNs(t, t.carryCell()), 1e-12, "one cell: the constant");
            assertEquals(t.adderConstNs() + t.hopNs(), XilinxTiming.adderNs(t, 2 * t.carryCell()), 1e-12);
            assertEquals(t.adderConstNs() + 3 * t.hopNs() + 2 * t.throughNs(),
                    XilinxTiming.adderNs(t, 4 * t.carryCell()), 1e-12);
        }
    }

    /**
     * docs/fpga.md "Clock": the model against the published clocks of Xilinx builds it covers (nothing fitted on them;
     * most only say the build met a clock). The model must never call a published clock unreachable, and
     * {@link XilinxTiming#BASIS} must say how far above them it is.
     */
    @Test
    void comparedWithPublishedXilinxBuilds() throws Exception {
        String name = "xilinx_fmax_published.csv";
        String text;
        try (var in = XilinxTimingTest.class.getResourceAsStream(name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Double> errors = new ArrayList<>();
        for (CsvTable.Row r : CsvTable.parse(name, text).rows()) {
            FpgaPart part = (FpgaPart) Targets.parse("fpga:" + r.get("part"), "part");
            double published = Double.parseDouble(r.get("published_mhz"));
            double model = Double.POSITIVE_INFINITY;
            String slowest = "";
            for (String u : r.get("units").split("\\|")) {
                String[] p = u.split(":");
                boolean accOut = p[3].contains("out=acc");
                LayerFormats fm = f(p[3].replace("out=acc", "out=int32").replace(';', ','));
                FpgaDataflow.ResType rt = FpgaDataflow.ResType.valueOf(p[4].toUpperCase(Locale.ROOT));
                double[][] st = FpgaDataflowEngine.xilinxStages(new FpgaDataflow.Shape(false, Long.parseLong(p[1]), 16,
                        1, 1), new FpgaDataflow.Fold(1, Integer.parseInt(p[2])), fm, part, rt);
                double mhz = XilinxTiming.fmaxMhz(accOut ? Arrays.copyOf(st, 2) : st, part);
                if (mhz < model) {
                    model = mhz;
                    slowest = p[0];
                }
            }
            double err = 100 * (model - published) / published;
            errors.add(err);
            System.out.printf(Locale.ROOT, "%-40s %-8s published %7.1f MHz (%s)  model %6.1f MHz (%s)  %+6.1f %%%n",
                    r.get("id"), part.name(), published, r.get("kind"), model, slowest, err);
            assertTrue(model >= published, r.get("id") + ": the model calls a published clock unreachable");
        }
        double lo = errors.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String says = String.format(Locale.ROOT, "+%.0f to +%.0f %% above the clocks of %d published Xilinx builds",
                lo, hi, errors.size());
        assertTrue(XilinxTiming.BASIS.contains(says), "XilinxTiming.BASIS must say: " + says);
    }
}
