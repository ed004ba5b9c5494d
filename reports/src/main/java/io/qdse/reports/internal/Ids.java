package io.qdse.reports.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** File-name-safe ids, unique within one report. */
public final class Ids {
    private final Set<String> used = new HashSet<>();

    /** @return {@code text} lower-cased with runs of other characters as one '-' (at most 48 characters) */
    public static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 48) {
            s = s.substring(0, 48).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "x" : s;
    }

    /** @return a slug of {@code text} not handed out before ({@code -2}, {@code -3} appended when needed) */
    public String unique(String text) {
        String base = slug(text);
        String id = base;
        for (int k = 2; !used.add(id); k++) {
            id = base + "-" + k;
        }
        return id;
    }
}
