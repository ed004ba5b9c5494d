package io.qdse.search.internal;

import io.qdse.search.SearchProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers grouped into decision units: a tie group moves as one, every other layer alone. Each unit's candidate
 * formats are those all its layers allow, narrowed to the pinned format when one of them is pinned.
 */
final class Units {
    final int[][] members;
    final int[][] candidates;

    Units(SearchProblem p) {
        int nl = p.layerCount();
        int[] unitOf = new int[nl];
        java.util.Arrays.fill(unitOf, -1);
        List<int[]> groups = new ArrayList<>();
        for (int[] g : p.ties()) {
            for (int l : g) {
                unitOf[l] = groups.size();
            }
            groups.add(g);
        }
        List<int[]> all = new ArrayList<>();
        boolean[] done = new boolean[groups.size()];
        for (int l = 0; l < nl; l++) {
            if (unitOf[l] < 0) {
                all.add(new int[] {l});
            } else if (!done[unitOf[l]]) {
                done[unitOf[l]] = true;
                all.add(groups.get(unitOf[l]));
            }
        }
        members = all.toArray(new int[0][]);
        candidates = new int[members.length][];
        for (int u = 0; u < members.length; u++) {
            List<Integer> c = new ArrayList<>();
            for (int f = 0; f < p.formatCount(); f++) {
                boolean ok = true;
                for (int l : members[u]) {
                    ok &= p.allowed(l, f) && (p.pinned(l) < 0 || p.pinned(l) == f);
                }
                if (ok) {
                    c.add(f);
                }
            }
            candidates[u] = c.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    int count() {
        return members.length;
    }

    /** @return the number of assignments (capped at Long.MAX_VALUE) */
    long combinations(int hardware) {
        long n = hardware;
        for (int[] c : candidates) {
            if (c.length == 0) {
                return 0;
            }
            if (n > Long.MAX_VALUE / c.length) {
                return Long.MAX_VALUE;
            }
            n *= c.length;
        }
        return n;
    }
}
