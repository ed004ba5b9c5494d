package io.qdse.simulator.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Small assertion helpers for the GPU tests (JUnit only). */
final class Checks {
    private Checks() {
    }

    static void between(double v, double lo, double hi, String what) {
        assertTrue(v >= lo && v <= hi, what + ": " + v + " not in [" + lo + ", " + hi + "]");
    }

    static void near(double v, double expected, double tol, String what) {
        assertTrue(Math.abs(v - expected) <= tol, what + ": " + v + " not within " + tol + " of " + expected);
    }

    static void mentions(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + message + "' does not mention '" + p + "'");
        }
    }

    static void anyMentions(List<String> notes, String part) {
        assertTrue(notes.stream().anyMatch(n -> n.contains(part)), notes + " has no note mentioning '" + part + "'");
    }
}
