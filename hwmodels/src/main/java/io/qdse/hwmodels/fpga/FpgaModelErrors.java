package io.qdse.hwmodels.fpga;

import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.calib.ModelError;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.tech.FpgaFamily;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The calibration error beside an FPGA estimate ({@link ModelError}), computed from the calibration data shipped
 * with the model the first time one is asked for:
 * <ul>
 * <li>Vivado layer: its published rows held out of the fit ({@code vivado_published.csv}), integer or floating-point
 * ones after the operation's operands;</li>
 * <li>Yosys layer, MACs priced by the PE-level fit: the PEs held out of that fit ({@code pe_synthesis.csv}),
 * recomputed with today's model, on the part's family (Xilinx with and without DSPs, or iCE40);</li>
 * <li>Yosys per-circuit layer (everything else: multipliers and adders read from measured runs, shifters fitted to a
 * mean 17 % Xilinx / 25 % iCE40, float LZC and rounding uncalibrated) and Vivado's single-DSP MACs: not measured as a
 * whole, said so.</li>
 * </ul>
 */
public final class FpgaModelErrors {
    private FpgaModelErrors() {
    }

    /** @return the calibration error of the model that made {@code c} */
    public static ModelError of(FpgaCost c) {
        boolean fitted = c.breakdown().stream().anyMatch(b -> b.block().endsWith("(fitted)"));
        if (c.synth() == Synth.VIVADO) {
            if (c.luts() == 0 && c.dsps() > 0) {
                return ModelError.unmeasured("Vivado: one DSP per MAC as AMD UG901 documents inference, not measured");
            }
            return c.op() != null && integer(c.op()) ? Lazy.VIVADO_INT : Lazy.VIVADO_FLOAT;
        }
        if (fitted) {
            return c.part().family() == FpgaFamily.LATTICE_ICE40 ? Lazy.YOSYS_ICE40 : Lazy.YOSYS_XILINX;
        }
        return ModelError.unmeasured("Yosys per-circuit layer, not checked as a whole: docs/cost-models.md 4.1");
    }

    private static boolean integer(OpSpec op) {
        return op.a() instanceof IntFormat && op.b() instanceof IntFormat;
    }

    /** Computed on first use only: a command that prints no FPGA estimate never pays for it. */
    private static final class Lazy {
        static final ModelError VIVADO_INT = vivado(true);
        static final ModelError VIVADO_FLOAT = vivado(false);
        static final ModelError YOSYS_XILINX = yosysPe(false);
        static final ModelError YOSYS_ICE40 = yosysPe(true);
    }

    private static ModelError vivado(boolean integerRows) {
        FpgaCostModel m = FpgaCostModel.of(Synth.VIVADO);
        List<Double> errs = new ArrayList<>();
        for (VivadoCalibration.Row r : VivadoCalibration.published().rows()) {
            if (!r.role().equals("holdout")) {
                continue;
            }
            NumberFormat a = Formats.parse(r.a());
            NumberFormat b = Formats.parse(r.b());
            if ((a instanceof IntFormat && b instanceof IntFormat) != integerRows) {
                continue;
            }
            OpSpec op = r.op().equals("mul") ? OpSpec.mul(a, b) : OpSpec.add(a, b);
            FpgaPart part = (FpgaPart) Targets.parse("fpga:" + r.part(), "part");
            errs.add(100 * (m.estimate(op, part, false).luts() / r.luts() - 1));
        }
        return ModelError.of(errs, "Vivado LUTs, " + errs.size() + " published " + (integerRows ? "integer" : "FP")
                + " units held out");
    }

    private static ModelError yosysPe(boolean ice40) {
        String csv;
        try (InputStream in = LutFit.class.getResourceAsStream("pe_synthesis.csv")) {
            if (in == null) {
                throw new IllegalStateException("pe_synthesis.csv missing beside " + LutFit.RESOURCE);
            }
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FpgaCostModel m = FpgaCostModel.yosys();
        FpgaPart part = (FpgaPart) Targets.parse(ice40 ? "fpga:ice40-hx8k" : "fpga:xcvu9p", "part");
        List<Double> errs = new ArrayList<>();
        int pes = 0;
        for (String line : csv.lines().skip(1).toList()) {
            // design,flow,class,held_out,luts,...: design is mac_<a>x<b>_<acc>
            String[] f = line.split(",");
            if (!f[3].equals("1") || f[1].equals("ice40") != ice40) {
                continue;
            }
            String design = f[0].substring("mac_".length());
            String[] d = {design.substring(0, design.lastIndexOf('_')), design.substring(design.lastIndexOf('_') + 1)};
            String[] ab = d[0].split("x(?=[a-z])", 2);
            ScalarFormat a = (ScalarFormat) Formats.parse(ab[0]);
            ScalarFormat b = (ScalarFormat) Formats.parse(ab[1]);
            OpSpec op = OpSpec.mac(a, b, AccumulatorSpecs.parse(d[1], "acc", a, b, 1), 1);
            double model = m.estimate(op, part, f[1].equals("xilinx")).luts();
            errs.add(100 * (model / Integer.parseInt(f[4]) - 1));
            pes += f[1].equals("xilinx") ? 0 : 1;
        }
        return ModelError.of(errs, "Yosys " + (ice40 ? "iCE40 LUTs" : "UltraScale+ LUTs (with and without DSPs)") + ", "
                + pes + " PEs held out");
    }
}
