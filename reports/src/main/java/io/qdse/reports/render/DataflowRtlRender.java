package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.format.Formats;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.TextTable;
import io.qdse.rtl.DataflowGolden;
import io.qdse.rtl.Design;
import io.qdse.rtl.NetQuant;
import io.qdse.rtl.Synthesis;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code qdse rtl dataflow}: the whole-network design, its quantization against the float model, the estimate. */
public final class DataflowRtlRender {
    private DataflowRtlRender() {
    }

    /**
     * @param estimates per unit [LUTs, FFs, DSPs, block RAMs, URAM, SPRAM, SPRAM load cycles, logic cells (iCE40;
     *                  else NaN)] from the dataflow engine (Yosys layer) on the device
     * @param synth     Yosys' counts of the whole design, or null when not run
     * @param inputs    what the test and calibration inputs are
     */
    public record Result(Path dir, String workload, String device, String flow, NetQuant.Built built,
                         List<double[]> estimates, Synthesis.Stats synth, String inputs, List<String> notes) {
        /** @return [LUTs, FFs, DSPs, block RAMs, URAM, SPRAM, SPRAM load cycles, logic cells] of the units together */
        public double[] totals() {
            double[] t = new double[8];
            for (double[] e : estimates) {
                for (int i = 0; i < t.length; i++) {
                    t[i] += e == null ? Double.NaN : i < e.length ? e[i] : i == 7 ? Double.NaN : 0;
                }
            }
            return t;
        }
    }

    public static String text(Result r) {
        Design.Chain d = r.built().design();
        StringBuilder sb = new StringBuilder();
        sb.append("Wrote ").append(r.dir()).append("/ (").append(d.slug()).append("): the whole network of ")
                .append(r.workload()).append(" as a dataflow accelerator, ").append(d.stages().size())
                .append(" matrix-vector units in a chain\n");
        long[] cyc = DataflowGolden.unitCycles(d);
        boolean spram = d.hasSpram();
        boolean cells = Double.isFinite(r.totals()[7]);
        List<String> head = new java.util.ArrayList<>(List.of("unit", "layer", "MW", "MH", "PE", "SIMD", "w", "a",
                "out bits", "acc bits", "cycles/vector", "model LUTs", "FFs", "DSPs", "BRAM"));
        if (spram) {
            head.add("SPRAM");
        }
        if (cells) {
            head.add("model LCs");
        }
        if (spram) {
            head.add("weights");
        }
        TextTable t = new TextTable(head.toArray(new String[0])).numeric(2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14);
        for (int c = 15; c < 15 + (spram ? 1 : 0) + (cells ? 1 : 0); c++) {
            t.numeric(c);
        }
        for (int i = 0; i < d.stages().size(); i++) {
            Design.Chain.Stage st = d.stages().get(i);
            Design.Mvu u = st.unit();
            double[] e = r.estimates().get(i);
            List<Object> row = new java.util.ArrayList<>(List.of("Mvu" + i, st.layer(), u.mw(), u.mh(), u.pe(),
                    u.simd(), Formats.nameOf(u.w()), Formats.nameOf(u.a()),
                    u.outBits() == 0 ? "acc" : Integer.toString(u.outBits()), u.accBits(),
                    String.format(Locale.ROOT, "%,d", cyc[i]), n(e == null ? Double.NaN : e[0]),
                    n(e == null ? Double.NaN : e[1]), n(e == null ? Double.NaN : e[2]),
                    n(e == null ? Double.NaN : e[3])));
            if (spram) {
                row.add(n(e == null ? Double.NaN : e[5]));
            }
            if (cells) {
                row.add(n(e == null ? Double.NaN : e[7]));
            }
            if (spram) {
                row.add(st.spram() ? "spram" : "rom");
            }
            t.row(row.toArray());
        }
        double[] tot = r.totals();
        List<Object> total = new java.util.ArrayList<>(List.of("total", "", "", "", "", "", "", "", "", "", "",
                n(tot[0]), n(tot[1]), n(tot[2]), n(tot[3])));
        if (spram) {
            total.add(n(tot[5]));
        }
        if (cells) {
            total.add(n(tot[7]));
        }
        if (spram) {
            total.add("");
        }
        t.row(total.toArray());
        sb.append(t.render());
        sb.append("Model: simulator FpgaDataflowEngine, Yosys layer, ").append(r.device())
                .append(" (the units; width converters and the chain's glue are not in the model")
                .append(cells ? "; LCs: iCE40 logic cells, what nextpnr packs the LUT4s, carries and flip-flops into, "
                        + "the search's budget" : "").append(")\n");
        if (spram) {
            long words = d.loadImage().size();
            sb.append(String.format(Locale.ROOT, "Weight load: %,d 16-bit words (weights_load.hex) into %d SPRAM "
                    + "through the load port after reset, one per cycle: %,d cycles (engine: %,.0f)%n", words,
                    d.stages().stream().mapToInt(Design.Chain.Stage::sprams).sum(), words, tot[6]));
        }
        NetQuant.Built b = r.built();
        sb.append(String.format(Locale.ROOT, "Quantization: weights per output channel (absmax, round to nearest "
                + "even); input scale %.6g; scales and biases folded into integer thresholds%n", b.inputScale()));
        for (int i = 0; i < b.elements().length - 1; i++) {
            sb.append(String.format(Locale.ROOT, "  %s: thresholds vs float rounding of the same accumulators: %d of "
                    + "%d outputs differ%n", d.stages().get(i).layer(), b.thresholdDisagreements()[i],
                    b.elements()[i]));
        }
        sb.append(String.format(Locale.ROOT, "Float model vs integer datapath on the %d test inputs: logit max |diff| "
                + "%.4g (float logits %s; integer %s); decisions (logit >= 0) equal on %d of %d%n",
                b.floatLogits().length, maxDiff(b), range(b.floatLogits()), range(b.quantLogits()),
                sameDecisions(b), b.floatLogits().length * b.floatLogits()[0].length));
        sb.append("Inputs: ").append(r.inputs()).append('\n');
        if (r.synth() != null) {
            sb.append(synthText(r));
        }
        for (String note : r.notes()) {
            sb.append("Note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    public static String synthText(Result r) {
        Synthesis.Stats s = r.synth();
        double[] tot = r.totals();
        StringBuilder sb = new StringBuilder();
        sb.append("Yosys ").append(r.flow()).append(" (").append(s.yosysVersion()).append(", ")
                .append(String.format(Locale.ROOT, "%.0f s", s.seconds())).append(") beside the engine:\n");
        TextTable t = new TextTable("resource", "Yosys", "model", "error (%)").numeric(1, 2, 3);
        t.row("LUTs", yosysLuts(s), n(tot[0]), err(tot[0], yosysLuts(s)));
        t.row("flip-flops", s.ffs(), n(tot[1]), err(tot[1], s.ffs()));
        t.row("DSPs", s.dsps(), n(tot[2]), err(tot[2], s.dsps()));
        t.row(r.flow().contains("ice40") ? "EBR (4 Kbit)" : "BRAM18", s.brams(), n(tot[3]), err(tot[3], s.brams()));
        if (r.flow().contains("ice40")) {
            t.row("SPRAM", s.sprams(), n(tot[5]), err(tot[5], s.sprams()));
        }
        sb.append(t.render());
        return sb.toString();
    }

    /**
     * @return Yosys's LUTs as the engine counts them: logic LUTs and the LUT sites of distributed-RAM cells (the MVU
     *     sweep's table per cell: RAM64M8 8, 7-series RAM64M 4, ...; every RAM64M was counted as 8 until 2026-12-07)
     */
    private static int yosysLuts(io.qdse.rtl.Synthesis.Stats s) {
        return io.qdse.rtl.MvuSynthesis.counts(s.target(), s)[0];
    }

    public static ObjectNode json(Result r) {
        Design.Chain d = r.built().design();
        ObjectNode o = Json.object();
        o.put("bundle", r.dir().toString());
        o.put("design", d.slug());
        o.put("workload", r.workload());
        o.put("device", r.device());
        ArrayNode units = o.putArray("units");
        long[] cyc = DataflowGolden.unitCycles(d);
        for (int i = 0; i < d.stages().size(); i++) {
            Design.Chain.Stage st = d.stages().get(i);
            Design.Mvu u = st.unit();
            ObjectNode n = units.addObject();
            n.put("module", "Mvu" + i);
            n.put("layer", st.layer());
            n.put("mw", u.mw());
            n.put("mh", u.mh());
            n.put("pe", u.pe());
            n.put("simd", u.simd());
            n.put("w", Formats.nameOf(u.w()));
            n.put("a", Formats.nameOf(u.a()));
            n.put("out_bits", u.outBits());
            n.put("acc_bits", u.accBits());
            n.put("cycles_per_vector", cyc[i]);
            double[] e = r.estimates().get(i);
            if (e != null) {
                n.put("model_luts", e[0]);
                n.put("model_ffs", e[1]);
                n.put("model_dsps", e[2]);
                n.put("model_block_rams", e[3]);
                n.put("model_sprams", e[5]);
                if (e.length > 7 && Double.isFinite(e[7])) {
                    n.put("model_logic_cells", e[7]);
                }
            }
            n.put("weight_memory", st.spram() ? "spram" : "rom");
        }
        double[] tot = r.totals();
        ObjectNode m = o.putObject("model_totals");
        m.put("luts", tot[0]);
        m.put("ffs", tot[1]);
        m.put("dsps", tot[2]);
        m.put("block_rams", tot[3]);
        m.put("sprams", tot[5]);
        m.put("load_cycles", tot[6]);
        if (Double.isFinite(tot[7])) {
            m.put("logic_cells", tot[7]);
        }
        if (d.hasSpram()) {
            ObjectNode l = o.putObject("weights_load");
            l.put("file", "weights_load.hex");
            l.put("words_16bit", d.loadImage().size());
            l.put("cycles", d.loadImage().size());
            l.put("engine_cycles", tot[6]);
        }
        NetQuant.Built b = r.built();
        ObjectNode q = o.putObject("quantization");
        q.put("input_scale", b.inputScale());
        q.put("logit_max_abs_diff_vs_float", maxDiff(b));
        q.put("decisions_equal", sameDecisions(b));
        q.put("decisions", b.floatLogits().length * b.floatLogits()[0].length);
        o.put("inputs", r.inputs());
        if (r.synth() != null) {
            Synthesis.Stats s = r.synth();
            ObjectNode y = o.putObject("yosys");
            y.put("flow", r.flow());
            y.put("version", s.yosysVersion());
            y.put("luts", yosysLuts(s));
            y.put("ffs", s.ffs());
            y.put("dsps", s.dsps());
            y.put("block_rams", s.brams());
            y.put("sprams", s.sprams());
            y.put("seconds", s.seconds());
        }
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        return o;
    }

    static double maxDiff(NetQuant.Built b) {
        double m = 0;
        for (int v = 0; v < b.floatLogits().length; v++) {
            for (int n = 0; n < b.floatLogits()[v].length; n++) {
                m = Math.max(m, Math.abs(b.floatLogits()[v][n] - b.quantLogits()[v][n]));
            }
        }
        return m;
    }

    static int sameDecisions(NetQuant.Built b) {
        int same = 0;
        for (int v = 0; v < b.floatLogits().length; v++) {
            for (int n = 0; n < b.floatLogits()[v].length; n++) {
                if ((b.floatLogits()[v][n] >= 0) == (b.quantLogits()[v][n] >= 0)) {
                    same++;
                }
            }
        }
        return same;
    }

    private static String range(double[][] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] r : x) {
            for (double v : r) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return String.format(Locale.ROOT, "%.4g..%.4g", lo, hi);
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String err(double model, double measured) {
        if (Double.isNaN(model) || measured == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.1f", 100 * (model - measured) / measured);
    }
}
