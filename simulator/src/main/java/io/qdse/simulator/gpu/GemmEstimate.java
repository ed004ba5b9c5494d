package io.qdse.simulator.gpu;

/**
 * The closed form's account of one GEMM (all its batch items) under one kernel configuration. Times are GPU clock
 * cycles at {@link GpuSpec#clockMhz()} unless named in µs.
 *
 * @param gpu         the GPU
 * @param path        how the formats run
 * @param m           rows of A and C
 * @param n           columns of B and C
 * @param k           reduction length
 * @param batch       independent GEMMs
 * @param tile        the CTA tile, pipeline depth and split-K
 * @param ctas        CTAs launched (tiles × batch × split-K)
 * @param occupancy   CTAs resident per SM (shared memory and accumulator registers)
 * @param waves       rounds of {@code SMs × occupancy} CTAs
 * @param kIters      k-blocks per CTA
 * @param mmaCycles   the busiest SM's tensor-core time
 * @param smemCycles  the busiest SM's shared-memory read time (operand fragments to registers)
 * @param latencyCycles the busiest SM's time bound by load latency (only stages − 1 k-blocks in flight per CTA)
 * @param dequantCycles the busiest SM's CUDA-core time widening narrow operands and recovering bit planes
 * @param hbmCycles   HBM time for {@link #dramReadBytes} + {@link #dramWriteBytes}
 * @param l2Cycles    L2 time for {@link #l2ReadBytes}
 * @param fixedUs     per-kernel fixed time plus pipeline fills, µs
 * @param dramReadBytes  A and B bytes fetched from HBM (L2 reuse across concurrently running CTAs taken)
 * @param dramReadBytesA the part of the reads that is A
 * @param dramWriteBytes C (and split-K partials) written
 * @param l2ReadBytes    operand bytes the CTAs read from L2 into shared memory
 * @param paddedMacs  MACs the tiles compute including padding at the edges
 * @param latencyUs   the kernel's latency, µs
 * @param bound       what limits it
 */
public record GemmEstimate(GpuSpec gpu, GemmPath path, long m, long n, long k, long batch, TileConfig tile, long ctas,
                           int occupancy, long waves, long kIters, double mmaCycles, double smemCycles,
                           double latencyCycles, double dequantCycles, double hbmCycles, double l2Cycles,
                           double fixedUs, double dramReadBytes, double dramReadBytesA, double dramWriteBytes,
                           double l2ReadBytes, double paddedMacs, double latencyUs, Bound bound) {

    /** What limits a GEMM. */
    public enum Bound {
        /** Tensor-core (or CUDA-core) multiply-accumulate throughput. */
        MMA,
        /** Shared-memory bandwidth feeding the MMAs. */
        SMEM,
        /** Load latency with too few k-blocks in flight (small grids, shallow pipelines). */
        LATENCY,
        /** CUDA-core work to widen narrow operands (dequantization) or recover bit planes. */
        DEQUANT,
        /** HBM bandwidth. */
        HBM,
        /** L2 bandwidth. */
        L2,
        /** The fixed per-kernel time dominates (tiny GEMMs). */
        LAUNCH;

        /** @return lower-case name for JSON and tables */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** @return multiply-accumulates of the GEMM */
    public double macs() {
        return (double) batch * m * n * k;
    }

    /** @return achieved tera-operations per second (2 per MAC): TFLOPS for float MMAs, TOPS for integer ones */
    public double teraOps() {
        return 2 * macs() / (latencyUs * 1e-6) / 1e12;
    }

    /** @return the overlapped pipes' time, the longest of compute, HBM and L2 (cycles) */
    public double bodyCycles() {
        return Math.max(Math.max(computeCycles(), hbmCycles), l2Cycles);
    }

    /** @return the SM-side time: the longest of MMA, shared memory, latency and CUDA-core (dequantization) time */
    public double computeCycles() {
        return Math.max(Math.max(Math.max(mmaCycles, smemCycles), latencyCycles), dequantCycles);
    }

    /** @return latency in GPU cycles at the preset clock */
    public double cycles() {
        return latencyUs * gpu.clockMhz();
    }

    /** @return bytes moved to or from HBM */
    public double dramBytes() {
        return dramReadBytes + dramWriteBytes;
    }
}
