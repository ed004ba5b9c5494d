package io.qdse.reports.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.reports.text.Csv;
import io.qdse.reports.text.Json;
import io.qdse.reports.text.Numbers;
import io.qdse.reports.text.TextTable;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.BitSerialArray;
import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.bitfusion.BitFusionSim;
import io.qdse.simulator.bitmod.BitModSim;
import io.qdse.simulator.eval.ActionTable;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.scalesim.LayerReport;
import io.qdse.simulator.scalesim.PyFloat;
import io.qdse.simulator.scalesim.ScaleSimConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What {@code qdse simulate} shows and stores: the terminal tables, {@code result.json}, {@code layers.csv} and
 * {@code ert.json} of a native run, and the same for the BitMoD, Bit Fusion and SCALE-Sim compatible runs. Field
 * names carry units (docs/json.md).
 */
public final class SimulateRender {
    private SimulateRender() {
    }

    // ---- native runs ------------------------------------------------------------------------------------------

    /** @return the per-layer table and the totals, as printed on a terminal */
    public static String text(Simulator.NetworkResult r, Accelerator a) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.workload()).append(" on ").append(a.summary()).append(", ")
                .append(r.engine().name().toLowerCase(Locale.ROOT)).append(" engine\n");
        TextTable t = new TextTable("layer", "formats", "cycles", "stall", "util %", "map eff %", "SRAM rd (Mbit)",
                "DRAM rd (Mbit)", "DRAM wr (Mbit)", "energy (uJ)").numeric(2, 3, 4, 5, 6, 7, 8, 9);
        for (Simulator.LayerResult l : r.layers()) {
            addRow(t, l.layer(), l.formats().weight().name() + "/" + l.formats().activation().name(), l.eval());
        }
        addRow(t, "TOTAL", "", r.total());
        sb.append(t.render());
        Evaluation e = r.total();
        double ms = e.cycles() / (a.clockMhz() * 1e3);
        double joules = e.energy().totalPj() * 1e-12;
        sb.append('\n');
        TextTable s = new TextTable("total", "value").numeric(1);
        s.row("latency (ms)", Numbers.sig(ms, 5));
        s.row("MACs", Numbers.count(e.macs()));
        s.row("throughput (TOPS, 2 ops/MAC)", Numbers.sig(2.0 * e.macs() / (ms * 1e-3) / 1e12, 4));
        s.row("utilisation (%)", Numbers.sig(100 * e.utilization(), 4));
        s.row("energy (mJ)", Numbers.sig(joules * 1e3, 5));
        s.row("  MAC / SRAM / DRAM / leakage (mJ)", Numbers.sig(e.energy().macPj() * 1e-9, 4) + " / "
                + Numbers.sig((e.energy().sramIfmapPj() + e.energy().sramFilterPj() + e.energy().sramOfmapPj()) * 1e-9,
                4) + " / " + Numbers.sig(e.energy().dramPj() * 1e-9, 4) + " / "
                + Numbers.sig(e.energy().leakagePj() * 1e-9, 4));
        s.row("efficiency (TOPS/W)", Numbers.sig(2.0 * e.macs() / joules / 1e12, 4));
        if (e.cost() instanceof Cost.FpgaResources fr) {
            s.row("FPGA LUTs / FFs / DSPs / BRAMs", Numbers.sig(fr.luts(), 4) + " / " + Numbers.sig(fr.ffs(), 4) + " / "
                    + Numbers.sig(fr.dsps(), 4) + " / " + Numbers.sig(fr.brams(), 4));
        } else {
            s.row("area (mm^2)", Numbers.sig(e.areaUm2() * 1e-6, 4));
        }
        sb.append(s.render());
        return sb.toString();
    }

    private static void addRow(TextTable t, String name, String f, Evaluation e) {
        long sramRd = e.traffic().sramIfmapReads() + e.traffic().sramFilterReads() + e.traffic().sramOfmapReads();
        long dramRd = e.traffic().dramIfmapReads() + e.traffic().dramFilterReads() + e.traffic().dramOfmapReads();
        t.row(name, f, Numbers.count(e.cycles()), Numbers.count(e.stallCycles()),
                Numbers.sig(100 * e.utilization(), 4), Numbers.sig(100 * e.mappingEfficiency(), 4),
                Numbers.sig(sramRd / 1e6, 4), Numbers.sig(dramRd / 1e6, 4),
                Numbers.sig(e.traffic().dramOfmapWrites() / 1e6, 4), Numbers.sig(e.energy().totalPj() / 1e6, 4));
    }

    /**
     * {@code result.json} of a GPU run: as {@link #json(Simulator.NetworkResult, Accelerator, List)}, and per layer its
     * GEMM kernels ({@code gemms}: tile, split-K, waves, bound, latency, throughput), with the single-GEMM layers'
     * {@code latency_us}, {@code tflops} (or {@code tops}), {@code bound} and {@code tile} on the layer itself.
     */
    public static ObjectNode json(Simulator.NetworkResult r, Accelerator a, List<String> notes,
                                  List<io.qdse.simulator.gpu.GpuReport.Gemm> gemms) {
        ObjectNode o = json(r, a, notes);
        if (gemms == null || gemms.isEmpty()) {
            return o;
        }
        ArrayNode layers = (ArrayNode) o.get("layers");
        int gi = 0;
        double totalUs = 0;
        double totalMacs = 0;
        boolean allFloat = true;
        for (int li = 0; li < r.layers().size(); li++) {
            Simulator.LayerResult l = r.layers().get(li);
            ObjectNode x = (ObjectNode) layers.get(li);
            ArrayNode ga = x.putArray("gemms");
            double us = 0;
            List<io.qdse.simulator.gpu.GpuReport.Gemm> mine = new ArrayList<>();
            while (gi < gemms.size() && gemms.get(gi).layer().equals(l.layer())) {
                mine.add(gemms.get(gi++));
            }
            for (io.qdse.simulator.gpu.GpuReport.Gemm gm : mine) {
                gemmJson(ga.addObject(), gm);
                us += gm.latencyUs();
                totalMacs += gm.op().macs();
                allFloat &= gm.estimate().path().mma().floating();
            }
            Json.put(x, "latency_us", us);
            if (mine.size() == 1) {
                io.qdse.simulator.gpu.GpuReport.Gemm gm = mine.get(0);
                Json.put(x, gm.estimate().path().throughputUnit(), gm.teraOps());
                x.put("bound", gm.estimate().bound().key());
                x.put("tile", gm.estimate().tile().shape());
                x.put("split_k", gm.estimate().tile().splitK());
            }
            totalUs += us;
        }
        ObjectNode t = (ObjectNode) o.get("total");
        Json.put(t, "latency_us", totalUs);
        Json.put(t, allFloat ? "tflops" : "tops", 2 * totalMacs / (totalUs * 1e-6) / 1e12);
        io.qdse.reports.text.ModelErrors.put(t, io.qdse.simulator.gpu.GpuEfficiency.HELD_OUT);
        return o;
    }

    private static void gpuJson(ObjectNode o, io.qdse.simulator.gpu.GpuSpec g) {
        o.put("name", g.name());
        o.put("display_name", g.displayName());
        o.put("sm", g.arch().sm());
        o.put("sms", g.sms());
        o.put("tensor_cores_per_sm", g.tensorCoresPerSm());
        Json.put(o, "hbm_gbs", g.hbmGBs());
        Json.put(o, "l2_mib", g.l2Mib());
        o.put("smem_per_sm_kib", g.smemPerSmKib());
        ObjectNode pk = o.putObject("dense_peak_tera_ops");
        for (io.qdse.simulator.gpu.MmaType t : io.qdse.simulator.gpu.MmaType.values()) {
            if (g.supports(t)) {
                Json.put(pk, t.key(), g.peakTeraOps(t));
            }
        }
        ObjectNode eff = o.putObject("efficiency");
        io.qdse.simulator.gpu.GpuEfficiency e = io.qdse.simulator.gpu.GpuEfficiency.CALIBRATED;
        Json.put(eff, "mma", e.mmaEfficiency());
        Json.put(eff, "hbm", e.hbmEfficiency());
        Json.put(eff, "fixed_us", e.fixedUs());
        Json.put(eff, "mem_latency_ns", e.memLatencyNs());
    }

    private static void gemmJson(ObjectNode x, io.qdse.simulator.gpu.GpuReport.Gemm gm) {
        io.qdse.simulator.gpu.GemmEstimate e = gm.estimate();
        x.put("op", gm.op().name());
        x.put("kind", gm.op().kind().name().toLowerCase(Locale.ROOT));
        x.put("m", gm.op().m());
        x.put("n", gm.op().n());
        x.put("k", gm.op().k());
        x.put("batch", gm.op().batch());
        x.put("path", e.path().describe());
        x.put("mma", e.path().mma().key());
        Json.put(x, "latency_us", gm.latencyUs());
        Json.put(x, e.path().throughputUnit(), gm.teraOps());
        x.put("bound", e.bound().key());
        x.put("tile", e.tile().shape());
        x.put("stages", e.tile().stages());
        x.put("split_k", e.tile().splitK());
        x.put("ctas", e.ctas());
        x.put("occupancy", e.occupancy());
        x.put("waves", e.waves());
        Json.put(x, "hbm_bytes", e.dramBytes());
        ObjectNode c = x.putObject("terms_us");
        double mhz = e.gpu().clockMhz();
        Json.put(c, "mma", e.mmaCycles() / mhz);
        Json.put(c, "smem", e.smemCycles() / mhz);
        Json.put(c, "latency", e.latencyCycles() / mhz);
        Json.put(c, "dequant", e.dequantCycles() / mhz);
        Json.put(c, "hbm", e.hbmCycles() / mhz);
        Json.put(c, "l2", e.l2Cycles() / mhz);
        Json.put(c, "fixed", e.fixedUs());
    }

    /** @return the per-GEMM table of a GPU run and its totals, as printed on a terminal */
    public static String gpuText(Simulator.NetworkResult r, Accelerator a,
                                 List<io.qdse.simulator.gpu.GpuReport.Gemm> gemms) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.workload()).append(" on ").append(a.summary()).append(", ")
                .append(r.engine() == Simulator.EngineKind.CYCLE ? "event-level" : "closed-form")
                .append(" kernel model\n");
        TextTable t = new TextTable("layer", "formats", "path", "M x N x K (x batch)", "tile", "split-K", "waves",
                "bound", "latency (us)", "TFLOPS/TOPS").numeric(5, 6, 8, 9);
        double us = 0;
        double macs = 0;
        double hbm = 0;
        for (io.qdse.simulator.gpu.GpuReport.Gemm gm : gemms) {
            io.qdse.simulator.gpu.GemmEstimate e = gm.estimate();
            t.row(gm.layer(), gm.formats().weight().name() + "/" + gm.formats().activation().name(), e.path().describe(),
                    gm.op().m() + " x " + gm.op().n() + " x " + gm.op().k() + (gm.op().batch() > 1 ? " x "
                    + gm.op().batch() : ""), e.tile().shape() + "/" + e.tile().stages(), Long.toString(e.tile()
                    .splitK()), Long.toString(e.waves()), e.bound().key(), Numbers.sig(gm.latencyUs(), 4),
                    Numbers.sig(gm.teraOps(), 4));
            us += gm.latencyUs();
            macs += gm.op().macs();
            hbm += e.dramBytes();
        }
        sb.append(t.render());
        sb.append('\n');
        TextTable s = new TextTable("total", "value").numeric(1);
        s.row("latency (ms)", Numbers.sig(us / 1e3, 5));
        s.row("MACs", Numbers.count(macs));
        s.row("throughput (TFLOPS or TOPS, 2 ops/MAC)", Numbers.sig(2 * macs / (us * 1e-6) / 1e12, 4));
        s.row("utilisation of the dense peak (%)", Numbers.sig(100 * r.total().utilization(), 4));
        s.row("HBM traffic (GB)", Numbers.sig(hbm / 1e9, 4));
        s.row("HBM energy (mJ)", Numbers.sig(r.total().energy().dramPj() * 1e-9, 4));
        sb.append(s.render());
        sb.append("latency model error: ")
                .append(io.qdse.reports.text.ModelErrors.text(io.qdse.simulator.gpu.GpuEfficiency.HELD_OUT)).append('\n');
        return sb.toString();
    }

    /** @return the decode crossover table (qdse simulate --crossover) */
    public static String crossoverText(String model, List<io.qdse.simulator.gpu.DecodeCrossover.Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(model).append(" decode, one transformer layer's projections (Q, K, V, O, MLP; M = batch tokens): "
                + "HBM-bound or compute-bound, closed-form kernel model\n");
        TextTable t = new TextTable("gpu", "type", "path", "bound at batch 1", "bound at batch 256",
                "crossover batch", "latency b=1 (us)", "latency b=256 (us)").numeric(5, 6, 7);
        for (io.qdse.simulator.gpu.DecodeCrossover.Row r : rows) {
            t.row("gpu:" + r.gpu(), r.type(), r.path(), r.boundAt1(), r.boundAt256(), r.crossover() == 0 ? "> "
                    + io.qdse.simulator.gpu.DecodeCrossover.MAX_BATCH : Integer.toString(r.crossover()),
                    Numbers.sig(r.usAt1(), 4), Numbers.sig(r.usAt256(), 4));
        }
        sb.append(t.render());
        sb.append("The attention products against the KV cache stay HBM-bound at every batch (their intensity is "
                + "set by the grouped-query factor).\n");
        return sb.toString();
    }

    /** @return the decode crossover table as JSON */
    public static ObjectNode crossoverJson(String model, List<io.qdse.simulator.gpu.DecodeCrossover.Row> rows) {
        ObjectNode o = Json.object();
        o.put("model", model);
        o.put("layer", "one transformer layer's projections, decode (M = batch)");
        ArrayNode a = o.putArray("rows");
        for (io.qdse.simulator.gpu.DecodeCrossover.Row r : rows) {
            ObjectNode x = a.addObject();
            x.put("gpu", "gpu:" + r.gpu());
            x.put("type", r.type());
            x.put("formats", r.formats().describe());
            x.put("path", r.path());
            x.put("bound_at_batch_1", r.boundAt1());
            x.put("bound_at_batch_256", r.boundAt256());
            x.put("crossover_batch", r.crossover());
            Json.put(x, "latency_us_batch_1", r.usAt1());
            Json.put(x, "latency_us_batch_256", r.usAt256());
        }
        return o;
    }

    /** @return {@code result.json}: the design, every layer's counters and energy, the totals, notes */
    public static ObjectNode json(Simulator.NetworkResult r, Accelerator a, List<String> notes) {
        ObjectNode o = Json.object();
        o.put("workload", r.workload());
        o.put("arch", a.name());
        o.put("kind", a.kind());
        if (a instanceof SystolicArray s) {
            o.put("rows", s.rows());
            o.put("cols", s.cols());
            o.put("dataflow", s.dataflow().key());
        } else if (a instanceof io.qdse.simulator.arch.TensorCoreGpu g) {
            gpuJson(o.putObject("gpu"), g.spec());
        } else if (a instanceof io.qdse.simulator.arch.FpgaDataflow d) {
            o.put("frames", d.frames());
            ObjectNode fo = o.putObject("folding");
            d.folds().forEach((layer, f) -> fo.putObject(layer).put("PE", f.pe()).put("SIMD", f.simd()));
        } else {
            BitSerialArray b = (BitSerialArray) a;
            o.put("rows", b.rows());
            o.put("cols", b.cols());
            ObjectNode pe = o.putObject("pe");
            pe.put("family", b.pe().family());
            pe.put("serial", b.pe().serial().name().toLowerCase(Locale.ROOT));
            pe.put("lanes", b.pe().lanes());
            pe.put("a_bits_per_cycle", b.pe().aBitsPerCycle());
            pe.put("w_bits_per_cycle", b.pe().wBitsPerCycle());
            pe.put("max_a_bits", b.pe().maxABits());
            pe.put("max_w_bits", b.pe().maxWBits());
            pe.put("brick_bits", b.pe().brickBits());
            pe.put("bricks", b.pe().bricks());
            pe.put("term_serial", b.pe().termSerial());
            pe.put("float_activations", b.pe().floatActivations());
            pe.put("group_size", b.pe().groupSize());
            pe.put("acc_bits", b.pe().accBits());
        }
        o.put("clock_mhz", a.clockMhz());
        Json.put(o, "dram_bandwidth_gbs", a.dram().bandwidthGBs());
        o.put("compute_units", a.computeUnits());
        o.put("technology", a.technology().name());
        o.put("engine", r.engine().name().toLowerCase(Locale.ROOT));
        ArrayNode layers = o.putArray("layers");
        for (Simulator.LayerResult l : r.layers()) {
            ObjectNode x = layers.addObject();
            x.put("layer", l.layer());
            x.put("formats", l.formats().describe());
            Json.put(x, "peak_macs_per_cycle", a.peakMacsPerCycle(l.formats()));
            evalJson(x, l.eval());
        }
        ObjectNode t = o.putObject("total");
        evalJson(t, r.total());
        Json.put(t, "latency_ms", r.total().cycles() / (a.clockMhz() * 1e3));
        if (r.total().cost() instanceof Cost.FpgaResources fr) {
            ObjectNode fo = o.putObject("fpga_resources");
            Json.put(fo, "luts", fr.luts());
            Json.put(fo, "ffs", fr.ffs());
            Json.put(fo, "dsps", fr.dsps());
            Json.put(fo, "brams", fr.brams());
        } else {
            Json.put(o, "area_um2", r.total().areaUm2());
        }
        if (!notes.isEmpty()) {
            ArrayNode na = o.putArray("notes");
            notes.forEach(na::add);
        }
        return o;
    }

    private static void evalJson(ObjectNode x, Evaluation e) {
        x.put("cycles", e.cycles());
        x.put("stall_cycles", e.stallCycles());
        x.put("compute_cycles", e.computeCycles());
        x.put("macs", e.macs());
        Json.put(x, "utilization", e.utilization());
        Json.put(x, "mapping_efficiency", e.mappingEfficiency());
        x.put("sram_ifmap_read_bits", e.traffic().sramIfmapReads());
        x.put("sram_filter_read_bits", e.traffic().sramFilterReads());
        x.put("sram_ofmap_read_bits", e.traffic().sramOfmapReads());
        x.put("sram_ofmap_write_bits", e.traffic().sramOfmapWrites());
        x.put("dram_ifmap_read_bits", e.traffic().dramIfmapReads());
        x.put("dram_filter_read_bits", e.traffic().dramFilterReads());
        x.put("dram_ofmap_read_bits", e.traffic().dramOfmapReads());
        x.put("dram_ofmap_write_bits", e.traffic().dramOfmapWrites());
        ObjectNode en = x.putObject("energy_pj");
        Json.put(en, "mac", e.energy().macPj());
        Json.put(en, "sram_ifmap", e.energy().sramIfmapPj());
        Json.put(en, "sram_filter", e.energy().sramFilterPj());
        Json.put(en, "sram_ofmap", e.energy().sramOfmapPj());
        Json.put(en, "dram", e.energy().dramPj());
        Json.put(en, "leakage", e.energy().leakagePj());
        Json.put(en, "total", e.energy().totalPj());
    }

    /**
     * @return {@code layers.csv}: one row per layer, counters in bits and cycles, utilisation and mapping efficiency
     *     as fractions (0..1; result.json's {@code utilization}, {@code mapping_efficiency}), energy in pJ
     */
    public static String layersCsv(Simulator.NetworkResult r) {
        List<String> header = List.of("layer", "formats", "cycles", "stall_cycles", "compute_cycles", "macs",
                "utilization_fraction", "mapping_efficiency_fraction", "sram_ifmap_read_bits", "sram_filter_read_bits",
                "sram_ofmap_read_bits", "sram_ofmap_write_bits", "dram_ifmap_read_bits", "dram_filter_read_bits",
                "dram_ofmap_read_bits", "dram_ofmap_write_bits", "energy_pj");
        List<List<Object>> rows = new ArrayList<>();
        for (Simulator.LayerResult l : r.layers()) {
            Evaluation e = l.eval();
            rows.add(List.of(l.layer(), l.formats().describe(), e.cycles(), e.stallCycles(), e.computeCycles(),
                    e.macs(), e.utilization(), e.mappingEfficiency(), e.traffic().sramIfmapReads(),
                    e.traffic().sramFilterReads(), e.traffic().sramOfmapReads(), e.traffic().sramOfmapWrites(),
                    e.traffic().dramIfmapReads(), e.traffic().dramFilterReads(), e.traffic().dramOfmapReads(),
                    e.traffic().dramOfmapWrites(), e.energy().totalPj()));
        }
        return Csv.write(header, rows);
    }

    /**
     * @return {@code ert.json}: the design's energy per action (pJ) and area per component (µm²), Accelergy-style
     *     ({@code qdse report} turns it into ERT.yaml / ART.yaml)
     */
    public static ObjectNode ertJson(ActionTable t) {
        ObjectNode o = Json.object();
        o.put("design", t.design());
        o.put("technology", t.technology());
        ArrayNode acts = o.putArray("actions");
        for (ActionTable.Action a : t.actions()) {
            ObjectNode x = acts.addObject();
            x.put("component", a.component());
            x.put("action", a.action());
            Json.put(x, "energy_pj", a.energyPj());
        }
        ArrayNode areas = o.putArray("areas");
        for (ActionTable.Part p : t.areas()) {
            ObjectNode x = areas.addObject();
            x.put("component", p.component());
            Json.put(x, "area_um2", p.areaUm2());
        }
        if (!t.notes().isEmpty()) {
            ArrayNode n = o.putArray("notes");
            t.notes().forEach(n::add);
        }
        return o;
    }

    // ---- BitMoD-compatible runs -------------------------------------------------------------------------------

    /** What a BitMoD-compatible run was asked. */
    public record BitModRun(BitModSim.Version version, BitModSim.Accel accel, String model, String phase, long context,
                            long batch, BitModSim.Result result) {
    }

    public static ObjectNode bitModJson(BitModRun run) {
        BitModSim.Result r = run.result();
        ObjectNode o = Json.object();
        o.put("compat", "bitmod@" + run.version().commit());
        o.put("accelerator", run.accel().key());
        o.put("model", run.model());
        o.put("phase", run.phase());
        o.put("context", run.context());
        o.put("batch", run.batch());
        Json.put(o, "w_prec_bits", r.wPrec());
        if (run.version() == BitModSim.Version.CURRENT) {
            Json.put(o, "kv_prec_bits", r.kvPrec());
        }
        o.putArray("pe_array").add(r.h()).add(r.w());
        o.put("compute_cycles", r.computeCycles());
        o.put("total_cycles", r.totalCycles());
        ObjectNode en = o.putObject("energy_uj");
        Json.put(en, "compute", r.computeUj());
        Json.put(en, "sram_read", r.sramReadUj());
        Json.put(en, "sram_write", r.sramWriteUj());
        Json.put(en, "dram", r.dramUj());
        Json.put(en, "onchip", r.onchipUj());
        Json.put(en, "total", r.totalUj());
        ObjectNode ar = o.putObject("area_mm2");
        Json.put(ar, "pe_array", r.peArrayAreaMm2());
        Json.put(ar, "weight_sram", r.wSramAreaMm2());
        Json.put(ar, "input_sram", r.iSramAreaMm2());
        ArrayNode layers = o.putArray("layers");
        for (BitModSim.Layer l : r.layers()) {
            ObjectNode x = layers.addObject();
            x.put("layer", l.name());
            x.put("attention", l.attention());
            x.put("tiles", l.tiles());
            x.put("compute_cycles", l.computeCycles());
            x.put("dram_cycles", l.dramCycles());
            Json.put(x, "weight_bytes", l.wMemBytes());
            Json.put(x, "input_bytes", l.iMemBytes());
            Json.put(x, "output_bytes", l.oMemBytes());
            x.put("weight_refetch", l.fw());
            x.put("input_refetch", l.fi());
        }
        return o;
    }

    public static String bitModCsv(BitModSim.Result r) {
        List<List<Object>> rows = new ArrayList<>();
        for (BitModSim.Layer l : r.layers()) {
            rows.add(List.of(l.name(), l.attention(), l.tiles(), l.computeCycles(), l.dramCycles(),
                    Numbers.plain(l.wMemBytes()), Numbers.plain(l.iMemBytes()), Numbers.plain(l.oMemBytes()), l.fw(),
                    l.fi()));
        }
        return Csv.write(List.of("layer", "attention", "tiles", "compute_cycles", "dram_cycles", "weight_bytes",
                "input_bytes", "output_bytes", "weight_refetch", "input_refetch"), rows);
    }

    public static String bitModText(BitModRun run) {
        BitModSim.Result r = run.result();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "BitMoD simulator (@%s) compatible run: %s on %s, %s, context %d, batch "
                + "%d; PE array %dx%d, weights %s bits%s%n", run.version().commit(), run.model(), run.accel().key(),
                run.phase(), run.context(), run.batch(), r.h(), r.w(), Numbers.plain(r.wPrec()),
                run.version() == BitModSim.Version.CURRENT ? ", KV " + Numbers.plain(r.kvPrec()) + " bits" : ""));
        TextTable t = new TextTable("total", "value").numeric(1);
        t.row("compute cycles", Numbers.count(r.computeCycles()));
        t.row("total cycles", Numbers.count(r.totalCycles()));
        t.row("compute energy (uJ)", Numbers.sig(r.computeUj(), 7));
        t.row("SRAM read / write energy (uJ)", Numbers.sig(r.sramReadUj(), 7) + " / " + Numbers.sig(r.sramWriteUj(), 7));
        t.row("DRAM energy (uJ)", Numbers.sig(r.dramUj(), 7));
        t.row("on-chip / total energy (uJ)", Numbers.sig(r.onchipUj(), 7) + " / " + Numbers.sig(r.totalUj(), 7));
        t.row("PE array / weight SRAM / input SRAM area (mm^2)", Numbers.sig(r.peArrayAreaMm2(), 6) + " / "
                + Numbers.sig(r.wSramAreaMm2(), 6) + " / " + Numbers.sig(r.iSramAreaMm2(), 6));
        t.row("layers", Integer.toString(r.layers().size()));
        sb.append(t.render());
        return sb.toString();
    }

    // ---- Bit Fusion-compatible runs ---------------------------------------------------------------------------

    /** A Bit Fusion-compatible run: its configuration, layers and each layer's statistics (same order). */
    public record BitFusionRun(String workload, String configFile, BitFusionSim.Config config, String energySource,
                               List<BitFusionSim.Layer> layers, List<BitFusionSim.Stats> stats) {
        public long cycles() {
            return stats.stream().mapToLong(BitFusionSim.Stats::cycles).sum();
        }

        public long memoryWaitCycles() {
            return stats.stream().mapToLong(BitFusionSim.Stats::memoryWaitCycles).sum();
        }
    }

    public static ObjectNode bitFusionJson(BitFusionRun run) {
        ObjectNode o = Json.object();
        o.put("compat", "bitfusion@04ec1c8");
        o.put("config", run.configFile());
        o.put("energy_constants", run.energySource());
        ArrayNode arr = o.putArray("layers");
        for (int i = 0; i < run.layers().size(); i++) {
            BitFusionSim.Layer l = run.layers().get(i);
            BitFusionSim.Stats st = run.stats().get(i);
            ObjectNode x = arr.addObject();
            x.put("layer", l.name());
            x.put("K", l.k());
            x.put("O", l.o());
            x.put("S", l.s());
            x.put("IC", l.ic());
            x.put("OC", l.oc());
            x.put("batch", l.batch());
            x.put("act_bits", l.actBits());
            x.put("weight_bits", l.wgtBits());
            x.put("im2col", l.im2col());
            x.put("cycles", st.cycles());
            x.put("memory_wait_cycles", st.memoryWaitCycles());
            ObjectNode rd = x.putObject("reads_bits");
            rd.put("act", st.readsAct());
            rd.put("wgt", st.readsWgt());
            rd.put("out", st.readsOut());
            rd.put("dram", st.readsDram());
            ObjectNode wr = x.putObject("writes_bits");
            wr.put("act", st.writesAct());
            wr.put("wgt", st.writesWgt());
            wr.put("out", st.writesOut());
            wr.put("dram", st.writesDram());
            Json.put(x, "energy_nj", st.energyNj());
            ArrayNode tl = x.putArray("tiling_b_ow_oh_ic_oc");
            for (long v : st.tiling()) {
                tl.add(v);
            }
            x.put("loop_order_outermost_first", st.order());
        }
        o.put("total_cycles", run.cycles());
        o.put("total_memory_wait_cycles", run.memoryWaitCycles());
        return o;
    }

    public static String bitFusionCsv(BitFusionRun run) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < run.layers().size(); i++) {
            BitFusionSim.Layer l = run.layers().get(i);
            BitFusionSim.Stats st = run.stats().get(i);
            rows.add(List.of(l.name(), l.k(), l.o(), l.s(), l.ic(), l.oc(), l.batch(), l.actBits(), l.wgtBits(),
                    l.im2col(), st.cycles(), st.memoryWaitCycles(), st.readsAct(), st.readsWgt(), st.readsOut(),
                    st.readsDram(), st.writesAct(), st.writesWgt(), st.writesOut(), st.writesDram(),
                    Numbers.plain(st.energyNj()), Arrays.toString(st.tiling()), st.order()));
        }
        return Csv.write(List.of("layer", "K", "O", "S", "IC", "OC", "batch", "act_bits", "weight_bits", "im2col",
                "cycles", "memory_wait_cycles", "reads_act_bits", "reads_wgt_bits", "reads_out_bits", "reads_dram_bits",
                "writes_act_bits", "writes_wgt_bits", "writes_out_bits", "writes_dram_bits", "energy_nj",
                "tiling_b_ow_oh_ic_oc", "loop_order"), rows);
    }

    public static String bitFusionText(BitFusionRun run) {
        BitFusionSim.Config cfg = run.config();
        TextTable t = new TextTable("layer", "K", "O", "S", "IC", "OC", "B", "bits a/w", "cycles", "memory wait cycles",
                "DRAM rd (bits)", "DRAM wr (bits)").numeric(1, 2, 3, 4, 5, 6, 8, 9, 10, 11);
        for (int i = 0; i < run.layers().size(); i++) {
            BitFusionSim.Layer l = run.layers().get(i);
            BitFusionSim.Stats st = run.stats().get(i);
            t.row(l.name(), l.k(), l.o(), l.s(), l.ic(), l.oc(), l.batch(), l.actBits() + "/" + l.wgtBits(),
                    Numbers.count(st.cycles()), Numbers.count(st.memoryWaitCycles()), Numbers.count(st.readsDram()),
                    Numbers.count(st.writesDram()));
        }
        t.row("TOTAL", "", "", "", "", "", "", "", Numbers.count(run.cycles()), Numbers.count(run.memoryWaitCycles()),
                "", "");
        return String.format(Locale.ROOT, "Bit Fusion simulator (@04ec1c8) compatible run: %s on %dx%d fusion units "
                + "(high_prec %d, low_prec %d, if_width %d bits/cycle); energy constants: %s%n", run.workload(),
                cfg.rows(), cfg.cols(), cfg.highPrec(), cfg.lowPrec(), cfg.ifWidth(), run.energySource()) + t.render();
    }

    // ---- SCALE-Sim-compatible runs ----------------------------------------------------------------------------

    public static ObjectNode scaleSimJson(ScaleSimConfig cfg, List<String> layerNames, List<LayerReport> reports) {
        ObjectNode o = Json.object();
        o.put("compat", "scalesim-v2@22f88b1");
        o.put("run_name", cfg.runName());
        ArrayNode arr = o.putArray("layers");
        for (int i = 0; i < reports.size(); i++) {
            LayerReport r = reports.get(i);
            ObjectNode x = arr.addObject();
            x.put("layer_id", i);
            x.put("layer", layerNames.get(i));
            x.put("total_cycles", r.totalCycles());
            x.put("stall_cycles", r.stallCycles());
            x.put("overall_util_pct", r.overallUtil());
            x.put("mapping_efficiency_pct", r.mappingEfficiency());
            x.put("compute_util_pct", r.computeUtil());
            String[] ops = {"ifmap", "filter", "ofmap"};
            for (int k = 0; k < 3; k++) {
                x.put("sram_" + ops[k] + (k == 2 ? "_writes_words" : "_reads_words"), r.sram()[k].count());
                x.put("dram_" + ops[k] + (k == 2 ? "_writes_words" : "_reads_words"), r.dram()[k].count());
            }
        }
        return o;
    }

    public static String scaleSimText(ScaleSimConfig cfg, List<String> layerNames, List<LayerReport> reports) {
        TextTable t = new TextTable("id", "layer", "total cycles", "stall cycles", "overall util %",
                "mapping eff %", "compute util %", "DRAM ifmap rd (words)", "DRAM filter rd (words)",
                "DRAM ofmap wr (words)").numeric(0, 2, 3, 4, 5, 6, 7, 8, 9);
        for (int i = 0; i < reports.size(); i++) {
            LayerReport r = reports.get(i);
            t.row(i, layerNames.get(i), r.totalCycles(), r.stallCycles(), PyFloat.repr(r.overallUtil()),
                    PyFloat.repr(r.mappingEfficiency()), PyFloat.repr(r.computeUtil()), r.dram()[0].count(),
                    r.dram()[1].count(), r.dram()[2].count());
        }
        return "SCALE-Sim v2 (@22f88b1) compatible run '" + cfg.runName() + "': " + cfg.rows() + "x" + cfg.cols()
                + " " + cfg.dataflow().key() + ", " + (cfg.userBandwidth() ? "USER bandwidth "
                + cfg.userBandwidthWords() + " words/cycle" : "CALC bandwidth") + "; counts in 1-byte words\n"
                + t.render();
    }
}
