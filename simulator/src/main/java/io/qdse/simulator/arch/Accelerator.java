package io.qdse.simulator.arch;

import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.Target;

/**
 * A hardware design the simulator evaluates layers on. Each kind has its own engines (analytical and cycle-stepped,
 * registered in {@link io.qdse.simulator.Simulator}) and returns the same
 * {@link io.qdse.simulator.eval.Evaluation}.
 */
public sealed interface Accelerator permits SystolicArray, BitSerialArray, FpgaDataflow, TensorCoreGpu {

    /** @return the name it was loaded as (preset name or file) */
    String name();

    /** @return the kind's key in architecture files and preset names: {@code systolic}, {@code bitserial} */
    String kind();

    /** @return clock frequency in MHz */
    double clockMhz();

    /** @return where it is built (ASIC node or FPGA part) */
    Target technology();

    /** @return off-chip memory */
    DramSpec dram();

    /** @return default formats of every layer (a layer may override) */
    LayerFormats formats();

    /** @return the same design with other default formats */
    Accelerator withFormats(LayerFormats f);

    /** @return compute units (PEs, or lanes of bit-serial PEs): the denominator of utilisation */
    long computeUnits();

    /**
     * @return multiply-accumulates the design can complete per cycle in these formats (the compute roof of a
     *     roofline: PEs for a systolic array; for a bit-serial array its lanes × products per lane / cycles per step)
     */
    double peakMacsPerCycle(LayerFormats f);

    /** @return a one-line description for tables and reports */
    String summary();

    /** @return the ASIC node, or 45 nm when the target is an FPGA (SRAM/DRAM energies still need a node) */
    default AsicTechnology asicOrDefault() {
        return technology() instanceof AsicTechnology ? (AsicTechnology) technology() : AsicTechnology.of(45);
    }

    /** Refuses formats the design cannot run (e.g. a precision above a bit-serial PE's), naming the field. */
    default void checkFormats(LayerFormats f, String field) {
    }
}
