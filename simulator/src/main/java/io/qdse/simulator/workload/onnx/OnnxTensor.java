package io.qdse.simulator.workload.onnx;

import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * An ONNX {@code TensorProto}: name, dimensions, element type and its data, which may sit in {@code raw_data}
 * (little-endian), in the typed repeated fields ({@code float_data}, {@code int32_data}, …, as the ONNX spec maps
 * each type), or in an external file ({@code data_location = EXTERNAL}, keys location/offset/length). Data is decoded
 * only when {@link #toDoubles()} or {@link #toLongs()} is called.
 */
public final class OnnxTensor {
    /** ONNX {@code TensorProto.DataType} codes used here. */
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int UINT16 = 4;
    public static final int INT16 = 5;
    public static final int INT32 = 6;
    public static final int INT64 = 7;
    public static final int STRING = 8;
    public static final int BOOL = 9;
    public static final int FLOAT16 = 10;
    public static final int DOUBLE = 11;
    public static final int UINT32 = 12;
    public static final int UINT64 = 13;
    public static final int BFLOAT16 = 16;

    private final String name;
    private final long[] dims;
    private final int dataType;
    private final ByteBuffer raw;
    private final double[] typedDoubles;
    private final long[] typedLongs;
    private final Map<String, String> external;
    private final Path baseDir;

    OnnxTensor(String name, long[] dims, int dataType, ByteBuffer raw, double[] typedDoubles, long[] typedLongs,
               Map<String, String> external, Path baseDir) {
        this.name = name;
        this.dims = dims;
        this.dataType = dataType;
        this.raw = raw;
        this.typedDoubles = typedDoubles;
        this.typedLongs = typedLongs;
        this.external = external;
        this.baseDir = baseDir;
    }

    /** A tensor made in memory (constant folding of shape arithmetic). */
    static OnnxTensor ofLongs(String name, long[] dims, long[] values) {
        return new OnnxTensor(name, dims, INT64, null, null, values.clone(), null, null);
    }

    public String name() {
        return name;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public int dataType() {
        return dataType;
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** @return whether the element type is a floating-point type (the tensors weight quantization applies to) */
    public boolean isFloatingPoint() {
        return dataType == FLOAT || dataType == FLOAT16 || dataType == DOUBLE || dataType == BFLOAT16;
    }

    public boolean isInteger() {
        switch (dataType) {
            case UINT8: case INT8: case UINT16: case INT16: case INT32: case INT64: case UINT32: case UINT64:
            case BOOL:
                return true;
            default:
                return false;
        }
    }

    public static String typeName(int t) {
        switch (t) {
            case FLOAT: return "float32";
            case UINT8: return "uint8";
            case INT8: return "int8";
            case UINT16: return "uint16";
            case INT16: return "int16";
            case INT32: return "int32";
            case INT64: return "int64";
            case STRING: return "string";
            case BOOL: return "bool";
            case FLOAT16: return "float16";
            case DOUBLE: return "float64";
            case UINT32: return "uint32";
            case UINT64: return "uint64";
            case BFLOAT16: return "bfloat16";
            default: return "type" + t;
        }
    }

    /** @return the elements as doubles, row-major (any numeric type) */
    public double[] toDoubles() {
        int n = count();
        if (typedDoubles != null && typedDoubles.length > 0) {
            return check(typedDoubles.clone(), n);
        }
        if (typedLongs != null && typedLongs.length > 0) {
            double[] d = new double[typedLongs.length];
            for (int i = 0; i < d.length; i++) {
                long v = typedLongs[i];
                d[i] = dataType == FLOAT16 ? halfToFloat((int) v) : dataType == BFLOAT16
                        ? Float.intBitsToFloat(((int) v & 0xffff) << 16) : dataType == UINT64 && v < 0
                        ? (double) (v >>> 1) * 2.0 + (v & 1) : (double) v;
            }
            return check(d, n);
        }
        ByteBuffer b = rawBytes();
        double[] d = new double[n];
        int size = elementSize();
        if ((long) n * size != b.remaining()) {
            throw new InvalidInputException("ONNX tensor " + name, b.remaining() + " bytes",
                    "holds " + n + " " + typeName(dataType) + " elements, which need " + (long) n * size + " bytes");
        }
        for (int i = 0; i < n; i++) {
            switch (dataType) {
                case FLOAT: d[i] = b.getFloat(); break;
                case DOUBLE: d[i] = b.getDouble(); break;
                case FLOAT16: d[i] = halfToFloat(b.getShort() & 0xffff); break;
                case BFLOAT16: d[i] = Float.intBitsToFloat((b.getShort() & 0xffff) << 16); break;
                case INT8: d[i] = b.get(); break;
                case UINT8: case BOOL: d[i] = b.get() & 0xff; break;
                case INT16: d[i] = b.getShort(); break;
                case UINT16: d[i] = b.getShort() & 0xffff; break;
                case INT32: d[i] = b.getInt(); break;
                case UINT32: d[i] = b.getInt() & 0xffffffffL; break;
                case INT64: d[i] = b.getLong(); break;
                case UINT64: {
                    long v = b.getLong();
                    d[i] = v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                    break;
                }
                default:
                    throw unsupported();
            }
        }
        return d;
    }

    /** @return the elements as longs (integer types; floats are truncated toward zero) */
    public long[] toLongs() {
        if (typedLongs != null && typedLongs.length > 0 && dataType != FLOAT16 && dataType != BFLOAT16) {
            return typedLongs.clone();
        }
        double[] d = toDoubles();
        long[] l = new long[d.length];
        if (dataType == INT64 && raw != null) {
            ByteBuffer b = rawBytes();
            for (int i = 0; i < l.length; i++) {
                l[i] = b.getLong();
            }
            return l;
        }
        for (int i = 0; i < d.length; i++) {
            l[i] = (long) d[i];
        }
        return l;
    }

    private int count() {
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("ONNX tensor " + name, Arrays.toString(dims),
                    "has more than 2^31 elements; not supported");
        }
        return (int) n;
    }

    private double[] check(double[] d, int n) {
        if (d.length != n) {
            throw new InvalidInputException("ONNX tensor " + name, d.length + " values",
                    "dims " + Arrays.toString(dims) + " need " + n);
        }
        return d;
    }

    private ByteBuffer rawBytes() {
        if (raw != null) {
            return raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }
        if (external != null) {
            return externalBytes();
        }
        if (count() == 0) {
            return ByteBuffer.allocate(0);
        }
        throw new InvalidInputException("ONNX tensor " + name, "no data", "raw_data, a typed data field or external "
                + "data");
    }

    private ByteBuffer externalBytes() {
        String loc = external.get("location");
        if (loc == null || baseDir == null) {
            throw new InvalidInputException("ONNX tensor " + name, "external data",
                    "needs a 'location' next to the model file");
        }
        Path p = baseDir.resolve(loc).normalize();
        long offset = Long.parseLong(external.getOrDefault("offset", "0"));
        long length = external.containsKey("length") ? Long.parseLong(external.get("length"))
                : (long) count() * elementSize();
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            if (offset + length > ch.size()) {
                throw new InvalidInputException("ONNX tensor " + name + " external data " + p, offset + "+" + length,
                        "lies beyond the end of the file (" + ch.size() + " bytes)");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new InvalidInputException("ONNX tensor " + name + " external data", p, "cannot be read: " + e);
        }
    }

    private int elementSize() {
        switch (dataType) {
            case FLOAT: case INT32: case UINT32: return 4;
            case DOUBLE: case INT64: case UINT64: return 8;
            case FLOAT16: case BFLOAT16: case INT16: case UINT16: return 2;
            case INT8: case UINT8: case BOOL: return 1;
            default: throw unsupported();
        }
    }

    private InvalidInputException unsupported() {
        return new InvalidInputException("ONNX tensor " + name, typeName(dataType), "a numeric element type");
    }

    /** IEEE 754 binary16 to float, through hwmodels' bit-exact fp16 ({@code Formats.FP16}). */
    static float halfToFloat(int h) {
        return (float) io.qdse.hwmodels.format.Formats.FP16.decode(h);
    }

    @Override
    public String toString() {
        return name + " " + typeName(dataType) + Arrays.toString(dims);
    }
}
