package io.qdse.cli;

/** Process exit statuses of every {@code qdse} command. */
public final class ExitCodes {
    private ExitCodes() {
    }

    /** Success. */
    public static final int OK = 0;
    /** A bug or an environment failure (I/O error, missing tool): the message says what, {@code --stacktrace} where. */
    public static final int INTERNAL = 1;
    /** Bad input: an argument, file or value that is not allowed; the message names it. */
    public static final int BAD_INPUT = 2;
    /**
     * The problem is well formed but no answer was found: budgets that cannot all be met, or a solver time limit reached
     * before any solution (the message gives the best bound).
     */
    public static final int INFEASIBLE = 3;
    /** An external tool the work needs (a simulator, Yosys, nextpnr, npm, Maven) is not installed; says what to install. */
    public static final int TOOL_MISSING = 4;
}
