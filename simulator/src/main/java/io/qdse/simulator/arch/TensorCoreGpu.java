package io.qdse.simulator.arch;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.Target;
import io.qdse.simulator.gpu.GemmPath;
import io.qdse.simulator.gpu.GpuSpec;
import io.qdse.simulator.workload.OpKind;

/**
 * A tensor-core GPU ({@code --arch gpu:NAME}): the chip's figures in {@link GpuSpec} and the layers' default formats.
 * Its engines live in {@link io.qdse.simulator.gpu}: the closed-form CUTLASS-style kernel model (analytical) and the
 * event-level SM pipeline simulation (cycle).
 *
 * @param spec    the GPU (presets in {@link io.qdse.simulator.gpu.GpuPresets}, each figure sourced)
 * @param formats default formats of every layer
 */
public record TensorCoreGpu(GpuSpec spec, LayerFormats formats) implements Accelerator {

    public TensorCoreGpu {
        require(spec != null, "arch", null, "a GPU preset (gpu:NAME)");
        require(formats != null, "arch.formats", null, "default layer formats");
    }

    @Override
    public String name() {
        return "gpu:" + spec.name();
    }

    @Override
    public String kind() {
        return "gpu";
    }

    @Override
    public double clockMhz() {
        return spec.clockMhz();
    }

    @Override
    public Target technology() {
        return AsicTechnology.of(spec.nodeNm());
    }

    @Override
    public DramSpec dram() {
        return new DramSpec(spec.dram(), spec.hbmGBs());
    }

    @Override
    public TensorCoreGpu withFormats(LayerFormats f) {
        return new TensorCoreGpu(spec, f);
    }

    /** @return tensor cores on the chip (the units utilisation is counted over) */
    @Override
    public long computeUnits() {
        return spec.tensorCores();
    }

    /** @return dense MACs per clock of the whole chip for weight GEMMs in these formats (NaN if refused) */
    @Override
    public double peakMacsPerCycle(LayerFormats f) {
        try {
            return spec.sms() * GemmPath.of(spec, f, OpKind.LINEAR, "formats").macsPerClk(spec);
        } catch (InvalidInputException e) {
            return Double.NaN;
        }
    }

    @Override
    public String summary() {
        return name() + ": " + spec.describe();
    }

    /** Refuses formats the GPU has no path for (naming the field); fallbacks are accepted and reported as notes. */
    @Override
    public void checkFormats(LayerFormats f, String field) {
        GemmPath.of(spec, f, OpKind.LINEAR, field);
        GemmPath.of(spec, f, OpKind.KV_MATMUL, field);
        GemmPath.of(spec, f, OpKind.MATMUL, field);
    }
}
