package io.qdse.simulator.arch;

/** A hardware design an engine evaluates layers on. */
public sealed interface Accelerator permits SystolicArray {

    /** @return the name it was loaded as (preset name or file) */
    String name();
}
