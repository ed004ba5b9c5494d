package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;

/**
 * Solver settings.
 *
 * @param backend          which solver
 * @param timeLimitSeconds wall-clock limit per solve
 * @param threads          CP-SAT workers (interleaved, so results stay deterministic; one was fastest on the
 *                         one-budget benchmarks, two helped with several budgets)
 * @param seed             random seed handed to the solver
 */
public record SolverOptions(Backend backend, double timeLimitSeconds, int threads, int seed) {
    public SolverOptions {
        if (!(timeLimitSeconds > 0)) {
            throw new InvalidInputException("--time-limit", timeLimitSeconds, "seconds > 0");
        }
        if (threads < 1 || threads > 64) {
            throw new InvalidInputException("--threads", threads, "1..64");
        }
    }

    public static SolverOptions defaults() {
        return new SolverOptions(Backend.CPSAT, 60, 1, 1);
    }

    public SolverOptions with(Backend b) {
        return new SolverOptions(b, timeLimitSeconds, threads, seed);
    }
}
