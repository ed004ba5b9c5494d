package io.qdse.hwmodels.tech;

import static io.qdse.hwmodels.InvalidInputException.require;

import io.qdse.hwmodels.format.Formats;

/**
 * A CMOS node and supply voltage. The cost model is calibrated at 45 nm, 0.9 V (Horowitz, ISSCC 2014) and scaled to
 * other nodes by {@link StillmakerBaas}. The default voltage at every node is 0.9 V, the calibration voltage; give
 * another with {@code asic:7nm@0.7V}.
 *
 * @param nodeNm feature size in nm, 7–130
 * @param vdd    supply voltage in V, 0.5–1.5
 */
public record AsicTechnology(double nodeNm, double vdd) implements Target {
    /** Voltage of the Horowitz 45 nm table (PMC8934428, Table 3 note; shared/reference §1.1). */
    public static final double CALIBRATION_VDD = 0.9;
    public static final double CALIBRATION_NODE = 45;

    public AsicTechnology {
        StillmakerBaas.checkNode(nodeNm, "target");
        require(vdd >= 0.5 && vdd <= 1.5, "target", vdd + "V", "supply voltage must be between 0.5 and 1.5 V");
    }

    public static AsicTechnology of(double nodeNm) {
        return new AsicTechnology(nodeNm, CALIBRATION_VDD);
    }

    @Override
    public String name() {
        String node = "asic:" + Formats.formatValue(nodeNm) + "nm";
        return vdd == CALIBRATION_VDD ? node : node + "@" + Formats.formatValue(vdd) + "V";
    }

    /** @return factor from the 45 nm / 0.9 V calibration to this node's area */
    public double areaFactor() {
        return StillmakerBaas.areaFactor(CALIBRATION_NODE, nodeNm);
    }

    /** @return factor from the calibration to this node and voltage's energy */
    public double energyFactor() {
        return StillmakerBaas.energyFactor(CALIBRATION_NODE, CALIBRATION_VDD, nodeNm, vdd);
    }

    /** @return factor from the calibration to this node's gate delay */
    public double delayFactor() {
        return StillmakerBaas.delayFactor(CALIBRATION_NODE, nodeNm);
    }
}
