package io.qdse.cli;

import io.qdse.cli.command.BenchCommand;
import io.qdse.cli.command.CostCommand;
import io.qdse.cli.command.DemoCommand;
import io.qdse.cli.command.FormatsCommand;
import io.qdse.cli.command.QuantizeCommand;
import io.qdse.cli.command.RtlCommand;
import io.qdse.cli.command.ModelsCommand;
import io.qdse.cli.command.SearchCommand;
import io.qdse.cli.command.SimulateCommand;
import io.qdse.hwmodels.InvalidInputException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code qdse} command. */
@Command(name = "qdse", mixinStandardHelpOptions = true, versionProvider = Qdse.Version.class,
        description = {"Quantized-hardware design-space exploration: which number format for each layer, on which "
            + "hardware, at what area, energy and latency.", ""},
        subcommands = {FormatsCommand.class, QuantizeCommand.class, CostCommand.class, SimulateCommand.class,
            SearchCommand.class, ModelsCommand.class, RtlCommand.class, io.qdse.cli.command.SweepCommand.class,
            io.qdse.cli.command.CompareCommand.class, io.qdse.cli.command.ReportCommand.class,
            io.qdse.cli.command.FpgaCommand.class, DemoCommand.class,
            BenchCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 infeasible.",
            "Every command takes --json for machine-readable output (field names carry units)."})
public final class Qdse implements Runnable {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the Java stack trace of errors (for bug reports).")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return this build's version, e.g. {@code 0.1.0-SNAPSHOT} */
    public static String version() {
        String v = Qdse.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** Reports the build version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Qdse.class.getPackage().getImplementationVersion();
            return new String[] {"qdse " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }

    /**
     * Runs a command line with the given streams and returns the exit code (used by {@link Main} and by tests,
     * which run commands in-process).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean trace = Arrays.asList(args).contains("--stacktrace");
        CommandLine cli = new CommandLine(new Qdse());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("qdse: error: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            }
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InvalidInputException) {
                c.getErr().println("qdse: error: " + ex.getMessage());
                if (trace) {
                    ex.printStackTrace(c.getErr());
                }
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof InfeasibleException) {
                c.getErr().println("qdse: infeasible: " + ex.getMessage());
                return ExitCodes.INFEASIBLE;
            }
            if (ex instanceof UncheckedIOException) {
                c.getErr().println("qdse: I/O error: " + ex.getCause().getMessage());
            } else {
                c.getErr().println("qdse: internal error: " + ex + (trace ? "" : " (rerun with --stacktrace)"));
            }
            if (trace) {
                ex.printStackTrace(c.getErr());
            }
            return ExitCodes.INTERNAL;
        });
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        out.flush();
        err.flush();
        return code;
    }
}
