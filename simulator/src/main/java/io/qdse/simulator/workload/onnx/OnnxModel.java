package io.qdse.simulator.workload.onnx;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.onnx.ProtoReader.LongList;
import io.qdse.simulator.workload.onnx.ProtoReader.MalformedProtoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX model read straight from the protobuf wire format (onnx/onnx.proto, IR version 3 and later): the graph's
 * nodes, initializers, inputs and outputs, node attributes including tensors ({@code Constant}) and subgraphs
 * ({@code If}, {@code Loop}, {@code Scan}). Files are memory-mapped; tensor data is decoded on demand.
 *
 * @param irVersion    ONNX IR version
 * @param producer     producer name and version
 * @param opsets       operator-set versions by domain ("" is the default ai.onnx domain)
 * @param graph        the main graph
 */
public record OnnxModel(long irVersion, String producer, Map<String, Long> opsets, Graph graph) {

    /** A {@code GraphProto}. */
    public record Graph(String name, List<Node> nodes, Map<String, OnnxTensor> initializers, List<ValueInfo> inputs,
                        List<ValueInfo> outputs, List<ValueInfo> valueInfo) {
    }

    /** A {@code NodeProto}. */
    public record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                       Map<String, Attribute> attributes) {

        public Attribute attr(String key) {
            return attributes.get(key);
        }

        public long attrInt(String key, long dflt) {
            Attribute a = attributes.get(key);
            return a == null ? dflt : a.i();
        }

        public long[] attrInts(String key, long[] dflt) {
            Attribute a = attributes.get(key);
            return a == null || a.ints() == null ? dflt : a.ints();
        }

        public String attrString(String key, String dflt) {
            Attribute a = attributes.get(key);
            return a == null || a.s() == null ? dflt : a.s();
        }

        /** @return the node's name, or its first output when the name is empty (many exporters leave it empty) */
        public String label() {
            return !name.isEmpty() ? name : outputs.isEmpty() ? opType : outputs.get(0);
        }
    }

    /** An {@code AttributeProto}; only the fields its type uses are set. */
    public record Attribute(String name, int type, float f, long i, String s, OnnxTensor t, Graph g, float[] floats,
                            long[] ints, List<String> strings, List<OnnxTensor> tensors, List<Graph> graphs) {
    }

    /**
     * A {@code ValueInfoProto} of a tensor: element type and dimensions; a symbolic dimension ({@code dim_param}) or
     * an unknown one is -1 with its name in {@code dimNames}.
     */
    public record ValueInfo(String name, int elemType, long[] dims, List<String> dimNames) {
    }

    /** Reads an ONNX file; tensors with external data are looked up beside it. */
    public static OnnxModel read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new InvalidInputException("ONNX model", file, "is larger than 2 GiB; save it with external "
                        + "data (onnx.save(..., save_as_external_data=True))");
            }
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            Path dir = file.toAbsolutePath().getParent();
            return parse(buf, file.toString(), dir);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("ONNX model", file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException("ONNX model", file, "cannot be read: " + e.getMessage());
        }
    }

    /** Reads an ONNX model from a stream (e.g. a classpath resource); no external data. */
    public static OnnxModel read(InputStream in, String source) throws IOException {
        return parse(ByteBuffer.wrap(in.readAllBytes()), source, null);
    }

    /** Parses ONNX bytes; {@code dir} locates external data (null: none allowed). */
    public static OnnxModel parse(ByteBuffer buf, String source, Path dir) {
        try {
            ProtoReader r = new ProtoReader(buf);
            long ir = 0;
            String producer = "";
            String producerVersion = "";
            Map<String, Long> opsets = new LinkedHashMap<>();
            Graph graph = null;
            while (r.next()) {
                switch (r.field()) {
                    case 1: ir = r.varint(); break;
                    case 2: producer = r.string(); break;
                    case 3: producerVersion = r.string(); break;
                    case 7: graph = graph(r.message(), dir); break;
                    case 8: {
                        ProtoReader o = r.message();
                        String domain = "";
                        long version = 0;
                        while (o.next()) {
                            if (o.field() == 1 && o.wireType() == ProtoReader.LEN) {
                                domain = o.string();
                            } else if (o.field() == 2 && o.wireType() == ProtoReader.VARINT) {
                                version = o.varint();
                            } else {
                                o.skip();
                            }
                        }
                        opsets.put(domain, version);
                        break;
                    }
                    default: r.skip();
                }
            }
            if (graph == null) {
                throw new InvalidInputException("ONNX model", source, "has no graph (is it an ONNX file?)");
            }
            return new OnnxModel(ir, (producer + " " + producerVersion).trim(), Collections.unmodifiableMap(opsets),
                    graph);
        } catch (MalformedProtoException | IllegalArgumentException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException("ONNX model", source, "is not a valid ONNX protobuf: " + e.getMessage());
        }
    }

    /** @return the default-domain opset version (0 when absent) */
    public long opset() {
        return opsets.getOrDefault("", opsets.getOrDefault("ai.onnx", 0L));
    }

    private static Graph graph(ProtoReader r, Path dir) {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        Map<String, OnnxTensor> inits = new LinkedHashMap<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        List<ValueInfo> info = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1: nodes.add(node(r.message(), dir)); break;
                case 2: name = r.string(); break;
                case 5: {
                    OnnxTensor t = tensor(r.message(), dir);
                    inits.put(t.name(), t);
                    break;
                }
                case 11: inputs.add(valueInfo(r.message())); break;
                case 12: outputs.add(valueInfo(r.message())); break;
                case 13: info.add(valueInfo(r.message())); break;
                default: r.skip();
            }
        }
        return new Graph(name, List.copyOf(nodes), Collections.unmodifiableMap(inits), List.copyOf(inputs),
                List.copyOf(outputs), List.copyOf(info));
    }

    private static Node node(ProtoReader r, Path dir) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        while (r.next()) {
            switch (r.field()) {
                case 1: in.add(r.string()); break;
                case 2: out.add(r.string()); break;
                case 3: name = r.string(); break;
                case 4: op = r.string(); break;
                case 7: domain = r.string(); break;
                case 5: {
                    Attribute a = attribute(r.message(), dir);
                    attrs.put(a.name(), a);
                    break;
                }
                default: r.skip();
            }
        }
        return new Node(name, op, domain, List.copyOf(in), List.copyOf(out), Collections.unmodifiableMap(attrs));
    }

    private static Attribute attribute(ProtoReader r, Path dir) {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        OnnxTensor t = null;
        Graph g = null;
        List<Float> floats = new ArrayList<>();
        LongList ints = new LongList();
        List<String> strings = new ArrayList<>();
        List<OnnxTensor> tensors = new ArrayList<>();
        List<Graph> graphs = new ArrayList<>();
        boolean sawInts = false;
        boolean sawFloats = false;
        while (r.next()) {
            switch (r.field()) {
                case 1: name = r.string(); break;
                case 20: type = (int) r.varint(); break;
                case 2: f = Float.intBitsToFloat(r.fixed32()); break;
                case 3: i = r.varint(); break;
                case 4: s = r.string(); break;
                case 5: t = tensor(r.message(), dir); break;
                case 6: g = graph(r.message(), dir); break;
                case 7: {
                    sawFloats = true;
                    if (r.wireType() == ProtoReader.LEN) {
                        ByteBuffer b = r.bytes();
                        while (b.remaining() >= 4) {
                            floats.add(b.getFloat());
                        }
                    } else {
                        floats.add(Float.intBitsToFloat(r.fixed32()));
                    }
                    break;
                }
                case 8: sawInts = true; r.int64s(ints); break;
                case 9: strings.add(r.string()); break;
                case 10: tensors.add(tensor(r.message(), dir)); break;
                case 11: graphs.add(graph(r.message(), dir)); break;
                default: r.skip();
            }
        }
        float[] fa = null;
        if (sawFloats) {
            fa = new float[floats.size()];
            for (int k = 0; k < fa.length; k++) {
                fa[k] = floats.get(k);
            }
        }
        return new Attribute(name, type, f, i, s, t, g, fa, sawInts ? ints.toArray() : null, List.copyOf(strings),
                List.copyOf(tensors), List.copyOf(graphs));
    }

    static OnnxTensor tensor(ProtoReader r, Path dir) {
        LongList dims = new LongList();
        int type = 0;
        String name = "";
        ByteBuffer raw = null;
        List<Double> doubles = null;
        LongList longs = null;
        Map<String, String> external = null;
        long location = 0;
        while (r.next()) {
            switch (r.field()) {
                case 1: r.int64s(dims); break;
                case 2: type = (int) r.varint(); break;
                case 8: name = r.string(); break;
                case 9: raw = r.bytes(); break;
                case 4: {
                    doubles = doubles == null ? new ArrayList<>() : doubles;
                    if (r.wireType() == ProtoReader.LEN) {
                        ByteBuffer b = r.bytes();
                        while (b.remaining() >= 4) {
                            doubles.add((double) b.getFloat());
                        }
                    } else {
                        doubles.add((double) Float.intBitsToFloat(r.fixed32()));
                    }
                    break;
                }
                case 10: {
                    doubles = doubles == null ? new ArrayList<>() : doubles;
                    if (r.wireType() == ProtoReader.LEN) {
                        ByteBuffer b = r.bytes();
                        while (b.remaining() >= 8) {
                            doubles.add(b.getDouble());
                        }
                    } else {
                        doubles.add(Double.longBitsToDouble(r.fixed64()));
                    }
                    break;
                }
                case 5: case 7: case 11: {
                    // int32_data (negative values arrive sign-extended), int64_data, uint64_data
                    longs = longs == null ? new LongList() : longs;
                    r.int64s(longs);
                    break;
                }
                case 13: {
                    external = external == null ? new LinkedHashMap<>() : external;
                    ProtoReader e = r.message();
                    String k = null;
                    String v = null;
                    while (e.next()) {
                        if (e.field() == 1) {
                            k = e.string();
                        } else if (e.field() == 2) {
                            v = e.string();
                        } else {
                            e.skip();
                        }
                    }
                    if (k != null) {
                        external.put(k, v);
                    }
                    break;
                }
                case 14: location = r.varint(); break;
                default: r.skip();
            }
        }
        double[] d = null;
        if (doubles != null) {
            d = new double[doubles.size()];
            for (int k = 0; k < d.length; k++) {
                d[k] = doubles.get(k);
            }
        }
        return new OnnxTensor(name, dims.toArray(), type, raw, d, longs == null ? null : longs.toArray(),
                location == 1 ? external : null, dir);
    }

    private static ValueInfo valueInfo(ProtoReader r) {
        String name = "";
        int elem = 0;
        LongList dims = new LongList();
        List<String> names = new ArrayList<>();
        while (r.next()) {
            if (r.field() == 1 && r.wireType() == ProtoReader.LEN) {
                name = r.string();
            } else if (r.field() == 2 && r.wireType() == ProtoReader.LEN) {
                ProtoReader type = r.message();
                while (type.next()) {
                    if (type.field() == 1 && type.wireType() == ProtoReader.LEN) { // tensor_type
                        ProtoReader tt = type.message();
                        while (tt.next()) {
                            if (tt.field() == 1 && tt.wireType() == ProtoReader.VARINT) {
                                elem = (int) tt.varint();
                            } else if (tt.field() == 2 && tt.wireType() == ProtoReader.LEN) {
                                ProtoReader shape = tt.message();
                                while (shape.next()) {
                                    if (shape.field() == 1 && shape.wireType() == ProtoReader.LEN) {
                                        ProtoReader dim = shape.message();
                                        long v = -1;
                                        String p = "?";
                                        while (dim.next()) {
                                            if (dim.field() == 1 && dim.wireType() == ProtoReader.VARINT) {
                                                v = dim.varint();
                                            } else if (dim.field() == 2 && dim.wireType() == ProtoReader.LEN) {
                                                p = dim.string();
                                            } else {
                                                dim.skip();
                                            }
                                        }
                                        dims.add(v);
                                        names.add(v >= 0 ? Long.toString(v) : p);
                                    } else {
                                        shape.skip();
                                    }
                                }
                            } else {
                                tt.skip();
                            }
                        }
                    } else {
                        type.skip();
                    }
                }
            } else {
                r.skip();
            }
        }
        return new ValueInfo(name, elem, dims.toArray(), List.copyOf(names));
    }
}
