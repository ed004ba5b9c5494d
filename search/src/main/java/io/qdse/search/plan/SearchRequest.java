package io.qdse.search.plan;

import io.qdse.hwmodels.InvalidInputException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a user asks of a search, in the words of {@code qdse search}'s options (problems found while planning name
 * those options: {@code --pin}, {@code --ties}, {@code --scaling}, …). Either a cost table of the user's own
 * ({@link #table}) or a network on an accelerator ({@link #network}) with a sensitivity source; then ties, pins and
 * the goal (objective or Pareto metrics, budgets). {@link SearchPlanner#plan} turns it into a {@link SearchPlan}.
 *
 * @param table           the user's own cost table ({@code --table}), or null to build one from {@link #network}
 * @param network         the network side ({@code --workload}, {@code --arch}, {@code --formats}, …); with a table,
 *                        only its defaults may be set
 * @param ties            a ties file ({@code layer,group}), or null
 * @param tieSharedInputs whether ONNX layers reading the same activation tensor share a format
 * @param pins            {@code LAYER=FORMAT} items
 * @param goal            what to minimise (or trace) under which budgets
 */
public record SearchRequest(Path table, Network network, Path ties, boolean tieSharedInputs, List<String> pins,
                            Goal goal) {
    public SearchRequest {
        if (network == null) {
            throw new InvalidInputException("search request", "no network", "a Network (Network.defaults() with "
                    + "a table)");
        }
        if (goal == null) {
            throw new InvalidInputException("search request", "no goal", "a Goal");
        }
        pins = pins == null ? List.of() : List.copyOf(pins);
    }

    /** A search of the user's own cost table: no ties, pins or tie-shared-inputs. */
    public static SearchRequest ofTable(Path table, Goal goal) {
        return new SearchRequest(table, Network.defaults(), null, false, List.of(), goal);
    }

    /** A search of a network: no ties or pins. */
    public static SearchRequest ofNetwork(Network network, Goal goal) {
        return new SearchRequest(null, network, null, false, List.of(), goal);
    }

    /** @return this request with a ties file, shared-input ties and pins */
    public SearchRequest withConstraints(Path tiesFile, boolean shareInputs, List<String> layerPins) {
        return new SearchRequest(table, network, tiesFile, shareInputs, layerPins, goal);
    }

    /**
     * The network side of a request.
     *
     * @param workload          built-in network, layer list, ONNX file or known model; null for the ONNX model of
     *                          {@code weights:} in {@link #sensitivity}
     * @param arch              accelerator preset or file
     * @param arrays            array shapes the search may choose among ({@code 16x16}); empty for the arch's own
     * @param formats           candidate formats ({@code int4}, {@code int4/int8}, {@code fp8_e4m3@fp16})
     * @param sensitivity       {@code weights:SOURCE} or {@code table:CSV}
     * @param hessianTrace      per-layer multipliers of the weight error ({@code layer,trace}), or null
     * @param scaling           {@code tensor}, {@code channel} or {@code block[:K]}
     * @param clip              {@code absmax} or {@code mse}
     * @param sensitivityMetric {@code l2}, {@code mse} or {@code nsr}
     * @param onnxInputs        {@code NAME=DIMS} shapes of ONNX inputs
     * @param onnxDims          {@code SYMBOL=N} values of symbolic ONNX dimensions
     */
    public record Network(String workload, String arch, List<String> arrays, List<String> formats, String sensitivity,
                          Path hessianTrace, String scaling, String clip, String sensitivityMetric,
                          List<String> onnxInputs, List<String> onnxDims) {
        /** {@code qdse search}'s defaults. */
        public static final String DEFAULT_ARCH = "edge-32x32";

        public Network {
            arch = arch == null ? DEFAULT_ARCH : arch;
            arrays = arrays == null ? List.of() : List.copyOf(arrays);
            formats = formats == null ? List.of() : List.copyOf(formats);
            scaling = scaling == null ? "channel" : scaling;
            clip = clip == null ? "absmax" : clip;
            sensitivityMetric = sensitivityMetric == null ? "l2" : sensitivityMetric;
            onnxInputs = onnxInputs == null ? List.of() : List.copyOf(onnxInputs);
            onnxDims = onnxDims == null ? List.of() : List.copyOf(onnxDims);
        }

        /** No workload, formats or sensitivity; the default arch and weight options. */
        public static Network defaults() {
            return new Network(null, null, null, null, null, null, null, null, null, null, null);
        }

        /** A network with the default weight options and no ONNX shapes. */
        public static Network of(String workload, String arch, List<String> arrays, List<String> formats,
                                 String sensitivity) {
            return new Network(workload, arch, arrays, formats, sensitivity, null, null, null, null, null, null);
        }

        /** @return whether anything of the network side was given (not allowed with a cost table) */
        boolean given() {
            return workload != null || sensitivity != null || !formats.isEmpty();
        }
    }

    /**
     * What to minimise, or which front to trace, under which budgets.
     *
     * @param objective   metric to minimise (or an alias: size, latency, energy, area)
     * @param max         {@code metric=value} budgets on totals
     * @param maxFraction {@code metric=r} budgets, r of the way from the all-cheapest to the all-dearest total
     * @param pareto      two or three metrics to trace a Pareto front of instead of one optimum; empty for none
     * @param fields      where the words came from, for messages
     */
    public record Goal(String objective, List<String> max, List<String> maxFraction, List<String> pareto,
                       Fields fields) {
        public Goal {
            objective = objective == null ? "sensitivity" : objective;
            max = max == null ? List.of() : List.copyOf(max);
            maxFraction = maxFraction == null ? List.of() : List.copyOf(maxFraction);
            pareto = pareto == null ? List.of() : List.copyOf(pareto);
            fields = fields == null ? Fields.OPTIONS : fields;
        }

        /** Minimise {@code objective} under budgets, messages in {@code qdse search}'s words. */
        public static Goal minimise(String objective, List<String> max, List<String> maxFraction) {
            return new Goal(objective, max, maxFraction, List.of(), Fields.OPTIONS);
        }

        /** Trace the front of two or three metrics under budgets. */
        public static Goal pareto(List<String> metrics, List<String> max, List<String> maxFraction) {
            return new Goal(null, max, maxFraction, metrics, Fields.OPTIONS);
        }

        /** @return whether a Pareto front is asked for */
        public boolean isPareto() {
            return !pareto.isEmpty();
        }
    }

    /**
     * The names that messages about a goal's metric words give them (where they came from).
     *
     * @param max         for {@code max} items' metric names
     * @param maxFraction for {@code maxFraction} items' metric names
     * @param objective   for the objective and the Pareto metrics
     */
    public record Fields(String max, String maxFraction, String objective) {
        /** {@code qdse search}'s messages: an unknown metric is named as "metric". */
        public static final Fields OPTIONS = new Fields("metric", "metric", "metric");
    }
}
