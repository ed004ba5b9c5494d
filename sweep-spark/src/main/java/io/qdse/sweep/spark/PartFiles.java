package io.qdse.sweep.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The part files of a Spark sweep: one per partition, {@code part-<space hash>-<partitions>-<index>.jsonl}, holding
 * that partition's rows as JSON lines (the thread-pool engine's journal format). A part file appears only whole: it is
 * written under a temporary name in the same folder and moved into place atomically, so a killed job leaves either
 * the complete file or none (plus a {@code .tmp-*} file the next run removes). The name carries the space file's hash
 * and the partition count, so an edited space or another {@code --partitions} never reuses stale parts.
 */
final class PartFiles {
    /** The folder of part files inside a sweep's output folder. */
    static final String DIR = "spark-parts";

    private PartFiles() {
    }

    /** @return the first and one-past-last point of partition {@code i} of {@code n} over {@code points} points */
    static long[] range(long points, int n, int i) {
        return new long[] {points * i / n, points * (i + 1) / n};
    }

    static Path part(Path dir, String hash, int n, int i) {
        return dir.resolve(String.format(Locale.ROOT, "part-%s-%d-%05d.jsonl", hash.substring(0, 16), n, i));
    }

    /** Writes a partition's lines: a temporary file in the same folder, then an atomic move to the final name. */
    static void writeAtomically(Path target, List<String> lines) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-" + target.getFileName(), "");
            try {
                StringBuilder sb = new StringBuilder();
                for (String l : lines) {
                    sb.append(l).append('\n');
                }
                Files.writeString(tmp, sb, StandardCharsets.UTF_8);
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    // a file system without atomic rename (some object stores): the name appears only after the
                    // complete content was written, which is what resume relies on
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> read(Path part) {
        try {
            return Files.readAllLines(part, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the temporary files a killed job left behind. */
    static void removeTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".tmp-*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the part folder once the results are written. */
    static void removeAll(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
