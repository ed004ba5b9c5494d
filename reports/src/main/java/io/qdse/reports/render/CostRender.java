package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.calib.ModelError;
import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.cost.Operation;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.ModelErrors;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import java.util.List;

/** What {@code qdse cost} (and the demo's cost step) shows: each target's estimate with its model's calibration error. */
public final class CostRender {
    private CostRender() {
    }

    /**
     * @param cost  an {@code AsicCost} or an {@code FpgaCost}
     * @param error the calibration error of the model that made it
     */
    public record Estimate(Object cost, ModelError error) {
    }

    /** @return the estimates as text tables, each row with its model error, then each block (if {@code breakdown}) */
    public static String text(OpSpec op, List<Estimate> results, boolean breakdown) {
        StringBuilder sb = new StringBuilder();
        sb.append(op.describe()).append(op.op() == Operation.MAC ? " (dot length " + op.dotLength() + ")" : "")
                .append('\n');
        TextTable at = new TextTable("target", "area (um^2)", "energy (pJ/op)", "delay (ns)", "model error").numeric(1, 2, 3);
        TextTable ft = new TextTable("target", "synthesis", "LUTs", "FFs", "carry cells", "DSPs", "DSPs packed",
                "units/part", "model error (LUTs)").numeric(2, 3, 4, 5, 6, 7);
        for (Estimate e : results) {
            if (e.cost() instanceof AsicCost c) {
                at.row(c.tech().name(), Numbers.sig(c.areaUm2()), Numbers.sig(c.energyPj()), Numbers.sig(c.delayNs()),
                        ModelErrors.text(e.error()));
            } else {
                FpgaCost c = (FpgaCost) e.cost();
                ft.row("fpga:" + c.part().name(), c.synth().key(), Numbers.sig(c.luts()), Numbers.sig(c.ffs()),
                        Numbers.sig(c.carryCells()), Numbers.sig(c.dsps()), Numbers.sig(c.dspsPacked()),
                        Numbers.count(c.unitsPerPart()), ModelErrors.text(e.error()));
            }
        }
        if (at.size() > 0) {
            sb.append('\n').append(at.render());
        }
        if (ft.size() > 0) {
            sb.append('\n').append(ft.render());
        }
        if (breakdown) {
            for (Estimate e : results) {
                Object r = e.cost();
                if (r instanceof AsicCost) {
                    AsicCost c = (AsicCost) r;
                    TextTable bt = new TextTable("block (" + c.tech().name() + ")", "area (um^2)", "energy (pJ)")
                            .numeric(1, 2);
                    for (AsicCost.BlockCost b : c.breakdown()) {
                        bt.row(b.block(), Numbers.sig(b.areaUm2()), Numbers.sig(b.energyPj()));
                    }
                    sb.append('\n').append(bt.render());
                } else {
                    FpgaCost c = (FpgaCost) r;
                    TextTable bt = new TextTable("block (fpga:" + c.part().name() + ", " + c.synth().key() + ")",
                            "LUTs", "FFs", "carry", "DSPs").numeric(1, 2, 3, 4);
                    for (FpgaCost.BlockCost b : c.breakdown()) {
                        bt.row(b.block(), Numbers.sig(b.luts()), Numbers.sig(b.ffs()), Numbers.sig(b.carry()),
                                Numbers.sig(b.dsps()));
                    }
                    sb.append('\n').append(bt.render());
                    for (String n : c.notes()) {
                        sb.append("note: ").append(n).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** @return the estimates as JSON, each with its {@code calibration} */
    public static ObjectNode json(OpSpec op, List<Estimate> results) {
        ObjectNode o = Json.object();
        o.put("op", op.op().name().toLowerCase());
        o.put("a", op.a().name());
        o.put("b", op.b().name());
        if (op.acc() != null) {
            o.put("acc", op.acc().name());
            o.put("acc_bits", op.acc().registerBits());
            o.put("dot_length", op.dotLength());
        }
        ArrayNode arr = o.putArray("results");
        for (Estimate e : results) {
            Object r = e.cost();
            ObjectNode x = arr.addObject();
            if (r instanceof AsicCost) {
                AsicCost c = (AsicCost) r;
                x.put("target", c.tech().name());
                x.put("kind", "asic");
                x.put("node_nm", c.tech().nodeNm());
                x.put("vdd_v", c.tech().vdd());
                Json.put(x, "area_um2", c.areaUm2());
                Json.put(x, "energy_pj", c.energyPj());
                Json.put(x, "delay_ns", c.delayNs());
                ModelErrors.put(x, e.error());
                ArrayNode bd = x.putArray("breakdown");
                for (AsicCost.BlockCost b : c.breakdown()) {
                    ObjectNode bo = bd.addObject();
                    bo.put("block", b.block());
                    Json.put(bo, "area_um2", b.areaUm2());
                    Json.put(bo, "energy_pj", b.energyPj());
                }
            } else {
                FpgaCost c = (FpgaCost) r;
                x.put("target", "fpga:" + c.part().name());
                x.put("kind", "fpga");
                x.put("family", c.part().family().displayName());
                x.put("synth", c.synth().key());
                Json.put(x, "luts", c.luts());
                Json.put(x, "ffs", c.ffs());
                Json.put(x, "carry_cells", c.carryCells());
                Json.put(x, "muxf", c.muxf());
                Json.put(x, "dsps", c.dsps());
                Json.put(x, "dsps_packed", c.dspsPacked());
                x.put("units_per_part", c.unitsPerPart());
                ModelErrors.put(x, e.error());
                ArrayNode bd = x.putArray("breakdown");
                for (FpgaCost.BlockCost b : c.breakdown()) {
                    ObjectNode bo = bd.addObject();
                    bo.put("block", b.block());
                    Json.put(bo, "luts", b.luts());
                    Json.put(bo, "ffs", b.ffs());
                    Json.put(bo, "carry_cells", b.carry());
                    Json.put(bo, "dsps", b.dsps());
                }
                ArrayNode notes = x.putArray("notes");
                c.notes().forEach(notes::add);
            }
        }
        return o;
    }
}
