package io.qdse.simulator.scalesim;

import io.qdse.simulator.arch.SystolicArray;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Expresses our accelerator and workload as SCALE-Sim inputs, so {@code --compat scalesim} can run presets and zoo
 * networks: SRAM sizes in whole kB, SCALE-Sim's default base addresses, and in USER mode a bandwidth of
 * {@code round(DRAM bytes per cycle)} words (SCALE-Sim words are bytes). Convolutions become SCALE-Sim conv layers
 * on the zero-padded input (SCALE-Sim has no padding); depthwise convolutions become SCALE-Sim's per-channel layers;
 * GEMMs become GEMM rows, one per batch element.
 */
public final class ScaleSimInputs {
    private ScaleSimInputs() {
    }

    public static ScaleSimConfig config(SystolicArray a, boolean userBandwidth) {
        int words = (int) Math.max(1, Math.round(a.dram().bitsPerCycle(a.clockMhz()) / 8));
        return new ScaleSimConfig(a.name(), a.rows(), a.cols(), kb(a.ifmapSram().sizeBytes()),
                kb(a.filterSram().sizeBytes()), kb(a.ofmapSram().sizeBytes()), 0, 10_000_000, 20_000_000,
                a.dataflow(), userBandwidth, List.of(words));
    }

    private static int kb(long bytes) {
        return (int) Math.max(1, bytes / 1024);
    }

    public static List<ScaleSimLayer> layers(Workload w) {
        List<ScaleSimLayer> out = new ArrayList<>();
        for (LayerOp op : w.ops()) {
            ConvGeometry g = op.conv();
            if (g == null) {
                for (long b = 0; b < op.batch(); b++) {
                    out.add(ScaleSimLayer.gemm(op.batch() == 1 ? op.name() : op.name() + "_" + b,
                            Math.toIntExact(op.m()), Math.toIntExact(op.n()), Math.toIntExact(op.k())));
                }
                continue;
            }
            int h = g.inH() + 2 * g.padH();
            int wd = g.inW() + 2 * g.padW();
            int images = (int) (op.m() / ((long) g.outH() * g.outW()));
            for (int img = 0; img < images; img++) {
                String base = images == 1 ? op.name() : op.name() + "_img" + img;
                if (g.groups() == 1) {
                    out.add(new ScaleSimLayer(base, h, wd, g.kernelH(), g.kernelW(), g.inChannels(),
                            g.outChannels(), g.strideH(), g.strideW()));
                } else {
                    int perGroupIn = g.inChannels() / g.groups();
                    int perGroupOut = g.outChannels() / g.groups();
                    for (int c = 0; c < g.groups(); c++) {
                        out.add(new ScaleSimLayer(base + "Channel_" + c, h, wd, g.kernelH(), g.kernelW(),
                                perGroupIn, perGroupOut, g.strideH(), g.strideW()));
                    }
                }
            }
        }
        return out;
    }
}
