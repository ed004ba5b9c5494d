package io.qdse.hwmodels.tech;

import io.qdse.hwmodels.InvalidInputException;

/**
 * CMOS scaling between technology nodes: A. Stillmaker, B. Baas, "Scaling equations for the accurate prediction of
 * CMOS device performance from 180nm to 7nm", Integration 58 (2017) 74–81, as tabulated in Accelergy's
 * {@code hwcomponents/scaling/techscaling.py} (Accelergy-Project/hwcomponents; shared/reference/hardware-costs.md
 * §1.4).
 *
 * <p>Between table nodes we interpolate {@code log(factor)} linearly in {@code log(node)}, which is monotone; the
 * Accelergy code weights the wrong neighbour (the reference's caveat: 45→28 nm area 0.29 there, 0.37 here) and we
 * do not copy that. Outside 7–130 nm we refuse rather than extrapolate.
 *
 * <p>Delay: the paper's delay fits are not in our reference, so delay scales with feature size (classical
 * constant-field scaling). Below ~22 nm that is optimistic; treat scaled delays there as a lower bound.
 */
public final class StillmakerBaas {
    private StillmakerBaas() {
    }

    /** Table nodes in nm, largest first. */
    static final double[] NODES = {130, 90, 65, 45, 32, 20, 16, 14, 10, 7};

    /** AREA[from][to]: multiply an area at node {@code from} by this to get it at node {@code to}. */
    private static final double[][] AREA = {
        {1, 0.44, 0.23, 0.16, 0.072, 0.033, 0.03, 0.027, 0.016, 0.0092},
        {2.3, 1, 0.53, 0.35, 0.16, 0.075, 0.067, 0.061, 0.036, 0.021},
        {4.3, 1.9, 1, 0.66, 0.31, 0.14, 0.13, 0.12, 0.068, 0.039},
        {6.4, 2.8, 1.5, 1, 0.46, 0.21, 0.19, 0.17, 0.1, 0.059},
        {14, 6.1, 3.3, 2.2, 1, 0.46, 0.41, 0.38, 0.22, 0.13},
        {30, 13, 7.1, 4.7, 2.2, 1, 0.89, 0.82, 0.48, 0.28},
        {34, 15, 7.9, 5.3, 2.4, 1.1, 1, 0.91, 0.54, 0.31},
        {37, 16, 8.7, 5.8, 2.7, 1.2, 1.1, 1, 0.59, 0.34},
        {63, 28, 15, 9.8, 4.5, 2.1, 1.9, 1.7, 1, 0.58},
        {110, 48, 25, 17, 7.8, 3.6, 3.2, 2.9, 1.7, 1},
    };

    /** Energy per operation at a node: {@code a·Vdd² + b·Vdd + c} (arbitrary units; only ratios are used). */
    private static final double[][] ENERGY = {
        {7.171, -6.709, 2.904},
        {4.762, -4.781, 2.092},
        {3.755, -4.398, 1.975},
        {1.103, -0.362, 0.2767},
        {0.9559, -0.7823, 0.471},
        {0.373, -0.1582, 0.04104},
        {0.2958, -0.1241, 0.03024},
        {0.2363, -0.09675, 0.02239},
        {0.2068, -0.09311, 0.02375},
        {0.1776, -0.09097, 0.02447},
    };

    /** @return smallest supported node, nm */
    public static double minNode() {
        return NODES[NODES.length - 1];
    }

    /** @return largest supported node, nm */
    public static double maxNode() {
        return NODES[0];
    }

    static void checkNode(double nodeNm, String field) {
        if (!(nodeNm >= minNode() && nodeNm <= maxNode())) {
            throw new InvalidInputException(field, nodeNm + "nm", "technology node must be between " + (int) minNode()
                    + " and " + (int) maxNode() + " nm (the Stillmaker-Baas table's range)");
        }
    }

    /** Position of a node between table indices: integer index plus a log-space fraction toward the next one. */
    private static double position(double node) {
        for (int i = 0; i < NODES.length - 1; i++) {
            double hi = NODES[i];
            double lo = NODES[i + 1];
            if (node <= hi && node >= lo) {
                return i + Math.log(hi / node) / Math.log(hi / lo);
            }
        }
        throw new IllegalStateException("node outside table: " + node);
    }

    /** @return the factor that takes an area at {@code fromNm} to {@code toNm} */
    public static double areaFactor(double fromNm, double toNm) {
        checkNode(fromNm, "from node");
        checkNode(toNm, "to node");
        // log-bilinear interpolation of the table
        double x = position(fromNm);
        double y = position(toNm);
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int x1 = Math.min(x0 + 1, NODES.length - 1);
        int y1 = Math.min(y0 + 1, NODES.length - 1);
        double fx = x - x0;
        double fy = y - y0;
        double l00 = Math.log(AREA[x0][y0]);
        double l01 = Math.log(AREA[x0][y1]);
        double l10 = Math.log(AREA[x1][y0]);
        double l11 = Math.log(AREA[x1][y1]);
        double l = l00 * (1 - fx) * (1 - fy) + l01 * (1 - fx) * fy + l10 * fx * (1 - fy) + l11 * fx * fy;
        return Math.exp(l);
    }

    /** Relative energy per operation at a node and supply voltage (log-interpolated between table nodes). */
    static double energyUnits(double nodeNm, double vdd) {
        double p = position(nodeNm);
        int i0 = (int) Math.floor(p);
        int i1 = Math.min(i0 + 1, NODES.length - 1);
        double f = p - i0;
        double e0 = poly(ENERGY[i0], vdd);
        double e1 = poly(ENERGY[i1], vdd);
        return Math.exp(Math.log(e0) * (1 - f) + Math.log(e1) * f);
    }

    private static double poly(double[] c, double v) {
        return c[0] * v * v + c[1] * v + c[2];
    }

    /** @return the factor that takes an energy at (fromNm, fromVdd) to (toNm, toVdd) */
    public static double energyFactor(double fromNm, double fromVdd, double toNm, double toVdd) {
        checkNode(fromNm, "from node");
        checkNode(toNm, "to node");
        return energyUnits(toNm, toVdd) / energyUnits(fromNm, fromVdd);
    }

    /** @return the factor that takes a gate delay at {@code fromNm} to {@code toNm} (∝ feature size; see class doc) */
    public static double delayFactor(double fromNm, double toNm) {
        checkNode(fromNm, "from node");
        checkNode(toNm, "to node");
        return toNm / fromNm;
    }
}
