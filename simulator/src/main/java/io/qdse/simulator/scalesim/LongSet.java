package io.qdse.simulator.scalesim;

import java.util.Arrays;

/** An open-addressing hash set of non-negative longs with O(1) clear by generation; for address de-duplication. */
final class LongSet {
    private long[] keys;
    private int[] gen;
    private int generation = 1;
    private int size;
    private int mask;

    LongSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        gen = new int[cap];
        mask = cap - 1;
    }

    /** @return true if added, false if present */
    boolean add(long k) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int i = hash(k) & mask;
        while (gen[i] == generation) {
            if (keys[i] == k) {
                return false;
            }
            i = (i + 1) & mask;
        }
        gen[i] = generation;
        keys[i] = k;
        size++;
        return true;
    }

    void clear() {
        generation++;
        size = 0;
        if (generation == Integer.MAX_VALUE) {
            Arrays.fill(gen, 0);
            generation = 1;
        }
    }

    private void grow() {
        long[] ok = keys;
        int[] og = gen;
        int g = generation;
        keys = new long[ok.length * 2];
        gen = new int[ok.length * 2];
        mask = keys.length - 1;
        generation = 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) {
            if (og[i] == g) {
                add(ok[i]);
            }
        }
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
