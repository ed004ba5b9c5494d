package io.qdse.rtl;

import java.util.function.Supplier;

/** Runs a Chisel generator from Java: one at a time (Chisel's elaboration is not re-entrant), errors as Java's. */
final class Generators {
    private Generators() {
    }

    static synchronized String run(Supplier<String> gen) {
        try {
            return gen.get();
        } catch (IllegalArgumentException e) {
            // a Scala require(): "requirement failed: field: what is allowed (was value)"
            String msg = String.valueOf(e.getMessage()).replaceFirst("^requirement failed: ", "");
            int colon = msg.indexOf(':');
            String field = colon > 0 ? msg.substring(0, colon) : "design";
            String rest = colon > 0 ? msg.substring(colon + 1).trim() : msg;
            String value = "?";
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*)\\s*\\(was (.*)\\)$").matcher(rest);
            if (m.matches()) {
                rest = m.group(1).trim();
                value = m.group(2);
            }
            throw new io.qdse.hwmodels.InvalidInputException(field, value, rest);
        }
    }
}
