package io.qdse.simulator.gpu;

import java.util.Locale;

/**
 * What executes a GEMM's multiply-accumulates on a GPU: a tensor-core MMA data type, or (where a GPU has no tensor-core
 * path for a type) the CUDA cores. {@link #bits()} is the operand width the MMA consumes from registers and shared
 * memory; the storage format of an operand may be narrower (weight-only and bit-plane paths widen it in registers).
 */
public enum MmaType {
    /** FP16 inputs, FP16 or FP32 accumulation ({@code mma.sync ... f16}, {@code wgmma ... f16}). */
    FP16(16, true, true),
    /** BF16 inputs, FP32 accumulation (sm_80 and later). */
    BF16(16, true, true),
    /** TF32 inputs (FP32 storage, 10-bit mantissa in the multiplier), FP32 accumulation (sm_80 and later). */
    TF32(32, true, true),
    /** FP8 E4M3/E5M2 inputs, FP32 accumulation (sm_89/sm_90 and later). */
    FP8(8, true, true),
    /** INT8 inputs, INT32 accumulation (sm_75 and later; not Volta). */
    INT8(8, false, true),
    /** INT4 inputs, INT32 accumulation (sm_75/sm_80; Hopper lists none). */
    INT4(4, false, true),
    /** Binary (1-bit) inputs with XOR/AND + popcount, INT32 accumulation: the bit-plane (APT) path. */
    B1(1, false, true),
    /** CUDA-core dot products of four INT8 pairs per lane and clock ({@code dp4a}): Volta's INT8 path. */
    DP4A(8, false, false),
    /** CUDA-core FP32 fused multiply-adds, one per lane and clock. */
    FP32_SIMT(32, true, false);

    private final int bits;
    private final boolean floating;
    private final boolean tensorCore;

    MmaType(int bits, boolean floating, boolean tensorCore) {
        this.bits = bits;
        this.floating = floating;
        this.tensorCore = tensorCore;
    }

    /** @return operand bits the MMA consumes per element */
    public int bits() {
        return bits;
    }

    /** @return whether throughput is counted in FLOPS (else in integer OPS) */
    public boolean floating() {
        return floating;
    }

    /** @return whether the tensor cores run it (else the CUDA cores) */
    public boolean tensorCore() {
        return tensorCore;
    }

    /** @return the lower-case name used in tables and JSON ({@code fp16}, {@code fp32_simt}) */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
