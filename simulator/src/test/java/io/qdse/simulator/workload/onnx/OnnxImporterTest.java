package io.qdse.simulator.workload.onnx;

import static io.qdse.simulator.workload.onnx.ProtoWriter.attrGraph;
import static io.qdse.simulator.workload.onnx.ProtoWriter.attrInt;
import static io.qdse.simulator.workload.onnx.ProtoWriter.attrInts;
import static io.qdse.simulator.workload.onnx.ProtoWriter.attrTensor;
import static io.qdse.simulator.workload.onnx.ProtoWriter.floatTensor;
import static io.qdse.simulator.workload.onnx.ProtoWriter.int64Tensor;
import static io.qdse.simulator.workload.onnx.ProtoWriter.node;
import static io.qdse.simulator.workload.onnx.ProtoWriter.valueInfo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A hand-built ONNX model with weights in all three places the ONNX format allows — a graph initializer, a
 * {@code Constant} node, and inside {@code If} and {@code Loop} subgraphs — and shape arithmetic
 * (Shape → Gather → Unsqueeze → Concat → Reshape) that the importer must fold.
 */
class OnnxImporterTest {

    static float[] ramp(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i % 7 - 3) * 0.125f;
        }
        return f;
    }

    static byte[] model() {
        ProtoWriter g = new ProtoWriter().string(2, "main");
        g.message(11, valueInfo("x", "batch", 3, 8, 8));
        g.message(12, valueInfo("y", "batch", 5));
        g.message(5, floatTensor("W1", new long[] {4, 3, 3, 3}, ramp(108), true));
        g.message(5, floatTensor("W3", new long[] {96, 10}, ramp(960), true));
        g.message(1, node("conv1", "Conv", new String[] {"x", "W1"}, new String[] {"c1"},
                attrInts("pads", 1, 1, 1, 1), attrInts("strides", 2, 2), attrInts("kernel_shape", 3, 3)));
        g.message(1, node("cw", "Constant", new String[0], new String[] {"W2"},
                attrTensor("value", floatTensor("W2", new long[] {6, 4, 1, 1}, ramp(24), false))));
        g.message(1, node("conv2", "Conv", new String[] {"c1", "W2"}, new String[] {"c2"}));
        g.message(1, node("shape", "Shape", new String[] {"c2"}, new String[] {"s"}));
        g.message(1, node("zero", "Constant", new String[0], new String[] {"i0"},
                attrTensor("value", int64Tensor("i0", new long[0], new long[] {0}))));
        g.message(1, node("gather", "Gather", new String[] {"s", "i0"}, new String[] {"n"}, attrInt("axis", 0)));
        g.message(1, node("ax", "Constant", new String[0], new String[] {"axes"},
                attrTensor("value", int64Tensor("axes", new long[] {1}, new long[] {0}))));
        g.message(1, node("unsq", "Unsqueeze", new String[] {"n", "axes"}, new String[] {"n1"}));
        g.message(1, node("m1", "Constant", new String[0], new String[] {"minus1"},
                attrTensor("value", int64Tensor("minus1", new long[] {1}, new long[] {-1}))));
        g.message(1, node("cat", "Concat", new String[] {"n1", "minus1"}, new String[] {"shp"}, attrInt("axis", 0)));
        g.message(1, node("flat", "Reshape", new String[] {"c2", "shp"}, new String[] {"f"}));
        g.message(1, node("fc", "MatMul", new String[] {"f", "W3"}, new String[] {"logits"}));
        // If with a constant condition: the then-branch has an initializer weight, the else-branch a Constant one
        ProtoWriter thenG = new ProtoWriter().string(2, "then")
                .message(5, floatTensor("W4", new long[] {10, 5}, ramp(50), true))
                .message(1, node("then_fc", "MatMul", new String[] {"logits", "W4"}, new String[] {"yt"}))
                .message(12, valueInfo("yt", "batch", 5));
        ProtoWriter elseG = new ProtoWriter().string(2, "else")
                .message(1, node("cw5", "Constant", new String[0], new String[] {"W5"},
                        attrTensor("value", floatTensor("W5", new long[] {10, 5}, ramp(50), false))))
                .message(1, node("else_fc", "MatMul", new String[] {"logits", "W5"}, new String[] {"ye"}))
                .message(12, valueInfo("ye", "batch", 5));
        g.message(1, node("t", "Constant", new String[0], new String[] {"cond"},
                attrTensor("value", new ProtoWriter().varint(2, OnnxTensor.BOOL).string(8, "cond")
                        .bytes(9, new byte[] {1}))));
        g.message(1, node("branch", "If", new String[] {"cond"}, new String[] {"b"},
                attrGraph("then_branch", thenG), attrGraph("else_branch", elseG)));
        // Loop with a constant trip count of 3; its body multiplies by a Constant-node weight
        ProtoWriter body = new ProtoWriter().string(2, "body")
                .message(11, valueInfo("iter")).message(11, valueInfo("cin")).message(11, valueInfo("v", "batch", 5))
                .message(1, node("cw6", "Constant", new String[0], new String[] {"W6"},
                        attrTensor("value", floatTensor("W6", new long[] {5, 5}, ramp(25), true))))
                .message(1, node("loop_fc", "MatMul", new String[] {"v", "W6"}, new String[] {"vo"}))
                .message(1, node("keep", "Identity", new String[] {"cin"}, new String[] {"cout"}))
                .message(12, valueInfo("cout")).message(12, valueInfo("vo", "batch", 5));
        g.message(1, node("trip", "Constant", new String[0], new String[] {"M"},
                attrTensor("value", int64Tensor("M", new long[0], new long[] {3}))));
        g.message(1, node("loop", "Loop", new String[] {"M", "cond", "b"}, new String[] {"y"},
                attrGraph("body", body)));
        return ProtoWriter.model(g, 13);
    }

    @Test
    void weightsAreFoundInInitializersConstantsAndSubgraphs() {
        OnnxModel m = OnnxModel.parse(ByteBuffer.wrap(model()), "test", null);
        assertEquals(13, m.opset());
        Map<String, OnnxImporter.WeightTensor> w = OnnxImporter.weights(m).stream()
                .collect(Collectors.toMap(OnnxImporter.WeightTensor::layer, x -> x));
        assertEquals(List.of("conv1", "conv2", "else_fc", "fc", "loop_fc", "then_fc"),
                w.keySet().stream().sorted().toList());
        assertEquals("initializer", w.get("conv1").where());
        assertEquals("Constant node", w.get("conv2").where());
        assertTrue(w.get("then_fc").where().contains("If branch.then_branch initializer"), w.get("then_fc").where());
        assertTrue(w.get("else_fc").where().contains("else_branch Constant node"), w.get("else_fc").where());
        assertTrue(w.get("loop_fc").where().contains("Loop loop.body"), w.get("loop_fc").where());
        // raw_data and packed float_data decode to the same values
        assertArrayEquals(toDouble(ramp(24)), w.get("conv2").tensor().toDoubles());
        assertArrayEquals(toDouble(ramp(108)), w.get("conv1").tensor().toDoubles());
        assertEquals(1, w.get("fc").outAxis());
        assertEquals(0, w.get("conv1").outAxis());
    }

    @Test
    void shapesAreInferredThroughShapeArithmeticAndControlFlow() {
        OnnxModel m = OnnxModel.parse(ByteBuffer.wrap(model()), "test", null);
        OnnxImporter.Result r = OnnxImporter.importModel(m, "test", new OnnxImporter.Options(Map.of(),
                Map.of("batch", 2L), 0));
        Map<String, LayerOp> ops = r.workload().layers().stream()
                .collect(Collectors.toMap(Layer::name, l -> l.ops().get(0)));
        assertEquals(List.of("conv1", "conv2", "fc", "then_fc", "loop_fc"),
                r.workload().layers().stream().map(Layer::name).toList());
        assertOp(ops.get("conv1"), OpKind.CONV, 2 * 4 * 4, 4, 27, 1);
        assertOp(ops.get("conv2"), OpKind.CONV, 2 * 4 * 4, 6, 4, 1);
        assertOp(ops.get("fc"), OpKind.LINEAR, 2, 10, 96, 1);
        assertOp(ops.get("then_fc"), OpKind.LINEAR, 2, 5, 10, 1);
        assertOp(ops.get("loop_fc"), OpKind.LINEAR, 2, 5, 5, 3);
        assertEquals(4, ops.get("conv1").conv().outH());
        assertEquals(1, ops.get("conv1").conv().padH());
        assertEquals(5, r.weights().size()); // the else-branch is not executed
        assertEquals(108 + 24 + 960 + 50 + 25, r.workload().params());
    }

    @Test
    void symbolicInputsWithoutValuesAreAClearError() {
        OnnxModel m = OnnxModel.parse(ByteBuffer.wrap(model()), "test", null);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OnnxImporter.importModel(m, "test", OnnxImporter.Options.defaults()));
        assertTrue(e.getMessage().contains("x[0] (batch)") && e.getMessage().contains("--onnx-input"),
                e.getMessage());
    }

    /** An --onnx-input or --onnx-dim that names nothing in the model is refused, naming what the model has. */
    @Test
    void unknownInputsAndSymbolsAreRefused() {
        OnnxModel m = OnnxModel.parse(ByteBuffer.wrap(model()), "test", null);
        InvalidInputException in = assertThrows(InvalidInputException.class, () -> OnnxImporter.importModel(m, "test",
                new OnnxImporter.Options(Map.of("images", new long[] {1, 3, 4, 4}), Map.of("batch", 1L), 0)));
        assertEquals("--onnx-input", in.field());
        assertTrue(in.getMessage().contains("images") && in.getMessage().contains("(x)"), in.getMessage());
        InvalidInputException dim = assertThrows(InvalidInputException.class, () -> OnnxImporter.importModel(m,
                "test", new OnnxImporter.Options(Map.of(), Map.of("batch", 1L, "seq", 8L), 0)));
        assertEquals("--onnx-dim", dim.field());
        assertTrue(dim.getMessage().contains("seq") && dim.getMessage().contains("(batch)"), dim.getMessage());
    }

    @Test
    void malformedBytesAreAClearError() {
        byte[] b = model();
        byte[] cut = java.util.Arrays.copyOf(b, b.length / 2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OnnxModel.parse(ByteBuffer.wrap(cut), "half.onnx", null));
        assertTrue(e.getMessage().contains("half.onnx") && e.getMessage().contains("not a valid ONNX"),
                e.getMessage());
    }

    private static void assertOp(LayerOp op, OpKind kind, long m, long n, long k, long batch) {
        assertEquals(kind, op.kind());
        assertEquals(m, op.m(), "M");
        assertEquals(n, op.n(), "N");
        assertEquals(k, op.k(), "K");
        assertEquals(batch, op.batch(), "batch");
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
