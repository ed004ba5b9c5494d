package io.qdse.simulator.workload.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A minimal protobuf encoder for building ONNX test models (the inverse of {@link ProtoReader}). */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long v) {
        tag(field, 0);
        raw(v);
        return this;
    }

    ProtoWriter fixed32(int field, int v) {
        tag(field, 5);
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    ProtoWriter bytes(int field, byte[] b) {
        tag(field, 2);
        raw(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter m) {
        return bytes(field, m.toBytes());
    }

    ProtoWriter packedVarints(int field, long... v) {
        ProtoWriter p = new ProtoWriter();
        for (long x : v) {
            p.raw(x);
        }
        return bytes(field, p.toBytes());
    }

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wire) {
        raw(((long) field << 3) | wire);
    }

    private void raw(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    // ---- ONNX helpers ---------------------------------------------------------------------------------------------

    static ProtoWriter floatTensor(String name, long[] dims, float[] values, boolean raw) {
        ProtoWriter t = new ProtoWriter().packedVarints(1, dims).varint(2, OnnxTensor.FLOAT).string(8, name);
        if (raw) {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : values) {
                b.putFloat(f);
            }
            t.bytes(9, b.array());
        } else {
            ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (float f : values) {
                b.putFloat(f);
            }
            t.bytes(4, b.array()); // packed float_data
        }
        return t;
    }

    static ProtoWriter int64Tensor(String name, long[] dims, long[] values) {
        return new ProtoWriter().packedVarints(1, dims).varint(2, OnnxTensor.INT64).string(8, name)
                .packedVarints(7, values);
    }

    static ProtoWriter node(String name, String op, String[] in, String[] outs, ProtoWriter... attrs) {
        ProtoWriter n = new ProtoWriter();
        for (String i : in) {
            n.string(1, i);
        }
        for (String o : outs) {
            n.string(2, o);
        }
        n.string(3, name).string(4, op);
        for (ProtoWriter a : attrs) {
            n.message(5, a);
        }
        return n;
    }

    static ProtoWriter attrInts(String name, long... v) {
        return new ProtoWriter().string(1, name).varint(20, 7).packedVarints(8, v);
    }

    static ProtoWriter attrInt(String name, long v) {
        return new ProtoWriter().string(1, name).varint(20, 2).varint(3, v);
    }

    static ProtoWriter attrTensor(String name, ProtoWriter t) {
        return new ProtoWriter().string(1, name).varint(20, 4).message(5, t);
    }

    static ProtoWriter attrGraph(String name, ProtoWriter g) {
        return new ProtoWriter().string(1, name).varint(20, 5).message(6, g);
    }

    static ProtoWriter valueInfo(String name, Object... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Object d : dims) {
            ProtoWriter dim = new ProtoWriter();
            if (d instanceof Number) {
                dim.varint(1, ((Number) d).longValue());
            } else {
                dim.string(2, d.toString());
            }
            shape.message(1, dim);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, OnnxTensor.FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensorType));
    }

    static byte[] model(ProtoWriter graph, long opset) {
        return new ProtoWriter().varint(1, 8).string(2, "qdse-test").message(8, new ProtoWriter().string(1, "")
                .varint(2, opset)).message(7, graph).toBytes();
    }
}
