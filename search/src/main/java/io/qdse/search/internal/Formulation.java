package io.qdse.search.internal;

import io.qdse.search.Assignment;
import io.qdse.search.SearchProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 0-1 structure of the integer program, shared by the CP-SAT and MIP backends (each adds the metric rows with
 * its own coefficients):
 * <ul>
 *   <li>one hardware option: {@code x[l,f]} with {@code Σ_f x[l,f] = 1};</li>
 *   <li>several: {@code z[l,f,h] = x[l,f] ∧ y[h]} linearised exactly by {@code Σ_h y[h] = 1},
 *       {@code Σ_{f,h} z[l,f,h] = 1} and {@code Σ_f z[l,f,h] = y[h]} for every layer and option;</li>
 *   <li>supported formats: with one option {@code s[f] ≥ x[l,f]}; with several {@code w[f,h] ≥ z[l,f,h]} (the
 *       unit of f on option h, which carries the per-option cost of supporting f) and {@code s[f] ≥ w[f,h]} —
 *       tighter in the LP relaxation than {@code w ≥ s + y − 1};</li>
 *   <li>tied layers share their z columns; pinned layers get variables for their pinned format only;</li>
 *   <li>a link ({@link SearchProblem.Link}) between layers a and b: for every class c and option h,
 *       {@code Σ_{f: class_a(f) = c} z[a,f,h] = Σ_{g: class_b(g) = c} z[b,g,h]}.</li>
 * </ul>
 * Costs are all ≥ 0 on s and w, so at an optimum s and w are exactly "used" and "used on the chosen option"
 * (w may be 1 needlessly only when that costs nothing).
 */
public final class Formulation {
    /** A linear row over 0-1 variables with small integer coefficients: lo ≤ Σ coef·var ≤ hi. */
    public record Row(int[] vars, long[] coefs, long lo, long hi) {
    }

    /** Receives a metric's terms: variable index (-1: constant) and where its cost comes from. */
    public interface TermSink {
        void layer(int var, int l, int f, int h);

        void hw(int var, int h);

        void unit(int var, int f, int h);
    }

    final SearchProblem p;
    final int nl;
    final int nf;
    final int nh;
    final int[][][] z;
    final int[] y;
    final int[] s;
    final int[][] w;
    int vars;
    final List<Row> rows = new ArrayList<>();
    final List<String> names = new ArrayList<>();

    public Formulation(SearchProblem p, boolean needSupport) {
        this.p = p;
        nl = p.layerCount();
        nf = p.formatCount();
        nh = p.hardwareCount();
        z = new int[nl][nf][nh];
        for (int[][] a : z) {
            for (int[] b : a) {
                Arrays.fill(b, -1);
            }
        }
        for (int l = 0; l < nl; l++) {
            for (int f = 0; f < nf; f++) {
                if (p.allowed(l, f) && (p.pinned(l) < 0 || p.pinned(l) == f)) {
                    for (int h = 0; h < nh; h++) {
                        z[l][f][h] = newVar("z" + l + "_" + f + "_" + h);
                    }
                }
            }
        }
        y = new int[nh];
        Arrays.fill(y, -1);
        if (nh > 1) {
            for (int h = 0; h < nh; h++) {
                y[h] = newVar("y" + h);
            }
            row(allOnes(y), 1, 1);
        }
        for (int l = 0; l < nl; l++) {
            List<Integer> all = new ArrayList<>();
            for (int f = 0; f < nf; f++) {
                for (int h = 0; h < nh; h++) {
                    if (z[l][f][h] >= 0) {
                        all.add(z[l][f][h]);
                    }
                }
            }
            row(all.stream().mapToInt(Integer::intValue).toArray(), 1, 1);
            if (nh > 1) {
                for (int h = 0; h < nh; h++) {
                    List<Integer> vs = new ArrayList<>();
                    List<Long> cs = new ArrayList<>();
                    for (int f = 0; f < nf; f++) {
                        if (z[l][f][h] >= 0) {
                            vs.add(z[l][f][h]);
                            cs.add(1L);
                        }
                    }
                    vs.add(y[h]);
                    cs.add(-1L);
                    rows.add(new Row(vs.stream().mapToInt(Integer::intValue).toArray(),
                            cs.stream().mapToLong(Long::longValue).toArray(), 0, 0));
                }
            }
        }
        for (int[] g : p.ties()) {
            for (int i = 1; i < g.length; i++) {
                for (int f = 0; f < nf; f++) {
                    for (int h = 0; h < nh; h++) {
                        int a = z[g[0]][f][h];
                        int b = z[g[i]][f][h];
                        if (a >= 0 && b >= 0) {
                            rows.add(new Row(new int[] {a, b}, new long[] {1, -1}, 0, 0));
                        } else if (a >= 0) {
                            rows.add(new Row(new int[] {a}, new long[] {1}, 0, 0));
                        } else if (b >= 0) {
                            rows.add(new Row(new int[] {b}, new long[] {1}, 0, 0));
                        }
                    }
                }
            }
        }
        for (SearchProblem.Link k : p.links()) {
            // per class c and hardware option: Σ z[from][f] over f of class c = Σ z[to][g] over g of class c
            java.util.TreeSet<Integer> classes = new java.util.TreeSet<>();
            for (int f = 0; f < nf; f++) {
                if (p.allowed(k.from(), f)) {
                    classes.add(k.fromClassOf(f));
                }
                if (p.allowed(k.to(), f)) {
                    classes.add(k.toClassOf(f));
                }
            }
            for (int c : classes) {
                for (int h = 0; h < nh; h++) {
                    List<Integer> vs = new ArrayList<>();
                    List<Long> cs = new ArrayList<>();
                    for (int f = 0; f < nf; f++) {
                        if (z[k.from()][f][h] >= 0 && k.fromClassOf(f) == c) {
                            vs.add(z[k.from()][f][h]);
                            cs.add(1L);
                        }
                        if (z[k.to()][f][h] >= 0 && k.toClassOf(f) == c) {
                            vs.add(z[k.to()][f][h]);
                            cs.add(-1L);
                        }
                    }
                    if (!vs.isEmpty()) {
                        rows.add(new Row(vs.stream().mapToInt(Integer::intValue).toArray(),
                                cs.stream().mapToLong(Long::longValue).toArray(), 0, 0));
                    }
                }
            }
        }
        s = new int[nf];
        w = new int[nf][nh];
        Arrays.fill(s, -1);
        for (int[] a : w) {
            Arrays.fill(a, -1);
        }
        if (needSupport) {
            for (int f = 0; f < nf; f++) {
                s[f] = newVar("s" + f);
                for (int h = 0; h < nh; h++) {
                    if (nh > 1) {
                        w[f][h] = newVar("w" + f + "_" + h);
                        rows.add(new Row(new int[] {w[f][h], s[f]}, new long[] {1, -1}, Long.MIN_VALUE, 0));
                    }
                    int target = nh > 1 ? w[f][h] : s[f];
                    for (int l = 0; l < nl; l++) {
                        if (z[l][f][h] >= 0) {
                            // z[l,f,h] = 1 forces the format's unit on the chosen hardware (w) or support (s)
                            rows.add(new Row(new int[] {z[l][f][h], target}, new long[] {1, -1}, Long.MIN_VALUE, 0));
                        }
                    }
                }
            }
        }
    }

    private int newVar(String name) {
        names.add(name);
        return vars++;
    }

    private void row(int[] vs, long lo, long hi) {
        long[] c = new long[vs.length];
        Arrays.fill(c, 1);
        rows.add(new Row(vs, c, lo, hi));
    }

    private static int[] allOnes(int[] vs) {
        return vs.clone();
    }

    public int variables() {
        return vars;
    }

    public List<Row> rows() {
        return rows;
    }

    public String name(int v) {
        return names.get(v);
    }

    /** Emits a metric's terms (layer costs on z, hardware costs on y or constant, unit costs on w or s). */
    public void terms(int m, TermSink sink) {
        for (int l = 0; l < nl; l++) {
            for (int f = 0; f < nf; f++) {
                for (int h = 0; h < nh; h++) {
                    if (z[l][f][h] >= 0) {
                        sink.layer(z[l][f][h], l, f, h);
                    }
                }
            }
        }
        for (int h = 0; h < nh; h++) {
            sink.hw(nh > 1 ? y[h] : -1, h);
        }
        if (p.hasUnitCost(m)) {
            if (s[0] < 0) {
                throw new IllegalStateException("formulation built without support variables");
            }
            for (int f = 0; f < nf; f++) {
                for (int h = 0; h < nh; h++) {
                    sink.unit(nh > 1 ? w[f][h] : s[f], f, h);
                }
            }
        }
    }

    /** @return the variables an assignment sets to 1 among z (for no-good cuts and hints) */
    public int[] chosen(Assignment a) {
        int[] c = new int[nl];
        for (int l = 0; l < nl; l++) {
            c[l] = z[l][a.format(l)][a.hardware()];
        }
        return c;
    }

    /** Reads the assignment back from variable values. */
    public Assignment decode(java.util.function.IntPredicate isOne) {
        int[] fmt = new int[nl];
        int hw = -1;
        for (int l = 0; l < nl; l++) {
            fmt[l] = -1;
            for (int f = 0; f < nf && fmt[l] < 0; f++) {
                for (int h = 0; h < nh; h++) {
                    if (z[l][f][h] >= 0 && isOne.test(z[l][f][h])) {
                        fmt[l] = f;
                        hw = h;
                        break;
                    }
                }
            }
            if (fmt[l] < 0) {
                throw new IllegalStateException("solver left layer " + l + " without a format");
            }
        }
        return new Assignment(fmt, hw);
    }

    /** @return the support variable of a format and its hardware-pair variables, for hints */
    public int support(int f) {
        return s[f];
    }

    public int pair(int f, int h) {
        return w[f][h];
    }

    public int hardwareVar(int h) {
        return y[h];
    }
}
