package io.qdse.hwmodels.cost;

import io.qdse.hwmodels.calib.ModelError;
import io.qdse.hwmodels.tech.AsicTechnology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Area, energy and delay of arithmetic on an ASIC node: structural cell counts ({@link DatapathBuilder}) times
 * per-cell coefficients calibrated at 45 nm ({@link AsicCalibration}), scaled to the node by Stillmaker–Baas.
 * Pure and thread-safe.
 *
 * <p>Accuracy: the calibrated model reproduces every row of Horowitz's 45 nm table within 5 % (area and energy;
 * see {@code AsicCalibrationTest}); that table is itself one source, and other 45 nm characterisations differ by
 * 2–4× (reference §1.3). FP8×FP8 MAC energy overheads vs INT8 (+73 % with an FP16, +204 % with an FP32
 * accumulator) land on van Baalen et al.'s +53 % / +183 %; area overheads are larger (Horowitz's FP adders are
 * 20–30× the area of his integer adders), see docs/cost-models.md §1.1 and {@code Fp8AreaGapTest}.
 */
public final class AsicCostModel {
    private final AsicCalibration calibration;

    public AsicCostModel(AsicCalibration calibration) {
        this.calibration = calibration;
    }

    /** @return the model calibrated to Horowitz's 45 nm table */
    public static AsicCostModel standard() {
        return new AsicCostModel(AsicCalibration.horowitz45nm());
    }

    /**
     * @return the calibration error beside an estimate on {@code tech}: area and energy of every Horowitz row against
     *     the model (the fit's own rows: nothing was held out of nine), plus a note when the node is scaled
     */
    public ModelError calibrationError(AsicTechnology tech) {
        List<Double> errs = new ArrayList<>();
        AsicTechnology n45 = AsicTechnology.of(45);
        for (AsicCalibration.Point p : AsicCalibration.points()) {
            AsicCost c = estimate(p.op(), n45);
            errs.add(100 * (c.areaUm2() / p.areaUm2() - 1));
            errs.add(100 * (c.energyPj() / p.energyPj() - 1));
        }
        String basis = "Horowitz 45 nm, area+energy of 9 fitted rows"
                + (tech.nodeNm() == 45 ? "" : "; " + tech.name() + " by Stillmaker-Baas scaling");
        return ModelError.of(errs, basis);
    }

    public AsicCost estimate(OpSpec op, AsicTechnology tech) {
        return estimate(op, DatapathBuilder.build(op), tech);
    }

    /**
     * Cost of any structure built from the model's cells (e.g. a bit-serial PE, {@link BitSerialPeBuilder}):
     * area of all blocks, energy of one pass through all of them, delay of the critical path.
     */
    public AsicCost estimate(Datapath d, AsicTechnology tech) {
        return estimate(null, d, tech);
    }

    private AsicCost estimate(OpSpec op, Datapath d, AsicTechnology tech) {
        double af = tech.areaFactor();
        double ef = tech.energyFactor();
        List<AsicCost.BlockCost> parts = new ArrayList<>();
        double area = 0;
        double energy = 0;
        for (Block b : d.blocks()) {
            double ba = 0;
            double be = 0;
            for (Map.Entry<Component, Double> e : b.counts().entrySet()) {
                ba += e.getValue() * calibration.areaUm2().getOrDefault(e.getKey(), 0.0);
                be += e.getValue() * calibration.energyPj().getOrDefault(e.getKey(), 0.0);
            }
            parts.add(new AsicCost.BlockCost(b.name(), ba * af, be * ef));
            area += ba;
            energy += be;
        }
        double delay = d.criticalPathStages() * calibration.gateDelayNs() * tech.delayFactor();
        return new AsicCost(op, tech, area * af, energy * ef, delay, parts);
    }
}
