package io.qdse.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Small synthetic result folders of every kind QDSE writes (their formats as the commands write them), for tests.
 */
final class Samples {
    private Samples() {
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A systolic simulate run of {@code layers} layers on an ASIC node; with an ert.json when asked. */
    static Path simulate(Path dir, int layers, boolean ert) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"workload\":\"net").append(layers).append("\",\"arch\":\"edge-32x32\",\"kind\":\"systolic\",")
                .append("\"rows\":32,\"cols\":32,\"dataflow\":\"os\",\"clock_mhz\":500.0,\"dram_bandwidth_gbs\":12.8,")
                .append("\"compute_units\":1024,\"technology\":\"asic:28nm\",\"engine\":\"analytical\",\"layers\":[");
        Random rnd = new Random(layers);
        for (int i = 0; i < layers; i++) {
            long macs = 1_000_000L * (1 + rnd.nextInt(100));
            double util = 0.2 + 0.75 * rnd.nextDouble();
            long cycles = (long) (macs / (1024 * util));
            long dram = (long) (macs * (0.05 + rnd.nextDouble()));
            sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"layer\":\"block%d.layer%d.conv\","
                    + "\"formats\":\"w=%s,a=int8,acc=int32,out=int8\",\"peak_macs_per_cycle\":1024.0,\"cycles\":%d,"
                    + "\"stall_cycles\":%d,\"compute_cycles\":%d,\"macs\":%d,\"utilization\":%s,"
                    + "\"mapping_efficiency\":%s,\"sram_ifmap_read_bits\":%d,\"sram_filter_read_bits\":%d,"
                    + "\"sram_ofmap_read_bits\":0,\"sram_ofmap_write_bits\":%d,\"dram_ifmap_read_bits\":%d,"
                    + "\"dram_filter_read_bits\":%d,\"dram_ofmap_read_bits\":0,\"dram_ofmap_write_bits\":%d,"
                    + "\"energy_pj\":{\"mac\":%s,\"sram_ifmap\":%s,\"sram_filter\":%s,\"sram_ofmap\":%s,\"dram\":%s,"
                    + "\"leakage\":%s,\"total\":%s}}", i / 4, i, i % 3 == 0 ? "int4" : "int8", cycles, cycles / 5,
                    cycles - cycles / 5, macs, util, Math.min(1, util + 0.1), macs * 2, macs * 2, macs / 8, dram / 2,
                    dram / 3, dram / 6, macs * 0.19, macs * 0.02, macs * 0.03, macs * 0.01, dram * 8.0 * 6,
                    cycles * 60.0, macs * 0.25 + dram * 48.0 + cycles * 60.0));
        }
        sb.append("],\"area_um2\":535969.7}");
        write(dir.resolve("result.json"), sb.toString());
        write(dir.resolve("layers.csv"), "layer,formats\n");
        if (ert) {
            write(dir.resolve("ert.json"), "{\"design\":\"edge-32x32\",\"technology\":\"asic:28nm\",\"actions\":["
                    + "{\"component\":\"mac\",\"action\":\"mac\",\"energy_pj\":0.19},"
                    + "{\"component\":\"sram_ifmap\",\"action\":\"read\",\"energy_pj\":0.08},"
                    + "{\"component\":\"dram\",\"action\":\"read_bit\",\"energy_pj\":6.0}],"
                    + "\"areas\":[{\"component\":\"pe_array\",\"area_um2\":300000},"
                    + "{\"component\":\"sram_ifmap\",\"area_um2\":80000}]}");
        }
        return dir;
    }

    /** A bit-serial simulate run on an FPGA part (fpga_resources instead of area). */
    static Path simulateFpga(Path dir) {
        simulate(dir, 6, false);
        try {
            String s = Files.readString(dir.resolve("result.json"))
                    .replace("\"area_um2\":535969.7", "\"fpga_resources\":{\"luts\":101973.5,\"ffs\":77824.0,"
                            + "\"dsps\":0.0,\"brams\":1367.0}")
                    .replace("\"technology\":\"asic:28nm\"", "\"technology\":\"xcvu9p\"")
                    .replace("\"dataflow\":\"os\"", "\"pe\":{\"family\":\"stripes\"}")
                    .replace("\"kind\":\"systolic\"", "\"kind\":\"bitserial\"");
            return write(dir.resolve("result.json"), s).getParent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A search run: result.json, assignment.csv, costs.csv, sensitivity.csv. */
    static Path search(Path dir) {
        StringBuilder layers = new StringBuilder();
        StringBuilder costs = new StringBuilder("layer,format,sensitivity,size_bits,latency_cycles\n");
        StringBuilder asg = new StringBuilder("layer,format,hardware,sensitivity,size_bits,latency_cycles\n");
        for (int i = 0; i < 12; i++) {
            String f = i % 3 == 0 ? "int4" : i % 3 == 1 ? "int8" : "fp8_e4m3";
            layers.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"layer\":\"l%d\",\"format\":\"%s\","
                    + "\"pinned\":%s,\"sensitivity\":%s,\"size_bits\":%d.0,\"latency_cycles\":%d.0}", i, f, i == 5,
                    0.01 * i, 1000 * (i + 1), 500 + i));
            costs.append(String.format(Locale.ROOT, "l%d,int4,%s,%d,%d%nl%d,int8,%s,%d,%d%n", i, 0.1 * i, 500 * (i + 1),
                    400 + i, i, 0.001 * i, 1000 * (i + 1), 500 + i));
            asg.append(String.format(Locale.ROOT, "l%d,%s,32x32,%s,%d.0,%d.0%n", i, f, 0.01 * i, 1000 * (i + 1),
                    500 + i));
        }
        write(dir.resolve("result.json"), "{\"what\":\"net on edge-32x32\",\"status\":\"OPTIMAL\","
                + "\"objective_metric\":\"sensitivity\",\"objective\":0.66,\"solver\":\"cpsat\",\"hardware\":\"32x32\","
                + "\"supported_formats\":[\"int4\",\"int8\",\"fp8_e4m3\"],\"units\":{\"sensitivity\":\"(lower is better)"
                + "\",\"size_bits\":\"bits\",\"latency_cycles\":\"cycles\"},\"totals\":{\"sensitivity\":0.66,"
                + "\"size_bits\":78000.0,\"latency_cycles\":6066.0},\"budgets\":[{\"metric\":\"size_bits\",\"limit\":"
                + "80000.0,\"total\":78000.0}],\"layers\":[" + layers + "],\"notes\":[\"a note\"]}");
        write(dir.resolve("assignment.csv"), asg.toString());
        write(dir.resolve("costs.csv"), costs.toString());
        write(dir.resolve("sensitivity.csv"), "layer,format,sensitivity\nl0,int4,0.1\nl0,int8,0.001\n");
        return dir;
    }

    /** A Pareto run's pareto.csv traced in 2 (size, sensitivity) or 3 metrics (+ latency). */
    static Path pareto(Path dir, boolean three) {
        StringBuilder sb = new StringBuilder("point,hardware,formats_used,sensitivity,size_bits,bops,latency_cycles,"
                + "assignment\n");
        int n = 0;
        for (int i = 0; i < 10; i++) {
            double size = 1000 + 100 * i;
            double sens = 10.0 / (i + 1);
            if (three) {
                for (int j = 0; j < 3; j++) {
                    sb.append(String.format(Locale.ROOT, "%d,table,\"int4:%d int8:%d\",%s,%s,%s,%s,int4;int8%n", n++,
                            10 - i, i, sens + 0.3 * j, size + 10 * j, 2 * size, 5000.0 - 700 * j - i));
                }
            } else {
                sb.append(String.format(Locale.ROOT, "%d,table,\"int4:%d int8:%d\",%s,%s,%s,%s,int4;int8%n", n++,
                        10 - i, i, sens, size, 2 * size, 5000.0));
            }
        }
        write(dir.resolve("pareto.csv"), sb.toString());
        return dir;
    }

    /** An RTL bundle with params.json and a Yosys stat for ice40 and xilinx. */
    static Path rtl(Path dir, String design) {
        write(dir.resolve("params.json"), "{\"generator\":\"qdse rtl-gen\",\"design\":\"" + design + "\",\"top\":"
                + "\"MacPe\",\"config\":{\"kind\":\"mac\",\"a\":\"int8\",\"b\":\"int8\",\"acc\":\"int32\"},"
                + "\"predicted\":{\"fpga_mac_units\":{\"xcvu9p_nodsp\":{\"luts\":226.04,\"ffs\":32.0,\"carry_cells\":"
                + "12.0,\"dsps\":0.0},\"xcvu9p\":{\"luts\":33.0,\"ffs\":32.0,\"carry_cells\":8.0,\"dsps\":1.0},"
                + "\"ice40-hx8k_nodsp\":{\"luts\":218.8,\"ffs\":32.0,\"carry_cells\":42.0,\"dsps\":0.0}},"
                + "\"asic_7nm_mac_area_um2\":32.53,\"scope\":\"one PE (the MAC datapath)\"}}");
        write(dir.resolve("build/stat_ice40.txt"), "\n4. Printing statistics.\n\n=== MacPe ===\n\n"
                + "   Number of wires:                 88\n   Number of cells:                293\n"
                + "     SB_CARRY                       41\n     SB_DFFESR                      32\n"
                + "     SB_LUT4                       220\n\n");
        write(dir.resolve("build/stat_xilinx.txt"), "\n=== MacPe ===\n\n   Number of cells:   70\n"
                + "     CARRY4   8\n     DSP48E2   1\n     FDRE   32\n     LUT2   20\n     LUT3   9\n\n");
        return dir;
    }

    /** The real calibration measurements and fit shipped with hwmodels. */
    static Path calibration(Path dir) {
        for (String f : new String[] {"pe_synthesis.csv", "lut_fit.csv"}) {
            try (InputStream in = Samples.class.getResourceAsStream("/io/qdse/hwmodels/fpga/" + f)) {
                Files.createDirectories(dir);
                Files.copy(in, dir.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** A sweep of {@code points} design points on two workloads; three objectives and FPGA resources if asked. */
    static Path sweep(Path dir, int points, boolean threeObjectives) {
        Random rnd = new Random(points);
        String metrics = threeObjectives
                ? "\"latency_ms\":\"ms\",\"energy_uj\":\"µJ\",\"tops_per_w\":\"TOPS/W\",\"utilization\":\"0..1\","
                    + "\"luts\":\"LUTs\",\"ffs\":\"FFs\",\"dsps\":\"DSPs\",\"brams\":\"BRAMs\""
                : "\"latency_ms\":\"ms\",\"energy_uj\":\"µJ\",\"tops_per_w\":\"TOPS/W\",\"utilization\":\"0..1\","
                    + "\"area_mm2\":\"mm²\",\"per_joule\":\"derived: 1e6 / energy_uj\"";
        String pareto = threeObjectives ? "[\"latency_ms\",\"energy_uj\",\"-tops_per_w\"]"
                : "[\"latency_ms\",\"energy_uj\"]";
        write(dir.resolve("manifest.json"), "{\"tool\":\"qdse\",\"space\":\"s.yaml\",\"space_sha256\":\"00\","
                + "\"name\":\"test\",\"seed\":1,\"sampling\":{\"method\":\"random\",\"samples\":" + points + "},"
                + "\"points\":" + points + ",\"rows_total\":" + 2 * points + ",\"rows_done\":" + 2 * points
                + ",\"status\":\"complete\",\"started\":\"s\",\"finished\":\"f\",\"pareto\":" + pareto
                + ",\"parameters\":[\"rows\",\"cols\"],\"metrics\":{" + metrics + "},\"constraints\":[\"area_mm2 <= 2\"]}");
        StringBuilder sb = new StringBuilder("point,workload,design,kind,rows,cols,arch,formats,latency_ms,energy_uj,"
                + "tops_per_w,utilization," + (threeObjectives ? "luts,ffs,dsps,brams" : "area_mm2,per_joule")
                + ",feasible,pareto,error\n");
        for (int p = 0; p < points; p++) {
            int r = 8 << rnd.nextInt(4);
            int c = 8 << rnd.nextInt(4);
            for (String w : new String[] {"resnet18", "llama:decode"}) {
                double lat = 1000.0 / (r * c) * (0.8 + rnd.nextDouble());
                double en = 500 + r * c * 0.5 * (0.8 + rnd.nextDouble());
                boolean front = rnd.nextInt(6) == 0;
                String tail = threeObjectives ? (r * c * 230) + "," + (r * c * 40) + "," + (r * c) + "," + (r + c)
                        : String.format(Locale.ROOT, "%s,%s", r * c * 0.0005, 1e6 / en);
                sb.append(String.format(Locale.ROOT, "%d,%s,0,systolic,%d,%d,\"edge#%d (%dx%d)\",\"w=int8,a=int8\","
                        + "%s,%s,%s,%s,%s,%s,%s,%s%n", p, w, r, c, p, r, c, lat, en, 3 * rnd.nextDouble(),
                        rnd.nextDouble(), tail, p % 7 != 3, front && p % 7 != 3, p == 4 ? "boom" : ""));
            }
        }
        write(dir.resolve("rows.csv"), sb.toString());
        return dir;
    }

    /** A compare.json as qdse compare writes it. */
    static Path compare(Path dir) {
        write(dir.resolve("compare.json"), "{\"workload\":\"resnet18\",\"engine\":\"analytical\",\"rows\":["
                + "{\"arch\":\"edge-32x32\",\"kind\":\"systolic\",\"summary\":\"32x32 os\",\"formats\":\"w=int8\","
                + "\"latency_ms\":5.2,\"throughput_inf_s\":192.5,\"energy_uj\":4118.0,\"power_w\":0.79,"
                + "\"area_mm2\":0.536,\"luts\":null,\"utilization\":0.68},"
                + "{\"arch\":\"tpu-v1-like\",\"kind\":\"systolic\",\"summary\":\"256x256 ws\",\"formats\":\"w=int8\","
                + "\"latency_ms\":1.1,\"throughput_inf_s\":909,\"energy_uj\":30000,\"power_w\":27,"
                + "\"area_mm2\":61.2,\"luts\":null,\"utilization\":0.07},"
                + "{\"arch\":\"fpga\",\"kind\":\"bitserial\",\"summary\":\"16x16\",\"formats\":\"w=int16\","
                + "\"latency_ms\":8.7,\"throughput_inf_s\":114,\"energy_uj\":52818,\"power_w\":6.0,"
                + "\"area_mm2\":null,\"luts\":101973,\"utilization\":0.83}],"
                + "\"units\":{\"latency_ms\":\"ms\",\"throughput_inf_s\":\"inferences/s\",\"energy_uj\":\"µJ\","
                + "\"power_w\":\"W\",\"area_mm2\":\"mm²\",\"luts\":\"LUTs\",\"utilization\":\"0..1\"}}");
        return dir;
    }

    /** A BitMoD-compatible run (tables only) and a SCALE-Sim run folder. */
    static Path compat(Path dir) {
        write(dir.resolve("bitmod/result.json"), "{\"compat\":\"bitmod@e445a5f\",\"accelerator\":\"bitmod-lossy\","
                + "\"pe_array\":[64,16],\"total_cycles\":92759616,\"energy_uj\":{\"dram\":445246.1,\"total\":505934.5},"
                + "\"layers\":[{\"layer\":\"q_proj\",\"compute_cycles\":131072,\"weight_bytes\":6422528.0},"
                + "{\"layer\":\"k_proj\",\"compute_cycles\":32768,\"weight_bytes\":1605632.0}]}");
        write(dir.resolve("scalesim/run1/COMPUTE_REPORT.csv"), "LayerID, Total Cycles, Stall Cycles, Overall Util %,"
                + " Mapping Efficiency %, Compute Util %,\n0, 407, 0, 29.48, 75.0, 29.41,\n1, 1263, 0, 60.8, 100.0, "
                + "60.76,\n");
        return dir;
    }
}
