package io.qdse.simulator.gpu;

import java.util.List;

/**
 * A GPU generation: its tensor-core instruction shapes and the threadblock (CTA) tiles a CUTLASS-style library offers
 * on it. The tile lists are this project's reading of CUTLASS's instantiated configurations for each generation
 * (sm70 {@code mma.sync m8n8k4}, 2-stage double buffering; sm80 {@code mma.sync m16n8k16} with {@code cp.async}
 * multistage pipelines of 3 to 6 stages; sm90 {@code wgmma m64nNk16} warpgroup MMAs fed by TMA, 4 to 8 stages, plus
 * the sm80-style small-M tiles that skinny kernels (Marlin-style, cuBLAS GEMV-like) use there, costed at the same
 * rate for want of a published {@code mma.sync} rate on Hopper): tile M × N × K in elements, K doubled for 8-bit and
 * narrower operands.
 */
public enum GpuArch {
    /** Volta, sm_70 (V100). */
    VOLTA("sm_70", "mma.sync m8n8k4 f16 (a warp issues 4)", "ld.global + st.shared, double buffered"),
    /** Ampere, sm_80 (A100). */
    AMPERE("sm_80", "mma.sync m16n8k16 f16/bf16, m16n8k8 tf32, m16n8k32 s8, m16n8k64 s4, m16n8k256 b1",
            "cp.async multistage"),
    /** Hopper, sm_90 (H100, H200). */
    HOPPER("sm_90", "wgmma.mma_async m64nNk16 f16/bf16, m64nNk8 tf32, m64nNk32 e4m3/e5m2/s8, m64nNk256 b1",
            "TMA + mbarrier multistage, warp-specialised");

    private final String sm;
    private final String mmaShapes;
    private final String copy;

    GpuArch(String sm, String mmaShapes, String copy) {
        this.sm = sm;
        this.mmaShapes = mmaShapes;
        this.copy = copy;
    }

    /** @return compute capability, e.g. {@code sm_80} */
    public String sm() {
        return sm;
    }

    /** @return the MMA instructions and shapes (hardware-costs.md §5.2) */
    public String mmaShapes() {
        return mmaShapes;
    }

    /** @return how a k-block moves from global to shared memory */
    public String copy() {
        return copy;
    }

    /**
     * @param operandBits the MMA operand width (k per tile doubles at 8 bits and below)
     * @return the CTA tile candidates a library would choose among, before split-K
     */
    public List<TileConfig> tiles(int operandBits) {
        int k = operandBits <= 8 ? 2 : 1;
        switch (this) {
            case VOLTA:
                return List.of(t(128, 256, 32 * k, 2), t(256, 128, 32 * k, 2), t(128, 128, 32 * k, 2),
                        t(64, 128, 32 * k, 2), t(128, 64, 32 * k, 2), t(64, 64, 32 * k, 2), t(32, 128, 32 * k, 2),
                        t(16, 128, 32 * k, 2));
            case AMPERE:
                return List.of(t(128, 256, 32 * k, 3), t(256, 128, 32 * k, 3), t(128, 128, 32 * k, 4),
                        t(128, 128, 64 * k, 3), t(64, 128, 64 * k, 4), t(128, 64, 64 * k, 4), t(64, 64, 64 * k, 5),
                        t(64, 256, 32 * k, 4), t(32, 128, 64 * k, 4), t(16, 128, 128 * k, 4),
                        t(16, 256, 64 * k, 4));
            default: // warpgroup tiles (M a multiple of 64), and sm80-style mma.sync tiles for small M
                return List.of(t(128, 256, 64 * k, 4), t(256, 128, 64 * k, 4), t(128, 128, 64 * k, 5),
                        t(64, 256, 64 * k, 5), t(64, 128, 64 * k, 6), t(128, 64, 64 * k, 6), t(64, 64, 64 * k, 8),
                        t(32, 128, 64 * k, 6), t(16, 128, 128 * k, 6), t(16, 256, 64 * k, 6));
        }
    }

    private static TileConfig t(int m, int n, int k, int stages) {
        return new TileConfig(m, n, k, stages, 1);
    }
}
