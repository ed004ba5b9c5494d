package io.qdse.hwmodels.tech;

/** Where a datapath is built: an ASIC technology node or an FPGA part. */
public sealed interface Target permits AsicTechnology, FpgaPart {

    /** @return the spelling {@link Targets#parse} accepts, e.g. {@code asic:45nm}, {@code fpga:xcvu9p} */
    String name();
}
