package io.qdse.cli.command;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --sim}: the RTL simulator that runs a bundle's testbench, for every command that writes one. */
public final class SimOption {
    @Option(names = "--sim", paramLabel = "SIM", defaultValue = "icarus", description = "Run the testbench with "
            + "icarus, verilator or none (default: ${DEFAULT-VALUE}).")
    String sim;

    /** @return the simulator, lower case: icarus, verilator or none (exit 2 naming --sim for anything else) */
    public String tool() {
        String s = sim.toLowerCase(Locale.ROOT);
        if (!s.equals("icarus") && !s.equals("verilator") && !s.equals("none")) {
            throw new InvalidInputException("--sim", sim, "icarus, verilator or none");
        }
        return s;
    }
}
