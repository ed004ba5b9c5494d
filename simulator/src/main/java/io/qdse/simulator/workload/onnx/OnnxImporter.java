package io.qdse.simulator.workload.onnx;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.onnx.OnnxModel.Graph;
import io.qdse.simulator.workload.onnx.OnnxModel.Node;
import io.qdse.simulator.workload.onnx.OnnxModel.ValueInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an ONNX model into a {@link Workload} (its Conv, ConvTranspose, MatMul and Gemm nodes as GEMM-shaped ops,
 * shapes found by inference from the graph inputs) and lists the weight tensor of every such node, wherever it sits:
 * a graph initializer, a {@code Constant} node (paddle2onnx's habit), or inside an {@code If}/{@code Loop} subgraph.
 *
 * <p>Shape inference follows the ONNX operator specs for the operators listed in {@link #SUPPORTED}, with constant
 * folding of small tensors so that shape arithmetic ({@code Shape → Gather → Concat → Reshape}) resolves. Symbolic
 * input dimensions must be given ({@link Options}). {@code If} with a constant condition takes that branch, otherwise
 * the then-branch (noted); a {@code Loop} with a constant trip count multiplies its body's ops by it.
 */
public final class OnnxImporter {
    /** Operators whose output shapes are inferred. */
    public static final Set<String> SUPPORTED = Set.of("Conv", "ConvTranspose", "MatMul", "Gemm", "Constant",
            "Identity", "Cast", "Shape", "Size", "Gather", "Unsqueeze", "Squeeze", "Concat", "Slice", "Reshape",
            "Transpose", "Flatten", "Expand", "ConstantOfShape", "Range", "Add", "Sub", "Mul", "Div", "Pow", "Equal",
            "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Where", "Max", "Min", "Mod", "Sum",
            "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "ReduceMean", "ReduceSum", "ReduceMax",
            "ReduceMin", "ReduceProd", "ReduceL2", "ArgMax", "ArgMin", "Resize", "Upsample", "Split", "Pad", "Tile",
            "If", "Loop", "Floor", "Ceil", "Round", "Neg", "Abs", "Sqrt", "Not", "Relu", "Sigmoid", "Tanh", "Erf",
            "Exp", "Log", "HardSigmoid", "HardSwish", "Clip", "LeakyRelu", "Softmax", "LogSoftmax", "Dropout",
            "BatchNormalization", "InstanceNormalization", "LayerNormalization", "Gelu", "Elu", "Selu", "PRelu",
            "Softplus", "Sign", "Reciprocal", "Mish", "Celu", "Einsum", "DequantizeLinear", "QuantizeLinear");

    private static final int MAX_FOLD = 4096;

    /**
     * @param inputShapes full shapes of graph inputs by name (override what the model declares)
     * @param dims        values of symbolic dimensions by name (e.g. batch=1, sequence=128)
     * @param defaultDim  value for any symbolic dimension not given (0: none, an error names them)
     */
    public record Options(Map<String, long[]> inputShapes, Map<String, Long> dims, long defaultDim) {
        public Options {
            inputShapes = Map.copyOf(inputShapes);
            dims = Map.copyOf(dims);
        }

        public static Options defaults() {
            return new Options(Map.of(), Map.of(), 0);
        }
    }

    /**
     * A weight tensor and the layer that multiplies by it.
     *
     * @param layer   layer name (the node's name, or its first output)
     * @param tensor  the constant tensor
     * @param outAxis the axis of output channels (per-channel scaling runs along it)
     * @param opType  the consuming node's operator
     * @param where   initializer, Constant node or subgraph path
     */
    public record WeightTensor(String layer, OnnxTensor tensor, int outAxis, String opType, String where) {
    }

    /**
     * The imported workload, the weights of its layers, and notes on assumptions made.
     *
     * @param activationInputs for each layer with weights, the activation tensor it reads (layers reading the same
     *                         tensor share a quantized input: HAWQ's tie groups)
     * @param chain            for a layer with weights, the layer whose output it alone reads ({@link ChainEdge})
     */
    public record Result(Workload workload, List<WeightTensor> weights, List<String> notes,
                         Map<String, String> activationInputs, Map<String, ChainEdge> chain) {

        /** @return groups of ≥ 2 layers that read the same activation tensor, in layer order */
        public List<List<String>> sharedInputGroups() {
            Map<String, List<String>> by = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, String> e : activationInputs.entrySet()) {
                by.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
            }
            List<List<String>> out = new ArrayList<>();
            for (List<String> g : by.values()) {
                if (g.size() >= 2) {
                    out.add(List.copyOf(g));
                }
            }
            return out;
        }
    }

    /**
     * A link of a chain in the graph: layer {@code from}'s output reaches the layer it is keyed by, and nothing else,
     * through shape-only nodes (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout, Transpose), a bias or scale by
     * a constant (Add, Sub, Mul, Div with one activation input; BatchNormalization) and at most a ReLU — the link a
     * dataflow chain quantizes between two units with thresholds.
     *
     * @param from the producing layer
     * @param relu whether the last non-shape node before the consumer is a Relu (its input codes are then the
     *             non-negative half of its format)
     */
    public record ChainEdge(String from, boolean relu) {
    }

    /** What the chain walk needs of a node: its operator and the inputs that are activations (not constants). */
    private record NodeInfo(String op, List<String> activations) {
    }

    private final OnnxModel model;
    private final Options options;
    private final Map<String, String> layerOutputs = new java.util.LinkedHashMap<>();
    private final Map<String, NodeInfo> producers = new HashMap<>();
    private final Map<String, Integer> consumers = new HashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final List<WeightTensor> weights = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final Map<String, String> activationInputs = new java.util.LinkedHashMap<>();

    private OnnxImporter(OnnxModel model, Options options) {
        this.model = model;
        this.options = options;
    }

    /** Imports the model's compute layers with shapes; needs every graph input's shape resolved. */
    public static Result importModel(OnnxModel model, String name, Options options) {
        OnnxImporter imp = new OnnxImporter(model, options);
        Scope top = new Scope(null);
        imp.bindInputs(model.graph(), top);
        imp.run(model.graph(), top, 1, "");
        if (imp.layers.isEmpty()) {
            throw new InvalidInputException("ONNX model " + name, "no Conv/MatMul/Gemm",
                    "needs at least one Conv, ConvTranspose, MatMul or Gemm node to make a workload");
        }
        Workload w = new Workload(name, "ONNX " + (model.producer().isEmpty() ? "model" : model.producer())
                + ", opset " + model.opset(), imp.layers);
        for (OnnxModel.ValueInfo o : model.graph().outputs()) {
            imp.consumers.merge(o.name(), 1, Integer::sum); // a graph output is read outside the network
        }
        return new Result(w, List.copyOf(imp.weights), List.copyOf(imp.notes),
                java.util.Collections.unmodifiableMap(imp.activationInputs),
                java.util.Collections.unmodifiableMap(imp.chain()));
    }

    /** @return for each layer with weights, the layer whose output it alone reads ({@link ChainEdge}) */
    private Map<String, ChainEdge> chain() {
        Map<String, String> owner = new HashMap<>();
        layerOutputs.forEach((layer, t) -> owner.putIfAbsent(t, layer));
        Set<String> shapeOnly = Set.of("Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout",
                "Transpose");
        Set<String> affine = Set.of("Add", "Sub", "Mul", "Div", "BatchNormalization");
        Map<String, ChainEdge> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : activationInputs.entrySet()) {
            String t = e.getValue();
            Boolean relu = null;
            for (int hop = 0; hop < 64; hop++) {
                if (consumers.getOrDefault(t, 0) != 1) {
                    break; // read by more than one node (a branch), or a graph output
                }
                String from = owner.get(t);
                if (from != null) {
                    if (!from.equals(e.getKey())) {
                        out.put(e.getKey(), new ChainEdge(from, Boolean.TRUE.equals(relu)));
                    }
                    break;
                }
                NodeInfo n = producers.get(t);
                if (n == null || n.activations().size() != 1) {
                    break;
                }
                if (n.op().equals("Relu")) {
                    relu = relu == null ? Boolean.TRUE : relu;
                } else if (affine.contains(n.op())) {
                    relu = relu == null ? Boolean.FALSE : relu;
                } else if (!shapeOnly.contains(n.op())) {
                    break;
                }
                t = n.activations().get(0);
            }
        }
        return out;
    }

    /**
     * Lists weight tensors of Conv/ConvTranspose/MatMul/Gemm nodes without shape inference (no input shapes
     * needed), in every subgraph of every {@code If}/{@code Loop}/{@code Scan} branch.
     */
    public static List<WeightTensor> weights(OnnxModel model) {
        List<WeightTensor> out = new ArrayList<>();
        collectWeights(model.graph(), new HashMap<>(), "", out);
        return out;
    }

    private static void collectWeights(Graph g, Map<String, OnnxTensor> outer, String path,
                                       List<WeightTensor> out) {
        Map<String, OnnxTensor> consts = new HashMap<>(outer);
        consts.putAll(g.initializers());
        Map<String, String> where = new HashMap<>();
        for (String k : g.initializers().keySet()) {
            where.put(k, path.isEmpty() ? "initializer" : path + " initializer");
        }
        for (Node n : g.nodes()) {
            if (n.opType().equals("Constant") && n.attr("value") != null && n.attr("value").t() != null
                    && n.outputs().size() == 1) {
                consts.put(n.outputs().get(0), n.attr("value").t());
                where.put(n.outputs().get(0), (path.isEmpty() ? "" : path + " ") + "Constant node");
            } else if ((n.opType().equals("Identity") || n.opType().equals("Cast")) && !n.inputs().isEmpty()
                    && consts.containsKey(n.inputs().get(0)) && n.outputs().size() == 1) {
                consts.put(n.outputs().get(0), consts.get(n.inputs().get(0)));
                where.put(n.outputs().get(0), where.getOrDefault(n.inputs().get(0), "outer scope"));
            }
            WeightTensor w = weightOf(n, consts, where);
            if (w != null) {
                out.add(w);
            }
            for (OnnxModel.Attribute a : n.attributes().values()) {
                if (a.g() != null) {
                    collectWeights(a.g(), consts, subPath(path, n, a.name()), out);
                }
                for (Graph sg : a.graphs()) {
                    collectWeights(sg, consts, subPath(path, n, a.name()), out);
                }
            }
        }
    }

    private static String subPath(String path, Node n, String attr) {
        return (path.isEmpty() ? "" : path + "/") + n.opType() + " " + n.label() + "." + attr;
    }

    private static WeightTensor weightOf(Node n, Map<String, OnnxTensor> consts, Map<String, String> where) {
        switch (n.opType()) {
            case "Conv": case "ConvTranspose": {
                OnnxTensor t = n.inputs().size() > 1 ? consts.get(n.inputs().get(1)) : null;
                if (t == null || !t.isFloatingPoint()) {
                    return null;
                }
                return new WeightTensor(n.label(), t, n.opType().equals("Conv") ? 0 : 1, n.opType(),
                        where.getOrDefault(n.inputs().get(1), "outer scope"));
            }
            case "Gemm": {
                OnnxTensor t = n.inputs().size() > 1 ? consts.get(n.inputs().get(1)) : null;
                if (t == null || !t.isFloatingPoint() || t.rank() != 2) {
                    return null;
                }
                return new WeightTensor(n.label(), t, n.attrInt("transB", 0) != 0 ? 0 : 1, "Gemm",
                        where.getOrDefault(n.inputs().get(1), "outer scope"));
            }
            case "MatMul": {
                if (n.inputs().size() < 2) {
                    return null;
                }
                OnnxTensor b = consts.get(n.inputs().get(1));
                if (b != null && b.isFloatingPoint() && b.rank() >= 2) {
                    return new WeightTensor(n.label(), b, b.rank() - 1, "MatMul",
                            where.getOrDefault(n.inputs().get(1), "outer scope"));
                }
                OnnxTensor a = consts.get(n.inputs().get(0));
                if (a != null && a.isFloatingPoint() && a.rank() >= 2) {
                    return new WeightTensor(n.label(), a, a.rank() - 2, "MatMul",
                            where.getOrDefault(n.inputs().get(0), "outer scope"));
                }
                return null;
            }
            default:
                return null;
        }
    }

    // ---- shape inference ----------------------------------------------------------------------------------------

    /** Names visible in a graph: its own values, then the enclosing graphs'. */
    private static final class Scope {
        final Scope parent;
        final Map<String, Value> values = new HashMap<>();
        final Map<String, String> where = new HashMap<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        Value get(String name) {
            if (name == null || name.isEmpty()) {
                return null;
            }
            for (Scope s = this; s != null; s = s.parent) {
                Value v = s.values.get(name);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }

        String where(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                String w = s.where.get(name);
                if (w != null) {
                    return w;
                }
            }
            return "outer scope";
        }

        void put(String name, Value v) {
            if (name != null && !name.isEmpty()) {
                values.put(name, v);
            }
        }
    }

    private void bindInputs(Graph g, Scope s) {
        // entries that match nothing are refused, not ignored: an input or symbol the model does not have
        java.util.Set<String> inputs = new java.util.TreeSet<>();
        java.util.Set<String> symbols = new java.util.TreeSet<>();
        for (ValueInfo in : g.inputs()) {
            if (!g.initializers().containsKey(in.name())) {
                inputs.add(in.name());
                for (int i = 0; i < in.dims().length; i++) {
                    if (in.dims()[i] <= 0 && in.dimNames().get(i) != null) {
                        symbols.add(in.dimNames().get(i));
                    }
                }
            }
        }
        for (String name : new java.util.TreeSet<>(options.inputShapes().keySet())) {
            if (!inputs.contains(name)) {
                throw new InvalidInputException("--onnx-input", name, "an input of the model (" + (inputs.isEmpty()
                        ? "it has none" : String.join(", ", inputs)) + ")");
            }
        }
        for (String sym : new java.util.TreeSet<>(options.dims().keySet())) {
            if (!symbols.contains(sym)) {
                throw new InvalidInputException("--onnx-dim", sym, "a symbolic dimension of the model's inputs ("
                        + (symbols.isEmpty() ? "they have none" : String.join(", ", symbols)) + ")");
            }
        }
        List<String> missing = new ArrayList<>();
        for (ValueInfo in : g.inputs()) {
            if (g.initializers().containsKey(in.name())) {
                continue; // an initializer listed as an input (IR < 4 habit)
            }
            long[] shape = options.inputShapes().get(in.name());
            if (shape == null) {
                shape = new long[in.dims().length];
                for (int i = 0; i < shape.length; i++) {
                    long d = in.dims()[i];
                    if (d <= 0) {
                        String sym = in.dimNames().get(i);
                        Long v = options.dims().get(sym);
                        if (v == null && options.defaultDim() > 0) {
                            v = options.defaultDim();
                        }
                        if (v == null) {
                            missing.add(in.name() + "[" + i + "] (" + sym + ")");
                            d = -1;
                        } else {
                            d = v;
                        }
                    }
                    shape[i] = d;
                }
            }
            s.put(in.name(), Value.ofShape(shape));
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (ValueInfo in : g.inputs()) {
                if (!g.initializers().containsKey(in.name())) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(in.name()).append(in.dimNames());
                }
            }
            throw new InvalidInputException("--onnx-input", String.join(", ", missing),
                    "symbolic dimensions need values: give --onnx-input NAME=D0xD1x... for each input or --onnx-dim "
                            + "SYMBOL=N (the model's inputs: " + sb + ")");
        }
    }

    private void run(Graph g, Scope s, long repeat, String path) {
        for (Map.Entry<String, OnnxTensor> e : g.initializers().entrySet()) {
            s.put(e.getKey(), constValue(e.getValue()));
            s.where.put(e.getKey(), path.isEmpty() ? "initializer" : path + " initializer");
        }
        for (Node n : g.nodes()) {
            try {
                node(n, s, repeat, path);
            } catch (InvalidInputException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new InvalidInputException("ONNX node " + n.label() + " (" + n.opType() + ")", e.getMessage(),
                        "could not be interpreted");
            }
        }
    }

    private static Value constValue(OnnxTensor t) {
        double[] vals = null;
        if (t.elementCount() <= MAX_FOLD && t.dataType() != OnnxTensor.STRING) {
            vals = t.toDoubles();
        }
        return new Value(t.dims(), vals, t);
    }

    private void node(Node n, Scope s, long repeat, String path) {
        List<Value> in = new ArrayList<>();
        for (String name : n.inputs()) {
            in.add(name.isEmpty() ? null : s.get(name));
        }
        // the graph as the chain walk sees it: who reads a tensor, and which inputs of a node are activations
        List<String> acts = new ArrayList<>();
        for (int i = 0; i < n.inputs().size(); i++) {
            String name = n.inputs().get(i);
            if (name.isEmpty()) {
                continue;
            }
            consumers.merge(name, 1, Integer::sum);
            Value v = in.get(i);
            if (v != null && v.constant() == null && v.vals() == null) {
                acts.add(name);
            }
        }
        for (String o : n.outputs()) {
            producers.put(o, new NodeInfo(n.opType(), List.copyOf(acts)));
        }
        String op = n.opType();
        if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) {
            op = n.domain() + "::" + op;
        }
        Value[] out;
        switch (op) {
            case "Constant": out = new Value[] {constant(n)}; break;
            case "Identity": case "Dropout": case "DequantizeLinear": case "QuantizeLinear":
                out = new Value[] {in.get(0) == null ? Value.UNKNOWN
                        : new Value(in.get(0).shape(), in.get(0).vals(), op.equals("Identity")
                                ? in.get(0).constant() : null)};
                if (op.equals("Dropout") && n.outputs().size() > 1) {
                    out = new Value[] {out[0], Value.ofShape(shapeOf(in.get(0)))};
                }
                break;
            case "Cast": {
                Value x = in.get(0);
                long to = n.attrInt("to", OnnxTensor.FLOAT);
                double[] v = x == null ? null : x.vals();
                if (v != null && isIntType((int) to)) {
                    v = v.clone();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (long) v[i];
                    }
                }
                out = new Value[] {x == null ? Value.UNKNOWN : new Value(x.shape(), v, x.constant())};
                break;
            }
            case "Shape": out = new Value[] {shapeOp(n, in.get(0))}; break;
            case "Size": {
                Value x = in.get(0);
                out = new Value[] {x != null && x.knownShape() ? Value.vals(new long[0], new double[] {x.elements()})
                        : Value.ofShape()};
                break;
            }
            case "Gather": out = new Value[] {gather(n, in)}; break;
            case "Unsqueeze": out = new Value[] {unsqueeze(n, in)}; break;
            case "Squeeze": out = new Value[] {squeeze(n, in)}; break;
            case "Concat": out = new Value[] {concat(n, in)}; break;
            case "Slice": out = new Value[] {slice(n, in)}; break;
            case "Reshape": out = new Value[] {reshape(n, in)}; break;
            case "Transpose": out = new Value[] {transpose(n, in.get(0))}; break;
            case "Flatten": {
                long[] x = shapeOf(in.get(0));
                int axis = normAxis((int) n.attrInt("axis", 1), x.length + 1);
                out = new Value[] {Value.ofShape(prod(x, 0, axis), prod(x, axis, x.length))};
                break;
            }
            case "Expand": {
                long[] target = valsAsLongs(in.get(1), "shape");
                out = new Value[] {Value.ofShape(broadcast(shapeOf(in.get(0)), target))};
                break;
            }
            case "ConstantOfShape": {
                long[] target = valsAsLongs(in.get(0), "shape");
                double fill = 0;
                OnnxModel.Attribute a = n.attr("value");
                if (a != null && a.t() != null) {
                    fill = a.t().toDoubles()[0];
                }
                long count = prod(target, 0, target.length);
                double[] v = null;
                if (count <= MAX_FOLD) {
                    v = new double[(int) count];
                    Arrays.fill(v, fill);
                }
                out = new Value[] {new Value(target, v, null)};
                break;
            }
            case "Range": {
                double start = scalar(in.get(0));
                double limit = scalar(in.get(1));
                double delta = scalar(in.get(2));
                long count = Math.max(0, (long) Math.ceil((limit - start) / delta));
                double[] v = null;
                if (count <= MAX_FOLD) {
                    v = new double[(int) count];
                    for (int i = 0; i < count; i++) {
                        v[i] = start + i * delta;
                    }
                }
                out = new Value[] {new Value(new long[] {count}, v, null)};
                break;
            }
            case "Add": case "Sub": case "Mul": case "Div": case "Pow": case "Equal": case "Less": case "Greater":
            case "LessOrEqual": case "GreaterOrEqual": case "And": case "Or": case "Max": case "Min": case "Mod":
            case "Sum": case "PRelu":
                out = new Value[] {elementwise(op, n, in)};
                break;
            case "Where": {
                long[] sh = broadcast(broadcast(shapeOf(in.get(0)), shapeOf(in.get(1))), shapeOf(in.get(2)));
                double[] v = null;
                if (allVals(in) && sh.length <= 1) {
                    double[] c = expandTo(in.get(0), sh);
                    double[] x = expandTo(in.get(1), sh);
                    double[] y = expandTo(in.get(2), sh);
                    if (c != null && x != null && y != null) {
                        v = new double[c.length];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = c[i] != 0 ? x[i] : y[i];
                        }
                    }
                }
                out = new Value[] {new Value(sh, v, null)};
                break;
            }
            case "Floor": case "Ceil": case "Round": case "Neg": case "Abs": case "Sqrt": case "Not": case "Relu":
            case "Sigmoid": case "Tanh": case "Erf": case "Exp": case "Log": case "HardSigmoid": case "HardSwish":
            case "Clip": case "LeakyRelu": case "Softmax": case "LogSoftmax": case "InstanceNormalization":
            case "Gelu": case "Elu": case "Selu": case "Softplus": case "Sign": case "Reciprocal": case "Mish":
            case "Celu": case "LayerNormalization":
                out = new Value[] {unary(op, in.get(0))};
                break;
            case "BatchNormalization":
                out = new Value[] {Value.ofShape(shapeOf(in.get(0)))};
                break;
            case "MaxPool": case "AveragePool":
                out = new Value[] {Value.ofShape(pool(n, shapeOf(in.get(0))))};
                break;
            case "GlobalAveragePool": case "GlobalMaxPool": {
                long[] x = shapeOf(in.get(0)).clone();
                for (int i = 2; i < x.length; i++) {
                    x[i] = 1;
                }
                out = new Value[] {Value.ofShape(x)};
                break;
            }
            case "ReduceMean": case "ReduceSum": case "ReduceMax": case "ReduceMin": case "ReduceProd":
            case "ReduceL2":
                out = new Value[] {reduce(n, in)};
                break;
            case "ArgMax": case "ArgMin": {
                long[] x = shapeOf(in.get(0));
                int axis = normAxis((int) n.attrInt("axis", 0), x.length);
                out = new Value[] {Value.ofShape(reduceShape(x, new int[] {axis}, n.attrInt("keepdims", 1) != 0))};
                break;
            }
            case "Resize": case "Upsample": out = new Value[] {resize(n, in)}; break;
            case "Split": out = split(n, in); break;
            case "Pad": {
                long[] x = shapeOf(in.get(0)).clone();
                long[] pads = in.size() > 1 && in.get(1) != null ? valsAsLongs(in.get(1), "pads")
                        : n.attrInts("pads", null);
                if (pads == null) {
                    throw new IllegalStateException("pads unknown");
                }
                for (int i = 0; i < x.length && i + x.length < pads.length + 1; i++) {
                    if (x[i] >= 0) {
                        x[i] += pads[i] + pads[i + x.length];
                    }
                }
                out = new Value[] {Value.ofShape(x)};
                break;
            }
            case "Tile": {
                long[] x = shapeOf(in.get(0)).clone();
                long[] r = valsAsLongs(in.get(1), "repeats");
                for (int i = 0; i < x.length; i++) {
                    x[i] = x[i] < 0 ? -1 : x[i] * r[i];
                }
                out = new Value[] {Value.ofShape(x)};
                break;
            }
            case "Einsum":
                notes.add("Einsum " + n.label() + ": not lowered to a GEMM (its shape is unknown downstream)");
                out = new Value[] {Value.UNKNOWN};
                break;
            case "Conv": out = new Value[] {conv(n, in, s, repeat)}; break;
            case "ConvTranspose": out = new Value[] {convTranspose(n, in, s, repeat)}; break;
            case "MatMul": out = new Value[] {matmul(n, in, s, repeat)}; break;
            case "Gemm": out = new Value[] {gemm(n, in, s, repeat)}; break;
            case "If": out = ifNode(n, in, s, repeat, path); break;
            case "Loop": out = loopNode(n, in, s, repeat, path); break;
            default:
                if (!notes.contains("unsupported operator " + op)) {
                    notes.add("unsupported operator " + op);
                }
                out = new Value[n.outputs().size()];
                Arrays.fill(out, Value.UNKNOWN);
        }
        for (int i = 0; i < n.outputs().size(); i++) {
            s.put(n.outputs().get(i), i < out.length && out[i] != null ? out[i] : Value.UNKNOWN);
        }
        if (op.equals("Constant") && n.outputs().size() == 1) {
            s.where.put(n.outputs().get(0), (path.isEmpty() ? "" : path + " ") + "Constant node");
        }
    }

    // ---- compute layers -----------------------------------------------------------------------------------------

    private Value conv(Node n, List<Value> in, Scope s, long repeat) {
        long[] x = need(in.get(0), n, "input");
        Value wv = in.get(1);
        long[] w = need(wv, n, "weight");
        if (x.length < 3 || x.length > 4) {
            throw new InvalidInputException("ONNX node " + n.label(), Arrays.toString(x), "Conv over 1 or 2 "
                    + "spatial dimensions (3-D convolutions are not lowered)");
        }
        int sp = x.length - 2;
        long group = n.attrInt("group", 1);
        long[] kernel = n.attrInts("kernel_shape", Arrays.copyOfRange(w, 2, w.length));
        long[] strides = n.attrInts("strides", ones(sp));
        long[] dil = n.attrInts("dilations", ones(sp));
        long[] pads = convPads(n, x, kernel, strides, dil, sp);
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[0];
        for (int i = 0; i < sp; i++) {
            long eff = (kernel[i] - 1) * dil[i] + 1;
            out[2 + i] = Math.floorDiv(x[2 + i] + pads[i] + pads[i + sp] - eff, strides[i]) + 1;
        }
        long cin = x[1];
        long cout = w[0];
        long inH = sp == 2 ? x[2] : 1;
        long inW = x[x.length - 1];
        long kh = sp == 2 ? kernel[0] : 1;
        long kw = kernel[sp - 1];
        long oh = sp == 2 ? out[2] : 1;
        long ow = out[out.length - 1];
        long m = x[0] * oh * ow;
        long k = cin / group * kh * kw;
        long nOut = cout / group;
        ConvGeometry geo = geometry(inH, inW, kh, kw, sp == 2 ? strides[0] : 1, strides[sp - 1],
                sp == 2 ? dil[0] : 1, dil[sp - 1], sp == 2 ? pads[0] + pads[sp] : 0, pads[sp - 1] + pads[2 * sp - 1],
                oh, ow, cin, cout, group);
        OpKind kind = group > 1 && group == cin && group == cout ? OpKind.DEPTHWISE_CONV : OpKind.CONV;
        long params = wv.constant() != null ? wv.constant().elementCount() : 0;
        if (in.size() > 2 && in.get(2) != null && in.get(2).constant() != null) {
            params += in.get(2).constant().elementCount();
        }
        addLayer(n, kind, m, nOut, k, group * repeat, geo, params);
        addWeight(n, wv, 0, n.inputs().get(1), s);
        return Value.ofShape(out);
    }

    /** A ConvGeometry with the same output size, or null when padding/dilation cannot be expressed by one. */
    private static ConvGeometry geometry(long inH, long inW, long kh, long kw, long sh, long sw, long dh, long dw,
                                        long padTotH, long padTotW, long oh, long ow, long cin, long cout,
                                        long groups) {
        long ekh = (kh - 1) * dh + 1;
        long ekw = (kw - 1) * dw + 1;
        if (dh != 1 || dw != 1) {
            return null; // the sliding-window footprint of a dilated kernel is not a ConvGeometry
        }
        for (long ph : new long[] {padTotH / 2, (padTotH + 1) / 2}) {
            for (long pw : new long[] {padTotW / 2, (padTotW + 1) / 2}) {
                if ((inH + 2 * ph - ekh) / sh + 1 == oh && (inW + 2 * pw - ekw) / sw + 1 == ow
                        && inH + 2 * ph >= ekh && inW + 2 * pw >= ekw) {
                    return new ConvGeometry((int) inH, (int) inW, (int) kh, (int) kw, (int) sh, (int) sw, (int) ph,
                            (int) pw, (int) cin, (int) cout, (int) groups);
                }
            }
        }
        return null;
    }

    private static long[] convPads(Node n, long[] x, long[] kernel, long[] strides, long[] dil, int sp) {
        String auto = n.attrString("auto_pad", "NOTSET");
        long[] pads = n.attrInts("pads", new long[2 * sp]);
        if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
            pads = new long[2 * sp];
            for (int i = 0; i < sp; i++) {
                long in = x[2 + i];
                long out = (in + strides[i] - 1) / strides[i];
                long eff = (kernel[i] - 1) * dil[i] + 1;
                long total = Math.max(0, (out - 1) * strides[i] + eff - in);
                long small = total / 2;
                pads[i] = auto.equals("SAME_UPPER") ? small : total - small;
                pads[i + sp] = total - pads[i];
            }
        } else if (auto.equals("VALID")) {
            pads = new long[2 * sp];
        }
        return pads;
    }

    private Value convTranspose(Node n, List<Value> in, Scope s, long repeat) {
        long[] x = need(in.get(0), n, "input");
        Value wv = in.get(1);
        long[] w = need(wv, n, "weight");
        int sp = x.length - 2;
        long group = n.attrInt("group", 1);
        long[] kernel = n.attrInts("kernel_shape", Arrays.copyOfRange(w, 2, w.length));
        long[] strides = n.attrInts("strides", ones(sp));
        long[] dil = n.attrInts("dilations", ones(sp));
        long[] pads = n.attrInts("pads", new long[2 * sp]);
        long[] outPad = n.attrInts("output_padding", new long[sp]);
        long[] outShape = n.attrInts("output_shape", null);
        long[] out = new long[x.length];
        out[0] = x[0];
        out[1] = w[1] * group;
        for (int i = 0; i < sp; i++) {
            out[2 + i] = outShape != null ? outShape[outShape.length - sp + i]
                    : strides[i] * (x[2 + i] - 1) + outPad[i] + (kernel[i] - 1) * dil[i] + 1 - pads[i] - pads[i + sp];
        }
        long pixels = prod(x, 2, x.length);
        long kArea = prod(kernel, 0, kernel.length);
        long params = wv.constant() != null ? wv.constant().elementCount() : 0;
        // lowered as input pixels x (Cin/g) times (Cin/g) x (Cout/g * kernel area), then col2im (not counted)
        addLayer(n, OpKind.CONV, x[0] * pixels, w[1] * kArea, x[1] / group, group * repeat, null, params);
        addWeight(n, wv, 1, n.inputs().get(1), s);
        return Value.ofShape(out);
    }

    private Value matmul(Node n, List<Value> in, Scope s, long repeat) {
        Value av = in.get(0);
        Value bv = in.get(1);
        long[] a = need(av, n, "A");
        long[] b = need(bv, n, "B");
        long[] a2 = a.length == 1 ? new long[] {1, a[0]} : a;
        long[] b2 = b.length == 1 ? new long[] {b[0], 1} : b;
        long m = a2[a2.length - 2];
        long k = a2[a2.length - 1];
        long nn = b2[b2.length - 1];
        if (b2[b2.length - 2] != k) {
            throw new InvalidInputException("ONNX node " + n.label(), Arrays.toString(a) + " x " + Arrays.toString(b),
                    "MatMul operands whose inner dimensions agree");
        }
        long[] batchA = Arrays.copyOf(a2, a2.length - 2);
        long[] batchB = Arrays.copyOf(b2, b2.length - 2);
        long[] batch = broadcast(batchA, batchB);
        long[] out = new long[batch.length + (a.length == 1 ? 0 : 1) + (b.length == 1 ? 0 : 1)];
        System.arraycopy(batch, 0, out, 0, batch.length);
        int o = batch.length;
        if (a.length != 1) {
            out[o++] = m;
        }
        if (b.length != 1) {
            out[o] = nn;
        }
        boolean bConst = bv.constant() != null;
        boolean aConst = av.constant() != null;
        long batchCount = prod(batch, 0, batch.length);
        if (bConst && batchB.length == 0) {
            long params = bv.constant().elementCount();
            addLayer(n, OpKind.LINEAR, batchCount * m, nn, k, repeat, null, params);
            addWeight(n, bv, b.length - 1, n.inputs().get(1), s);
        } else if (aConst && batchA.length == 0) {
            // W x X: the same GEMM transposed, so that B is the weight
            addLayer(n, OpKind.LINEAR, batchCount * nn, m, k, repeat, null, av.constant().elementCount());
            addWeight(n, av, a.length - 2, n.inputs().get(0), s);
        } else if (bConst || aConst) {
            Value wv = bConst ? bv : av;
            addLayer(n, OpKind.LINEAR, m, nn, k, batchCount * repeat, null, wv.constant().elementCount());
            addWeight(n, wv, bConst ? b.length - 1 : a.length - 2, n.inputs().get(bConst ? 1 : 0), s);
        } else {
            addLayer(n, OpKind.MATMUL, m, nn, k, batchCount * repeat, null, 0);
        }
        return Value.ofShape(out);
    }

    private Value gemm(Node n, List<Value> in, Scope s, long repeat) {
        long[] a = need(in.get(0), n, "A");
        Value bv = in.get(1);
        long[] b = need(bv, n, "B");
        boolean ta = n.attrInt("transA", 0) != 0;
        boolean tb = n.attrInt("transB", 0) != 0;
        long m = ta ? a[1] : a[0];
        long k = ta ? a[0] : a[1];
        long nn = tb ? b[0] : b[1];
        if (bv.constant() != null) {
            long params = bv.constant().elementCount();
            if (in.size() > 2 && in.get(2) != null && in.get(2).constant() != null) {
                params += in.get(2).constant().elementCount();
            }
            addLayer(n, OpKind.LINEAR, m, nn, k, repeat, null, params);
            addWeight(n, bv, tb ? 0 : 1, n.inputs().get(1), s);
        } else {
            addLayer(n, OpKind.MATMUL, m, nn, k, repeat, null, 0);
        }
        return Value.ofShape(m, nn);
    }

    private void addLayer(Node n, OpKind kind, long m, long nn, long k, long batch, ConvGeometry geo, long params) {
        String name = n.label();
        String unique = name;
        for (int i = 2; names.contains(unique); i++) {
            unique = name + "#" + i;
        }
        names.add(unique);
        if (!n.outputs().isEmpty()) {
            layerOutputs.put(unique, n.outputs().get(0));
        }
        LayerOp op = new LayerOp(unique, kind, m, nn, k, batch, geo);
        String type = kind == OpKind.CONV ? "conv" : kind == OpKind.DEPTHWISE_CONV ? "dwconv"
                : kind == OpKind.LINEAR ? "linear" : "matmul";
        layers.add(new Layer(unique, type, List.of(op), params));
    }

    private void addWeight(Node n, Value w, int axis, String inputName, Scope s) {
        String act = n.inputs().get(0).equals(inputName) && n.inputs().size() > 1 ? n.inputs().get(1)
                : n.inputs().get(0);
        activationInputs.put(layers.get(layers.size() - 1).name(), act);
        if (w.constant() != null && w.constant().isFloatingPoint()) {
            weights.add(new WeightTensor(layers.get(layers.size() - 1).name(), w.constant(), axis, n.opType(),
                    s.where(inputName)));
        }
    }

    // ---- control flow -------------------------------------------------------------------------------------------

    private Value[] ifNode(Node n, List<Value> in, Scope s, long repeat, String path) {
        Value cond = in.get(0);
        boolean thenBranch = true;
        if (cond != null && cond.vals() != null && cond.vals().length == 1) {
            thenBranch = cond.vals()[0] != 0;
        } else {
            notes.add("If " + n.label() + ": condition unknown before run time; counted the then-branch");
        }
        String attr = thenBranch ? "then_branch" : "else_branch";
        Graph g = n.attr(attr).g();
        Scope child = new Scope(s);
        run(g, child, repeat, subPath(path, n, attr));
        Value[] out = new Value[g.outputs().size()];
        for (int i = 0; i < out.length; i++) {
            Value v = child.get(g.outputs().get(i).name());
            out[i] = v == null ? Value.UNKNOWN : v;
        }
        return out;
    }

    private Value[] loopNode(Node n, List<Value> in, Scope s, long repeat, String path) {
        Value tripV = in.isEmpty() ? null : in.get(0);
        long trips = 1;
        boolean known = tripV != null && tripV.vals() != null && tripV.vals().length == 1;
        if (known) {
            trips = (long) tripV.vals()[0];
        } else {
            notes.add("Loop " + n.label() + ": trip count unknown before run time; counted one iteration");
        }
        Graph body = n.attr("body").g();
        Scope child = new Scope(s);
        int carried = n.inputs().size() - 2;
        if (body.inputs().size() >= 2) {
            child.put(body.inputs().get(0).name(), Value.vals(new long[0], new double[] {0}));
            child.put(body.inputs().get(1).name(), Value.vals(new long[0], new double[] {1}));
        }
        for (int i = 0; i < carried && i + 2 < body.inputs().size(); i++) {
            Value init = in.get(i + 2);
            child.put(body.inputs().get(i + 2).name(), init == null ? Value.UNKNOWN : Value.ofShape(init.shape()));
        }
        run(body, child, repeat * Math.max(trips, 0), subPath(path, n, "body"));
        Value[] out = new Value[n.outputs().size()];
        for (int i = 0; i < out.length; i++) {
            int bodyOut = i + 1; // body outputs: cond, carried..., scan outputs...
            Value v = bodyOut < body.outputs().size() ? child.get(body.outputs().get(bodyOut).name()) : null;
            if (v == null) {
                out[i] = Value.UNKNOWN;
            } else if (i >= carried && v.shape() != null) {
                long[] sh = new long[v.shape().length + 1];
                sh[0] = known ? trips : -1;
                System.arraycopy(v.shape(), 0, sh, 1, v.shape().length);
                out[i] = Value.ofShape(sh);
            } else {
                out[i] = Value.ofShape(v.shape());
            }
        }
        return out;
    }

    // ---- shape helpers ------------------------------------------------------------------------------------------

    private static Value constant(Node n) {
        OnnxModel.Attribute a = n.attr("value");
        if (a != null && a.t() != null) {
            return constValue(a.t());
        }
        if (n.attr("value_int") != null) {
            return Value.vals(new long[0], new double[] {n.attr("value_int").i()});
        }
        if (n.attr("value_ints") != null) {
            long[] v = n.attr("value_ints").ints();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return Value.vals(new long[] {v.length}, d);
        }
        if (n.attr("value_float") != null) {
            return Value.vals(new long[0], new double[] {n.attr("value_float").f()});
        }
        if (n.attr("value_floats") != null) {
            float[] v = n.attr("value_floats").floats();
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return Value.vals(new long[] {v.length}, d);
        }
        return Value.UNKNOWN;
    }

    private static Value shapeOp(Node n, Value x) {
        if (x == null || x.shape() == null) {
            return Value.UNKNOWN;
        }
        long[] sh = x.shape();
        int r = sh.length;
        int start = normAxisClamp((int) n.attrInt("start", 0), r);
        int end = normAxisClamp((int) n.attrInt("end", r), r);
        long[] part = Arrays.copyOfRange(sh, start, Math.max(start, end));
        boolean known = true;
        for (long d : part) {
            known &= d >= 0;
        }
        double[] v = null;
        if (known) {
            v = new double[part.length];
            for (int i = 0; i < part.length; i++) {
                v[i] = part[i];
            }
        }
        return new Value(new long[] {part.length}, v, null);
    }

    private static Value gather(Node n, List<Value> in) {
        Value data = in.get(0);
        Value idx = in.get(1);
        long[] ds = shapeOf(data);
        long[] is = shapeOf(idx);
        int axis = normAxis((int) n.attrInt("axis", 0), ds.length);
        long[] out = new long[ds.length - 1 + is.length];
        System.arraycopy(ds, 0, out, 0, axis);
        System.arraycopy(is, 0, out, axis, is.length);
        System.arraycopy(ds, axis + 1, out, axis + is.length, ds.length - axis - 1);
        double[] v = null;
        if (data.vals() != null && idx.vals() != null && ds.length == 1) {
            v = new double[idx.vals().length];
            for (int i = 0; i < v.length; i++) {
                long j = (long) idx.vals()[i];
                if (j < 0) {
                    j += ds[0];
                }
                v[i] = data.vals()[(int) j];
            }
        }
        return new Value(out, v, null);
    }

    private Value unsqueeze(Node n, List<Value> in) {
        Value x = in.get(0);
        long[] axes = in.size() > 1 && in.get(1) != null ? valsAsLongs(in.get(1), "axes") : n.attrInts("axes", null);
        long[] xs = shapeOf(x);
        int r = xs.length + axes.length;
        boolean[] isNew = new boolean[r];
        for (long a : axes) {
            isNew[normAxis((int) a, r)] = true;
        }
        long[] out = new long[r];
        for (int i = 0, j = 0; i < r; i++) {
            out[i] = isNew[i] ? 1 : xs[j++];
        }
        return new Value(out, x.vals(), null);
    }

    private Value squeeze(Node n, List<Value> in) {
        Value x = in.get(0);
        long[] xs = shapeOf(x);
        long[] axes = in.size() > 1 && in.get(1) != null ? valsAsLongs(in.get(1), "axes") : n.attrInts("axes", null);
        boolean[] drop = new boolean[xs.length];
        if (axes == null) {
            for (int i = 0; i < xs.length; i++) {
                drop[i] = xs[i] == 1;
            }
        } else {
            for (long a : axes) {
                drop[normAxis((int) a, xs.length)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (!drop[i]) {
                out.add(xs[i]);
            }
        }
        return new Value(toArray(out), x.vals(), null);
    }

    private static Value concat(Node n, List<Value> in) {
        long[] first = null;
        for (Value v : in) {
            if (v != null && v.shape() != null) {
                first = v.shape();
                break;
            }
        }
        if (first == null) {
            return Value.UNKNOWN;
        }
        int axis = normAxis((int) n.attrInt("axis", 0), first.length);
        long[] out = first.clone();
        out[axis] = 0;
        boolean allVals = true;
        int total = 0;
        for (Value v : in) {
            long[] s = shapeOf(v);
            out[axis] = out[axis] < 0 || s[axis] < 0 ? -1 : out[axis] + s[axis];
            for (int i = 0; i < out.length; i++) {
                if (i != axis && out[i] < 0 && s[i] >= 0) {
                    out[i] = s[i];
                }
            }
            allVals &= v.vals() != null;
            if (v.vals() != null) {
                total += v.vals().length;
            }
        }
        double[] vals = null;
        if (allVals && out.length == 1) {
            vals = new double[total];
            int p = 0;
            for (Value v : in) {
                System.arraycopy(v.vals(), 0, vals, p, v.vals().length);
                p += v.vals().length;
            }
        }
        return new Value(out, vals, null);
    }

    private Value slice(Node n, List<Value> in) {
        Value x = in.get(0);
        long[] xs = shapeOf(x);
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps;
        if (in.size() >= 3) {
            starts = valsAsLongs(in.get(1), "starts");
            ends = valsAsLongs(in.get(2), "ends");
            axes = in.size() > 3 && in.get(3) != null ? valsAsLongs(in.get(3), "axes") : null;
            steps = in.size() > 4 && in.get(4) != null ? valsAsLongs(in.get(4), "steps") : null;
        } else {
            starts = n.attrInts("starts", null);
            ends = n.attrInts("ends", null);
            axes = n.attrInts("axes", null);
            steps = null;
        }
        if (axes == null) {
            axes = new long[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        }
        long[] out = xs.clone();
        long[][] ranges = new long[xs.length][];
        for (int i = 0; i < axes.length; i++) {
            int ax = normAxis((int) axes[i], xs.length);
            long step = steps == null ? 1 : steps[i];
            long dim = xs[ax];
            if (dim < 0) {
                out[ax] = -1;
                continue;
            }
            long st = clampIndex(starts[i], dim, step);
            long en = clampIndex(ends[i], dim, step);
            long len = step > 0 ? Math.max(0, (en - st + step - 1) / step) : Math.max(0, (st - en - step - 1) / -step);
            out[ax] = len;
            ranges[ax] = new long[] {st, step, len};
        }
        double[] v = null;
        if (x.vals() != null && xs.length == 1 && ranges[0] != null) {
            v = new double[(int) ranges[0][2]];
            for (int i = 0; i < v.length; i++) {
                v[i] = x.vals()[(int) (ranges[0][0] + i * ranges[0][1])];
            }
        } else if (x.vals() != null && xs.length == 1 && ranges[0] == null) {
            v = x.vals();
        }
        return new Value(out, v, null);
    }

    private static long clampIndex(long i, long dim, long step) {
        if (i < 0) {
            i += dim;
        }
        if (step > 0) {
            return Math.max(0, Math.min(i, dim));
        }
        return Math.max(-1, Math.min(i, dim - 1));
    }

    private Value reshape(Node n, List<Value> in) {
        Value x = in.get(0);
        long[] target = in.size() > 1 && in.get(1) != null ? valsAsLongs(in.get(1), "shape")
                : n.attrInts("shape", null);
        long[] xs = x == null ? null : x.shape();
        boolean allowZero = n.attrInt("allowzero", 0) != 0;
        long[] out = target.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                out[i] = xs != null && i < xs.length ? xs[i] : -1;
            }
            if (target[i] == -1) {
                inferred = i;
            } else if (out[i] >= 0) {
                known *= out[i];
            } else {
                known = -1;
            }
        }
        if (inferred >= 0) {
            out[inferred] = known > 0 && x != null && x.knownShape() ? x.elements() / known : -1;
        }
        return new Value(out, x == null ? null : x.vals(), null);
    }

    private static Value transpose(Node n, Value x) {
        long[] xs = shapeOf(x);
        long[] perm = n.attrInts("perm", null);
        long[] out = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = xs[perm == null ? xs.length - 1 - i : (int) perm[i]];
        }
        return Value.ofShape(out);
    }

    private Value elementwise(String op, Node n, List<Value> in) {
        long[] sh = new long[0];
        for (Value v : in) {
            if (v != null) {
                sh = broadcast(sh, shapeOf(v));
            }
        }
        double[] v = null;
        if (allVals(in) && sh.length <= 1 && prod(sh, 0, sh.length) <= MAX_FOLD) {
            v = expandTo(in.get(0), sh);
            for (int j = 1; j < in.size() && v != null; j++) {
                double[] b = expandTo(in.get(j), sh);
                if (b == null) {
                    v = null;
                    break;
                }
                for (int i = 0; i < v.length; i++) {
                    v[i] = apply(op, v[i], b[i]);
                }
            }
        }
        return new Value(sh, v, null);
    }

    private static double apply(String op, double a, double b) {
        switch (op) {
            case "Add": case "Sum": return a + b;
            case "Sub": return a - b;
            case "Mul": return a * b;
            case "Div": return a / b; // integer division of integer tensors is handled by a following Cast/Floor
            case "Pow": return Math.pow(a, b);
            case "Equal": return a == b ? 1 : 0;
            case "Less": return a < b ? 1 : 0;
            case "Greater": return a > b ? 1 : 0;
            case "LessOrEqual": return a <= b ? 1 : 0;
            case "GreaterOrEqual": return a >= b ? 1 : 0;
            case "And": return a != 0 && b != 0 ? 1 : 0;
            case "Or": return a != 0 || b != 0 ? 1 : 0;
            case "Max": return Math.max(a, b);
            case "Min": return Math.min(a, b);
            case "Mod": return a % b;
            default: return a < 0 ? a * b : a; // PRelu
        }
    }

    private static Value unary(String op, Value x) {
        if (x == null) {
            return Value.UNKNOWN;
        }
        double[] v = null;
        if (x.vals() != null) {
            v = x.vals().clone();
            for (int i = 0; i < v.length; i++) {
                switch (op) {
                    case "Floor": v[i] = Math.floor(v[i]); break;
                    case "Ceil": v[i] = Math.ceil(v[i]); break;
                    case "Round": v[i] = Math.rint(v[i]); break;
                    case "Neg": v[i] = -v[i]; break;
                    case "Abs": v[i] = Math.abs(v[i]); break;
                    case "Sqrt": v[i] = Math.sqrt(v[i]); break;
                    case "Not": v[i] = v[i] == 0 ? 1 : 0; break;
                    case "Relu": v[i] = Math.max(0, v[i]); break;
                    case "Reciprocal": v[i] = 1 / v[i]; break;
                    case "Sign": v[i] = Math.signum(v[i]); break;
                    default: v = null;
                }
                if (v == null) {
                    break;
                }
            }
        }
        return new Value(x.shape(), v, null);
    }

    private static long[] pool(Node n, long[] x) {
        int sp = x.length - 2;
        long[] kernel = n.attrInts("kernel_shape", null);
        long[] strides = n.attrInts("strides", ones(sp));
        long[] dil = n.attrInts("dilations", ones(sp));
        long[] pads = convPads(n, x, kernel, strides, dil, sp);
        boolean ceil = n.attrInt("ceil_mode", 0) != 0;
        long[] out = x.clone();
        for (int i = 0; i < sp; i++) {
            long eff = (kernel[i] - 1) * dil[i] + 1;
            long num = x[2 + i] + pads[i] + pads[i + sp] - eff;
            long o = (ceil ? Math.floorDiv(num + strides[i] - 1, strides[i]) : Math.floorDiv(num, strides[i])) + 1;
            if (ceil && (o - 1) * strides[i] >= x[2 + i] + pads[i]) {
                o--; // the last window must start inside the input or its left padding
            }
            out[2 + i] = o;
        }
        return out;
    }

    private Value reduce(Node n, List<Value> in) {
        long[] x = shapeOf(in.get(0));
        long[] axes = n.attrInts("axes", null);
        if (axes == null && in.size() > 1 && in.get(1) != null) {
            axes = valsAsLongs(in.get(1), "axes");
        }
        int[] ax;
        if (axes == null || axes.length == 0) {
            ax = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                ax[i] = i;
            }
        } else {
            ax = new int[axes.length];
            for (int i = 0; i < axes.length; i++) {
                ax[i] = normAxis((int) axes[i], x.length);
            }
        }
        return Value.ofShape(reduceShape(x, ax, n.attrInt("keepdims", 1) != 0));
    }

    private static long[] reduceShape(long[] x, int[] axes, boolean keep) {
        boolean[] red = new boolean[x.length];
        for (int a : axes) {
            red[a] = true;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!red[i]) {
                out.add(x[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return toArray(out);
    }

    private Value resize(Node n, List<Value> in) {
        long[] x = shapeOf(in.get(0));
        Value scalesV = null;
        Value sizesV = null;
        if (n.opType().equals("Upsample")) {
            scalesV = in.size() > 1 ? in.get(1) : null;
            if (scalesV == null && n.attr("scales") != null) {
                float[] f = n.attr("scales").floats();
                double[] d = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    d[i] = f[i];
                }
                scalesV = Value.vals(new long[] {d.length}, d);
            }
        } else if (model.opset() >= 11) {
            scalesV = in.size() > 2 ? in.get(2) : null;
            sizesV = in.size() > 3 ? in.get(3) : null;
        } else {
            scalesV = in.size() > 1 ? in.get(1) : null;
        }
        long[] out = x.clone();
        if (sizesV != null && sizesV.vals() != null && sizesV.vals().length > 0) {
            double[] v = sizesV.vals();
            for (int i = 0; i < out.length; i++) {
                out[i] = (long) v[i];
            }
        } else if (scalesV != null && scalesV.vals() != null && scalesV.vals().length == x.length) {
            double[] v = scalesV.vals();
            for (int i = 0; i < out.length; i++) {
                out[i] = x[i] < 0 ? -1 : (long) Math.floor(x[i] * v[i]);
            }
        } else {
            for (int i = 2; i < out.length; i++) {
                out[i] = -1;
            }
        }
        return Value.ofShape(out);
    }

    private Value[] split(Node n, List<Value> in) {
        long[] x = shapeOf(in.get(0));
        int axis = normAxis((int) n.attrInt("axis", 0), x.length);
        int parts = n.outputs().size();
        long[] sizes = in.size() > 1 && in.get(1) != null ? valsAsLongs(in.get(1), "split") : n.attrInts("split", null);
        Value[] out = new Value[parts];
        for (int i = 0; i < parts; i++) {
            long[] s = x.clone();
            s[axis] = sizes != null ? sizes[i] : x[axis] < 0 ? -1 : (x[axis] + parts - 1) / parts;
            if (sizes == null && x[axis] >= 0 && i == parts - 1) {
                s[axis] = x[axis] - (long) (parts - 1) * ((x[axis] + parts - 1) / parts);
            }
            out[i] = Value.ofShape(s);
        }
        return out;
    }

    // ---- small utilities ----------------------------------------------------------------------------------------

    private static long[] need(Value v, Node n, String what) {
        if (v == null || !v.knownShape()) {
            throw new InvalidInputException("ONNX node " + n.label() + " (" + n.opType() + ")",
                    v == null ? "unknown" : v.toString(), "needs the shape of its " + what
                            + " to be known; check --onnx-input/--onnx-dim and the notes on unsupported operators");
        }
        return v.shape();
    }

    private static long[] shapeOf(Value v) {
        if (v == null || v.shape() == null) {
            throw new IllegalStateException("an input of unknown rank");
        }
        return v.shape();
    }

    private static long[] valsAsLongs(Value v, String what) {
        if (v == null || v.vals() == null) {
            throw new IllegalStateException("its '" + what + "' input is not a constant the importer can compute");
        }
        long[] l = new long[v.vals().length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) v.vals()[i];
        }
        return l;
    }

    private static double scalar(Value v) {
        if (v == null || v.vals() == null || v.vals().length != 1) {
            throw new IllegalStateException("a scalar input that is not constant");
        }
        return v.vals()[0];
    }

    private static boolean allVals(List<Value> in) {
        for (Value v : in) {
            if (v == null || v.vals() == null) {
                return false;
            }
        }
        return true;
    }

    private static double[] expandTo(Value v, long[] sh) {
        long n = prod(sh, 0, sh.length);
        if (v.vals().length == n) {
            return v.vals().clone();
        }
        if (v.vals().length == 1) {
            double[] d = new double[(int) n];
            Arrays.fill(d, v.vals()[0]);
            return d;
        }
        return null;
    }

    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long x = i < r - a.length ? 1 : a[i - (r - a.length)];
            long y = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (x == 1) {
                out[i] = y;
            } else if (y == 1) {
                out[i] = x;
            } else if (x < 0 || y < 0) {
                out[i] = x < 0 ? y : x;
            } else if (x == y) {
                out[i] = x;
            } else {
                throw new IllegalStateException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
        }
        return out;
    }

    private static long prod(long[] a, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            if (a[i] < 0) {
                return -1;
            }
            p *= a[i];
        }
        return p;
    }

    private static long[] ones(int n) {
        long[] a = new long[n];
        Arrays.fill(a, 1);
        return a;
    }

    private static int normAxis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1)) {
            throw new IllegalStateException("axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    private static int normAxisClamp(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        return Math.max(0, Math.min(a, rank));
    }

    private static long[] toArray(List<Long> l) {
        long[] a = new long[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    private static boolean isIntType(int t) {
        return t != OnnxTensor.FLOAT && t != OnnxTensor.DOUBLE && t != OnnxTensor.FLOAT16
                && t != OnnxTensor.BFLOAT16;
    }

    /** Parses {@code 1x3x640x640} (or with commas). */
    public static long[] parseShape(String s, String field) {
        String[] p = s.trim().split("[x,×]");
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            try {
                out[i] = Long.parseLong(p[i].trim());
            } catch (NumberFormatException e) {
                out[i] = -1;
            }
            if (out[i] <= 0) {
                throw new InvalidInputException(field, s, "dimensions as positive whole numbers joined by 'x', e.g. "
                        + "1x3x640x640");
            }
        }
        return out;
    }
}
