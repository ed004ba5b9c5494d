package io.qdse.simulator.gpu;

import io.qdse.hwmodels.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The closed-form model of a CUTLASS-style GEMM kernel on a GPU, used for sweeps and search. For each candidate CTA
 * tile of the GPU's generation ({@link GpuArch#tiles}) and split-K factor it computes, per the busiest SM:
 * <ul>
 *   <li>tensor-core time: ⌈CTAs / SMs⌉ × k-blocks × BM·BN·BK / (MACs/clk/SM × {@link GpuEfficiency#mmaEfficiency});
 *       wave and tile quantisation come from the ceilings and the padded tiles;</li>
 *   <li>shared-memory time: the operand fragments read per k-block at 128 B/clk/SM (32 banks × 4 B);</li>
 *   <li>latency time: a CTA keeps stages − 1 k-blocks in flight, so with c CTAs resident a k-block takes at least
 *       latency / ((stages − 1) · c) — Little's law for the software pipeline;</li>
 *   <li>CUDA-core time: widening narrow operands (per element of each tile's k-blocks) and bit-plane recovery, on the
 *       FP32 lanes; it overlaps the tensor cores (different pipes, warps interleaved);</li>
 *   <li>HBM time: A, B read with L2 reuse between the CTAs running at once (a near-square raster of P = SMs ×
 *       occupancy tiles shares its A rows and B columns; operands that fit in half the L2 are read once), C written,
 *       split-K partials written and read in fp32, at {@link GpuEfficiency#hbmEfficiency} of the peak;</li>
 *   <li>L2 time: every CTA's operand bytes at the L2 bandwidth.</li>
 * </ul>
 * The pipes overlap (loads are asynchronous and epilogues overlap the next tile's main loop): the kernel takes the
 * longest of compute (tensor core, shared memory, latency or CUDA cores), HBM and L2, plus the fixed
 * per-kernel time and one load latency of pipeline fill (one per wave when a single CTA fits per SM, whose fill
 * nothing hides). The library's choice is the candidate with the shortest estimate (on a tie, the one computing the
 * fewest padded MACs). Pure and thread-safe.
 */
public final class GpuKernelModel {
    /** Shared-memory bandwidth per SM: 32 banks × 4 bytes per clock (CUDA C programming guide). */
    public static final double SMEM_BYTES_PER_CLK = 128;
    /** Split-K factors a library considers. */
    static final int[] SPLITS = {1, 2, 3, 4, 6, 8, 12, 16};
    /** Share of the register file accumulators may take (the rest holds fragments and addresses). */
    static final double ACC_REG_SHARE = 0.75;
    /** Bytes of an fp32 accumulator or split-K partial. */
    static final double ACC_BYTES = 4;

    private final GpuEfficiency eff;
    private final boolean epilogueOverlap;

    public GpuKernelModel(GpuEfficiency eff) {
        this(eff, true);
    }

    /**
     * @param epilogueOverlap whether a kernel hides a tile's epilogue (its C tile written to HBM) behind MMA work
     *                        when only one CTA fits per SM: CUTLASS/cuBLAS Hopper "ping-pong" kernels do (two
     *                        consumer warpgroups alternate tiles); a kernel with one math pipeline per SM, such as
     *                        DeepGEMM's (its README lists overlap of data movement, MMA and promotion, and of the TMA
     *                        store only with the scaling-factor load), does not
     */
    public GpuKernelModel(GpuEfficiency eff, boolean epilogueOverlap) {
        this.eff = eff;
        this.epilogueOverlap = epilogueOverlap;
    }

    public GpuKernelModel() {
        this(GpuEfficiency.CALIBRATED);
    }

    public GpuEfficiency efficiency() {
        return eff;
    }

    /** @return the best configuration's estimate, as a library picking its fastest kernel would */
    public GemmEstimate best(GpuSpec g, GemmPath p, long m, long n, long k, long batch) {
        return best(g, p, m, n, k, batch, 1);
    }

    /**
     * @param aHbmScale unique HBM bytes of A as a fraction of M·K elements (an implicit-GEMM convolution reads each
     *                  input pixel once, not once per overlapping window); 1 for plain GEMMs
     * @return the best configuration's estimate, as a library picking its fastest kernel would
     */
    public GemmEstimate best(GpuSpec g, GemmPath p, long m, long n, long k, long batch, double aHbmScale) {
        checkShape(m, n, k, batch);
        GemmEstimate best = null;
        for (TileConfig base : g.arch().tiles(p.mma().bits())) {
            for (int s : SPLITS) {
                GemmEstimate e = at(g, p, m, n, k, batch, base.withSplitK(s), false, aHbmScale);
                if (e != null && (best == null || better(e, best))) {
                    best = e;
                }
            }
        }
        if (best == null) { // no candidate fits (never on the presets): the smallest tile, unsplit
            List<TileConfig> t = g.arch().tiles(p.mma().bits());
            best = at(g, p, m, n, k, batch, t.get(t.size() - 1), true, aHbmScale);
        }
        return best;
    }

    /** Shorter latency wins; on a tie (latency-bound configurations), the one computing fewer padded MACs. */
    private static boolean better(GemmEstimate a, GemmEstimate b) {
        double d = a.latencyUs() - b.latencyUs();
        if (Math.abs(d) > 1e-9 * b.latencyUs()) {
            return d < 0;
        }
        return a.paddedMacs() < b.paddedMacs();
    }

    /** @return every admissible candidate's estimate (for reports and tests) */
    public List<GemmEstimate> candidates(GpuSpec g, GemmPath p, long m, long n, long k, long batch) {
        List<GemmEstimate> out = new ArrayList<>();
        for (TileConfig base : g.arch().tiles(p.mma().bits())) {
            for (int s : SPLITS) {
                GemmEstimate e = at(g, p, m, n, k, batch, base.withSplitK(s), false, 1);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static void checkShape(long m, long n, long k, long batch) {
        long[][] v = {{m, 'M'}, {n, 'N'}, {k, 'K'}, {batch, 'B'}};
        for (long[] x : v) {
            if (x[0] <= 0) {
                throw new InvalidInputException(x[1] == 'B' ? "batch" : String.valueOf((char) x[1]), x[0],
                        "must be > 0");
            }
        }
    }

    /** Shared memory one CTA of this tile needs, bytes (operands stored in their storage bits). */
    static double smemPerCta(GemmPath p, TileConfig t) {
        return t.stages() * (t.bm() * p.aStoreBits() + t.bn() * p.bStoreBits()) * t.bk() / 8.0;
    }

    /** CTAs of this tile that fit on an SM at once (shared memory, accumulator registers), 1..4. */
    static int occupancy(GpuSpec g, GemmPath p, TileConfig t) {
        double smem = smemPerCta(p, t);
        int bySmem = (int) Math.floor(g.smemPerSmKib() * 1024.0 / smem);
        int byRegs = (int) Math.floor(ACC_REG_SHARE * g.regFileKib() * 1024.0 / ACC_BYTES / ((double) t.bm()
                * t.bn()));
        return Math.max(1, Math.min(4, Math.min(bySmem, byRegs)));
    }

    /**
     * @param force evaluate even a configuration a library would not run (too much shared memory, pointless split)
     * @return the estimate, or null when the configuration is not admissible
     */
    public GemmEstimate at(GpuSpec g, GemmPath p, long m, long n, long k, long batch, TileConfig t, boolean force,
                           double aHbmScale) {
        double smem = smemPerCta(p, t);
        if (!force && smem > g.smemPerSmKib() * 1024.0) {
            return null;
        }
        int sms = g.sms();
        long tm = ceil(m, t.bm());
        long tn = ceil(n, t.bn());
        long base = tm * tn * batch;
        int s = t.splitK();
        // a library splits K while the CTAs fit one wave at the kernel's occupancy (two waves when fewer than two
        // CTAs fit an SM); a cap of two waves left skinny weight-only GEMMs on sm_70's two-stage pipeline bound by
        // load latency (V100 W4A16 = W8A16 at 1 x 4096 x 14336); cal-v1's fit and the held-out errors are unchanged
        if (!force && s > 1 && (base * s > Math.max(2L, occupancy(g, p, t)) * sms || ceil(k, s) < 2L * t.bk())) {
            return null;
        }
        long ctas = base * s;
        long kPer = ceil(k, s);
        long kIters = ceil(kPer, t.bk());
        int occ = occupancy(g, p, t);
        long perSm = ceil(ctas, sms);
        int conc = (int) Math.max(1, Math.min(occ, perSm));
        double clkHz = g.clockMhz() * 1e6;
        double lat = eff.memLatencyNs() * 1e-9 * clkHz;
        double rate = p.macsPerClk(g) * eff.mmaEfficiency();
        double tileMacs = (double) t.bm() * t.bn() * t.bk();
        double mma = perSm * (double) kIters * tileMacs / rate;
        double latency = perSm * (double) kIters * lat / ((t.stages() - 1) * (double) conc);
        double smemRd = perSm * (double) kIters * (t.bm() * p.aStoreBits() + t.bn() * p.bStoreBits()) * t.bk() / 8.0
                / SMEM_BYTES_PER_CLK;
        double lanes = g.fp32LanesPerSm();
        double deq = perSm * (double) kIters * t.bk() * (t.bm() * p.aDequantOps() + t.bn() * p.bDequantOps()) / lanes;
        if (p.kind() == GemmPath.Kind.BIT_PLANE) { // shift-add recovery of p·q plane products per output, per CTA
            deq += perSm * 2.0 * p.planeProducts() * t.bm() * t.bn() / lanes;
        }
        // HBM traffic
        double aBytes = (double) batch * m * k * p.aStoreBits() / 8 * aHbmScale;
        double bBytes = (double) batch * k * n * p.bStoreBits() / 8;
        double cBytes = (double) batch * m * n * p.cBits() / 8;
        long conc1 = Math.min(ctas, (long) sms * occ);
        double rd;
        double rdA;
        if (aBytes + bBytes <= 0.5 * g.l2Bytes()) {
            rd = aBytes + bBytes;
            rdA = aBytes;
        } else {
            long tc = Math.max(1, Math.min(tn, Math.round(Math.sqrt(conc1 * (double) t.bm() / t.bn()))));
            long tr = Math.max(1, Math.min(tm * batch, ceil(conc1, tc)));
            double wavesF = (double) ctas / conc1;
            double perWaveA = tr * (double) t.bm() * kPer * p.aStoreBits() / 8 * aHbmScale;
            double perWaveB = tc * (double) t.bn() * kPer * p.bStoreBits() / 8;
            double ra = Math.max(aBytes, Math.min(wavesF * perWaveA, aBytes * tn));
            double rb = Math.max(bBytes, Math.min(wavesF * perWaveB, bBytes * tm));
            rd = ra + rb;
            rdA = ra;
        }
        double partials = s > 1 ? (double) s * batch * m * n * ACC_BYTES : 0;
        double wr = cBytes + partials;
        double hbm = (rd + wr + partials) / (g.hbmBytesPerClk() * eff.hbmEfficiency());
        double l2Bytes = (double) ctas * kIters * (t.bm() * p.aStoreBits() + t.bn() * p.bStoreBits()) * t.bk() / 8;
        double l2 = l2Bytes / g.l2BytesPerClk();
        long waves = ceil(ctas, (long) sms * occ);
        double fills = 1 + (occ == 1 ? waves - 1 : 0);
        double fixedUs = eff.fixedUs() + fills * eff.memLatencyNs() * 1e-3;
        double compute = Math.max(Math.max(Math.max(mma, smemRd), latency), deq);
        if (!epilogueOverlap && occ == 1) {
            // one CTA per SM and no second pipeline: each tile's C is written after its mainloop, every SM of a wave
            // at once, at the HBM rate
            double tileC = (double) t.bm() * t.bn() * (s > 1 ? ACC_BYTES : p.cBits() / 8);
            compute += ctas * tileC / (g.hbmBytesPerClk() * eff.hbmEfficiency());
        }
        double body = Math.max(Math.max(compute, hbm), l2);
        double us = body / clkHz * 1e6 + fixedUs;
        GemmEstimate.Bound bound;
        if (fixedUs > body / clkHz * 1e6) {
            bound = GemmEstimate.Bound.LAUNCH;
        } else if (hbm >= compute && hbm >= l2) {
            bound = GemmEstimate.Bound.HBM;
        } else if (l2 >= compute) {
            bound = GemmEstimate.Bound.L2;
        } else if (deq >= Math.max(Math.max(mma, smemRd), latency)) {
            bound = GemmEstimate.Bound.DEQUANT;
        } else if (mma >= smemRd && mma >= latency) {
            bound = GemmEstimate.Bound.MMA;
        } else if (smemRd >= latency) {
            bound = GemmEstimate.Bound.SMEM;
        } else {
            bound = GemmEstimate.Bound.LATENCY;
        }
        double padded = (double) base * t.bm() * t.bn() * (double) kIters * t.bk() * s;
        return new GemmEstimate(g, p, m, n, k, batch, t, ctas, occ, waves, kIters, mma, smemRd, latency, deq, hbm, l2,
                fixedUs, rd + partials, rdA, wr, l2Bytes, padded, us, bound);
    }

    static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }
}
