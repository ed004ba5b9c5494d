package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 §2: the environments of CI and containers. Each case runs a JVM of its own with the environment under test
 * (a plain POSIX locale; a home folder that cannot be written), since neither can be changed inside this one.
 */
class EnvironmentTest {
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    record Run(int exit, String out, String err) {
    }

    /** Runs {@code command} in {@code dir} with the given environment changes (null removes a variable). */
    static Run run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getValue() == null) {
                pb.environment().remove(e.getKey());
            } else {
                pb.environment().put(e.getKey(), e.getValue());
            }
        }
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Map<String, String> posix(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("LANG", "C");
        env.put("LC_ALL", null);
        env.put("LC_CTYPE", null);
        env.put("LANGUAGE", null);
        return env;
    }

    /**
     * Paths with spaces and non-ASCII characters work through the launcher under LANG=C with LC_ALL unset (as in CI),
     * for an input and an output folder; the same JVM started directly cannot name them, and says why (exit 2). The
     * launcher runs as users run it; a {@code java} first on PATH runs this build's classes instead of the fat jar,
     * which {@code mvn test} has not built yet ({@code QDSE_JAR} skips the launcher's rebuild check).
     */
    @Test
    void nonAsciiPathsWorkThroughTheLauncherUnderAPosixLocale(@TempDir Path dir) throws Exception {
        Path launcher = Path.of("..", "qdse").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(launcher), launcher + " exists");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path shim = bin.resolve("java");
        // the shim reports the character set it was started with, then runs Main on this build's class path
        Files.writeString(shim, "#!/usr/bin/env bash\n"
                + "echo \"charmap $(locale charmap 2>/dev/null)\" >&2\n"
                + "[ \"$1\" = -jar ] && shift 2\n"
                + "exec \"$REAL_JAVA\" -cp \"$TEST_CP\" io.qdse.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        // every non-ASCII name stays in this script's UTF-8 bytes: this JVM may itself run under a POSIX locale
        Path script = dir.resolve("run.sh");
        Files.write(script, ("set -u\n"
                + "d='dir with spaces/ünïcødé 層'\n"
                + "mkdir -p \"$d\"\n"
                + "printf 'name,type,m,n,k\\nfc,linear,8,16,32\\n' > \"$d/läyers.csv\"\n"
                + "\"$@\" simulate --workload \"$d/läyers.csv\" --out \"$d/out put\" --json > \"$d.json\"\n"
                + "echo \"exit $?\"\n"
                + "ls \"$d/out put\"\n"
                + "cat \"$d.json\"\n").getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = posix(Map.of("PATH", bin + ":" + System.getenv("PATH"), "QDSE_JAR",
                script.toString(), "REAL_JAVA", JAVA.toString(), "TEST_CP", System.getProperty("java.class.path")));

        Run r = run(dir, env, List.of("bash", script.toString(), launcher.toString()));
        assertTrue(r.out().startsWith("exit 0\n"), r.out() + r.err());
        assertTrue(r.err().contains("charmap UTF-8"), "the launcher gave the JVM a UTF-8 locale: " + r.err());
        assertTrue(r.out().contains("layers.csv") && r.out().contains("result.json"), r.out());
        assertTrue(r.out().contains("\"workload\" : \"läyers\"") || r.out().contains("läyers"), r.out());

        // the JVM alone under the same locale: exit 2, naming the option and the way out, no stack trace
        Run direct = run(dir, env, List.of("bash", script.toString(), JAVA.toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        assertTrue(direct.out().startsWith("exit 2\n"), direct.out() + direct.err());
        assertTrue(direct.err().startsWith("qdse: error: ") && direct.err().contains("--out") && direct.err()
                .contains("a path this Java can name") && direct.err().contains("LC_ALL=C.UTF-8"), direct.err());
        assertFalse(direct.err().contains("\tat ") || direct.err().contains("internal error"), direct.err());
    }

    /**
     * A home folder that cannot be written (a service user's, some containers'): rtl pe extracts firtool to a writable
     * fallback and says where, instead of Chisel's FirtoolNotFound internal error.
     */
    @Test
    void rtlPeWithAnUnwritableHomeUsesAWritableFirtoolCache(@TempDir Path dir) throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("CHISEL_FIRTOOL_CACHE", null);
        env.put("CHISEL_FIRTOOL_PATH", null);
        env.put("XDG_CACHE_HOME", null);
        List<String> cmd = new ArrayList<>(List.of(JAVA.toString(), "-Duser.home=/proc/qdse-no-home",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "rtl", "pe", "--a", "int8", "--sim", "none", "--out", dir.resolve("pe").toString()));
        Run r = run(dir, env, cmd);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("qdse: note: firtool's cache /proc/qdse-no-home/.cache/llvm-firtool cannot be "
                + "written; using firtool 1.62.1 from "), r.err());
        assertFalse(r.err().contains("FirtoolNotFound") || r.err().contains("internal error"), r.err());
        try (var s = Files.walk(dir.resolve("pe"))) {
            assertTrue(s.anyMatch(p -> p.toString().endsWith(".sv")), "the bundle has its SystemVerilog");
        }
    }
}
