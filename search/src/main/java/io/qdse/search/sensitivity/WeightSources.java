package io.qdse.search.sensitivity;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import io.qdse.simulator.workload.onnx.OnnxModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Where weights come from: ONNX models and NumPy files, each turned into {@link LayerWeights}. */
public final class WeightSources {
    private WeightSources() {
    }

    /** The weight of every Conv/ConvTranspose/MatMul/Gemm node, output-channel axis first. */
    public static List<LayerWeights> fromOnnx(List<OnnxImporter.WeightTensor> tensors) {
        List<LayerWeights> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OnnxImporter.WeightTensor w : tensors) {
            if (!seen.add(w.layer())) {
                continue;
            }
            long[] dims = w.tensor().dims();
            long rows = dims.length == 0 ? 1 : dims[w.outAxis()];
            long cols = w.tensor().elementCount() / Math.max(rows, 1);
            if (rows * cols > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException("ONNX weight " + w.tensor().name(), rows * cols + " elements",
                        "fewer than 2^31");
            }
            int axis = w.outAxis();
            out.add(new LayerWeights(w.layer(), (int) rows, (int) cols,
                    () -> LayerWeights.moveAxisToFront(w.tensor().toDoubles(), dims, axis),
                    w.where() + " " + w.tensor().name() + " " + java.util.Arrays.toString(dims)));
        }
        return out;
    }

    /**
     * NumPy weights: a {@code .npy} file (one layer, named after the file), a {@code .npz} archive (one layer per
     * entry) or a directory of {@code .npy} files. Arrays are taken as PyTorch lays weights out: output channels
     * first ({@code Linear [out, in]}, {@code Conv2d [out, in/g, kh, kw]}).
     */
    public static List<LayerWeights> fromNumpy(Path path) {
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".npy")).sorted().toList();
                }
                if (files.isEmpty()) {
                    throw new InvalidInputException("--sensitivity weights:" + path, "no .npy files",
                            "a directory holding one <layer>.npy per layer");
                }
                List<LayerWeights> out = new ArrayList<>();
                for (Path f : files) {
                    out.add(npy(f));
                }
                return out;
            }
            String lower = path.toString().toLowerCase(Locale.ROOT);
            if (lower.endsWith(".npz")) {
                List<LayerWeights> out = new ArrayList<>();
                try (ZipFile z = new ZipFile(path.toFile())) {
                    Enumeration<? extends ZipEntry> e = z.entries();
                    List<ZipEntry> entries = new ArrayList<>();
                    while (e.hasMoreElements()) {
                        entries.add(e.nextElement());
                    }
                    entries.sort(java.util.Comparator.comparing(ZipEntry::getName));
                    for (ZipEntry ze : entries) {
                        if (!ze.getName().endsWith(".npy")) {
                            continue;
                        }
                        try (InputStream in = z.getInputStream(ze)) {
                            NpyReader.Array a = NpyReader.read(in, path + ":" + ze.getName());
                            out.add(of(ze.getName().replaceAll("\\.npy$", ""), a, path + ":" + ze.getName()));
                        }
                    }
                }
                return out;
            }
            return List.of(npy(path));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--sensitivity weights:" + path, path, "no such file or directory");
        } catch (IOException e) {
            throw new InvalidInputException("--sensitivity weights:" + path, path, "cannot be read: " + e);
        }
    }

    private static LayerWeights npy(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            NpyReader.Array a = NpyReader.read(in, f.toString());
            return of(f.getFileName().toString().replaceAll("\\.npy$", ""), a, f.toString());
        }
    }

    private static LayerWeights of(String layer, NpyReader.Array a, String source) {
        long rows = a.shape().length == 0 ? 1 : a.shape()[0];
        long cols = a.data().length / Math.max(rows, 1);
        double[] d = a.data();
        return new LayerWeights(layer, (int) rows, (int) cols, () -> d, source + " " + java.util.Arrays.toString(
                a.shape()));
    }
}
