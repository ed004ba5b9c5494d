package io.qdse.rtl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The external EDA tools of the flow: whether each is installed, and running a bundle's scripts. */
public final class Tools {
    /** What a tool run returned. */
    public record Result(int exit, String output, double seconds, boolean timedOut) {
        public boolean ok() {
            return exit == 0 && !timedOut;
        }

        /** @return a testbench's verdict: its last line starting with PASS or FAIL, or {@code no verdict} */
        public String verdict() {
            return output.lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL")).reduce((x, y) -> y)
                    .orElse("no verdict");
        }
    }

    private Tools() {
    }

    /**
     * @return whether {@code name} is an executable on PATH (or on the path the system property {@code qdse.tools.path}
     *     gives instead, which tests use to see how commands behave without a tool)
     */
    public static boolean available(String name) {
        String path = System.getProperty("qdse.tools.path", System.getenv("PATH"));
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param install how to get it, e.g. {@code apt-get install iverilog}
     * @param purpose what it is needed for, e.g. {@code to simulate the testbench}
     * @throws io.qdse.hwmodels.ToolMissingException (exit status 4) unless {@code name} is on PATH
     */
    public static void require(String name, String install, String purpose) {
        if (!available(name)) {
            throw new io.qdse.hwmodels.ToolMissingException(name, install, purpose);
        }
    }

    /** @return the first line of {@code tool -V} / {@code --version}, or "absent" */
    public static String version(String tool) {
        if (!available(tool)) {
            return "absent";
        }
        try {
            Result r = run(Path.of("."), 30, List.of(tool, tool.equals("yosys") || tool.equals("iverilog") ? "-V"
                    : "--version"));
            String first = r.output().strip().lines().findFirst().orElse("");
            return first.isEmpty() ? "unknown" : first;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Runs a command in {@code dir}, stdout and stderr together, killed after {@code timeoutSeconds}. */
    public static Result run(Path dir, long timeoutSeconds, List<String> cmd) throws IOException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        boolean done;
        try {
            done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        return new Result(done ? p.exitValue() : -1, text, (System.nanoTime() - t0) / 1e9, !done);
    }

    /** Runs one of a bundle's scripts ({@code lint.sh}, {@code sim_icarus.sh}, …) with bash. */
    public static Result script(Path bundle, String name, long timeoutSeconds, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", name));
        cmd.addAll(List.of(args));
        return run(bundle, timeoutSeconds, cmd);
    }
}
