package io.qdse.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * The points of a space, deterministic for a space and seed:
 * <ul>
 * <li>{@code grid}: every combination, design by design, the last axis (the formats) varying fastest;</li>
 * <li>{@code random}: {@code samples} uniform draws (Mersenne Twister seeded with the seed);</li>
 * <li>{@code lhs}: a Latin hypercube of {@code samples} points: every axis cut into that many strata, each used once,
 * strata shuffled and jittered with the seeded generator;</li>
 * <li>{@code sobol}: Commons Math's Sobol sequence, skipping the first {@code seed + 1} points (the all-zero one
 * included).</li>
 * </ul>
 * In the non-grid plans coordinate 0 picks the design (when there are several), then one coordinate per axis of the
 * widest design, then the formats (the design's own list when it has one, else the space's).
 */
public final class Sampler {
    private Sampler() {
    }

    /** @return how many points the plan has */
    public static long count(SweepSpace s) {
        if (!s.sampling().equals("grid")) {
            return s.samples();
        }
        long total = 0;
        for (SweepSpace.Design d : s.designs()) {
            long n = d.formatsOf(s) == null ? 1 : d.formatsOf(s).size();
            for (Dimension dim : d.axes()) {
                n = Math.multiplyExact(n, ((Dimension.Choice) dim).values().size());
            }
            total = Math.addExact(total, n);
        }
        return total;
    }

    /** @return every point of the plan, in index order */
    public static List<Point> points(SweepSpace s) {
        long n = count(s);
        if (n > 50_000_000) {
            throw new io.qdse.hwmodels.InvalidInputException("sampling", n + " points", "at most 50,000,000 points "
                    + "in one sweep (narrow the axes, or sample with random/lhs/sobol)");
        }
        List<Point> out = new ArrayList<>((int) n);
        if (s.sampling().equals("grid")) {
            long idx = 0;
            for (SweepSpace.Design d : s.designs()) {
                List<Dimension> axes = d.axes();
                int[] sizes = new int[axes.size()];
                long combos = 1;
                for (int i = 0; i < axes.size(); i++) {
                    sizes[i] = ((Dimension.Choice) axes.get(i)).values().size();
                    combos *= sizes[i];
                }
                List<String> fs = d.formatsOf(s) == null ? java.util.Collections.singletonList(null) : d.formatsOf(s);
                for (long c = 0; c < combos; c++) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    long rest = c;
                    Object[] chosen = new Object[axes.size()];
                    for (int i = axes.size() - 1; i >= 0; i--) {
                        chosen[i] = ((Dimension.Choice) axes.get(i)).values().get((int) (rest % sizes[i]));
                        rest /= sizes[i];
                    }
                    for (int i = 0; i < axes.size(); i++) {
                        v.put(axes.get(i).name(), chosen[i]);
                    }
                    for (String f : fs) {
                        out.add(new Point(idx++, d.index(), v, f));
                    }
                }
            }
            return out;
        }
        int width = 0;
        for (SweepSpace.Design d : s.designs()) {
            width = Math.max(width, d.axes().size());
        }
        int designDims = s.designs().size() > 1 ? 1 : 0;
        int formatDims = 0;
        for (SweepSpace.Design d : s.designs()) {
            formatDims = d.formatsOf(s) != null && d.formatsOf(s).size() > 1 ? 1 : formatDims;
        }
        int dims = Math.max(1, designDims + width + formatDims);
        double[][] u = unitPoints(s.sampling(), (int) n, dims, s.seed());
        for (int i = 0; i < n; i++) {
            double[] x = u[i];
            int di = designDims == 1 ? Math.min(s.designs().size() - 1, (int) Math.floor(x[0] * s.designs().size()))
                    : 0;
            SweepSpace.Design d = s.designs().get(di);
            Map<String, Object> v = new LinkedHashMap<>();
            for (int a = 0; a < d.axes().size(); a++) {
                v.put(d.axes().get(a).name(), d.axes().get(a).at(x[designDims + a]));
            }
            List<String> fs = d.formatsOf(s);
            String f = fs == null ? null : fs.get(formatDims == 1 ? Math.min(fs.size() - 1,
                    (int) Math.floor(x[designDims + width] * fs.size())) : 0);
            out.add(new Point(i, d.index(), v, f));
        }
        return out;
    }

    /** {@code n} points in [0, 1)^dims. */
    static double[][] unitPoints(String method, int n, int dims, long seed) {
        double[][] u = new double[n][dims];
        switch (method) {
            case "sobol": {
                SobolSequenceGenerator g = new SobolSequenceGenerator(dims);
                g.skipTo((int) Math.min(Integer.MAX_VALUE - n - 1L, seed + 1));
                for (int i = 0; i < n; i++) {
                    u[i] = g.nextVector();
                }
                return u;
            }
            case "lhs": {
                RandomGenerator r = new MersenneTwister(seed);
                for (int d = 0; d < dims; d++) {
                    int[] perm = new int[n];
                    for (int i = 0; i < n; i++) {
                        perm[i] = i;
                    }
                    for (int i = n - 1; i > 0; i--) { // Fisher–Yates with the seeded generator
                        int j = r.nextInt(i + 1);
                        int t = perm[i];
                        perm[i] = perm[j];
                        perm[j] = t;
                    }
                    for (int i = 0; i < n; i++) {
                        u[i][d] = (perm[i] + r.nextDouble()) / n;
                    }
                }
                return u;
            }
            default: {
                RandomGenerator r = new MersenneTwister(seed);
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < dims; d++) {
                        u[i][d] = r.nextDouble();
                    }
                }
                return u;
            }
        }
    }
}
