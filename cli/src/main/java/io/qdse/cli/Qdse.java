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
import io.qdse.hwmodels.ToolMissingException;
import io.qdse.hwmodels.io.Decimals;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code qdse} command. */
@Command(name = "qdse", mixinStandardHelpOptions = true, versionProvider = Qdse.Version.class,
        description = {"Quantized-hardware design-space exploration: which number format for each layer, on which "
            + "hardware, at what area, energy and latency.", ""},
        footer = {"", "Exit codes: 0 ok; 1 internal error (a bug: rerun with --stacktrace); 2 bad input (the message names "
            + "the option or file, the value and what is allowed); 3 no answer (budgets that cannot all be met, or a "
            + "time limit reached first); 4 tool missing (a simulator, Yosys, nextpnr, npm or Maven; the message says "
            + "what to install).",
            "Every command takes --json for machine-readable output (field names carry units)."})
public final class Qdse implements Runnable {

    /**
     * The subcommands' names in help order. They are registered programmatically rather than in the annotation so a
     * run builds only the one it names (picocli reflects over every option of every registered command: building the
     * whole tree was most of a command's start-up); help, a mistyped name and no name at all get the whole tree.
     */
    static final List<String> SUBCOMMANDS = List.of("formats", "quantize", "cost", "simulate", "search", "models",
            "rtl", "sweep", "compare", "report", "fpga", "demo", "bench", "help");

    /** A new instance of the subcommand {@code name} (a switch, not lambdas: those cost start-up time too). */
    private static Object create(String name) {
        switch (name) {
            case "formats": return new FormatsCommand();
            case "quantize": return new QuantizeCommand();
            case "cost": return new CostCommand();
            case "simulate": return new SimulateCommand();
            case "search": return new SearchCommand();
            case "models": return new ModelsCommand();
            case "rtl": return new RtlCommand();
            case "sweep": return new io.qdse.cli.command.SweepCommand();
            case "compare": return new io.qdse.cli.command.CompareCommand();
            case "report": return new io.qdse.cli.command.ReportCommand();
            case "fpga": return new io.qdse.cli.command.FpgaCommand();
            case "demo": return new DemoCommand();
            case "bench": return new BenchCommand();
            case "help": return new CommandLine.HelpCommand();
            default: throw new IllegalArgumentException(name);
        }
    }

    /** @return the whole command tree (help, tests) */
    public static CommandLine fullTree() {
        return tree(null);
    }

    /**
     * @param only the one subcommand to register, or null for all of them
     * @return the root command with its subcommands
     */
    static CommandLine tree(String only) {
        CommandLine cli = new CommandLine(new Qdse());
        for (String name : SUBCOMMANDS) {
            if (only == null || only.equals(name)) {
                cli.addSubcommand(name, create(name));
            }
        }
        return cli;
    }

    /**
     * @return the subcommand a command line runs when it is one of ours by its exact name, else null (then the whole
     *     tree is built: {@code qdse help cost}, {@code qdse --help}, a typo that needs suggestions)
     */
    static String named(String[] args) {
        for (String a : args) {
            if (a.equals("--stacktrace")) {
                continue;
            }
            if (a.startsWith("-")) {
                // a top-level option: --version alone needs no subcommand, anything else the whole tree
                return args.length == 1 && (a.equals("--version") || a.equals("-V")) ? "" : null;
            }
            return SUBCOMMANDS.contains(a) && !a.equals("help") ? a : null;
        }
        return null;
    }

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the Java stack trace of errors (for bug reports).")
    boolean stacktrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * @return the option as help shows it: picocli's own {@code <fieldName>} label replaced by an upper-case one in the
     *     style of every other option ({@code N} for whole numbers, {@code X} for decimals, {@code PATH} for paths, else
     *     the option's name: {@code --simulator=SIMULATOR})
     */
    static CommandLine.Model.ArgSpec labelled(CommandLine.Model.ArgSpec arg) {
        String label = arg.paramLabel();
        if (!(arg instanceof CommandLine.Model.OptionSpec o) || !label.startsWith("<") || !label.endsWith(">")) {
            return arg;
        }
        Class<?> t = o.type();
        String name;
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            name = "N";
        } else if (t == double.class || t == Double.class) {
            name = "X";
        } else if (java.nio.file.Path.class.isAssignableFrom(t) || t == java.io.File.class) {
            name = "PATH";
        } else {
            name = o.longestName().replaceFirst("^-+", "").toUpperCase(java.util.Locale.ROOT);
        }
        return CommandLine.Model.OptionSpec.builder(o).paramLabel(name).build();
    }

    /**
     * @return why a path cannot be named: under a locale whose character set is not UTF-8 the JVM cannot encode
     *     non-ASCII file names at all (the launcher {@code ./qdse} runs it under a UTF-8 locale for that reason)
     */
    static String unnameable(java.nio.file.InvalidPathException e) {
        String jnu = System.getProperty("sun.jnu.encoding", "");
        if (!jnu.equalsIgnoreCase("UTF-8") && !jnu.equalsIgnoreCase("UTF8")) {
            return "a path this Java can name: file names are encoded in the locale's character set, " + jnu
                    + " here, which has no non-ASCII characters; run under a UTF-8 locale (e.g. LC_ALL=C.UTF-8), as "
                    + "./qdse does itself";
        }
        return "a valid path (" + e.getReason() + ")";
    }

    /** @return the option (or parameter) whose value holds {@code input}, e.g. {@code --workload}; else "a path" */
    private static String pathArgument(CommandLine.ParseResult parsed, String input) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (CommandLine.Model.ArgSpec a : p.matchedArgs()) {
                for (String v : a.originalStringValues()) {
                    if (!input.isEmpty() && (v.contains(input) || input.contains(v))) {
                        return a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : a.paramLabel();
                    }
                }
            }
        }
        return "a path";
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
        CommandLine cli = tree(named(args));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // one reading of decimal option values everywhere: 1e400 is an error, not infinity (Decimals)
        CommandLine.ITypeConverter<Double> decimal = text -> {
            try {
                return Decimals.parse(text, "value", "a number");
            } catch (InvalidInputException e) {
                throw new CommandLine.TypeConversionException("'" + text + "': " + e.allowed());
            }
        };
        cli.registerConverter(Double.class, decimal);
        cli.registerConverter(Double.TYPE, decimal);
        // a path the JVM cannot name (under a non-UTF-8 locale: any non-ASCII character) says why and what to do
        cli.registerConverter(java.nio.file.Path.class, text -> {
            try {
                return java.nio.file.Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw new CommandLine.TypeConversionException("'" + text + "': " + unnameable(e));
            }
        });
        // one style of option labels in every help: an option without its own label shows an upper-case one
        cli.setHelpFactory((commandSpec, colors) -> new CommandLine.Help(commandSpec, colors) {
            @Override
            public CommandLine.Help.IParamLabelRenderer parameterLabelRenderer() {
                CommandLine.Help.IParamLabelRenderer base = super.parameterLabelRenderer();
                return new CommandLine.Help.IParamLabelRenderer() {
                    @Override
                    public CommandLine.Help.Ansi.Text renderParameterLabel(CommandLine.Model.ArgSpec arg,
                            CommandLine.Help.Ansi ansi, java.util.List<CommandLine.Help.Ansi.IStyle> styles) {
                        return base.renderParameterLabel(labelled(arg), ansi, styles);
                    }

                    @Override
                    public String separator() {
                        return base.separator();
                    }
                };
            }
        });
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
            if (ex instanceof InfeasibleException ie) {
                c.getErr().println("qdse: " + ie.label() + ": " + ex.getMessage());
                return ExitCodes.INFEASIBLE;
            }
            if (ex instanceof java.nio.file.InvalidPathException e) {
                c.getErr().println("qdse: error: " + new InvalidInputException(pathArgument(parsed, e.getInput()),
                        e.getInput(), unnameable(e)).getMessage());
                if (trace) {
                    ex.printStackTrace(c.getErr());
                }
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof io.qdse.search.NoSolutionException) {
                c.getErr().println("qdse: no solution: " + ex.getMessage());
                return ExitCodes.INFEASIBLE;
            }
            if (ex instanceof ToolMissingException) {
                c.getErr().println("qdse: tool missing: " + ex.getMessage());
                if (trace) {
                    ex.printStackTrace(c.getErr());
                }
                return ExitCodes.TOOL_MISSING;
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
