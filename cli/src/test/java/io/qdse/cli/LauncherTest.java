package io.qdse.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 §6: the {@code ./qdse} launcher rebuilds when a source changes, makes its class-data-sharing archive once
 * per jar, and runs whatever the archive's state. It runs the real launcher in a copy of the repository's layout in a
 * temporary folder, with a stand-in {@code mvn} on the PATH that "builds" a small jar and counts the builds.
 */
class LauncherTest {
    @TempDir
    Path root;

    private Path jar;
    private Path builds;
    private Path source;

    @BeforeEach
    void layout() throws IOException {
        Path launcher = Path.of("..", "qdse").toAbsolutePath().normalize();
        Files.copy(launcher, root.resolve("qdse"));
        root.resolve("qdse").toFile().setExecutable(true);
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(root.resolve("cli/src/main/java"));
        Files.writeString(root.resolve("cli/pom.xml"), "<project/>\n");
        source = root.resolve("cli/src/main/java/A.java");
        Files.writeString(source, "class A {}\n");
        Path fake = Files.createDirectories(root.resolve("fake"));
        makeJar(fake.resolve("qdse.jar"), false);
        makeJar(fake.resolve("other.jar"), true);
        builds = fake.resolve("builds.log");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$*\" >> '" + builds + "'\nmkdir -p cli/target\n"
                + "cp '" + fake.resolve("qdse.jar") + "' cli/target/qdse.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = root.resolve("cli/target/qdse.jar");
    }

    /** A jar whose main prints "hello" and its arguments, and a CdsTraining that loads a class or two. */
    private void makeJar(Path to, boolean extra) throws IOException {
        Path src = Files.createDirectories(root.resolve("fake/src/io/qdse/cli"));
        Files.writeString(src.resolve("Hello.java"), "package io.qdse.cli;\npublic class Hello {\n"
                + "  public static void main(String[] a) { System.out.println(\"hello \" + String.join(\" \", a)); }\n}\n");
        Files.writeString(src.resolve("CdsTraining.java"), "package io.qdse.cli;\npublic class CdsTraining {\n"
                + "  public static void main(String[] a) { new java.util.TreeMap<String, String>().put(\"a\", \"b\"); }\n}\n");
        Path classes = Files.createDirectories(root.resolve("fake/classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), src.resolve("Hello.java").toString(),
                src.resolve("CdsTraining.java").toString()));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.qdse.cli.Hello");
        try (OutputStream out = Files.newOutputStream(to); JarOutputStream j = new JarOutputStream(out, m)) {
            for (String c : new String[] {"Hello", "CdsTraining"}) {
                j.putNextEntry(new JarEntry("io/qdse/cli/" + c + ".class"));
                j.write(Files.readAllBytes(classes.resolve("io/qdse/cli/" + c + ".class")));
                j.closeEntry();
            }
            if (extra) {
                j.putNextEntry(new JarEntry("extra.txt"));
                j.write("another build".getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... env) throws Exception {
        List<String> cmd = List.of(root.resolve("qdse").toString(), "a", "b");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("PATH", root.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("QDSE_JAVA_OPTS");
        pb.environment().remove("QDSE_CDS");
        pb.environment().remove("QDSE_JAR");
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Path out = root.resolve("fake/out.txt");
        Path err = root.resolve("fake/err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private int buildCount() throws IOException {
        return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
    }

    private long mtime(Path p) throws IOException {
        return Files.getLastModifiedTime(p).toMillis();
    }

    private void assertRanCleanly(Run r) {
        assertEquals(0, r.exit(), r.err());
        assertEquals("hello a b\n", r.out(), "stdout holds the command's output only");
    }

    /** @return the files in cli/target: the jar and the one archive the launcher keeps, named by its size */
    private List<String> targetFiles() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(jar.getParent())) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        java.util.Collections.sort(names);
        return names;
    }

    /** @return the archive, checked to be the only one and to carry its own size in its name */
    private Path archive() throws IOException {
        List<String> names = targetFiles();
        assertEquals(2, names.size(), "the jar and one archive: " + names);
        String name = names.get(0).equals("qdse.jar") ? names.get(1) : names.get(0);
        Path a = jar.resolveSibling(name);
        assertEquals("qdse-cds-" + Files.size(a) + ".jsa", name);
        return a;
    }

    @Test
    void buildsOnFirstUseAndWhenASourceChangesAndRemakesTheArchiveForEachJar() throws Exception {
        Run first = run();
        assertRanCleanly(first);
        assertEquals(1, buildCount(), "first use builds");
        assertTrue(first.err().contains("qdse: building"), first.err());
        Path jsa = archive();
        assertTrue(mtime(jsa) >= mtime(jar), "archive made after the build");
        long archived = mtime(jsa);

        Run second = run();
        assertRanCleanly(second);
        assertEquals("", second.err());
        assertEquals(1, buildCount(), "nothing changed: no build");
        assertEquals(jsa, archive());
        assertEquals(archived, mtime(jsa), "the archive is reused, not remade");

        // a source edited after the jar was built: rebuild, and the new jar gets a new archive
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 30_000));
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(now - 20_000));
        Files.setLastModifiedTime(source, FileTime.fromMillis(now - 10_000));
        Run edited = run();
        assertRanCleanly(edited);
        assertEquals(2, buildCount(), "a newer source rebuilds");
        Path remade = archive();
        assertTrue(mtime(remade) > now - 20_000 && mtime(remade) >= mtime(jar), "archive remade for the new jar");

        // a new file in a source folder (its folder's time changes) rebuilds too
        Files.setLastModifiedTime(jar, FileTime.fromMillis(now - 30_000));
        Files.writeString(source.resolveSibling("B.java"), "class B {}\n");
        assertRanCleanly(run());
        assertEquals(3, buildCount(), "an added source rebuilds");
        archive();
    }

    @Test
    void anUnusableArchiveNeverBreaksARun() throws Exception {
        assertRanCleanly(run());
        Path jsa = archive();
        byte[] good = Files.readAllBytes(jsa);
        long later = mtime(jar) + 5_000;

        // garbage of the archive's own size, newer than the jar: the JVM refuses it (-Xshare:auto) and runs without
        byte[] garbage = new byte[good.length];
        java.util.Arrays.fill(garbage, (byte) 'x');
        jsa.toFile().setWritable(true);
        Files.write(jsa, garbage);
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(later));
        Run r = run();
        assertRanCleanly(r);
        assertEquals("", r.err(), "no CDS warning on stderr either");
        assertArrayEquals(garbage, Files.readAllBytes(archive()), "an archive newer than the jar is not remade");

        // half an archive (the JVM would crash on it): the launcher sees the size is wrong and makes a new one
        Files.write(jsa, java.util.Arrays.copyOf(good, good.length / 2));
        Files.setLastModifiedTime(jsa, FileTime.fromMillis(later));
        r = run();
        assertRanCleanly(r);
        assertEquals("", r.err());
        assertEquals(good.length, Files.size(archive()), "a whole archive again");

        // an archive made for another jar at the same path, newer than it: ignored by the JVM, a clean run
        Path forOther = archive();
        Files.copy(root.resolve("fake/other.jar"), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(forOther, FileTime.fromMillis(mtime(jar) + 5_000));
        r = run();
        assertRanCleanly(r);
        assertEquals("", r.err());

        // a temporary archive left by a killed run is removed by the next training
        Files.delete(forOther);
        Path left = jar.resolveSibling(".qdse-cds.999999999.tmp");
        Files.writeString(left, "half");
        assertRanCleanly(run());
        archive();

        // and without an archive at all
        Files.delete(archive());
        assertRanCleanly(run("QDSE_CDS", "0"));
        assertEquals(List.of("qdse.jar"), targetFiles(), "QDSE_CDS=0 makes no archive");
    }
}
