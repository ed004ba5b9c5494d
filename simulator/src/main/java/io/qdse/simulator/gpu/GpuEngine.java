package io.qdse.simulator.gpu;

import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.arch.TensorCoreGpu;
import io.qdse.simulator.eval.Cost;
import io.qdse.simulator.eval.Energy;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.eval.Traffic;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.LayerOp;

/**
 * The GPU's two engines behind {@link io.qdse.simulator.Simulator}: each op's GEMM is planned by the closed form
 * ({@link GpuKernelModel#best}); the analytical engine reports the closed form's latency, the cycle engine replays the
 * chosen kernel event by event ({@link GpuEventSim}). Both return the same {@link Evaluation}:
 * <ul>
 *   <li>cycles: latency × the preset clock; compute cycles: the busiest SM's MMA time; stalls: the rest;</li>
 *   <li>a "PE" is a tensor core: busy PE-cycles = MACs × tensor cores per SM / MACs per clock per SM of the path, so
 *       utilisation is the achieved fraction of the dense peak; mapping efficiency = useful / padded tile MACs;</li>
 *   <li>traffic: "SRAM" reads are the operand bytes the CTAs read from L2 into shared memory (A as ifmap, B as
 *       filter), "DRAM" the HBM reads and writes (split-K partials as ofmap reads);</li>
 *   <li>energy: HBM bits × the HBM family's pJ/bit only — no per-MMA energy is published for these GPUs, so the rest
 *       is left at zero (docs/gpu.md); cost: the die area.</li>
 * </ul>
 */
public final class GpuEngine {
    private final GpuKernelModel model;
    private final GpuEventSim events;
    private final boolean eventLevel;

    /** @param eventLevel replay each kernel event by event instead of reporting the closed form */
    public GpuEngine(GpuEfficiency eff, boolean eventLevel) {
        this.model = new GpuKernelModel(eff);
        this.events = new GpuEventSim(eff);
        this.eventLevel = eventLevel;
    }

    /** @return the closed form's plan for an op (the kernel the library would launch) */
    public GemmEstimate plan(LayerOp op, TensorCoreGpu gpu, LayerFormats f) {
        GpuSpec g = gpu.spec();
        GemmPath p = GemmPath.of(g, f, op.kind(), "--formats");
        return model.best(g, p, op.m(), op.n(), op.k(), op.batch(), aHbmScale(op));
    }

    /** @return the latency in µs the engine reports for a plan */
    public double latencyUs(GemmEstimate e) {
        return eventLevel ? events.run(e).latencyUs() : e.latencyUs();
    }

    /** Unique input bytes of an implicit-GEMM convolution as a fraction of its M·K im2col elements. */
    static double aHbmScale(LayerOp op) {
        ConvGeometry c = op.conv();
        if (c == null) {
            return 1;
        }
        double pixels = (double) c.outH() * c.outW();
        double images = Math.max(1, Math.round(op.m() / pixels));
        double unique = images * c.inH() * c.inW() * (c.inChannels() / (double) c.groups());
        return Math.min(1, unique / ((double) op.m() * op.k()));
    }

    public Evaluation evaluate(LayerOp op, TensorCoreGpu gpu, LayerFormats f) {
        GemmEstimate e = plan(op, gpu, f);
        GpuSpec g = gpu.spec();
        double us = latencyUs(e);
        long cycles = Math.max(1, Math.round(us * g.clockMhz()));
        long compute = Math.min(cycles, Math.round(e.mmaCycles()));
        long macs = op.macs();
        double perTc = e.path().macsPerClk(g) / g.tensorCoresPerSm();
        long busy = Math.round(macs / perTc);
        long peCycles = Math.multiplyExact(cycles, g.tensorCores());
        long padded = Math.max(macs, Math.round(e.paddedMacs()));
        TileConfig t = e.tile();
        double l2A = (double) e.ctas() * e.kIters() * t.bm() * t.bk() * e.path().aStoreBits();
        double l2B = (double) e.ctas() * e.kIters() * t.bn() * t.bk() * e.path().bStoreBits();
        double partialBits = t.splitK() > 1 ? (double) t.splitK() * op.batch() * op.m() * op.n()
                * GpuKernelModel.ACC_BYTES * 8 : 0;
        double readBits = (e.dramReadBytes() * 8) - partialBits;
        double readA = e.dramReadBytesA() * 8;
        Traffic tr = new Traffic(Math.round(l2A), Math.round(l2B), Math.round(partialBits),
                Math.round(e.dramWriteBytes() * 8), Math.round(readA), Math.round(Math.max(0, readBits - readA)),
                Math.round(partialBits), Math.round(e.dramWriteBytes() * 8));
        double dramPj = tr.dramBits() * g.dram().pjPerBit();
        return new Evaluation(cycles, cycles - compute, compute, macs, Math.min(busy, peCycles), peCycles, macs,
                padded, tr, new Energy(0, 0, 0, 0, dramPj, 0), new Cost.Area(g.dieAreaMm2() * 1e6));
    }
}
