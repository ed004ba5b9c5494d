package io.qdse.simulator.workload.onnx;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.arch.Presets;
import io.qdse.simulator.arch.io.ArchFiles;
import io.qdse.simulator.arch.io.FoldingFiles;
import io.qdse.simulator.arch.io.FormatsFiles;
import io.qdse.simulator.scalesim.io.ScaleSimFiles;
import io.qdse.simulator.workload.Zoo;
import io.qdse.simulator.workload.io.WorkloadFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of every file reader of the simulator (ONNX, layer lists in CSV and YAML, SCALE-Sim .cfg and
 * topologies, architecture YAML, folding and formats files): arbitrary bytes and mutated real files give a result or
 * an {@link InvalidInputException} (exit 2 at the command line), never another exception, and within a time bound.
 */
class ReaderPropertiesTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    static final byte[] ONNX = OnnxImporterTest.model();
    static final byte[] LAYERS = ("name,type,m,n,k,in_h,in_w,in_c,out_c,kernel,stride,padding,weight_bits\n"
            + "conv1,conv,,,,32,32,3,16,3,1,1,8\n\"fc, last\",linear,1,10,64,,,,,,,,4\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] LAYERS_YAML = ("- {name: c, type: conv, in_h: 8, in_w: 8, in_c: 4, out_c: 8, kernel: 3}\n"
            + "- {name: f, type: linear, m: 2, n: 3, k: 4}\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] CFG = ("[general]\nrun_name = r\n\n[architecture_presets]\nArrayHeight: 8\nArrayWidth: 8\n"
            + "IfmapSramSzkB: 64\nFilterSramSzkB: 64\nOfmapSramSzkB: 64\nIfmapOffset: 0\nFilterOffset: 10000000\n"
            + "OfmapOffset: 20000000\nBandwidth : 10\nDataflow : os\nMemoryBanks: 1\n\n[run_presets]\n"
            + "InterfaceBandwidth: CALC\n").getBytes(StandardCharsets.UTF_8);
    static final byte[] TOPOLOGY = ("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, "
            + "Num Filter, Strides,\nConv1, 10, 10, 3, 3, 8, 20, 1,\nConv2, 8, 8, 3, 3, 20, 4, 2,\n")
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] ARCH = ("kind: systolic\nbase: edge-32x32\nrows: 16\ncols: 8\ndataflow: ws\nclock_mhz: 400\n"
            + "sram: {ifmap_kib: 32, banks: 2}\ndram: {type: lpddr4, bandwidth_gbs: 12.8}\ntechnology: asic:28nm\n")
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] FOLDING = ("{\"Defaults\": {}, \"conv1\": {\"PE\": 2, \"SIMD\": 3, \"resType\": \"lut\"},"
            + " \"fc\": {\"PE\": 1, \"SIMD\": 1}}").getBytes(StandardCharsets.UTF_8);
    static final byte[] FORMATS = "layer,w,a\nconv1,int4,int8\nfc,fp8_e4m3,\n".getBytes(StandardCharsets.UTF_8);

    /** One file kind: its name suffix and what reading it means. */
    enum Kind {
        ONNX(".onnx"), LAYERS(".csv"), LAYERS_YAML(".yaml"), CFG(".cfg"), TOPOLOGY(".csv"), ARCH(".yaml"),
        FOLDING(".json"), FORMATS(".csv");

        final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        byte[] seed() {
            return switch (this) {
                case ONNX -> ReaderPropertiesTest.ONNX;
                case LAYERS -> ReaderPropertiesTest.LAYERS;
                case LAYERS_YAML -> ReaderPropertiesTest.LAYERS_YAML;
                case CFG -> ReaderPropertiesTest.CFG;
                case TOPOLOGY -> ReaderPropertiesTest.TOPOLOGY;
                case ARCH -> ReaderPropertiesTest.ARCH;
                case FOLDING -> ReaderPropertiesTest.FOLDING;
                case FORMATS -> ReaderPropertiesTest.FORMATS;
            };
        }

        void read(Path file) {
            switch (this) {
                case ONNX -> {
                    OnnxModel m = OnnxModel.read(file);
                    OnnxImporter.importModel(m, "fuzz", new OnnxImporter.Options(java.util.Map.of(),
                            java.util.Map.of("batch", 1L), 0));
                    OnnxImporter.weights(m);
                }
                case LAYERS, LAYERS_YAML -> WorkloadFiles.readList(file, "--workload");
                case CFG -> ScaleSimFiles.readConfig(file);
                case TOPOLOGY -> ScaleSimFiles.readTopology(file, false);
                case ARCH -> ArchFiles.readAny(file);
                case FOLDING -> FoldingFiles.read(file, "--folding", Zoo.load("resnet18", "w"));
                case FORMATS -> FormatsFiles.read(file, "--formats-file", Presets.edge32x32().formats());
            }
        }
    }

    /** A mutation of a real file: flip, insert, delete or truncate at a position. */
    record Mutation(int op, int pos, int len, byte value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return new byte[] {value};
            }
            int p = Math.floorMod(pos, in.length);
            switch (op) {
                case 0: { // flip bits of one byte
                    byte[] out = in.clone();
                    out[p] ^= value == 0 ? 1 : value;
                    return out;
                }
                case 1: { // insert len copies of value
                    byte[] out = new byte[in.length + len];
                    System.arraycopy(in, 0, out, 0, p);
                    Arrays.fill(out, p, p + len, value);
                    System.arraycopy(in, p, out, p + len, in.length - p);
                    return out;
                }
                case 2: { // delete up to len bytes
                    int n = Math.min(len, in.length - p);
                    byte[] out = new byte[in.length - n];
                    System.arraycopy(in, 0, out, 0, p);
                    System.arraycopy(in, p + n, out, p, in.length - p - n);
                    return out;
                }
                default: // truncate
                    return Arrays.copyOf(in, p);
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(1, 16),
                Arbitraries.bytes()).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<byte[]> junk() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(512),
                Arbitraries.strings().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().withChars(",\n\r\"#:{}[]- 0123456789abcxyz.").ofMaxLength(300)
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads {@code bytes} as {@code kind}: a result or an InvalidInputException, within the bound. */
    static void readsOrRefuses(Kind kind, byte[] bytes) throws Exception {
        Path f = Files.createTempFile("qdse-fuzz", kind.suffix);
        try {
            Files.write(f, bytes);
            assertTimeoutPreemptively(BOUND, () -> {
                try {
                    kind.read(f);
                } catch (InvalidInputException e) {
                    // a clear refusal: exit 2 at the command line
                }
            }, () -> kind + " on " + bytes.length + " bytes");
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Property(tries = 80, seed = "20261206")
    void arbitraryBytesAreReadOrRefused(@ForAll Kind kind, @ForAll("junk") byte[] bytes) throws Exception {
        readsOrRefuses(kind, bytes);
    }

    @Property(tries = 160, seed = "20261206")
    void mutatedRealFilesAreReadOrRefused(@ForAll Kind kind, @ForAll("mutations") List<Mutation> ms)
            throws Exception {
        byte[] b = kind.seed();
        for (Mutation m : ms) {
            b = m.apply(b);
        }
        readsOrRefuses(kind, b);
    }

    @Property(tries = 8, seed = "20261206")
    void theRealFilesThemselvesAreRead(@ForAll Kind kind) throws Exception {
        Path f = Files.createTempFile("qdse-seed", kind.suffix);
        try {
            Files.write(f, kind.seed());
            kind.read(f); // no refusal allowed on the unmutated files
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
