package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;
import java.util.Locale;

/** How a problem is solved. */
public enum Backend {
    /** OR-Tools CP-SAT on an integer-scaled model (default). */
    CPSAT("cpsat"),
    /** OR-Tools MPSolver with SCIP (mixed-integer programming, double coefficients). */
    SCIP("scip"),
    /** Enumerates every assignment (small problems only; the test oracle). */
    EXHAUSTIVE("exhaustive"),
    /** Sensitivity-per-cost greedy heuristic (no optimality claim). */
    GREEDY("greedy");

    private final String key;

    Backend(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Backend parse(String s, String field) {
        for (Backend b : values()) {
            if (b.key.equals(s.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new InvalidInputException(field, s, "cpsat, scip, exhaustive or greedy");
    }
}
