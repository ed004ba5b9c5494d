package io.qdse.hwmodels.io;

import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files one command writes, written whole or not at all and never over a file of the user's.
 *
 * <p>Every output of QDSE goes through here (one mechanism for every command):
 * <ul>
 * <li>Files are first written into a hidden staging folder ({@code .qdse-tmp-<pid>-<start>-<random>}) on the same
 * file system, and moved into place only by {@link #commit()}, once the whole set is ready. A run that fails or is
 * killed before that leaves the destination as it was; its staging folder is removed by the next run that writes
 * there (a staging folder whose process is no longer alive is a leftover).</li>
 * <li>A <b>folder output</b> ({@link #folder}: an RTL bundle, {@code search --out DIR}, {@code simulate --out DIR})
 * goes into a new or empty folder, or into one that holds an earlier output of ours, recognised by its marker file
 * {@value #MARKER}, which lists the files QDSE wrote there. A rerun replaces exactly those files (and removes the
 * ones the new set no longer has, so no stale file of an earlier run stays beside the new ones); any other file in
 * the folder is kept. A folder with files of someone else's is refused unless {@code force}, and even then only
 * files of the same names are replaced.</li>
 * <li>A <b>file output</b> ({@link #files}, {@link #file}: {@code quantize --out FILE}) never replaces an existing
 * file unless {@code force}, and never one of the command's inputs.</li>
 * <li>Files and folders are created with the user's umask (not the 0600/0700 of Java's temporary files).</li>
 * </ul>
 * Problems with the destination (a file where a folder is expected, no permission, a read-only file system) are
 * {@link InvalidInputException}s naming the option, the path and the reason.
 */
public final class OutputSet implements AutoCloseable {
    /** Name of the marker file that lists the files QDSE wrote into a folder output. */
    public static final String MARKER = ".qdse-output";
    private static final String TMP_PREFIX = ".qdse-tmp-";
    private static final Pattern TMP = Pattern.compile("\\.qdse-tmp-(\\d+)-(\\d+)-[0-9a-f]+");
    /** Temporary names of QDSE versions before this class; removed once old enough to be certainly abandoned. */
    private static final Pattern LEGACY_TMP = Pattern.compile("\\.qdse-(rtl-)?-?\\d+(\\.tmp)?");
    private static final Duration LEGACY_AGE = Duration.ofMinutes(10);
    private static final Set<PosixFilePermission> READS = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private enum Kind { FOLDER, FILES }

    private final Kind kind;
    private final Path dest;
    private final String option;
    private final boolean force;
    private final List<Path> inputs;
    private final String scope;
    private final Path staging;
    /** The destination did not exist: commit renames the staging folder into place in one step. */
    private final boolean fresh;
    private final List<Path> createdAncestors;
    private final Set<String> oldMarker;
    private final Set<String> staged = new TreeSet<>();
    private boolean committed;
    private boolean closed;

    private OutputSet(Kind kind, Path dest, String option, boolean force, Collection<Path> inputs, String scope,
                      List<String> declared) {
        this.kind = kind;
        this.dest = dest.toAbsolutePath().normalize();
        this.option = option;
        this.force = force;
        this.inputs = List.copyOf(inputs);
        this.scope = scope;
        if (Files.exists(this.dest) && !Files.isDirectory(this.dest)) {
            throw new InvalidInputException(option, dest, kind == Kind.FOLDER
                    ? "a folder (this path exists as a file)" : "a folder for the output files (exists as a file)");
        }
        Path parent = this.dest.getParent();
        this.fresh = kind == Kind.FOLDER && !Files.exists(this.dest) && scope.isEmpty();
        if (!Files.exists(this.dest) && !scope.isEmpty()) {
            throw new InvalidInputException(option, dest, "an existing output folder of qdse (no such folder)");
        }
        this.oldMarker = kind == Kind.FOLDER && !fresh ? readMarker(this.dest) : Set.of();
        if (kind == Kind.FOLDER && !fresh && oldMarker == null) {
            List<String> foreign = foreignEntries(this.dest);
            if (!foreign.isEmpty() && !force) {
                throw new InvalidInputException(option, dest, "a new or empty folder, or one holding an earlier "
                        + "output of qdse (marked by its " + MARKER + " file); this folder holds files qdse did not "
                        + "write (" + abbreviate(foreign) + "). Choose another folder, or add --force to write beside "
                        + "them (files of the same names are replaced, the others kept)");
            }
        }
        for (String name : declared) {
            checkTarget(name, true);
        }
        this.createdAncestors = new ArrayList<>();
        Path home = fresh ? parent : this.dest;
        try {
            createDirectories(home, createdAncestors);
            removeLeftovers(home);
            if (!fresh && parent != null && Files.isWritable(parent)) {
                removeLeftovers(parent);
            }
            this.staging = mkdir(home.resolve(TMP_PREFIX + ProcessHandle.current().pid() + "-"
                    + startMillis() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)));
        } catch (IOException e) {
            removeCreatedAncestors();
            throw unwritable(option, fresh ? dest : this.dest, e);
        }
    }

    /**
     * A folder that is the output: new, empty, or an earlier output of ours (see the class comment).
     *
     * @param dir    the folder
     * @param option the option that named it, for messages ({@code --out})
     * @param force  write into a folder that holds files of someone else's (replacing files of the same names)
     * @param inputs the command's input files, which are never replaced
     */
    public static OutputSet folder(Path dir, String option, boolean force, Collection<Path> inputs) {
        return new OutputSet(Kind.FOLDER, dir, option, force, inputs, "", List.of());
    }

    /**
     * A part of an existing output folder of ours: only the files under {@code scope} (e.g. {@code fpga/}) are
     * replaced; the marker's other files are kept as they are.
     */
    public static OutputSet folderPart(Path dir, String option, boolean force, String scope) {
        if (scope.isEmpty() || !scope.endsWith("/")) {
            throw new IllegalArgumentException("scope must be a folder name ending in '/': " + scope);
        }
        OutputSet s = new OutputSet(Kind.FOLDER, dir, option, force, List.of(), scope, List.of());
        if (s.oldMarker == null && !force) {
            s.close();
            throw new InvalidInputException(option, dir, "an output folder of qdse (it has no " + MARKER
                    + " file: rewrite it with this version, or add --force)");
        }
        return s;
    }

    /**
     * Named files in a folder of the user's: none replaces an existing file unless {@code force}, or an input.
     *
     * @param names the files that will be written (checked now, before any work)
     */
    public static OutputSet files(Path dir, String option, boolean force, Collection<Path> inputs,
                                  List<String> names) {
        return new OutputSet(Kind.FILES, dir, option, force, inputs, "", names);
    }

    /** One file of the user's choosing ({@code --out FILE}); see {@link #files}. */
    public static OutputSet file(Path file, String option, boolean force, Collection<Path> inputs) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getFileName() == null) {
            throw new InvalidInputException(option, file, "a file path");
        }
        if (Files.isDirectory(abs)) {
            throw new InvalidInputException(option, file, "a file (this path is a folder)");
        }
        return new OutputSet(Kind.FILES, abs.getParent(), option, force, inputs, "",
                List.of(abs.getFileName().toString()));
    }

    /**
     * Checks, leaving nothing behind, that {@link #folder} would accept {@code dir} (for commands that want to refuse a
     * bad destination before long work or any output). Whether a folder can be made is tried (an empty staging-named
     * folder, removed at once): permission bits do not tell for root, {@code /proc} or a read-only mount.
     */
    public static void checkFolder(Path dir, String option, boolean force) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new InvalidInputException(option, dir, "a folder (this path exists as a file)");
        }
        Path p = abs;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new InvalidInputException(option, dir, "a folder that can be created (" + p + " is not a folder)");
        }
        if (!Files.isWritable(p)) {
            throw new InvalidInputException(option, dir, "a folder that can be written (no permission to write in "
                    + p + ")");
        }
        try {
            Files.delete(mkdir(p.resolve(TMP_PREFIX + ProcessHandle.current().pid() + "-" + startMillis() + "-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))));
        } catch (IOException e) {
            throw unwritable(option, dir, e);
        }
        if (p.equals(abs) && readMarker(abs) == null && !force) {
            List<String> foreign = foreignEntries(abs);
            if (!foreign.isEmpty()) {
                throw new InvalidInputException(option, dir, "a new or empty folder, or one holding an earlier "
                        + "output of qdse; this folder holds files qdse did not write (" + abbreviate(foreign)
                        + "). Choose another folder, or add --force");
            }
        }
    }

    /** @return the destination folder (where the files will be once committed) */
    public Path dir() {
        return dest;
    }

    /**
     * @return the staging folder: write the output's files under it (with any file API); {@link #commit()} moves
     *     every regular file found there into the destination, at the same relative path
     */
    public Path root() {
        ensureOpen();
        return staging;
    }

    /**
     * @param rel a path relative to the destination folder, with '/' separators
     * @return the staging path to write that file to (its parent folders exist)
     */
    public Path path(String rel) {
        ensureOpen();
        String r = normalise(rel);
        try {
            Path p = staging.resolve(r);
            Files.createDirectories(p.getParent());
            return p;
        } catch (IOException e) {
            throw unwritable(option, dest, e);
        }
    }

    /** Writes a UTF-8 text file into the set. */
    public Path write(String rel, String text) {
        Path p = path(rel);
        try {
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw unwritable(option, dest, e);
        }
    }

    /** Writes a binary file (an image) into the set. */
    public Path write(String rel, byte[] data) {
        Path p = path(rel);
        try {
            Files.write(p, data);
            return p;
        } catch (IOException e) {
            throw unwritable(option, dest, e);
        }
    }

    /** Makes a staged file executable wherever it is readable (the umask decides who may run it). */
    public static void makeExecutable(Path p) {
        try {
            PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            if (v == null) {
                p.toFile().setExecutable(true);
                return;
            }
            Set<PosixFilePermission> perms = EnumSet.copyOf(v.readAttributes().permissions());
            for (PosixFilePermission r : READS) {
                if (perms.contains(r)) {
                    perms.add(PosixFilePermission.valueOf(r.name().replace("READ", "EXECUTE")));
                }
            }
            v.setPermissions(perms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves every staged file into place (see the class comment). */
    public void commit() {
        ensureOpen();
        try {
            collectStaged();
            for (String r : staged) {
                checkTarget(r, false);
            }
            if (fresh) {
                Files.writeString(staging.resolve(MARKER), markerText(staged), StandardCharsets.UTF_8);
                move(staging, dest);
                committed = true;
                return;
            }
            if (kind == Kind.FOLDER) {
                Set<String> union = new TreeSet<>(oldMarker == null ? Set.of() : oldMarker);
                union.addAll(staged);
                writeMarker(union);
            }
            for (String r : staged) {
                Path target = dest.resolve(r);
                Files.createDirectories(target.getParent());
                move(staging.resolve(r), target);
            }
            if (kind == Kind.FOLDER) {
                Set<String> kept = new TreeSet<>(staged);
                if (oldMarker != null) {
                    for (String r : oldMarker) {
                        if (!r.startsWith(scope) || isInput(dest.resolve(r))) {
                            kept.add(r); // outside this part, or read by this very run: never removed
                        } else if (!staged.contains(r)) {
                            removeStale(r);
                        }
                    }
                }
                writeMarker(kept);
            }
            committed = true;
        } catch (IOException e) {
            throw unwritable(option, dest, e);
        } finally {
            close();
        }
    }

    /** Removes what was staged and not committed, and the folders this set created for it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteTree(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!committed) {
            removeCreatedAncestors();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void collectStaged() throws IOException {
        staged.clear();
        try (Stream<Path> s = Files.walk(staging)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    String r = staging.relativize(p).toString().replace('\\', '/');
                    if (!r.equals(MARKER)) {
                        staged.add(r);
                    }
                }
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("output set of " + dest + " already " + (committed ? "committed" : "closed"));
        }
    }

    /** Refuses to write {@code rel} over a file of the user's (or an input). */
    private void checkTarget(String rel, boolean early) {
        Path target = dest.resolve(rel);
        for (Path in : inputs) {
            if (sameFile(in, target)) {
                throw new InvalidInputException(option, kind == Kind.FILES && early ? target : dest,
                        "a path that is not one of the command's inputs (" + target + " is the input " + in
                                + "; writing it would replace the input)");
            }
        }
        if (fresh || !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean ours = kind == Kind.FOLDER && oldMarker != null && oldMarker.contains(rel);
        if (ours) {
            return;
        }
        if (!force) {
            throw new InvalidInputException(option, kind == Kind.FILES ? target : dest, kind == Kind.FILES
                    ? "a new file: " + target + " exists, and qdse replaces an existing file only with --force; "
                            + "choose another path, or add --force"
                    : "a folder without files of someone else's at the output's names: " + rel + " exists and qdse "
                            + "did not write it; choose another folder, or add --force to replace it");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(option, dest, "a destination where " + rel + " is not a folder of "
                    + "someone else's (qdse replaces files with --force, never folders)");
        }
    }

    private boolean isInput(Path p) {
        return inputs.stream().anyMatch(in -> sameFile(in, p));
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private void removeStale(String rel) throws IOException {
        Path p = dest.resolve(rel);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
            Files.delete(p);
        }
        for (Path d = p.getParent(); d != null && d.startsWith(dest) && !d.equals(dest); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                break;
            }
        }
    }

    private void writeMarker(Set<String> entries) throws IOException {
        Path tmp = staging.resolve(MARKER);
        Files.writeString(tmp, markerText(entries), StandardCharsets.UTF_8);
        move(tmp, dest.resolve(MARKER));
    }

    private static String markerText(Set<String> entries) {
        StringBuilder sb = new StringBuilder("# Files written here by qdse. A rerun into this folder replaces them "
                + "(and only them); other files are kept. Delete this file to make qdse treat the folder as yours.\n");
        for (String e : entries) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }

    /** @return the marker's entries, or null without a marker */
    private static Set<String> readMarker(Path dir) {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m)) {
            return null;
        }
        try {
            Set<String> s = new TreeSet<>();
            for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                try {
                    s.add(normalise(t));
                } catch (IllegalArgumentException e) {
                    // an entry pointing outside the folder is ignored: we never delete outside the output
                }
            }
            return s;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> foreignEntries(Path dir) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> !isTemp(n)).sorted().forEach(names::add);
        } catch (IOException e) {
            names.add("(unreadable: " + e.getMessage() + ")");
        }
        return names;
    }

    private static boolean isTemp(String name) {
        return TMP.matcher(name).matches() || LEGACY_TMP.matcher(name).matches();
    }

    private static String abbreviate(List<String> names) {
        List<String> show = names.subList(0, Math.min(4, names.size()));
        return String.join(", ", show) + (names.size() > show.size() ? " and " + (names.size() - show.size())
                + " more" : "");
    }

    /** @return a clean relative path with '/' separators; refuses paths that leave the folder */
    private static String normalise(String rel) {
        Path p = Path.of(rel).normalize();
        if (p.isAbsolute() || p.toString().isEmpty() || p.startsWith("..")) {
            throw new IllegalArgumentException("not a path inside the output folder: " + rel);
        }
        return p.toString().replace('\\', '/');
    }

    /** Removes staging folders of dead QDSE processes (and old temporaries of earlier versions) in {@code dir}. */
    static void removeLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                Matcher m = TMP.matcher(n);
                if (m.matches()) {
                    if (!alive(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)))) {
                        stale.add(p);
                    }
                } else if (LEGACY_TMP.matcher(n).matches()) {
                    FileTime t = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS);
                    if (t.toInstant().isBefore(Instant.now().minus(LEGACY_AGE))) {
                        stale.add(p);
                    }
                }
            }
            for (Path p : stale) {
                deleteTree(p);
            }
        } catch (IOException e) {
            // leftovers we cannot remove (another user's, a read-only folder) stay; the output itself is checked
        }
    }

    private static boolean alive(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            long s = h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            return s == 0 || startMillis == 0 || Math.abs(s - startMillis) < 1000;
        }).isPresent();
    }

    private static long startMillis() {
        return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            mkdir(p);
            created.add(0, p);
        }
    }

    private static Path mkdir(Path p) throws IOException {
        try {
            return Files.createDirectory(p);
        } catch (NoSuchFileException e) {
            // the parent exists (callers walk up to it), yet no folder can be made there: /proc, a special file system
            throw new FileSystemException(p.toString(), null, "no folder can be created in " + p.getParent());
        }
    }

    private void removeCreatedAncestors() {
        for (Path p : createdAncestors) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Deletes a tree without following symbolic links. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(x);
            }
        }
    }

    /** The message for a destination that cannot be written, naming the option, the path and the reason. */
    public static InvalidInputException unwritable(String option, Path path, IOException e) {
        String why;
        if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            why = "a folder on the way does not exist";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "a file is in the way of a folder";
        } else if (e instanceof NotDirectoryException) {
            why = "a part of the path is a file, not a folder";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason().toLowerCase(java.util.Locale.ROOT);
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new InvalidInputException(option, path, "a place that can be written (" + why + ")");
    }
}
