package io.qdse.search.fpga;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.BlockFormat;
import io.qdse.hwmodels.fpga.Synth;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.search.Assignment;
import io.qdse.search.Budget;
import io.qdse.search.SearchProblem;
import io.qdse.search.build.Candidate;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.simulator.arch.FpgaDataflow;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.engine.FpgaDataflowEngine;
import io.qdse.simulator.fpga.DataflowEstimate;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Each layer's number format and its folding (PE × SIMD) in an FPGA dataflow design, chosen together by the format
 * search's integer program ({@code qdse fpga search}, issue 12 §5).
 *
 * <p>Encoding: a layer's decision is one (format, fold) candidate. For every layer and every candidate format, every
 * fold (PE | MH, SIMD | MW) whose cycles per frame meet the throughput target becomes one candidate of the
 * {@link SearchProblem}, named {@code "int4 PE2xSIMD8"} and allowed on the layers it fits (a name shared by layers of
 * the same divisors, with each layer's own costs). Its per-layer costs are the layer's sensitivity in that format and
 * the unit's LUTs, FFs, DSPs and block RAMs from {@link FpgaDataflowEngine#resources} (the same numbers {@code qdse
 * fpga estimate} reports), plus their device fraction. The device budget is every resource ≤ the utilisation
 * ceiling × the part's. All metrics are sums over layers, so the problem is exactly the format search's one-hot
 * integer program, solved by {@link io.qdse.search.Search#solve} with any of its backends (and re-verified in exact
 * arithmetic there).
 *
 * <p>Pruning that keeps optimality: among one layer's candidates of one format, a fold that needs at least as much of
 * every resource (LUT, FF, DSP, BRAM) as another fold of that format which also meets the target is dropped. The two
 * have the same sensitivity (it depends on the format only), so swapping the dropped fold for its dominator in any
 * assignment keeps every throughput constraint met and makes no metric's total larger: every objective and budget
 * over sensitivity and resources keeps its optimum (and every Pareto vector). Equal-resource folds keep the one with
 * the fewest cycles (then the smallest PE). {@code SearchProblem}'s own dominance presolve works across formats on
 * top of this.
 *
 * <p>Modelling choices of the design (as {@code qdse fpga estimate}): a layer's candidate format is its weights and
 * its input activations; accumulators are exact for the layer's dot length. A unit whose output the next unit alone
 * reads (an ONNX graph's chain edge: through shape nodes, a constant bias or scale, and a ReLU or none) quantizes it
 * with FINN's thresholds to the next unit's input codes — after a ReLU only the non-negative codes, so
 * {@link #thresholdBits} bits: bits − 1 of a signed format, all of an unsigned one, as {@code qdse rtl dataflow}
 * builds the chain ({@code NetQuant}); without a ReLU all its codes. Its candidates then carry their output width ({@code "int4 PE2xSIMD8 out2"})
 * and a {@link SearchProblem.Link} makes it equal to the width the next layer's candidate reads: thresholds that
 * depend on both layers' formats are costed exactly, and the problem stays a sum over layers. The last unit outputs
 * its accumulators (no thresholds). Any other unit (its output branches, feeds attention or an activation other than
 * ReLU, or there is no graph: a layer list) has thresholds at its own activation width, as every unit had before
 * 2026-12-07. Layers that multiply two activations (attention) have no unit
 * here: refused, or with {@code weightLayersOnly} left out of the design and listed in the notes.
 */
public final class DataflowSearch {
    /** Metric names of the problem, in order. */
    public static final List<String> METRICS = List.of("sensitivity", "luts", "ffs", "dsps", "brams", "urams",
            "sprams", "resource_fraction");
    /** Index of the first resource metric (luts); ffs, dsps, brams, urams, sprams follow. */
    static final int RES = 1;
    /** Resource metrics: LUTs, FFs, DSPs, block RAMs, URAMs, SPRAMs. */
    public static final int RESOURCES = 6;
    /** Index of resource_fraction. */
    static final int FRACTION = 7;

    private DataflowSearch() {
    }

    /**
     * What the design must meet and how it is costed.
     *
     * @param part         the FPGA part
     * @param clockMhz     the design clock
     * @param targetCycles cycles per frame every unit must meet (clock / target frames per second)
     * @param resType      where multipliers go (LUTs, DSP blocks, or per layer by product width)
     * @param synth        whose LUT figures (null: the part vendor's own flow)
     * @param maxUtil      utilisation ceiling: every resource ≤ maxUtil × the part's
     * @param ramStyle     weight memories: AUTO (the engine's rule), BLOCK, DISTRIBUTED for every layer, or ULTRA /
     *                     SPRAM: each layer's memory either where AUTO puts it or in URAM / SPRAM, chosen per layer
     */
    public record Spec(FpgaPart part, double clockMhz, long targetCycles, FpgaDataflow.ResType resType, Synth synth,
                       double maxUtil, FpgaDataflow.RamStyle ramStyle) {
        /** A search whose weight memories follow the engine's rule ({@link FpgaDataflow.RamStyle#AUTO}). */
        public Spec(FpgaPart part, double clockMhz, long targetCycles, FpgaDataflow.ResType resType, Synth synth,
                    double maxUtil) {
            this(part, clockMhz, targetCycles, resType, synth, maxUtil, FpgaDataflow.RamStyle.AUTO);
        }

        public Spec {
            if (part == null) {
                throw new InvalidInputException("--device", "none", "an FPGA part");
            }
            if (!(clockMhz > 0 && clockMhz <= 2000)) {
                throw new InvalidInputException("--clock", clockMhz, "a clock in (0, 2000] MHz");
            }
            if (targetCycles < 1) {
                throw new InvalidInputException("--target-fps", targetCycles + " cycles per frame",
                        "a target of at least one cycle per frame (frames per second <= the clock)");
            }
            if (!(maxUtil > 0 && maxUtil <= 1)) {
                throw new InvalidInputException("--max-util", maxUtil, "a fraction in (0, 1]");
            }
            if (resType == null) {
                throw new InvalidInputException("--res-type", "none", "lut, dsp or auto");
            }
            if (synth != null) {
                synth.requireFor(part, "--synth");
            }
            ramStyle = ramStyle == null ? FpgaDataflow.RamStyle.AUTO : ramStyle;
            ramStyle.requireFor(part, "--ram-style");
        }

        /** @return whether a layer's weights may go to URAM (ULTRA) or SPRAM (SPRAM): the resource is in play */
        public boolean uses(int resource) {
            return resource < 4 || resource == 4 && ramStyle == FpgaDataflow.RamStyle.ULTRA
                    || resource == 5 && ramStyle == FpgaDataflow.RamStyle.SPRAM;
        }

        /** @return cycles per frame for a frames-per-second target at a clock: floor(clock / fps) */
        public static long cyclesFor(double clockMhz, double fps) {
            if (!(fps > 0 && Double.isFinite(fps))) {
                throw new InvalidInputException("--target-fps", fps, "frames per second > 0");
            }
            return (long) Math.floor(clockMhz * 1e6 / fps);
        }

        /** @return the part's LUTs, FFs, DSPs, block RAMs ({@link DataflowEstimate#bramKind} units), URAMs, SPRAMs */
        public double[] capacity() {
            return DataflowEstimate.available(part);
        }
    }

    /**
     * One (format, fold) candidate of one layer.
     *
     * @param format         index into the candidate formats
     * @param fold           PE × SIMD
     * @param cyclesPerFrame the unit's cycles per frame with this fold
     * @param luts           LUTs of the unit
     * @param ffs            flip-flops
     * @param dsps           DSP blocks
     * @param brams          block RAMs
     * @param urams          UltraRAM blocks
     * @param sprams         SPRAM blocks
     * @param outBits        output width of the unit's thresholds (2^outBits − 1 per output; the next unit's codes
     *                       or the unit's own activation width), 0 for none: the accumulators are the output (the
     *                       last unit)
     */
    public record Option(int format, FpgaDataflow.Fold fold, long cyclesPerFrame, double luts, double ffs, double dsps,
                         double brams, double urams, double sprams, int outBits) {
        double[] resources() {
            return new double[] {luts, ffs, dsps, brams, urams, sprams};
        }
    }

    /**
     * One layer's unit and its candidates after pruning.
     *
     * @param layer      the layer
     * @param shape      the unit's shape (MVAU or VVAU, MW, MH, vectors, passes)
     * @param options    the candidates kept, by format then output width then PE then SIMD
     * @param folds      divisor pairs (PE, SIMD) of the layer, per format
     * @param meeting    (format, output width, fold) candidates meeting the target, before pruning
     * @param scored     whether the sensitivity source has this layer (else it is held at the most precise format)
     * @param fastest    cycles per frame at the most parallel fold (PE = MH, SIMD = MW)
     * @param chained    null when the unit's output width is not linked to the next unit; else whether a ReLU sits
     *                   between them (the next unit's codes are then its format's non-negative half)
     */
    public record LayerUnit(String layer, FpgaDataflow.Shape shape, List<Option> options, int folds, int meeting,
                            boolean scored, long fastest, Boolean chained) {
        public LayerUnit {
            options = List.copyOf(options);
        }
    }

    /**
     * A layer that no fold makes fast enough: an infeasible throughput target.
     *
     * @param layer   the layer
     * @param fastest its cycles per frame at full parallelism (PE = MH, SIMD = MW)
     */
    public record Unreachable(String layer, long fastest) {
    }

    /**
     * The problem built for a workload.
     *
     * @param problem     the search problem (null when some layer cannot meet the target: see {@link #unreachable})
     * @param spec        the target and device
     * @param workload    the workload (its dataflow units; left-out layers are not in it)
     * @param formats     candidate formats
     * @param units       one per layer, in network order
     * @param names       candidate names of the problem, with their format and fold
     * @param sensitivity per layer and format (layer → candidate name → value)
     * @param unreachable layers no fold makes fast enough (empty when the target can be met)
     * @param notes       what the user should know
     */
    public record Problem(SearchProblem problem, Spec spec, Workload workload, List<Candidate> formats,
                          List<LayerUnit> units, List<Named> names, Map<String, double[]> sensitivity,
                          List<Unreachable> unreachable, List<String> notes) {
        public Problem {
            formats = List.copyOf(formats);
            units = List.copyOf(units);
            names = List.copyOf(names);
            unreachable = List.copyOf(unreachable);
            notes = List.copyOf(notes);
        }

        /** @return whether every layer has a fold meeting the target */
        public boolean reachable() {
            return unreachable.isEmpty();
        }

        /**
         * @return the device budgets: each resource ≤ the utilisation ceiling × the part's (URAM and SPRAM when the
         *     search's weight style may use them)
         */
        public List<Budget> deviceBudgets() {
            double[] cap = spec.capacity();
            List<Budget> out = new ArrayList<>();
            for (int r = 0; r < RESOURCES; r++) {
                if (!spec.uses(r)) {
                    continue;
                }
                out.add(new Budget(METRICS.get(RES + r), spec.maxUtil() * cap[r]));
            }
            return out;
        }

        /**
         * @param max the user's {@code metric=value} budgets ({@code --max}; resource budgets tighter than the device
         *            ceiling replace it)
         * @return the device budgets and the user's, one per metric (the tightest)
         */
        public List<Budget> budgets(List<String> max) {
            Map<String, Double> by = new LinkedHashMap<>();
            for (Budget b : deviceBudgets()) {
                by.put(b.metric(), b.max());
            }
            for (Budget b : io.qdse.search.Budgets.parse(problem, io.qdse.search.Budgets.canonical(max, problem,
                    "--max"), List.of())) {
                by.merge(b.metric(), b.max(), Math::min);
            }
            List<Budget> out = new ArrayList<>();
            by.forEach((m, v) -> out.add(new Budget(m, v)));
            return out;
        }

        /** @return candidates kept over all layers */
        public int candidates() {
            return units.stream().mapToInt(u -> u.options().size()).sum();
        }

        /** @return (format, output width, fold) candidates meeting the target over all layers, before pruning */
        public int meeting() {
            return units.stream().mapToInt(LayerUnit::meeting).sum();
        }

        /**
         * @return the problem with every layer in one format (its folds still free): a uniform design's search
         *     problem, with the same candidate names (so {@link #decode} reads its assignments)
         */
        public SearchProblem uniform(int format) {
            if (!reachable()) {
                throw new IllegalStateException("the throughput target cannot be met");
            }
            return searchProblem(spec, units, names, formats, sensitivity, (l, f) -> f == format);
        }

        /** @return the design an assignment of the problem stands for */
        public Design decode(Assignment a) {
            List<Choice> out = new ArrayList<>();
            for (int l = 0; l < units.size(); l++) {
                LayerUnit u = units.get(l);
                Named n = names.get(a.format(l));
                Option o = null;
                for (Option x : u.options()) {
                    if (x.format() == n.format() && x.fold().equals(n.fold()) && x.outBits() == n.outBits()) {
                        o = x;
                    }
                }
                if (o == null) {
                    throw new IllegalStateException("layer " + u.layer() + " has no candidate " + n.name());
                }
                Candidate c = formats.get(o.format());
                out.add(new Choice(u.layer(), u.shape(), c, o.fold(), o.cyclesPerFrame(), o.luts(), o.ffs(), o.dsps(),
                        o.brams(), sensitivity.get(u.layer())[o.format()], o.urams(), o.sprams(),
                        outputFormats(c.formats(), u.shape(), o.outBits())));
            }
            return new Design(out, spec, workload);
        }
    }

    /**
     * A candidate name of the problem.
     *
     * @param name    {@code "int4 PE2xSIMD8 out2"}
     * @param format  index into the candidate formats
     * @param fold    the fold
     * @param outBits the unit's output width (0: accumulators out, the last unit)
     */
    public record Named(String name, int format, FpgaDataflow.Fold fold, int outBits) {
    }

    /**
     * One layer of a chosen design.
     *
     * @param layer          the layer
     * @param shape          its unit's shape
     * @param format         its format
     * @param fold           PE × SIMD
     * @param cyclesPerFrame the unit's cycles per frame
     * @param luts           LUTs
     * @param ffs            flip-flops
     * @param dsps           DSP blocks
     * @param brams          block RAMs
     * @param sensitivity    the layer's sensitivity in its format
     * @param urams          UltraRAM blocks
     * @param sprams         SPRAM blocks
     * @param formats        the unit's formats: the candidate's weights and activations, and as output the next
     *                       unit's codes ({@link #thresholdBits}) or, for the last unit, its accumulators
     */
    public record Choice(String layer, FpgaDataflow.Shape shape, Candidate format, FpgaDataflow.Fold fold,
                         long cyclesPerFrame, double luts, double ffs, double dsps, double brams, double sensitivity,
                         double urams, double sprams, LayerFormats formats) {
        /** @return the width of the unit's threshold outputs (the next unit's codes), 0 for none (accumulators out) */
        public int outBits() {
            return formats.output() instanceof io.qdse.hwmodels.format.IntFormat i && !i.signed() ? i.bits() : 0;
        }

        /** @return where this layer's weights are: its fold's style, or the search's */
        public String weightMemory() {
            return fold.ramStyle() == null ? "auto" : fold.ramStyle().label();
        }

        /** @return MVAU or VVAU */
        public String unit() {
            return shape.vvau() ? "VVAU" : "MVAU";
        }

        /** @return whether the unit's multipliers are DSP blocks */
        public boolean usesDsps() {
            return dsps > 0;
        }
    }

    /**
     * A whole design: its layers and totals.
     *
     * @param layers   per layer, in network order
     * @param spec     the target and device
     * @param workload the workload the layers are of
     */
    public record Design(List<Choice> layers, Spec spec, Workload workload) {
        public Design {
            layers = List.copyOf(layers);
        }

        /** @return total [LUTs, FFs, DSPs, block RAMs, URAMs, SPRAMs] */
        public double[] resources() {
            double[] t = new double[RESOURCES];
            for (Choice c : layers) {
                t[0] += c.luts();
                t[1] += c.ffs();
                t[2] += c.dsps();
                t[3] += c.brams();
                t[4] += c.urams();
                t[5] += c.sprams();
            }
            return t;
        }

        /** @return the summed sensitivity */
        public double sensitivity() {
            return layers.stream().mapToDouble(Choice::sensitivity).sum();
        }

        /**
         * @return fraction of the part's LUTs, FFs, DSPs, block RAMs, URAMs and SPRAMs (0 for a resource the part
         *     lacks and no unit uses)
         */
        public double[] utilisation() {
            double[] t = resources();
            double[] cap = spec.capacity();
            double[] u = new double[RESOURCES];
            for (int r = 0; r < RESOURCES; r++) {
                u[r] = cap[r] > 0 ? t[r] / cap[r] : t[r] == 0 ? 0 : Double.POSITIVE_INFINITY;
            }
            return u;
        }

        /** @return the mean utilisation over the resources the part has (the {@code resource_fraction} metric) */
        public double resourceFraction() {
            double[] t = resources();
            return fraction(t, spec.capacity(), spec);
        }

        /** @return the slowest unit's cycles per frame (the initiation interval) */
        public long initiationCycles() {
            return layers.stream().mapToLong(Choice::cyclesPerFrame).max().orElse(0);
        }

        /** @return cycles of one frame through the pipeline (frames move whole between units) */
        public long frameLatencyCycles() {
            return layers.stream().mapToLong(Choice::cyclesPerFrame).sum();
        }

        /** @return frames per second in steady state at the clock */
        public double framesPerSecond() {
            return spec.clockMhz() * 1e6 / initiationCycles();
        }

        /**
         * @return each layer's formats (weights, activations, and as output the next unit's codes, or the
         *     accumulators of the last unit)
         */
        public Map<String, LayerFormats> perLayerFormats() {
            Map<String, LayerFormats> m = new LinkedHashMap<>();
            layers.forEach(c -> m.put(c.layer(), c.formats()));
            return m;
        }

        /** @return each layer's fold */
        public Map<String, FpgaDataflow.Fold> folds() {
            Map<String, FpgaDataflow.Fold> m = new LinkedHashMap<>();
            layers.forEach(c -> m.put(c.layer(), c.fold()));
            return m;
        }

        /** @return the dataflow design this is ({@code qdse fpga estimate} costs it identically) */
        public FpgaDataflow dataflow(io.qdse.simulator.arch.DramSpec dram) {
            Map<String, LayerFormats> per = perLayerFormats();
            FpgaDataflow.RamStyle base = spec.ramStyle() == FpgaDataflow.RamStyle.ULTRA
                    || spec.ramStyle() == FpgaDataflow.RamStyle.SPRAM ? FpgaDataflow.RamStyle.AUTO : spec.ramStyle();
            return FpgaDataflow.of("dataflow", spec.part(), spec.clockMhz(), layers.get(0).formats(),
                    workload, folds(), 0, spec.resType(), dram, per::get).withSynth(spec.synth())
                    .withRamStyle(base, "--ram-style");
        }
    }

    /**
     * Builds the problem.
     *
     * @param w                the workload (every compute layer one op with weights, unless {@code weightLayersOnly})
     * @param formats          candidate formats (scalar formats; a dataflow unit has no shared-scale hardware)
     * @param sens             sensitivity per layer and candidate name; layers it lacks are held at the most precise
     *                         candidate (noted)
     * @param spec             target and device
     * @param weightLayersOnly leave out layers without weights (attention products) instead of refusing them
     * @param pruneDominated   drop folds dominated in every resource within a format (keeps optimality; false only
     *                         to test that it does)
     */
    public static Problem build(Workload w, List<Candidate> formats, SensitivityTable sens, Spec spec,
                                boolean weightLayersOnly, boolean pruneDominated) {
        return build(w, formats, sens, spec, weightLayersOnly, pruneDominated, Map.of());
    }

    /**
     * Builds the problem.
     *
     * @param chain for a layer, the layer whose output it alone reads (an ONNX graph's
     *              {@link io.qdse.simulator.workload.onnx.OnnxImporter.Result#chain}; empty without a graph): unit i
     *              whose output unit i + 1 alone reads quantizes to unit i + 1's input codes (a link); the last unit
     *              outputs its accumulators; any other unit's thresholds are costed at its own activation width
     */
    public static Problem build(Workload w, List<Candidate> formats, SensitivityTable sens, Spec spec,
                                boolean weightLayersOnly, boolean pruneDominated,
                                Map<String, io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge> chain) {
        if (formats.isEmpty()) {
            throw new InvalidInputException("--formats", "none", "candidate formats, e.g. int4,int8,e2m3,e4m3");
        }
        List<String> notes = new ArrayList<>();
        for (Candidate c : formats) {
            if (c.formats().weight() instanceof BlockFormat || c.formats().activation() instanceof BlockFormat) {
                throw new InvalidInputException("--formats", c.name(), "scalar formats (int2..int8, e2m1, e2m3, e3m2, "
                        + "e4m3, e5m2, ...): a dataflow unit has no hardware for a block format's shared scale");
            }
        }
        Workload units = dataflowLayers(w, weightLayersOnly, notes);
        long frames = FpgaDataflow.frames(units);
        List<Layer> layers = units.computeLayers();
        int precise = mostPrecise(formats);
        Map<String, double[]> sensitivity = new LinkedHashMap<>();
        List<String> unscored = new ArrayList<>();
        for (Layer l : layers) {
            double[] s = new double[formats.size()];
            boolean scored = sens != null && sens.hasLayer(l.name());
            for (int f = 0; f < formats.size() && scored; f++) {
                SensitivityTable.Entry e = sens.get(l.name(), formats.get(f).name());
                if (e == null) {
                    throw new InvalidInputException("sensitivity of layer " + l.name(), formats.get(f).name(),
                            "a value for every candidate format (the table has " + String.join(", ", sens.formats())
                            + ")");
                }
                s[f] = e.sensitivity();
            }
            if (!scored) {
                unscored.add(l.name());
            }
            sensitivity.put(l.name(), s);
        }
        if (!unscored.isEmpty()) {
            notes.add(unscored.size() + " layer(s) without sensitivity data held at the most precise candidate "
                    + formats.get(precise).name() + " (its folds still chosen): " + abbreviate(unscored));
        }
        FpgaDataflowEngine engine = new FpgaDataflowEngine();
        LayerUnit[] built = new LayerUnit[layers.size()];
        // unit i links to unit i + 1 when unit i + 1 alone reads unit i's output (the graph says so)
        io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge[] edge =
                new io.qdse.simulator.workload.onnx.OnnxImporter.ChainEdge[layers.size()];
        for (int i = 0; i + 1 < layers.size(); i++) {
            var e = chain.get(layers.get(i + 1).name());
            edge[i] = e != null && e.from().equals(layers.get(i).name()) ? e : null;
        }
        for (int i = 0; i + 1 < layers.size(); i++) {
            for (int g = 0; edge[i] != null && g < formats.size(); g++) {
                if (thresholdBits(formats.get(g).formats().activation(), edge[i].relu()) < 1) {
                    throw new InvalidInputException("--formats", formats.get(g).name(), "activations with at least "
                            + "one code bit after the ReLU (a signed format of 2 bits or more) for "
                            + layers.get(i + 1).name() + ", which reads " + layers.get(i).name() + "'s thresholds");
                }
            }
        }
        IntStream.range(0, layers.size()).parallel().forEach(i -> {
            Layer l = layers.get(i);
            FpgaDataflow.Shape s = FpgaDataflow.shape(l.ops().get(0), frames);
            // the unit's output widths: the codes every format the next layer may read (linked), none (the last
            // unit), or OWN: its own activation width
            java.util.TreeSet<Integer> outs = new java.util.TreeSet<>();
            if (edge[i] != null) {
                for (int g = 0; g < formats.size(); g++) {
                    outs.add(thresholdBits(formats.get(g).formats().activation(), edge[i].relu()));
                }
            } else {
                outs.add(i == layers.size() - 1 ? 0 : OWN);
            }
            built[i] = unit(l.name(), s, formats, spec, engine, pruneDominated, !unscored.contains(l.name()),
                    outs.stream().mapToInt(Integer::intValue).toArray(), edge[i] == null ? null : edge[i].relu());
        });
        int linked = 0;
        List<String> own = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            linked += edge[i] != null ? 1 : 0;
            if (edge[i] == null && i < layers.size() - 1) {
                own.add(layers.get(i).name());
            }
        }
        if (layers.size() > 1) {
            notes.add("output quantizers: " + linked + " unit(s) threshold to the next unit's input codes (it alone "
                    + "reads their output" + (chain.isEmpty() ? "" : ", by the graph") + "); the last unit outputs its "
                    + "accumulators" + (own.isEmpty() ? "" : "; " + own.size() + " unit(s) whose output does not feed "
                    + "the next unit alone (a branch, attention, an activation other than ReLU, or no graph: a layer "
                    + "list) with thresholds at their own activation width: " + abbreviate(own)));
        }
        List<LayerUnit> us = List.of(built);
        List<Unreachable> unreachable = new ArrayList<>();
        for (LayerUnit u : us) {
            if (u.options().isEmpty()) {
                unreachable.add(new Unreachable(u.layer(), u.fastest()));
            }
        }
        // candidate names: every (format, fold) some layer keeps, ordered by format, PE, SIMD
        TreeMap<String, Named> byKey = new TreeMap<>();
        for (LayerUnit u : us) {
            for (Option o : u.options()) {
                String key = String.format("%04d %010d %010d %s %02d", o.format(), o.fold().pe(), o.fold().simd(),
                        o.fold().ramStyle() == null ? "" : o.fold().ramStyle().label(), o.outBits());
                byKey.computeIfAbsent(key, k -> named(formats, o));
            }
        }
        List<Named> names = new ArrayList<>(byKey.values());
        if (!unreachable.isEmpty()) {
            return new Problem(null, spec, units, formats, us, names, sensitivity, unreachable, notes);
        }
        SearchProblem problem = searchProblem(spec, us, names, formats, sensitivity, (l, f) -> us.get(l).scored()
                || f == precise);
        return new Problem(problem, spec, units, formats, us, names, sensitivity, List.of(), notes);
    }

    /** @return the search problem of the units' options where {@code allowed(layer, format)} */
    static SearchProblem searchProblem(Spec spec, List<LayerUnit> us, List<Named> names, List<Candidate> formats,
                                       Map<String, double[]> sensitivity,
                                       java.util.function.BiPredicate<Integer, Integer> allowed) {
        Map<Named, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        List<String> metricUnits = List.of("(lower is better)",
                DataflowEstimate.lutsCountCells(spec.part()) ? "logic cells" : "LUTs", "FFs", "DSPs",
                DataflowEstimate.bramKind(spec.part()), "URAM", "SPRAM", "(mean fraction of the part's resources)");
        List<String> layerNames = us.stream().map(LayerUnit::layer).toList();
        SearchProblem.Builder b = SearchProblem.builder(layerNames, names.stream().map(Named::name).toList(),
                List.of(spec.part().name()), METRICS, metricUnits);
        double[] cap = spec.capacity();
        for (int l = 0; l < us.size(); l++) {
            LayerUnit u = us.get(l);
            double[] s = sensitivity.get(u.layer());
            for (Option o : u.options()) {
                if (!allowed.test(l, o.format())) {
                    continue;
                }
                double[] r = o.resources();
                b.cost(l, index.get(named(formats, o)), 0, s[o.format()], r[0], r[1], r[2], r[3], r[4], r[5],
                        fraction(r, cap, spec));
            }
        }
        // a linked unit's output width = the codes unit l + 1's input format reads
        int[] outClass = names.stream().mapToInt(Named::outBits).toArray();
        for (int l = 0; l + 1 < us.size(); l++) {
            if (us.get(l).chained() == null) {
                continue;
            }
            boolean relu = us.get(l).chained();
            int[] inClass = names.stream().mapToInt(n -> thresholdBits(formats.get(n.format()).formats()
                    .activation(), relu)).toArray();
            b.link(new SearchProblem.Link(l, l + 1, outClass, inClass));
        }
        return b.build();
    }

    static Named named(List<Candidate> formats, Option o) {
        return new Named(formats.get(o.format()).name() + " PE" + o.fold().pe() + "xSIMD" + o.fold().simd()
                + (o.fold().ramStyle() == null ? "" : " " + o.fold().ramStyle().label())
                + (o.outBits() > 0 ? " out" + o.outBits() : ""), o.format(), o.fold(), o.outBits());
    }

    /** A unit's output width marker: thresholds at the unit's own activation width (no link to the next unit). */
    static final int OWN = -1;

    /**
     * @return the output width of thresholds producing a unit's input codes in format {@code next}: after a ReLU its
     *     non-negative codes, bits − 1 for a signed format, all its bits for an unsigned one (as {@code qdse rtl
     *     dataflow}'s {@code NetQuant} builds the chain); without one all its codes
     */
    public static int thresholdBits(io.qdse.hwmodels.format.NumberFormat next, boolean relu) {
        if (!(next instanceof io.qdse.hwmodels.format.ScalarFormat sf)) {
            throw new InvalidInputException("--formats", next.name(), "a scalar activation format");
        }
        return relu && sf.signed() ? sf.bits() - 1 : sf.bits();
    }

    /**
     * @return the candidate's formats with the unit's output: unsigned {@code outBits}-bit codes, or with
     *     {@code outBits = 0} the accumulators (a signed integer of the exact accumulator's width, at most 32 bits:
     *     no thresholds, {@link FpgaDataflowEngine#thresholdCount})
     */
    static LayerFormats outputFormats(LayerFormats f, FpgaDataflow.Shape s, int outBits) {
        return new LayerFormats(f.weight(), f.activation(), f.accumulator(),
                FpgaDataflowEngine.unitOutput(outBits, FpgaDataflowEngine.accumulatorBits(s, f)), f.kv());
    }

    /**
     * @return the mean of used/available over the resources the part has (URAM and SPRAM only where the search's
     *     weight style may use them)
     */
    static double fraction(double[] used, double[] cap, Spec spec) {
        double s = 0;
        int n = 0;
        for (int r = 0; r < RESOURCES; r++) {
            if (cap[r] > 0 && spec.uses(r)) {
                s += used[r] / cap[r];
                n++;
            }
        }
        return n == 0 ? 0 : s / n;
    }

    /**
     * @return the unit's LUT budget entry: its LUTs ({@code r[0]}), or on iCE40 its logic cells (what fills the part:
     *     {@link DataflowEstimate#lutsCountCells}, {@code FpgaDataflowEngine.UnitStructure.logicCells})
     */
    private static double luts(double[] r, FpgaDataflow.Shape s, FpgaDataflow.Fold f,
                               io.qdse.simulator.arch.LayerFormats formats, FpgaDataflow.RamStyle style, Spec spec) {
        if (!DataflowEstimate.lutsCountCells(spec.part())) {
            return r[0];
        }
        return FpgaDataflowEngine.structure(s, f, formats, spec.part(), spec.resType(), spec.synth(), style)
                .logicCells();
    }

    private static LayerUnit unit(String name, FpgaDataflow.Shape s, List<Candidate> formats, Spec spec,
                                  FpgaDataflowEngine engine, boolean prune, boolean scored, int[] outs,
                                  Boolean chained) {
        List<Long> pes = divisors(s.mh());
        List<Long> simds = divisors(s.mw());
        List<FpgaDataflow.Fold> fast = new ArrayList<>();
        for (long pe : pes) {
            for (long simd : simds) {
                FpgaDataflow.Fold f = new FpgaDataflow.Fold((int) pe, (int) simd);
                if (s.cycles(f) <= spec.targetCycles()) {
                    fast.add(f);
                }
            }
        }
        long fastest = s.cycles(new FpgaDataflow.Fold(pes.get(pes.size() - 1).intValue(),
                simds.get(simds.size() - 1).intValue()));
        List<Option> kept = new ArrayList<>();
        int meeting = 0;
        boolean choose = spec.ramStyle() == FpgaDataflow.RamStyle.ULTRA
                || spec.ramStyle() == FpgaDataflow.RamStyle.SPRAM;
        FpgaDataflow.RamStyle base = choose ? FpgaDataflow.RamStyle.AUTO : spec.ramStyle();
        for (int fi = 0; fi < formats.size(); fi++) {
            for (int o : outs) {
                int ob = o == OWN ? Math.min(32, formats.get(fi).formats().activation().elementBits()) : o;
                LayerFormats lf = outputFormats(formats.get(fi).formats(), s, ob);
                List<Option> all = new ArrayList<>();
                for (FpgaDataflow.Fold f : fast) {
                    double[] r = engine.resources(s, f, lf, spec.part(), spec.resType(), spec.synth(), base);
                    all.add(new Option(fi, f, s.cycles(f), luts(r, s, f, lf, base, spec), r[1], r[2], r[3], r[4],
                            r[5], ob));
                    if (choose) { // the same fold with its weights in URAM / SPRAM, where that moves them
                        double[] m = engine.resources(s, f, lf, spec.part(), spec.resType(), spec.synth(),
                                spec.ramStyle());
                        if (m[4] + m[5] > 0) {
                            all.add(new Option(fi, f.withRamStyle(spec.ramStyle()), s.cycles(f),
                                    luts(m, s, f, lf, spec.ramStyle(), spec), m[1], m[2], m[3], m[4], m[5], ob));
                        }
                    }
                }
                meeting += all.size();
                kept.addAll(prune ? undominated(all) : all);
            }
        }
        kept.sort(Comparator.comparingInt(Option::format).thenComparingInt(Option::outBits)
                .thenComparingInt(o -> o.fold().pe())
                .thenComparingInt(o -> o.fold().simd()).thenComparing(o -> o.fold().ramStyle() == null ? ""
                        : o.fold().ramStyle().label()));
        return new LayerUnit(name, s, kept, pes.size() * simds.size(), meeting, scored, fastest, chained);
    }

    /**
     * @return the options no other option of the list dominates: another needs no more of any resource and less of
     *     one, or the same of all and fewer cycles (then a smaller PE, then a smaller SIMD) — so exactly one of equal
     *     options stays
     */
    static List<Option> undominated(List<Option> all) {
        List<Option> sorted = new ArrayList<>(all);
        // any dominator sorts before what it dominates: sum of resources, then cycles, then PE, SIMD
        sorted.sort(Comparator.comparingDouble((Option o) -> o.luts() + o.ffs() + o.dsps() + o.brams() + o.urams()
                + o.sprams())
                .thenComparingLong(Option::cyclesPerFrame).thenComparingInt(o -> o.fold().pe())
                .thenComparingInt(o -> o.fold().simd()));
        List<Option> kept = new ArrayList<>();
        for (Option o : sorted) {
            boolean dominated = false;
            for (Option k : kept) {
                if (k.luts() <= o.luts() && k.ffs() <= o.ffs() && k.dsps() <= o.dsps() && k.brams() <= o.brams()
                        && k.urams() <= o.urams() && k.sprams() <= o.sprams()) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                kept.add(o);
            }
        }
        return kept;
    }

    /**
     * @return the workload's dataflow units: every compute layer, one op with weights each; with
     *     {@code weightLayersOnly}, layers without weights left out (noted with their share of the MACs)
     */
    static Workload dataflowLayers(Workload w, boolean weightLayersOnly, List<String> notes) {
        List<Layer> keep = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        long droppedMacs = 0;
        for (Layer l : w.computeLayers()) {
            if (l.ops().size() != 1) {
                throw new InvalidInputException(l.name(), l.ops().size() + " ops", "one op per layer in a dataflow "
                        + "design (one unit per layer)");
            }
            LayerOp op = l.ops().get(0);
            if (!op.kind().hasWeights()) {
                if (!weightLayersOnly) {
                    throw new InvalidInputException(l.name(), op.kind().name().toLowerCase(java.util.Locale.ROOT),
                            "a layer with weights (conv, dwconv, linear): a dataflow unit holds its weights on chip. "
                            + "Products of two activations (attention) need an overlay; --weight-layers-only leaves "
                            + "them out of the design");
                }
                dropped.add(l.name());
                droppedMacs += l.macs();
                continue;
            }
            keep.add(l);
        }
        if (keep.isEmpty()) {
            throw new InvalidInputException("--workload", w.name(), "a network with layers that have weights");
        }
        if (!dropped.isEmpty()) {
            notes.add(String.format(java.util.Locale.ROOT, "%d layer(s) without weights left out of the dataflow "
                    + "design (%.1f %% of the MACs; they would need an overlay, not counted here): %s",
                    dropped.size(), 100.0 * droppedMacs / w.macs(), abbreviate(dropped)));
        }
        return new Workload(w.name(), w.description(), keep);
    }

    static List<Long> divisors(long n) {
        List<Long> lo = new ArrayList<>();
        List<Long> hi = new ArrayList<>();
        for (long d = 1; d * d <= n; d++) {
            if (n % d == 0) {
                lo.add(d);
                if (d != n / d) {
                    hi.add(0, n / d);
                }
            }
        }
        lo.addAll(hi);
        lo.removeIf(d -> d > Integer.MAX_VALUE);
        return lo;
    }

    /** @return the candidate with the most weight bits (then activation bits), first on ties */
    static int mostPrecise(List<Candidate> cands) {
        int best = 0;
        for (int f = 1; f < cands.size(); f++) {
            Candidate c = cands.get(f);
            Candidate b = cands.get(best);
            if (c.weightBits() > b.weightBits() || (c.weightBits() == b.weightBits()
                    && c.activationBits() > b.activationBits())) {
                best = f;
            }
        }
        return best;
    }

    static String abbreviate(List<String> names) {
        return names.size() <= 4 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + ", ... (" + names.size() + " in all)";
    }
}
