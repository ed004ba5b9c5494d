package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-layer format-selection problem co-optimised with the hardware: pick one format per layer and one hardware
 * option (array size/shape), with the set of formats the datapath supports being exactly those some layer uses.
 *
 * <p>Every metric is additive: its total for an assignment is
 * <pre>
 *   Σ_layers cost[l][f_l][h][m]  +  hwCost[h][m]  +  Σ_{f supported} unitCost[f][h][m]
 * </pre>
 * where h is the chosen hardware option. Per-layer cost carries sensitivity, weight bits, BOPs, cycles and energy;
 * hwCost carries what the hardware costs whatever it runs (SRAM area); unitCost what supporting one more format
 * costs (the MAC unit of that format in every PE). A NaN per-layer cost marks a format a layer may not use.
 */
public final class SearchProblem {
    private final List<String> layers;
    private final List<String> formats;
    private final List<String> hardware;
    private final List<String> metrics;
    private final List<String> units;
    private final double[][][][] cost;
    private final double[][] hwCost;
    private final double[][][] unitCost;
    private final List<int[]> ties;
    private final List<Link> links;
    private final int[] pinned;
    private final Map<String, Integer> metricIndex = new HashMap<>();

    private SearchProblem(Builder b) {
        this.layers = List.copyOf(b.layers);
        this.formats = List.copyOf(b.formats);
        this.hardware = List.copyOf(b.hardware);
        this.metrics = List.copyOf(b.metrics);
        this.units = List.copyOf(b.units);
        this.cost = b.cost;
        this.hwCost = b.hwCost;
        this.unitCost = b.unitCost;
        this.ties = List.copyOf(b.ties);
        this.links = List.copyOf(b.links);
        this.pinned = b.pinned;
        for (int i = 0; i < metrics.size(); i++) {
            metricIndex.put(metrics.get(i), i);
        }
    }

    public static Builder builder(List<String> layers, List<String> formats, List<String> hardware,
                                  List<String> metrics, List<String> units) {
        return new Builder(layers, formats, hardware, metrics, units);
    }

    public int layerCount() {
        return layers.size();
    }

    public int formatCount() {
        return formats.size();
    }

    public int hardwareCount() {
        return hardware.size();
    }

    public int metricCount() {
        return metrics.size();
    }

    public List<String> layers() {
        return layers;
    }

    public List<String> formats() {
        return formats;
    }

    public List<String> hardware() {
        return hardware;
    }

    public List<String> metrics() {
        return metrics;
    }

    public String unit(int m) {
        return units.get(m);
    }

    /** @return the metric's index; a clear error naming the known metrics otherwise */
    public int metric(String name, String field) {
        Integer i = metricIndex.get(name);
        if (i == null) {
            throw new InvalidInputException(field, name, "one of the problem's metrics: " + String.join(", ", metrics));
        }
        return i;
    }

    public boolean hasMetric(String name) {
        return metricIndex.containsKey(name);
    }

    public boolean allowed(int l, int f) {
        return !Double.isNaN(cost[l][f][0][0]);
    }

    public double cost(int l, int f, int h, int m) {
        return cost[l][f][h][m];
    }

    public double hwCost(int h, int m) {
        return hwCost[h][m];
    }

    public double unitCost(int f, int h, int m) {
        return unitCost[f][h][m];
    }

    /**
     * @return a total of metric {@code m} no assignment goes below: for each hardware option its own cost plus every
     *     layer's cheapest allowed format (pins kept; budgets, ties and per-format unit costs, which only add, left
     *     out), the smallest over the options. The bound a search reports when its solver stopped before one of its own.
     */
    public double lowerBound(int m) {
        double best = Double.POSITIVE_INFINITY;
        for (int h = 0; h < hardware.size(); h++) {
            double t = hwCost[h][m];
            for (int l = 0; l < layers.size(); l++) {
                double c = Double.POSITIVE_INFINITY;
                for (int f = 0; f < formats.size(); f++) {
                    if (allowed(l, f) && (pinned(l) < 0 || pinned(l) == f)) {
                        c = Math.min(c, cost[l][f][h][m]);
                    }
                }
                t += c;
            }
            best = Math.min(best, t);
        }
        return best;
    }

    /** @return whether a metric's per-layer cost depends on the hardware option for some (layer, format) */
    public boolean layerCostDependsOnHardware(int m) {
        for (int l = 0; l < layers.size(); l++) {
            for (int f = 0; f < formats.size(); f++) {
                if (!allowed(l, f)) {
                    continue;
                }
                for (int h = 1; h < hardware.size(); h++) {
                    if (Double.compare(cost[l][f][h][m], cost[l][f][0][m]) != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** @return whether supporting a format costs anything in this metric */
    public boolean hasUnitCost(int m) {
        for (double[][] a : unitCost) {
            for (double[] b : a) {
                if (b[m] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Groups of layers that must share a format (each group has ≥ 2 layers). */
    public List<int[]> ties() {
        return ties;
    }

    /**
     * A link between two layers' choices: the class of the format layer {@code from} takes must equal the class of
     * the format layer {@code to} takes, {@code fromClass[a(from)] == toClass[a(to)]}. A dataflow chain's unit
     * quantizes its outputs to the next unit's input format, so its output width (part of its candidate) must be the
     * one the next layer's candidate reads ({@link io.qdse.search.fpga.DataflowSearch}). A tie is the special case of
     * equal formats; a link of the identity classes ties two layers.
     *
     * @param from      a layer
     * @param to        another layer
     * @param fromClass per format index, its class on {@code from}'s side (read only for formats {@code from} may use)
     * @param toClass   per format index, its class on {@code to}'s side (read only for formats {@code to} may use)
     */
    public record Link(int from, int to, int[] fromClass, int[] toClass) {
        public Link {
            fromClass = fromClass.clone();
            toClass = toClass.clone();
        }

        /** @return a copy of the classes on {@code from}'s side */
        @Override
        public int[] fromClass() {
            return fromClass.clone();
        }

        /** @return a copy of the classes on {@code to}'s side */
        @Override
        public int[] toClass() {
            return toClass.clone();
        }

        /** @return format f's class on {@code from}'s side */
        public int fromClassOf(int f) {
            return fromClass[f];
        }

        /** @return format f's class on {@code to}'s side */
        public int toClassOf(int f) {
            return toClass[f];
        }

        /** @return whether the two layers' formats meet the link */
        public boolean met(int fromFormat, int toFormat) {
            return fromClass[fromFormat] == toClass[toFormat];
        }

        /** @return whether layer {@code l}'s formats f and g are interchangeable as far as this link sees */
        public boolean sameClass(int l, int f, int g) {
            return (l != from || fromClass[f] == fromClass[g]) && (l != to || toClass[f] == toClass[g]);
        }

        @Override
        public String toString() {
            return "Link[" + from + " -> " + to + "]";
        }
    }

    /** @return the links between layers' choices ({@link Link}) */
    public List<Link> links() {
        return links;
    }

    /** @return whether every link holds for per-layer formats {@code fmt} */
    public boolean linksMet(int[] fmt) {
        for (Link k : links) {
            if (!k.met(fmt[k.from()], fmt[k.to()])) {
                return false;
            }
        }
        return true;
    }

    /** @return the format a layer is pinned to, or -1 */
    public int pinned(int l) {
        return pinned[l];
    }

    /**
     * @return a builder holding this problem: its names, units, costs, pins and ties, so that more pins and ties can
     *         be added and a new problem built
     */
    public Builder toBuilder() {
        Builder nb = new Builder(layers, formats, hardware, metrics, units);
        for (int l = 0; l < layerCount(); l++) {
            for (int f = 0; f < formatCount(); f++) {
                if (!allowed(l, f)) {
                    continue;
                }
                for (int h = 0; h < hardwareCount(); h++) {
                    nb.cost(l, f, h, cost[l][f][h]);
                }
            }
            if (pinned[l] >= 0) {
                nb.pin(l, pinned[l]);
            }
        }
        for (int h = 0; h < hardwareCount(); h++) {
            for (int m = 0; m < metricCount(); m++) {
                nb.hwCost(h, m, hwCost[h][m]);
                for (int f = 0; f < formatCount(); f++) {
                    nb.unitCost(f, h, m, unitCost[f][h][m]);
                }
            }
        }
        for (int[] t : ties) {
            nb.tie(t);
        }
        for (Link k : links) {
            nb.link(k);
        }
        return nb;
    }

    /** Builds a problem and checks it: every layer has an allowed format, pins are allowed, costs finite. */
    public static final class Builder {
        private final List<String> layers;
        private final List<String> formats;
        private final List<String> hardware;
        private final List<String> metrics;
        private final List<String> units;
        private final double[][][][] cost;
        private final double[][] hwCost;
        private final double[][][] unitCost;
        private final List<int[]> ties = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        private final int[] pinned;

        private Builder(List<String> layers, List<String> formats, List<String> hardware, List<String> metrics,
                        List<String> units) {
            if (layers.isEmpty() || formats.isEmpty() || hardware.isEmpty() || metrics.isEmpty()) {
                throw new InvalidInputException("search problem", layers.size() + " layers, " + formats.size()
                        + " formats, " + hardware.size() + " hardware options, " + metrics.size() + " metrics",
                        "needs at least one of each");
            }
            if (units.size() != metrics.size()) {
                throw new IllegalArgumentException("one unit per metric");
            }
            unique(layers, "layer");
            unique(formats, "format");
            unique(hardware, "hardware option");
            unique(metrics, "metric");
            this.layers = layers;
            this.formats = formats;
            this.hardware = hardware;
            this.metrics = metrics;
            this.units = units;
            int nl = layers.size();
            int nf = formats.size();
            int nh = hardware.size();
            int nm = metrics.size();
            cost = new double[nl][nf][nh][nm];
            for (double[][][] a : cost) {
                for (double[][] b : a) {
                    for (double[] c : b) {
                        Arrays.fill(c, Double.NaN);
                    }
                }
            }
            hwCost = new double[nh][nm];
            unitCost = new double[nf][nh][nm];
            pinned = new int[nl];
            Arrays.fill(pinned, -1);
        }

        private static void unique(List<String> names, String what) {
            Map<String, Integer> seen = new HashMap<>();
            for (String n : names) {
                if (seen.put(n, 1) != null) {
                    throw new InvalidInputException(what + " name", n, "must be unique");
                }
            }
        }

        /** Sets the per-layer costs of (layer, format, hardware), one value per metric, and allows the pair. */
        public Builder cost(int l, int f, int h, double... perMetric) {
            if (perMetric.length != metrics.size()) {
                throw new IllegalArgumentException("one value per metric");
            }
            for (int m = 0; m < perMetric.length; m++) {
                if (!Double.isFinite(perMetric[m])) {
                    throw new InvalidInputException(layers.get(l) + " / " + formats.get(f) + " / " + metrics.get(m),
                            perMetric[m], "a finite number");
                }
            }
            cost[l][f][h] = perMetric.clone();
            return this;
        }

        public Builder hwCost(int h, int m, double v) {
            requireFiniteNonNegative(v, hardware.get(h) + " / " + metrics.get(m));
            hwCost[h][m] = v;
            return this;
        }

        public Builder unitCost(int f, int h, int m, double v) {
            requireFiniteNonNegative(v, formats.get(f) + " unit on " + hardware.get(h) + " / " + metrics.get(m));
            unitCost[f][h][m] = v;
            return this;
        }

        private static void requireFiniteNonNegative(double v, String field) {
            if (!Double.isFinite(v) || v < 0) {
                throw new InvalidInputException(field, v, "a finite number >= 0");
            }
        }

        public Builder tie(int... group) {
            if (group.length >= 2) {
                ties.add(group.clone());
            }
            return this;
        }

        /** Adds a link between two layers' choices ({@link Link}). */
        public Builder link(Link k) {
            if (k.from() < 0 || k.from() >= layers.size() || k.to() < 0 || k.to() >= layers.size()
                    || k.from() == k.to()) {
                throw new IllegalArgumentException("a link joins two different layers: " + k);
            }
            if (k.fromClass.length != formats.size() || k.toClass.length != formats.size()) {
                throw new IllegalArgumentException("a link has one class per format: " + k);
            }
            links.add(k);
            return this;
        }

        public Builder pin(int l, int f) {
            pinned[l] = f;
            return this;
        }

        public SearchProblem build() {
            for (int l = 0; l < layers.size(); l++) {
                boolean any = false;
                for (int f = 0; f < formats.size(); f++) {
                    boolean a = !Double.isNaN(cost[l][f][0][0]);
                    for (int h = 0; h < hardware.size(); h++) {
                        if (a == Double.isNaN(cost[l][f][h][0])) {
                            throw new IllegalStateException("layer " + layers.get(l) + " format " + formats.get(f)
                                    + ": costs must be given for every hardware option or none");
                        }
                    }
                    any |= a;
                }
                if (!any) {
                    throw new InvalidInputException("layer " + layers.get(l), "no format",
                            "needs at least one candidate format with costs");
                }
                if (pinned[l] >= 0 && Double.isNaN(cost[l][pinned[l]][0][0])) {
                    throw new InvalidInputException("pinned layer " + layers.get(l), formats.get(pinned[l]),
                            "a format the layer has costs for");
                }
            }
            // merge overlapping tie groups (a layer in two groups ties both)
            List<int[]> merged = mergeTies(ties, layers.size());
            ties.clear();
            ties.addAll(merged);
            return new SearchProblem(this);
        }

        private static List<int[]> mergeTies(List<int[]> groups, int n) {
            int[] parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
            for (int[] g : groups) {
                for (int i = 1; i < g.length; i++) {
                    int a = find(parent, g[0]);
                    int b = find(parent, g[i]);
                    if (a != b) {
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
            Map<Integer, List<Integer>> byRoot = new java.util.TreeMap<>();
            for (int i = 0; i < n; i++) {
                byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
            }
            List<int[]> out = new ArrayList<>();
            for (List<Integer> g : byRoot.values()) {
                if (g.size() >= 2) {
                    out.add(g.stream().mapToInt(Integer::intValue).toArray());
                }
            }
            return out;
        }

        private static int find(int[] p, int i) {
            while (p[i] != i) {
                p[i] = p[p[i]];
                i = p[i];
            }
            return i;
        }
    }
}
