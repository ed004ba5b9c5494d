package io.qdse.cli.command;

import picocli.CommandLine.Option;

/** Options every command shares. */
public final class OutputOptions {
    @Option(names = "--json", description = "Write one JSON document instead of tables (stable field names with units).")
    public boolean json;
}
