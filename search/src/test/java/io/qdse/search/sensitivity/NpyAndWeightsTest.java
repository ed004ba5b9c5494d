package io.qdse.search.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyAndWeightsTest {

    /** Writes an .npy v1.0 file as numpy.save does. */
    static byte[] npy(String descr, boolean fortran, long[] shape, ByteBuffer data) {
        StringBuilder sh = new StringBuilder("(");
        for (long d : shape) {
            sh.append(d).append(", ");
        }
        if (shape.length > 1) {
            sh.setLength(sh.length() - 2);
        }
        sh.append(shape.length == 1 ? ")" : ")");
        String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + sh + ", }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }

    @Test
    void readsLittleAndBigEndianCAndFortranOrder() throws Exception {
        ByteBuffer le = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            le.putFloat(i);
        }
        le.flip();
        NpyReader.Array a = NpyReader.read(new ByteArrayInputStream(npy("<f4", false, new long[] {2, 3}, le)), "a");
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, a.data());
        ByteBuffer be = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
        // Fortran order of [[0,1,2],[3,4,5]] is 0,3,1,4,2,5
        for (double v : new double[] {0, 3, 1, 4, 2, 5}) {
            be.putDouble(v);
        }
        be.flip();
        NpyReader.Array f = NpyReader.read(new ByteArrayInputStream(npy(">f8", true, new long[] {2, 3}, be)), "f");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, f.data());
        ByteBuffer h = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0x3c00)
                .putShort((short) 0xc000);
        h.flip();
        assertArrayEquals(new double[] {1, -2}, NpyReader.read(new ByteArrayInputStream(npy("<f2", false,
                new long[] {2}, h)), "h").data());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> NpyReader.read(new ByteArrayInputStream("not numpy".getBytes(StandardCharsets.US_ASCII)),
                        "x.npy"));
        assertTrue(e.getMessage().contains("x.npy"), e.getMessage());
    }

    @Test
    void npzDirectoryAndFileSourcesAgree(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        ByteBuffer w = ByteBuffer.allocate(4 * 8 * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 128; i++) {
            w.putFloat((float) r.nextGaussian());
        }
        w.flip();
        byte[] bytes = npy("<f4", false, new long[] {8, 16}, w);
        Files.createDirectories(dir.resolve("w"));
        Files.write(dir.resolve("w/fc1.npy"), bytes);
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(dir.resolve("w.npz")))) {
            z.putNextEntry(new ZipEntry("fc1.npy"));
            z.write(bytes);
            z.closeEntry();
        }
        List<LayerWeights> a = WeightSources.fromNumpy(dir.resolve("w"));
        List<LayerWeights> b = WeightSources.fromNumpy(dir.resolve("w.npz"));
        List<LayerWeights> c = WeightSources.fromNumpy(dir.resolve("w/fc1.npy"));
        for (List<LayerWeights> l : List.of(a, b, c)) {
            assertEquals(1, l.size());
            assertEquals("fc1", l.get(0).layer());
            assertEquals(8, l.get(0).rows());
            assertEquals(16, l.get(0).cols());
        }
        assertArrayEquals(a.get(0).data().get(), b.get(0).data().get());
    }

    /** A Hessian-trace row for a layer without weights in the workload matches nothing: refused, naming it. */
    @Test
    void traceRowsThatMatchNoLayerAreRefused(@TempDir Path dir) throws Exception {
        ByteBuffer w = ByteBuffer.allocate(4 * 8 * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 128; i++) {
            w.putFloat(i % 7 - 3);
        }
        w.flip();
        Files.createDirectories(dir.resolve("w"));
        Files.write(dir.resolve("w/fc1.npy"), npy("<f4", false, new long[] {8, 16}, w));
        io.qdse.simulator.workload.Workload wl = new io.qdse.simulator.workload.Workload("net", "one layer",
                List.of(new io.qdse.simulator.workload.Layer("fc1", "linear", List.of(
                        io.qdse.simulator.workload.LayerOp.gemm("fc1", 1, 8, 16)), 128)));
        List<io.qdse.search.build.Candidate> cands = List.of(io.qdse.search.build.Candidate.parse("int8", "f"));
        WeightSensitivity.Spec spec = io.qdse.search.plan.SearchPlanner.weightSpec("channel", "absmax", "l2");
        String src = "weights:" + dir.resolve("w");
        // a matching row is used
        assertEquals(1, Sensitivities.resolve(src, "--sensitivity", wl, cands, null, spec, Map.of("fc1", 2.0),
                n -> { }).layers().size());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Sensitivities.resolve(src,
                "--sensitivity", wl, cands, null, spec, Map.of("fc1", 2.0, "fc9", 3.0), n -> { }));
        assertEquals("--hessian-trace", e.field());
        assertTrue(e.getMessage().contains("fc9") && e.getMessage().contains("fc1"), e.getMessage());
        // and a layer given twice in the trace file
        Path t = Files.writeString(dir.resolve("trace.csv"), "layer,trace\nfc1,2\nfc1,3\n");
        InvalidInputException twice = assertThrows(InvalidInputException.class, () -> SensitivityTable.readTrace(t));
        assertTrue(twice.getMessage().contains("line 3") && twice.getMessage().contains("each layer once"),
                twice.getMessage());
    }

    @Test
    void moreBitsNeverHurtAndBlockScalesAreUsed() {
        SplittableRandom r = new SplittableRandom(11);
        double[] w = new double[64 * 96];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextGaussian() * (1 + (i / 96) % 5); // channels of different scale
        }
        LayerWeights lw = new LayerWeights("l", 64, 96, () -> w, "test");
        List<NumberFormat> fs = List.of(Formats.parse("int4", "f"), Formats.parse("int8", "f"),
                Formats.parse("fp4_e2m1", "f"), Formats.parse("fp6_e2m3", "f"), Formats.parse("fp8_e4m3", "f"),
                Formats.parse("mxfp4", "f"));
        SensitivityTable t = WeightSensitivity.compute(List.of(lw), fs, WeightSensitivity.Spec.defaults(), Map.of());
        double int4 = t.get("l", "int4").sqnrDb();
        double int8 = t.get("l", "int8").sqnrDb();
        assertTrue(int8 > int4 + 20, int4 + " " + int8); // ~6 dB per bit
        assertTrue(t.get("l", "fp8_e4m3").sqnrDb() > t.get("l", "fp6_e2m3").sqnrDb());
        assertTrue(t.get("l", "fp6_e2m3").sqnrDb() > t.get("l", "fp4_e2m1").sqnrDb());
        // per-channel scaling beats one tensor-wide scale on channels of different magnitude
        SensitivityTable pt = WeightSensitivity.compute(List.of(lw), fs, new WeightSensitivity.Spec(
                io.qdse.hwmodels.quant.Granularity.PER_TENSOR, 32, io.qdse.hwmodels.quant.ClipMethod.ABSMAX,
                WeightSensitivity.Measure.L2), Map.of());
        assertTrue(t.get("l", "int4").sensitivity() < pt.get("l", "int4").sensitivity());
        // mxfp4's per-32 block scales: better than fp4_e2m1 with one scale per channel
        assertTrue(t.get("l", "mxfp4").sqnrDb() > t.get("l", "fp4_e2m1").sqnrDb() - 1.5);
        // a Hessian trace multiplies the l2 error
        SensitivityTable tr = WeightSensitivity.compute(List.of(lw), fs, WeightSensitivity.Spec.defaults(),
                Map.of("l", 2.5));
        assertEquals(2.5 * t.get("l", "int4").sensitivity(), tr.get("l", "int4").sensitivity(), 1e-12);
    }
}
