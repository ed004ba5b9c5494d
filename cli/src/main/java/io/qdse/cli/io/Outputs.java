package io.qdse.cli.io;

import io.qdse.hwmodels.io.OutputSet;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Opens a command's outputs ({@link OutputSet}) with the command's own input files listed, so that no output ever
 * replaces one of them: every option or parameter value that names an existing file counts as an input.
 */
public final class Outputs {
    private Outputs() {
    }

    /** An output folder ({@code --out DIR}): new, empty, or an earlier output of ours; see {@link OutputSet}. */
    public static OutputSet folder(CommandSpec spec, Path dir, String option, boolean force) {
        return OutputSet.folder(dir, option, force, inputs(spec, option));
    }

    /** One output file ({@code --out FILE}) that replaces no existing file unless {@code force}. */
    public static OutputSet file(CommandSpec spec, Path file, String option, boolean force) {
        return OutputSet.file(file, option, force, inputs(spec, option));
    }

    /** Named files in a folder of the user's. */
    public static OutputSet files(CommandSpec spec, Path dir, String option, boolean force, List<String> names) {
        return OutputSet.files(dir, option, force, inputs(spec, option), names);
    }

    /**
     * @param output the output option itself, whose value is not an input
     * @return the existing regular files named by the command's other arguments (and its parents' ones)
     */
    public static List<Path> inputs(CommandSpec spec, String output) {
        List<Path> files = new ArrayList<>();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            for (ArgSpec a : s.args()) {
                if (a instanceof OptionSpec o && List.of(o.names()).contains(output)) {
                    continue;
                }
                collect(a.getValue(), files);
            }
        }
        return files;
    }

    private static void collect(Object v, List<Path> files) {
        if (v instanceof Collection<?> c) {
            c.forEach(x -> collect(x, files));
            return;
        }
        if (v instanceof Object[] arr) {
            for (Object x : arr) {
                collect(x, files);
            }
            return;
        }
        Path p = null;
        if (v instanceof Path q) {
            p = q;
        } else if (v instanceof String s && !s.isEmpty() && s.length() < 4096) {
            // "name=path" and "kind:path" arguments (--sensitivity weights:FILE, --hessian-trace FILE) name files too
            String t = s.contains("=") ? s.substring(s.indexOf('=') + 1) : s;
            p = safe(t);
            if ((p == null || !Files.isRegularFile(p)) && t.contains(":")) {
                p = safe(t.substring(t.indexOf(':') + 1));
            }
        }
        if (p != null && Files.isRegularFile(p)) {
            files.add(p);
        }
    }

    private static Path safe(String s) {
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
