package io.qdse.search.internal;

import io.qdse.search.Assignment;
import io.qdse.search.Status;
import java.util.Map;

/**
 * One backend call's result before exact re-verification.
 *
 * @param status         solver status
 * @param assignment     the assignment found (null when none)
 * @param bound          proven lower bound on the first objective, in its unit (NaN when none)
 * @param certifiedError bound on the objective error from integer scaling (0 when exact)
 * @param stats          solver statistics
 */
public record Outcome(Status status, Assignment assignment, double bound, double certifiedError,
                      Map<String, String> stats) {
}
