package io.qdse.sweep.spark;

import io.qdse.hwmodels.io.OutputSet;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster — one Master and one Worker, two child JVMs on the loopback interface — started
 * from the Maven-resolved jars of this JVM's class path (no Spark distribution): a temporary SPARK_HOME with an empty
 * {@code jars/}, {@code SPARK_SCALA_VERSION=2.13} (else every executor fails in the launcher), {@code
 * SPARK_LOCAL_IP=127.0.0.1}, and the class path with absolute entries in {@code SPARK_DIST_CLASSPATH} (the executors
 * start in {@code work/app-*}/N). Closed, it stops the Worker (which stops its executors) and then the Master, each
 * by its own process, and deletes the home.
 */
final class StandaloneCluster implements AutoCloseable {
    final Path home;
    final int port;
    final Process master;
    final Process worker;
    private final Thread hook;

    private StandaloneCluster(Path home, int port, Process master, Process worker) {
        this.home = home;
        this.port = port;
        this.master = master;
        this.worker = worker;
        this.hook = new Thread(this::stop, "stop-spark-standalone");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    String url() {
        return "spark://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** @return the java launcher of this JVM, or null */
    static Path java() {
        Path j = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(j) ? j : null;
    }

    static StandaloneCluster start(long timeoutMillis) throws Exception {
        Path home = Files.createTempDirectory("qdse-spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("work"));
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        String classPath = String.join(File.pathSeparator, cp);
        int port = freePort();
        Process master = null;
        Process worker = null;
        try {
            master = launch(home, classPath, "master.log", "org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
            long deadline = System.currentTimeMillis() + timeoutMillis;
            await(home.resolve("master.log"), "I have been elected leader", master, deadline);
            worker = launch(home, classPath, "worker.log", "org.apache.spark.deploy.worker.Worker", "--host",
                    "127.0.0.1", "--port", Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()),
                    "--cores", "2", "--memory", "1g", "--work-dir", home.resolve("work").toString(),
                    "spark://127.0.0.1:" + port);
            await(home.resolve("worker.log"), "Successfully registered with master", worker, deadline);
            return new StandaloneCluster(home, port, master, worker);
        } catch (Exception | Error e) {
            stop(worker);
            stop(master);
            OutputSet.deleteTree(home);
            throw e;
        }
    }

    private static Process launch(Path home, String classPath, String log, String main, String... args)
            throws IOException {
        // INFO for the daemons (the class path's log4j2.properties, this module's, says WARN), to see them start
        Path config = home.resolve("log4j2-daemons.properties");
        Files.writeString(config, "rootLogger.level = info\nrootLogger.appenderRef.o.ref = o\n"
                + "appender.o.type = Console\nappender.o.name = o\nappender.o.layout.type = PatternLayout\n"
                + "appender.o.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex\n");
        List<String> cmd = new ArrayList<>(List.of(java().toString(), "-Xmx384m",
                "-Dlog4j2.configurationFile=" + config.toUri(), "-cp", classPath, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve(log).toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_DIST_CLASSPATH", classPath);
        env.remove("SPARK_CONF_DIR");
        return pb.start();
    }

    private static void await(Path log, String line, Process p, long deadline) throws Exception {
        while (System.currentTimeMillis() < deadline) {
            if (Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("exited (" + p.exitValue() + ") before \"" + line + "\": "
                        + tail(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no \"" + line + "\" in time: " + tail(log));
    }

    static String tail(Path log) throws IOException {
        if (!Files.isRegularFile(log)) {
            return "(no log)";
        }
        String s = Files.readString(log, StandardCharsets.UTF_8);
        return s.substring(Math.max(0, s.length() - 2000));
    }

    private static void stop(Process p) {
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void stop() {
        // the Worker first: it stops its executors
        stop(worker);
        stop(master);
    }

    @Override
    public void close() throws IOException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already
        }
        OutputSet.deleteTree(home);
    }
}
