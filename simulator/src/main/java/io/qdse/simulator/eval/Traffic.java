package io.qdse.simulator.eval;

/**
 * Data moved per memory level and operand, in bits (sub-byte elements and block-scale metadata included).
 *
 * @param sramIfmapReads   activations read from the ifmap scratchpad into the array
 * @param sramFilterReads  weights read from the filter scratchpad
 * @param sramOfmapReads   partial sums read back for accumulation across row folds
 * @param sramOfmapWrites  partial sums and outputs written
 * @param dramIfmapReads   activations fetched from DRAM (equal to the ifmap scratchpad's fill writes)
 * @param dramFilterReads  weights fetched from DRAM
 * @param dramOfmapReads   spilled partial sums read back from DRAM
 * @param dramOfmapWrites  outputs (and spilled partial sums) written to DRAM
 */
public record Traffic(long sramIfmapReads, long sramFilterReads, long sramOfmapReads, long sramOfmapWrites,
                      long dramIfmapReads, long dramFilterReads, long dramOfmapReads, long dramOfmapWrites) {

    public static final Traffic ZERO = new Traffic(0, 0, 0, 0, 0, 0, 0, 0);

    public Traffic plus(Traffic o) {
        return new Traffic(sramIfmapReads + o.sramIfmapReads, sramFilterReads + o.sramFilterReads,
                sramOfmapReads + o.sramOfmapReads, sramOfmapWrites + o.sramOfmapWrites,
                dramIfmapReads + o.dramIfmapReads, dramFilterReads + o.dramFilterReads,
                dramOfmapReads + o.dramOfmapReads, dramOfmapWrites + o.dramOfmapWrites);
    }

    public Traffic times(long k) {
        return new Traffic(sramIfmapReads * k, sramFilterReads * k, sramOfmapReads * k, sramOfmapWrites * k,
                dramIfmapReads * k, dramFilterReads * k, dramOfmapReads * k, dramOfmapWrites * k);
    }

    /** @return all DRAM bits moved */
    public long dramBits() {
        return dramIfmapReads + dramFilterReads + dramOfmapReads + dramOfmapWrites;
    }
}
