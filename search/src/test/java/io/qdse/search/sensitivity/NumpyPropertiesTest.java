package io.qdse.search.sensitivity;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qdse.hwmodels.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of the weight readers ({@code .npy}, {@code .npz}, folders of {@code .npy}): arbitrary bytes and
 * mutated real files give weights or an {@link InvalidInputException}, never another exception, within a bound.
 */
class NumpyPropertiesTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    static final byte[] NPY;
    static final byte[] NPZ;

    static {
        ByteBuffer data = ByteBuffer.allocate(4 * 12).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            data.putFloat((i % 5 - 2) * 0.25f);
        }
        data.flip();
        NPY = NpyAndWeightsTest.npy("<f4", false, new long[] {3, 4}, data);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            z.putNextEntry(new ZipEntry("fc1.weight.npy"));
            z.write(NPY);
            z.closeEntry();
            z.putNextEntry(new ZipEntry("fc2.weight.npy"));
            z.write(NPY);
            z.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        NPZ = bo.toByteArray();
    }

    record Mutation(int op, int pos, int len, byte value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return new byte[] {value};
            }
            int p = Math.floorMod(pos, in.length);
            switch (op) {
                case 0: {
                    byte[] out = in.clone();
                    out[p] ^= value == 0 ? 1 : value;
                    return out;
                }
                case 1: {
                    byte[] out = new byte[in.length + len];
                    System.arraycopy(in, 0, out, 0, p);
                    Arrays.fill(out, p, p + len, value);
                    System.arraycopy(in, p, out, p + len, in.length - p);
                    return out;
                }
                case 2: {
                    int n = Math.min(len, in.length - p);
                    byte[] out = new byte[in.length - n];
                    System.arraycopy(in, 0, out, 0, p);
                    System.arraycopy(in, p + n, out, p, in.length - p - n);
                    return out;
                }
                default:
                    return Arrays.copyOf(in, p);
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1 << 16),
                Arbitraries.integers().between(1, 16), Arbitraries.bytes()).as(Mutation::new).list().ofMinSize(1)
                .ofMaxSize(4);
    }

    static void readsOrRefuses(byte[] bytes, String suffix) throws Exception {
        Path f = Files.createTempFile("qdse-fuzz", suffix);
        try {
            Files.write(f, bytes);
            assertTimeoutPreemptively(BOUND, () -> {
                try {
                    WeightSources.fromNumpy(f);
                } catch (InvalidInputException e) {
                    // refused clearly
                }
            }, () -> suffix + " of " + bytes.length + " bytes");
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Property(tries = 100, seed = "20261206")
    void arbitraryBytes(@ForAll byte[] bytes, @ForAll boolean npz) throws Exception {
        readsOrRefuses(bytes, npz ? ".npz" : ".npy");
    }

    @Property(tries = 200, seed = "20261206")
    void mutatedFiles(@ForAll("mutations") List<Mutation> ms, @ForAll boolean npz) throws Exception {
        byte[] b = npz ? NPZ : NPY;
        for (Mutation m : ms) {
            b = m.apply(b);
        }
        readsOrRefuses(b, npz ? ".npz" : ".npy");
    }

    @Property(tries = 2, seed = "20261206")
    void theRealFilesAreRead(@ForAll boolean npz) throws Exception {
        Path f = Files.createTempFile("qdse-seed", npz ? ".npz" : ".npy");
        try {
            Files.write(f, npz ? NPZ : NPY);
            WeightSources.fromNumpy(f);
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
