package io.qdse.search;

/** Outcome of a solve. */
public enum Status {
    /** Proven optimal (for CP-SAT: within the certified scaling bound reported with it). */
    OPTIMAL,
    /** A feasible assignment whose optimality was not proven (time limit, or a heuristic); see the gap. */
    FEASIBLE,
    /** No assignment meets the budgets; the diagnosis says which budget binds and by how much. */
    INFEASIBLE,
    /** The solver stopped without a feasible assignment and without proving there is none. */
    UNKNOWN
}
