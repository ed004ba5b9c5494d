package io.qdse.rtl;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A bundle's self-checking testbench run in Icarus Verilog or Verilator (after a {@code verilator -Wall} lint when
 * Verilator is installed), or skipped because the simulator is not installed.
 *
 * @param simulator {@code icarus} or {@code verilator}
 * @param tool      the executable it needs ({@code iverilog} or {@code verilator})
 * @param lint      the lint run, or null (Verilator absent, or the simulation skipped)
 * @param run       the testbench run, or null when skipped
 */
public record CoSimulation(String simulator, String tool, Tools.Result lint, Tools.Result run) {
    /** Lint time limit, s. */
    public static final long LINT_TIMEOUT_S = 300;
    /** Simulation time limit, s. */
    public static final long SIM_TIMEOUT_S = 3600;

    public CoSimulation {
        if (!simulator.equals("icarus") && !simulator.equals("verilator")) {
            throw new IllegalArgumentException("simulator: icarus or verilator (was " + simulator + ")");
        }
        if (!tool.equals(tool(simulator))) {
            throw new IllegalArgumentException("tool: " + tool(simulator) + " for " + simulator + " (was " + tool + ")");
        }
    }

    /** @return the executable a simulator needs: {@code verilator} or {@code iverilog} */
    public static String tool(String simulator) {
        return simulator.equals("verilator") ? "verilator" : "iverilog";
    }

    /** @return a simulation that did not run because its tool is not installed */
    public static CoSimulation skipped(String simulator) {
        return new CoSimulation(simulator, tool(simulator), null, null);
    }

    /** @return the bundle's {@code lint.sh} run, or null when Verilator is not installed */
    public static Tools.Result lint(Path bundle) throws IOException {
        return Tools.available("verilator") ? Tools.script(bundle, "lint.sh", LINT_TIMEOUT_S) : null;
    }

    /**
     * Runs the bundle's testbench ({@code sim_icarus.sh} or {@code sim_verilator.sh}).
     *
     * @param lint the lint run before it, or null
     */
    public static CoSimulation run(Path bundle, String simulator, Tools.Result lint) throws IOException {
        Tools.Result r = Tools.script(bundle, simulator.equals("verilator") ? "sim_verilator.sh" : "sim_icarus.sh",
                SIM_TIMEOUT_S);
        return new CoSimulation(simulator, tool(simulator), lint, r);
    }

    /** @return whether the simulation did not run (its tool is not installed) */
    public boolean skipped() {
        return run == null;
    }

    /** @return the testbench's last PASS or FAIL line, {@code no verdict}, or {@code skipped} */
    public String verdict() {
        return run == null ? "skipped" : run.verdict();
    }

    /** @return whether the testbench ran, exited cleanly and said PASS */
    public boolean passed() {
        return run != null && run.ok() && run.verdict().startsWith("PASS");
    }
}
