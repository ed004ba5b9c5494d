package io.qdse.search;

/**
 * A solve that had to give an answer stopped at its time limit before finding any, and nothing proved the problem
 * impossible. Not bad input and not a bug: the CLI exits with status 3 ("no solution"), as for a search whose budgets
 * no assignment meets; the message says which solve and how to get an answer.
 */
public class NoSolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoSolutionException(String message) {
        super(message);
    }
}
