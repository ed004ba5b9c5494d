package io.qdse.cli;

/** A well-formed problem without a solution; the CLI exits with status 3. */
public class InfeasibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfeasibleException(String message) {
        super(message);
    }
}
