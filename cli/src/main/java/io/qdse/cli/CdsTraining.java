package io.qdse.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run the {@code qdse} launcher makes once after each build to create its class-data-sharing archive
 * ({@code java -XX:ArchiveClassesAtExit=... -cp qdse.jar io.qdse.cli.CdsTraining}): a few quick commands whose
 * classes then start every later run already parsed and verified. Nothing is printed and no file is written; a command
 * that fails here only leaves its classes out of the archive.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    /** Quick commands covering start-up (every command's options, as help builds them) and the common first steps. */
    static final List<String[]> COMMANDS = List.of(
            new String[] {"--help"},
            new String[] {"cost", "--a", "int8", "--json"},
            new String[] {"cost", "--a", "fp8_e4m3", "--target", "fpga:xcvu9p"},
            new String[] {"formats", "list"},
            new String[] {"simulate", "--gemm", "64,64,64", "--json"});

    /** @param args {@code --check}: do nothing (the launcher's check that a JVM starts on a new archive) */
    public static void main(String[] args) {
        if (args.length > 0) {
            return;
        }
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        for (String[] command : COMMANDS) {
            try {
                Qdse.run(command, none, none);
            } catch (RuntimeException | Error e) {
                // a training command that breaks only costs the archive its classes
            }
        }
    }
}
