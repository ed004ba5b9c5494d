package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.TextTable;
import io.qdse.rtl.Bundle;
import io.qdse.rtl.Design;
import io.qdse.rtl.MvuGolden;
import io.qdse.rtl.MvuSynthesis;
import io.qdse.rtl.Synthesis;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Text and JSON of {@code qdse rtl mvu} (a generated matrix-vector unit) and {@code qdse rtl mvu-sweep}. */
public final class MvuRender {
    private MvuRender() {
    }

    /** @return what a generated unit's bundle holds, its cycles and the dataflow engine's estimate of it */
    public static String generatedText(Design.Mvu d, Path dir, Bundle.Written w) {
        StringBuilder sb = new StringBuilder();
        sb.append("Wrote ").append(w.dir()).append("/ (").append(d.slug()).append("):\n");
        sb.append("  rtl/            ").append(String.join(" ", w.rtlFiles()).replace("rtl/", "")).append('\n');
        sb.append("  tb/, vectors/   self-checking testbench, ").append(w.vectors()).append(" input vectors (")
                .append(w.vectors() * d.sf()).append(" beats in, ").append(w.vectors() * d.nf())
                .append(" beats out) from the Java bit-exact model\n");
        sb.append("  params.json     configuration, ROM contents' seed and the dataflow engine's estimate\n");
        sb.append("  lint.sh sim_icarus.sh sim_verilator.sh synth.sh (").append(d.dsp() ? "xilinx" : "xilinx_nodsp")
                .append(" by default; xilinx|xilinx_nodsp|ice40|ecp5)\n");
        sb.append(String.format(Locale.ROOT, "  cycles at full rate: %d = Java dataflow engine %d (%d vectors x "
                + "%d x %d) + %d pipeline%n", w.cycles().get(0), MvuGolden.cycles(d, w.vectors()), w.vectors(),
                d.nf(), d.sf(), MvuGolden.PIPELINE_CYCLES));
        sb.append("  accumulator ").append(d.accBits()).append(" bits (exact for ").append(d.mw())
                .append(" products), products ").append(d.productBits()).append(" bits")
                .append(d.outBits() > 0 ? ", " + d.thresholds() + " thresholds per output" : "")
                .append(d.hasSpecials() ? ", {nan, +inf, -inf} flags above each output element" : "").append('\n');
        TextTable t = new TextTable("flow", "model LUTs", "FFs", "DSPs", "BRAM18").numeric(1, 2, 3, 4);
        for (Synthesis.Target target : new Synthesis.Target[] {Synthesis.Target.XILINX_NODSP,
            Synthesis.Target.XILINX, Synthesis.Target.ICE40}) {
            double[] r = Synthesis.mvuModel(d, target);
            if (r != null) {
                t.row(target.key, fmt(r[0]), fmt(r[1]), fmt(r[2]), fmt(r[3]));
            }
        }
        String gap = Synthesis.mvuModelGap(d);
        if (gap == null) {
            sb.append("Dataflow engine's estimate of the unit (FpgaDataflowEngine, Yosys layer; check: "
                    + "qdse rtl synth ").append(dir).append(" --target xilinx")
                    .append(d.dsp() ? "" : " --nodsp").append("):\n").append(t.render());
        } else {
            sb.append("Dataflow engine: not modelled, ").append(gap).append('\n');
        }
        sb.append("  (no fpga/ self-test wrapper for this design yet)\n");
        return sb.toString();
    }

    /** @return the dataflow engine's estimate of the unit per Yosys flow */
    public static ObjectNode modelJson(Design.Mvu d) {
        ObjectNode o = Json.object();
        for (Synthesis.Target target : new Synthesis.Target[] {Synthesis.Target.XILINX_NODSP,
            Synthesis.Target.XILINX, Synthesis.Target.ICE40}) {
            double[] r = Synthesis.mvuModel(d, target);
            if (r == null) {
                o.putNull(target.key);
                continue;
            }
            ObjectNode e = o.putObject(target.key);
            e.put("luts", r[0]);
            e.put("ffs", r[1]);
            e.put("dsps", r[2]);
            e.put("bram18", r[3]);
        }
        o.put("source", "simulator FpgaDataflowEngine, Yosys layer (xcvu9p; ice40-hx8k)");
        return o;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** @return the mvu-sweep residuals: each Yosys run beside the engine's estimate */
    public static String residualsText(List<MvuSynthesis.Residual> res) {
        TextTable t = new TextTable("id", "set", "design", "flow", "Yosys LUT", "model", "error (%)", "Yosys FF",
                "model", "error (%)", "DSP Y/m", "BRAM Y/m").numeric(4, 5, 6, 7, 8, 9);
        double worst = 0;
        for (MvuSynthesis.Residual r : res) {
            MvuSynthesis.Row row = r.row();
            if (r.model() == null) {
                t.row(row.config().id(), row.config().set(), row.config().design().slug(), row.flow(),
                        "" + row.allLuts(), "-", "-", "" + row.ffs(), "-", "-", row.dsps() + "/-", row.brams() + "/-");
                continue;
            }
            if (row.config().heldOut()) {
                worst = Math.max(worst, Math.abs(r.lutErrorPct()));
            }
            t.row(row.config().id(), row.config().set(), row.config().design().slug(), row.flow(),
                    "" + row.allLuts(), fmt(r.model()[0]), String.format(Locale.ROOT, "%+.1f", r.lutErrorPct()),
                    "" + row.ffs(), fmt(r.model()[1]), String.format(Locale.ROOT, "%+.1f", r.ffErrorPct()),
                    row.dsps() + "/" + fmt(r.model()[2]), row.brams() + "/" + fmt(r.model()[3]));
        }
        return t.render() + String.format(Locale.ROOT, "Held-out LUT error: worst %.1f %% (model: simulator "
                + "FpgaDataflowEngine in the Yosys layer; error = (model - Yosys) / Yosys)%n", worst);
    }

    public static ObjectNode residualsJson(List<MvuSynthesis.Residual> res) {
        ObjectNode o = Json.object();
        var arr = o.putArray("rows");
        for (MvuSynthesis.Residual r : res) {
            MvuSynthesis.Row row = r.row();
            ObjectNode e = arr.addObject();
            e.put("id", row.config().id());
            e.put("set", row.config().set());
            e.put("design", row.config().design().slug());
            e.put("flow", row.flow());
            e.put("yosys_luts", row.allLuts());
            e.put("yosys_lutram_luts", row.lutramLuts());
            e.put("yosys_ffs", row.ffs());
            e.put("yosys_carry", row.carry());
            e.put("yosys_dsps", row.dsps());
            e.put("yosys_brams", row.brams());
            if (r.model() == null) {
                e.putNull("model");
                continue;
            }
            ObjectNode m = e.putObject("model");
            m.put("luts", r.model()[0]);
            m.put("ffs", r.model()[1]);
            m.put("dsps", r.model()[2]);
            m.put("bram18", r.model()[3]);
            e.put("lut_error_pct", r.lutErrorPct());
            e.put("ff_error_pct", r.ffErrorPct());
        }
        o.put("yosys", res.isEmpty() ? "" : res.get(0).row().yosys());
        return o;
    }
}
