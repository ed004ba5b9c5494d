package io.qdse.hwmodels.cost;

import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.internal.Nnls;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The 45 nm, 0.9 V cell coefficients, fitted to M. Horowitz, "Computing's energy problem (and what we can do about
 * it)", ISSCC 2014 (table as reprinted in Kim et al., arXiv:2302.14017 Fig. 15; shared/reference/hardware-costs.md
 * §1.1). The fit runs the same {@link DatapathBuilder} structures that estimates use through non-negative least
 * squares on relative error, so the coefficients are reproducible from the table and the structure alone.
 *
 * <p>Fixed, not fitted: a register bit's area is NanGate FreePDK45's DFF_X1 (4.522 µm²) and a logic gate's area
 * is NAND2_X1 (0.798 µm²) (NanGate 45 nm Open Cell Library); a register bit's energy per clock is the fitted
 * adder-bit energy scaled by the DFF/adder-bit area ratio (energy ∝ switched capacitance ∝ cell area at equal
 * activity: an approximation, not a measurement).
 *
 * <p>Delay: one gate delay at 45 nm is set so that an INT8×INT8 MAC with an INT32 accumulator has the critical
 * path Wu et al. (HPCA 2025, SMIC 28 nm) report for that MAC at 1.5 GHz (0.667 ns), scaled 28→45 nm with feature
 * size. That anchor is relayed by a secondary source (reference §4.3 [S]); treat delays as ±2×.
 */
public final class AsicCalibration {

    /** One row of Horowitz's table. */
    public record Point(String label, OpSpec op, double energyPj, double areaUm2) {
    }

    /** NanGate FreePDK45 Open Cell Library DFF_X1 area, µm². */
    public static final double DFF_AREA_UM2 = 4.522;
    /** NanGate FreePDK45 Open Cell Library NAND2_X1 area, µm² (one gate equivalent). */
    public static final double NAND2_AREA_UM2 = 0.798;
    /** INT8 MAC cycle at 1.5 GHz, SMIC 28 nm (Wu et al., HPCA 2025, via reference §4.3 [S]), ns. */
    public static final double INT8_MAC_DELAY_28NM_NS = 1 / 1.5;

    private static final List<Point> HOROWITZ = List.of(
            new Point("8b int add", OpSpec.add(Formats.INT8, Formats.INT8), 0.03, 36),
            new Point("16b int add", OpSpec.add(Formats.parse("int16"), Formats.parse("int16")), 0.05, 67),
            new Point("32b int add", OpSpec.add(Formats.INT32, Formats.INT32), 0.1, 137),
            new Point("16b FP add", OpSpec.add(Formats.FP16, Formats.FP16), 0.4, 1360),
            new Point("32b FP add", OpSpec.add(Formats.FP32, Formats.FP32), 0.9, 4184),
            new Point("8b int mult", OpSpec.mul(Formats.INT8, Formats.INT8), 0.2, 282),
            new Point("32b int mult", OpSpec.mul(Formats.INT32, Formats.INT32), 3.1, 3495),
            new Point("16b FP mult", OpSpec.mul(Formats.FP16, Formats.FP16), 1.1, 1640),
            new Point("32b FP mult", OpSpec.mul(Formats.FP32, Formats.FP32), 3.7, 7700));

    private static final Component[] AREA_FITTED = {Component.ADDER_BIT, Component.PP_INT, Component.PP_FP,
        Component.SHIFT_MUX, Component.SHIFT_WIRE, Component.UNIT};
    private static final Component[] ENERGY_FITTED = {Component.ADDER_BIT, Component.PP_INT, Component.PP_GLITCH,
        Component.PP_FP, Component.SHIFT_MUX, Component.SHIFT_WIRE, Component.LOGIC_GATE, Component.UNIT};

    private final Map<Component, Double> areaUm2;
    private final Map<Component, Double> energyPj;
    private final double gateDelayNs;

    private static final AsicCalibration INSTANCE = new AsicCalibration();

    /** @return the fitted 45 nm calibration (computed once per JVM) */
    public static AsicCalibration horowitz45nm() {
        return INSTANCE;
    }

    /** @return the table rows the fit uses */
    public static List<Point> points() {
        return HOROWITZ;
    }

    private AsicCalibration() {
        EnumMap<Component, Double> area = new EnumMap<>(Component.class);
        area.put(Component.REGISTER_BIT, DFF_AREA_UM2);
        area.put(Component.LOGIC_GATE, NAND2_AREA_UM2);
        area.put(Component.PP_GLITCH, 0.0);
        fit(area, AREA_FITTED, true);
        EnumMap<Component, Double> energy = new EnumMap<>(Component.class);
        fit(energy, ENERGY_FITTED, false);
        energy.put(Component.REGISTER_BIT,
                energy.get(Component.ADDER_BIT) * DFF_AREA_UM2 / area.get(Component.ADDER_BIT));
        this.areaUm2 = Collections.unmodifiableMap(area);
        this.energyPj = Collections.unmodifiableMap(energy);
        double stages = DatapathBuilder.build(OpSpec.mac(Formats.INT8, Formats.INT8,
                FixedPointAccumulator.integer(32), 1)).criticalPathStages();
        this.gateDelayNs = INT8_MAC_DELAY_28NM_NS / stages * (45.0 / 28.0);
    }

    /** Relative-error NNLS over the table: minimise Σ((model − table)/table)² with fixed components held. */
    private static void fit(EnumMap<Component, Double> coeff, Component[] free, boolean area) {
        int rows = HOROWITZ.size();
        double[][] a = new double[rows][free.length];
        double[] b = new double[rows];
        for (int i = 0; i < rows; i++) {
            Point p = HOROWITZ.get(i);
            double target = area ? p.areaUm2() : p.energyPj();
            Map<Component, Double> t = DatapathBuilder.build(p.op()).totals();
            double fixed = 0;
            for (Map.Entry<Component, Double> e : coeff.entrySet()) {
                fixed += t.getOrDefault(e.getKey(), 0.0) * e.getValue();
            }
            for (int j = 0; j < free.length; j++) {
                a[i][j] = t.getOrDefault(free[j], 0.0) / target;
            }
            b[i] = (target - fixed) / target;
        }
        double[] x = Nnls.solve(a, b);
        for (int j = 0; j < free.length; j++) {
            coeff.put(free[j], x[j]);
        }
    }

    /** @return µm² per component unit at 45 nm */
    public Map<Component, Double> areaUm2() {
        return areaUm2;
    }

    /** @return pJ per component unit per operation at 45 nm, 0.9 V */
    public Map<Component, Double> energyPj() {
        return energyPj;
    }

    /** @return one gate delay at 45 nm, ns */
    public double gateDelayNs() {
        return gateDelayNs;
    }

    /** @return the formats used in the table, for documentation */
    public static List<NumberFormat> tableFormats() {
        return List.of(Formats.INT8, Formats.INT32, Formats.FP16, Formats.FP32);
    }
}
