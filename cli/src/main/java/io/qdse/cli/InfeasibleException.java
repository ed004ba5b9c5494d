package io.qdse.cli;

/**
 * A well-formed problem without an answer; the CLI exits with status 3. The label says which kind: {@code infeasible}
 * (no assignment meets the budgets) or {@code no solution} (a time limit reached before any was found).
 */
public class InfeasibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String label;

    public InfeasibleException(String message) {
        this("infeasible", message);
    }

    /** @param label how the message line starts after {@code qdse: }, e.g. {@code no solution} */
    public InfeasibleException(String label, String message) {
        super(message);
        this.label = label;
    }

    public String label() {
        return label;
    }
}
