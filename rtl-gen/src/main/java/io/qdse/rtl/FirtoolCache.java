package io.qdse.rtl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where Chisel finds the firtool binary it emits with.
 *
 * <p>Chisel's firtool-resolver copies the binary out of the {@code llvm-firtool} jar on the class path into
 * {@code $CHISEL_FIRTOOL_CACHE}, else {@code $XDG_CACHE_HOME/llvm-firtool}, else {@code ~/.cache/llvm-firtool}
 * (dev.dirs, from the {@code user.home} property) and fails with its long {@code FirtoolNotFound} text when that
 * folder cannot be written (a read-only or missing home, as for service users and some containers). This class leaves
 * the resolver alone whenever it can succeed ({@code CHISEL_FIRTOOL_PATH} set, the binary already there, or its folder
 * writable); otherwise it extracts the same binary into the first writable fallback — {@code firtool-cache} beside the
 * running jar or classes (the build tree), else {@code <java.io.tmpdir>/qdse-firtool-<user>} — and hands Chisel its
 * path ({@code --firtool-binary-path}), with a {@link #takeNote()} saying where.
 */
public final class FirtoolCache {
    private static final String RESOURCE = "org.chipsalliance/llvm-firtool/";
    private static String[] args;
    private static String note = "";

    private FirtoolCache() {
    }

    /** @return the arguments to hand ChiselStage: empty (the resolver's own way), or the binary to use */
    public static synchronized String[] chiselArgs() {
        if (args == null) {
            args = decide(System.getenv(), System.getProperty("user.home"), candidates());
        }
        return args.clone();
    }

    /**
     * @return once (the first call after the fallback was chosen), a sentence saying where firtool was put because its
     *     default cache could not be written; else empty
     */
    public static synchronized String takeNote() {
        String n = note;
        note = "";
        return n;
    }

    /**
     * @return the resolver's default cache folder (dev.dirs' rule on Linux, as firtool-resolver 1.3.0 uses it), or null
     *     when it would not be an absolute path
     */
    static Path defaultCache(java.util.Map<String, String> env, String home) {
        String c = env.get("CHISEL_FIRTOOL_CACHE");
        if (c != null) {
            return Path.of(c).toAbsolutePath();
        }
        String xdg = env.get("XDG_CACHE_HOME");
        String base = xdg != null && !xdg.isBlank() ? xdg : (home == null ? "" : home) + "/.cache/";
        Path p = Path.of(base);
        // a home of "?" (no passwd entry) would put the cache under the working folder: not a cache, a litter
        return p.isAbsolute() ? p.resolve("llvm-firtool") : null;
    }

    static String[] decide(java.util.Map<String, String> env, String home, List<Path> fallbacks) {
        if (env.get("CHISEL_FIRTOOL_PATH") != null
                || FirtoolCache.class.getClassLoader().getResource(RESOURCE + "project.version") == null) {
            return new String[0]; // the user's own firtool, or none on the class path: the resolver's way
        }
        String version = RtlGen.firtoolVersion();
        Path def;
        try {
            def = defaultCache(env, home);
        } catch (java.nio.file.InvalidPathException e) {
            def = null;
        }
        if (def != null && (Files.isExecutable(binary(def, version)) || writable(binary(def, version).getParent()))) {
            return new String[0];
        }
        List<String> tried = new ArrayList<>();
        for (Path dir : fallbacks) {
            Path bin = binary(dir, version);
            try {
                if (!Files.isExecutable(bin)) {
                    if (!shareable(dir) || !writable(bin.getParent())) {
                        tried.add(dir + " (not writable)");
                        continue;
                    }
                    extract(bin);
                } else if (!shareable(dir)) {
                    tried.add(dir + " (another user's)");
                    continue;
                }
                note = "firtool's cache " + where(def, home) + " cannot be written; using firtool " + version
                        + " from " + bin + " instead (set CHISEL_FIRTOOL_CACHE to choose the folder)";
                return new String[] {"--firtool-binary-path", bin.toString()};
            } catch (IOException e) {
                tried.add(dir + " (" + e.getMessage() + ")");
            }
        }
        throw new IllegalStateException("no folder to put firtool in: its cache " + where(def, home) + " cannot be "
                + "written, nor "
                + String.join(", ", tried) + "; set CHISEL_FIRTOOL_CACHE to a writable folder");
    }

    private static String where(Path def, String home) {
        return def != null ? def.toString() : "(under the home folder, '" + home + "', not an absolute path)";
    }

    private static Path binary(Path cache, String version) {
        return cache.resolve(version).resolve("bin").resolve("firtool");
    }

    /**
     * @return whether a file can be written in {@code dir}, creating it if need be (tried, not guessed: the permission
     *     bits say nothing for root, /proc or a read-only mount)
     */
    static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe-", "");
            Files.delete(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A folder in a shared place (the temp folder) is used only when it is ours, or not there yet. */
    private static boolean shareable(Path dir) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path d = dir.toAbsolutePath().normalize();
        try {
            return !d.startsWith(tmp) || !Files.exists(d)
                    || Files.getOwner(d).getName().equals(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void extract(Path bin) throws IOException {
        String platform = platform();
        Files.createDirectories(bin.getParent());
        Path tmp = bin.resolveSibling(".firtool-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try (InputStream in = resource(platform + "/bin/firtool")) {
            if (in == null) {
                throw new IOException("no firtool for " + platform + " on the class path");
            }
            Files.copy(in, tmp);
            PosixFileAttributeView v = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (v != null) {
                v.setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try {
                Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, bin, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.startsWith("win") ? "windows" : os.startsWith("mac") ? "macos" : "linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch;
        return o + "-" + a;
    }

    private static InputStream resource(String name) {
        return FirtoolCache.class.getClassLoader().getResourceAsStream(RESOURCE + name);
    }

    /** The fallbacks: the build tree beside the running jar or classes, then a folder of the user's in the temp dir. */
    private static List<Path> candidates() {
        List<Path> c = new ArrayList<>();
        try {
            Path here = Path.of(FirtoolCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path parent = here.getParent();
            if (parent != null) {
                c.add(parent.resolve("firtool-cache"));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (an unusual class loader): the temp folder only
        }
        c.add(Path.of(System.getProperty("java.io.tmpdir"), "qdse-firtool-" + System.getProperty("user.name")));
        return c;
    }
}
