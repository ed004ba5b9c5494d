package io.qdse.rtl;

import java.util.function.Supplier;

/** Runs a Chisel generator from Java: one at a time (Chisel's elaboration is not re-entrant), errors as Java's. */
final class Generators {
    private Generators() {
    }

    static synchronized String run(Supplier<String> gen) {
        return gen.get();
    }
}
