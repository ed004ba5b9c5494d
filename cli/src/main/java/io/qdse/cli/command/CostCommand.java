package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.AccumulatorSpec;
import io.qdse.hwmodels.arith.AccumulatorSpecs;
import io.qdse.hwmodels.cost.AsicCalibration;
import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.Component;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.cost.Operation;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.fpga.FpgaModelErrors;
import io.qdse.reports.render.CostRender;
import io.qdse.hwmodels.fpga.Synth;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Target;
import io.qdse.hwmodels.tech.Targets;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse cost}: area, energy, delay or FPGA resources of one arithmetic operation. */
@Command(name = "cost", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimate the hardware cost of one multiply, add or multiply-accumulate on any pair of formats.",
            "ASIC targets give area (um^2), energy per operation (pJ) and delay (ns); FPGA targets give LUTs, FFs,",
            "carry cells and DSP blocks. See docs/cost-models.md for how each number is computed."})
public final class CostCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--op", defaultValue = "mac", paramLabel = "OP", description = "mul | add | mac (default ${DEFAULT-VALUE}).")
    String op;

    @Option(names = "--a", paramLabel = "F", description = "Format of the first operand (weights); required.")
    String a;

    @Option(names = "--calibration", description = "Print the 45 nm calibration (fitted cell coefficients and every "
            + "Horowitz table row against the model) and exit.")
    boolean calibration;

    @Option(names = "--b", paramLabel = "F", description = "Format of the second operand (activations; default: same as --a).")
    String b;

    @Option(names = "--acc", paramLabel = "ACC",
            description = "Accumulator of a mac: intN, intN:sat, kulisch (exact, width from --dot-length), kulischW,"
                    + " fp32, fp16, bf16, any eXmY[:unfused]; must hold one product (default: int32 for integer operands, fp32 otherwise,"
                    + " as in every command).")
    String acc;

    @Option(names = "--target", paramLabel = "T", defaultValue = "asic:45nm",
            description = "asic:<node>nm[@<vdd>V] (7-130 nm) or fpga:<part>; repeat for several (default ${DEFAULT-VALUE}).")
    List<String> targets;

    @Option(names = "--dot-length", defaultValue = "4096", paramLabel = "N",
            description = "Products per accumulation: sizes Kulisch registers (default ${DEFAULT-VALUE}).")
    long dotLength;

    @Option(names = "--no-dsp", description = "FPGA: keep multipliers in LUT fabric instead of DSP blocks.")
    boolean noDsp;

    @Option(names = "--synth", paramLabel = "TOOL", description = "FPGA: which synthesis flow the counts reproduce:"
            + " yosys | vivado (default: the part vendor's own, vivado for AMD/Xilinx parts, yosys for iCE40; vivado"
            + " maps LUT multipliers about half as large).")
    String synth;

    @Option(names = "--no-breakdown", description = "Print totals only, not the cost of each block.")
    boolean noBreakdown;

    @Override
    public void run() {
        if (calibration) {
            OptionScope.only(spec, false, "when costing an operation (--calibration prints the calibration alone)",
                    "--a", "--b", "--acc", "--op", "--target", "--dot-length", "--no-dsp", "--synth", "--no-breakdown");
            printCalibration();
            return;
        }
        if (a == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--a=F'");
        }
        OpSpec opSpec = opSpec();
        List<Target> ts = new ArrayList<>();
        for (String t : targets) {
            ts.add(Targets.parse(t, "--target"));
        }
        boolean anyFpga = ts.stream().anyMatch(t -> t instanceof FpgaPart);
        OptionScope.only(spec, anyFpga, "with an FPGA --target (fpga:PART)", "--no-dsp", "--synth");
        OptionScope.only(spec, opSpec.op() == Operation.MAC, "with --op mac (it sizes the accumulation)",
                "--dot-length");
        OptionScope.only(spec, !output.json, "in text (--json always holds every block)", "--no-breakdown");
        AsicCostModel asic = AsicCostModel.standard();
        Synth chosen = synth == null ? null : Synth.parse(synth, "--synth");
        FpgaCostModel fpga = chosen == null ? FpgaCostModel.standard() : FpgaCostModel.of(chosen);
        List<Object> results = new ArrayList<>();
        for (Target t : ts) {
            if (t instanceof AsicTechnology) {
                results.add(asic.estimate(opSpec, (AsicTechnology) t));
            } else {
                if (chosen != null) {
                    chosen.requireFor((FpgaPart) t, "--synth");
                }
                results.add(fpga.estimate(opSpec, (FpgaPart) t, !noDsp));
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            w.print(Json.write(CostRender.json(opSpec, withErrors(results))));
        } else {
            w.print(CostRender.text(opSpec, withErrors(results), !noBreakdown));
        }
    }

    private void printCalibration() {
        AsicCalibration cal = AsicCalibration.horowitz45nm();
        AsicCostModel model = AsicCostModel.standard();
        AsicTechnology n45 = AsicTechnology.of(45);
        PrintWriter w = spec.commandLine().getOut();
        ObjectNode root = Json.object();
        TextTable ct = new TextTable("cell class", "area (um^2)", "energy (fJ/op)", "how").numeric(1, 2);
        ArrayNode cells = root.putArray("cells");
        for (Component c : Component.values()) {
            double area = cal.areaUm2().getOrDefault(c, 0.0);
            double e = cal.energyPj().getOrDefault(c, 0.0) * 1000;
            String how = c == Component.REGISTER_BIT ? "area: NanGate45 DFF_X1; energy: adder energy x area ratio"
                    : c == Component.LOGIC_GATE ? "area: NanGate45 NAND2_X1; energy: fitted" : "fitted (NNLS)";
            ct.row(c.label(), Numbers.sig(area), Numbers.sig(e), how);
            ObjectNode o = cells.addObject();
            o.put("cell", c.name().toLowerCase());
            Json.put(o, "area_um2", area);
            Json.put(o, "energy_fj", e);
            o.put("source", how);
        }
        TextTable rt = new TextTable("Horowitz row", "table pJ", "model pJ", "err %", "table um^2", "model um^2",
                "err %").numeric(1, 2, 3, 4, 5, 6);
        ArrayNode rows = root.putArray("horowitz_45nm");
        for (AsicCalibration.Point p : AsicCalibration.points()) {
            AsicCost c = model.estimate(p.op(), n45);
            double ee = 100 * (c.energyPj() / p.energyPj() - 1);
            double ae = 100 * (c.areaUm2() / p.areaUm2() - 1);
            rt.row(p.label(), Numbers.sig(p.energyPj()), Numbers.sig(c.energyPj()), Numbers.pct(ee),
                    Numbers.sig(p.areaUm2()), Numbers.sig(c.areaUm2()), Numbers.pct(ae));
            ObjectNode o = rows.addObject();
            o.put("row", p.label());
            o.put("table_energy_pj", p.energyPj());
            Json.put(o, "model_energy_pj", c.energyPj());
            o.put("table_area_um2", p.areaUm2());
            Json.put(o, "model_area_um2", c.areaUm2());
        }
        Json.put(root, "gate_delay_ns_45nm", cal.gateDelayNs());
        if (output.json) {
            w.print(Json.write(root));
            return;
        }
        w.println("45 nm, 0.9 V calibration: structural cell counts fitted to Horowitz (ISSCC 2014) by non-negative");
        w.println("least squares on relative error (docs/cost-models.md).");
        w.println();
        w.print(ct.render());
        w.println();
        w.print(rt.render());
        w.println();
        w.println("gate delay at 45 nm: " + Numbers.sig(cal.gateDelayNs() * 1000) + " ps (INT8 MAC at 1.5 GHz in 28 nm,"
                + " Wu et al. HPCA'25, scaled to 45 nm)");
    }

    OpSpec opSpec() {
        Operation operation = Operation.parse(op, "--op");
        NumberFormat fa = Formats.parse(a, "--a");
        NumberFormat fb = b == null ? fa : Formats.parse(b, "--b");
        if (dotLength < 1) {
            throw new InvalidInputException("--dot-length", dotLength, "must be >= 1");
        }
        if (operation == Operation.ADD && (fa instanceof BlockFormat || fb instanceof BlockFormat)) {
            throw new InvalidInputException("--op", op, "add is costed for scalar formats; block formats are added"
                    + " after their scales are applied (cost a mac instead)");
        }
        if (operation != Operation.MAC) {
            if (acc != null) {
                throw new InvalidInputException("--acc", acc, "only a mac has an accumulator (--op is " + op + ")");
            }
            return new OpSpec(operation, fa, fb, null, 1);
        }
        ScalarFormat ea = element(fa);
        ScalarFormat eb = element(fb);
        String accName = acc != null ? acc : AccumulatorSpecs.defaultName(fa, fb);
        AccumulatorSpec accSpec = AccumulatorSpecs.parse(accName, "--acc", ea, eb, dotLength);
        return OpSpec.mac(fa, fb, accSpec, dotLength);
    }

    private static ScalarFormat element(NumberFormat f) {
        return f instanceof BlockFormat ? ((BlockFormat) f).element() : (ScalarFormat) f;
    }

    /** @return each result with the calibration error of the model that made it */
    static List<CostRender.Estimate> withErrors(List<Object> results) {
        List<CostRender.Estimate> out = new ArrayList<>();
        for (Object r : results) {
            out.add(new CostRender.Estimate(r, r instanceof AsicCost c
                    ? AsicCostModel.standard().calibrationError(c.tech()) : FpgaModelErrors.of((FpgaCost) r)));
        }
        return out;
    }
}
