package io.qdse.hwmodels;

import java.util.Objects;

/**
 * Bad input from a user or a file: names the field, the offending value and what is allowed, so the CLI can
 * print one clear line and exit with status 2. Models throw it only while validating their inputs.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String allowed;

    /**
     * @param field   the argument, option or config path that is wrong, e.g. {@code --format} or {@code exponentBits}
     * @param value   the value that was given, as the user wrote it
     * @param allowed what would have been accepted, with a hint where one helps
     */
    public InvalidInputException(String field, Object value, String allowed) {
        super(field + ": " + allowed + " (was " + Objects.toString(value) + ")");
        this.field = field;
        this.value = Objects.toString(value);
        this.allowed = allowed;
    }

    private InvalidInputException(String message, String field, String value, String allowed) {
        super(message);
        this.field = field;
        this.value = value;
        this.allowed = allowed;
    }

    /**
     * Several problems found in one input (a config file read whole so the user can fix everything at once); the
     * message is {@code source: problem; problem; ...}, each problem already naming its field and value.
     */
    public static InvalidInputException ofProblems(String source, java.util.List<String> problems) {
        String joined = String.join("; ", problems);
        return new InvalidInputException(source + ": " + joined, source, joined, joined);
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String allowed() {
        return allowed;
    }

    /** Throws unless {@code condition}; a compact guard for compact constructors. */
    public static void require(boolean condition, String field, Object value, String allowed) {
        if (!condition) {
            throw new InvalidInputException(field, value, allowed);
        }
    }
}
