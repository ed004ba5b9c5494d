package io.qdse.hwmodels;

/**
 * An external tool the work needs (a simulator, Yosys, nextpnr, npm, Maven) is not installed. Not bad input and not a
 * bug: the CLI exits with its own status (4, "tool missing") so a script can tell "could not run" from a pass, and the
 * message says what to install.
 */
public class ToolMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String tool;

    /**
     * @param tool    the executable, e.g. {@code iverilog}
     * @param install how to get it, e.g. {@code apt-get install iverilog}
     * @param purpose what it was needed for, e.g. {@code to simulate the testbench}
     */
    public ToolMissingException(String tool, String install, String purpose) {
        super(tool + " is not installed (or not on PATH); " + install + " " + purpose);
        this.tool = tool;
    }

    public String tool() {
        return tool;
    }
}
