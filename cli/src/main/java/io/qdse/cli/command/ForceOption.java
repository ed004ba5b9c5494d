package io.qdse.cli.command;

import picocli.CommandLine.Option;

/** {@code --force}: the one way to write where files of someone else's are. */
public final class ForceOption {
    @Option(names = "--force", description = "Write into an output folder that holds files qdse did not write, or "
            + "over an existing output file (files of the same names are replaced; other files are kept). Without it "
            + "qdse writes only into a new or empty folder or an earlier output of its own, and never over a file.")
    public boolean force;
}
