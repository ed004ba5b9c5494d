package io.qdse.search.internal;

import com.google.ortools.Loader;

/** Loads OR-Tools' native library once per JVM (about a second: it unpacks the .so files). */
public final class Natives {
    private static boolean loaded;

    private Natives() {
    }

    public static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }
}
