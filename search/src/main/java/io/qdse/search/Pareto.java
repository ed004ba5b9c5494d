package io.qdse.search;

import io.qdse.hwmodels.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Pareto fronts by the ε-constraint method, returning only non-dominated points.
 *
 * <p>Two objectives (f1, f2): minimise f1 then f2 lexicographically; require f2 strictly below the point just found;
 * repeat until infeasible. Every point found is non-dominated, and every non-dominated objective vector is found
 * (standard result for lexicographic ε-constraint). After the first {@value #SEQUENTIAL} points the rest of the walk
 * is cut into {@value #SLABS} slabs of f2 between the last point walked and the front's min-f2 end (found by one
 * solve), edges evenly spaced in log f2 (linearly when f2 can be 0 or negative); each slab is walked on its own (its
 * first step: f2 at most the slab's top, then strictly below the point just found) and ends at the first point inside
 * the next slab, which that slab finds first. The slabs run in parallel ({@code jobs} threads); their edges depend
 * only on the problem, so the front, the solves and every assignment are the same whatever {@code jobs} is. The walk
 * goes this way round (f1 minimised, f2 bounded) because the other was seen to stall: minimising a fine-grained
 * sensitivity under a size bound took CP-SAT over a minute for one PP-OCR det point, where this way traced 6,830
 * points in 88 s.
 *
 * <p>Three objectives (f1, f2, f3): boxes of local upper bounds (Klamroth, Lacour and Vanderpooten, EJOR 2015; the
 * ε-constraint search over them of Dächert and Klamroth, J. Glob. Optim. 2015). The unexplored part of objective
 * space is the union of boxes {f &lt; u}, starting with one unbounded box. For a box u the solver finds the lexicographic
 * minimum of (f1, f2, f3) with f2 &lt; u2 and f3 &lt; u3 (f1 free): a non-dominated point. Inside the box (f1 &lt; u1)
 * it splits every box it lies strictly inside into the three boxes that lower one bound each to the point's
 * coordinate, keeping only maximal boxes; outside, the box holds no point and is dropped with every box inside it.
 * Solves are cached by (u2, u3) (a box that only lowers u1 needs none). Boxes are taken first in, first out, {@value
 * #BATCH} at a time, solved on {@code jobs} threads and applied in order, so the result is the same for any thread
 * count; a front of N points takes about N plus the empty boxes' solves (where re-walking a two-objective front per
 * f3 round took rounds times that; kept as {@link Tracing#rounds()} for benchmarks and tests).
 *
 * <p>A front can be bounded to its first {@code maxPoints} points ({@link Tracing#maxPoints()}): two objectives
 * keep the points walked first and then each slab's first points (an even share), three first solve a g x g grid of
 * bounds f2 &lt;= a, f3 &lt;= b between the three ends (each the least f1 there: a non-dominated point), then the
 * boxes, so the points kept spread over the front; deterministic, and marked incomplete. A final exact filter removes
 * dominated and repeated vectors (one assignment per objective vector).
 */
public final class Pareto {
    /** Slabs a two-objective walk is cut into (fixed, so the result never depends on the thread count). */
    public static final int SLABS = 8;
    /**
     * Points walked one after another before the rest of a front is cut into slabs: a front that ends within them
     * costs no extra solve (each slab costs about one).
     */
    public static final int SEQUENTIAL = 16;
    /** Boxes solved together in a three-objective front (fixed, so the result never depends on the thread count). */
    public static final int BATCH = 8;

    private Pareto() {
    }

    /**
     * How a front is traced; {@link #of(int)} is what commands use, the rest is for benchmarks and tests.
     *
     * @param jobs       threads (the front is the same for any number)
     * @param slabs      slabs a two-objective walk is cut into (1: one walk)
     * @param sequential points walked one after another before the slabs
     * @param batch      boxes solved together (three objectives)
     * @param rounds     three objectives by re-walking a two-objective front per f3 round (the method before boxes)
     * @param maxPoints  stop after this many points (0: the whole front)
     */
    public record Tracing(int jobs, int slabs, int sequential, int batch, boolean rounds, int maxPoints) {
        public Tracing {
            if (jobs < 1 || jobs > 64) {
                throw new InvalidInputException("--jobs", jobs, "1..64 threads");
            }
            if (maxPoints < 0) {
                throw new InvalidInputException("--max-points", maxPoints, "a whole number >= 2 (0: the whole front)");
            }
            if (slabs < 1 || sequential < 0 || batch < 1 || rounds && maxPoints > 0) {
                throw new IllegalArgumentException("slabs " + slabs + ", sequential " + sequential + ", batch " + batch
                        + ", rounds " + rounds + ", maxPoints " + maxPoints);
            }
        }

        /** @return the commands' way on {@code jobs} threads, the whole front */
        public static Tracing of(int jobs) {
            return new Tracing(jobs, SLABS, SEQUENTIAL, BATCH, false, 0);
        }

        public Tracing withMaxPoints(int max) {
            return new Tracing(jobs, slabs, sequential, batch, rounds, max);
        }
    }

    /**
     * @param point  an assignment on the front and its metric totals
     */
    public record Point(Assignment assignment, double[] totals) {
    }

    /**
     * @param objectives the metrics traded off
     * @param points     non-dominated points, sorted by the first objective
     * @param proven     whether every solve was proven optimal (otherwise the front may be approximate)
     * @param complete   false when the front was cut at its {@link Tracing#maxPoints()}
     * @param solves     solver calls
     * @param millis     wall time
     */
    public record Front(List<String> objectives, List<Point> points, boolean proven, boolean complete, int solves,
                        long millis) {
    }

    /** @return the threads a front is traced on by default: the CPUs, at most {@value #SLABS} */
    public static int defaultJobs() {
        return Math.max(1, Math.min(SLABS, Runtime.getRuntime().availableProcessors()));
    }

    public static Front front(SearchProblem p, List<String> objectives, List<Budget> budgets, SolverOptions o) {
        return front(p, objectives, budgets, o, defaultJobs(), pt -> { });
    }

    /**
     * {@link #front(SearchProblem, List, List, SolverOptions)} on {@code jobs} threads, telling {@code progress} of
     * every point as it is found (before the final filter; one call at a time), so a long front can show progress.
     */
    public static Front front(SearchProblem p, List<String> objectives, List<Budget> budgets, SolverOptions o,
                              int jobs, Consumer<Point> progress) {
        return front(p, objectives, budgets, o, Tracing.of(jobs), progress);
    }

    /**
     * {@link #front(SearchProblem, List, List, SolverOptions, int, Consumer)} with the first {@code sequential} points
     * walked one after another and the rest cut into {@code slabs} slabs (1: one walk, as before the slabs; for
     * benchmarks and tests).
     */
    public static Front front(SearchProblem p, List<String> objectives, List<Budget> budgets, SolverOptions o,
                       int jobs, int slabs, int sequential, Consumer<Point> progress) {
        return front(p, objectives, budgets, o, new Tracing(jobs, slabs, sequential, BATCH, false, 0), progress);
    }

    /** The front traced as {@code t} says, telling {@code progress} of every point as it is found. */
    public static Front front(SearchProblem p, List<String> objectives, List<Budget> budgets, SolverOptions o,
                              Tracing t, Consumer<Point> progress) {
        if (objectives.size() < 2 || objectives.size() > 3) {
            throw new InvalidInputException("--pareto", String.join(",", objectives), "two or three metrics");
        }
        for (String m : objectives) {
            p.metric(m, "--pareto");
        }
        if (o.backend() == Backend.GREEDY) {
            throw new InvalidInputException("--solver", "greedy", "cpsat, scip or exhaustive for a Pareto front");
        }
        if (t.maxPoints() == 1) {
            throw new InvalidInputException("--max-points", 1, "a whole number >= 2 (0: the whole front; one point "
                    + "is a single optimum: --objective)");
        }
        long t0 = System.nanoTime();
        Walk w = new Walk(p, objectives, budgets, o, t, progress);
        List<Point> found = new ArrayList<>();
        ExecutorService pool = t.jobs() == 1 ? null : Executors.newFixedThreadPool(t.jobs(), r -> {
            Thread th = new Thread(r, "qdse-pareto");
            th.setDaemon(true);
            return th;
        });
        try {
            if (objectives.size() == 2) {
                found.addAll(w.front2(null, pool));
            } else if (!t.rounds()) {
                found.addAll(w.front3(pool));
            } else {
                Assignment ref3 = null;
                int m3 = p.metric(objectives.get(2), "--pareto");
                while (true) {
                    List<Point> round = w.front2(ref3, pool);
                    if (round.isEmpty()) {
                        break;
                    }
                    found.addAll(round);
                    Point maxF3 = round.stream().max(Comparator.comparingDouble(pt -> pt.totals()[m3])).get();
                    ref3 = maxF3.assignment();
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        List<Point> nd = nonDominated(p, objectives, found);
        int m1 = p.metric(objectives.get(0), "--pareto");
        nd.sort(Comparator.comparingDouble((Point pt) -> pt.totals()[m1]));
        return new Front(List.copyOf(objectives), List.copyOf(nd), w.proven.get(), !w.cut.get(), w.solves.get(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** One front's solver calls: the bookkeeping shared by its slabs (which may run on several threads). */
    private static final class Walk {
        private final SearchProblem p;
        private final String x;
        private final String y;
        private final String f3;
        private final int mx;
        private final List<Budget> budgets;
        private final SolverOptions o;
        private final Consumer<Point> progress;
        private final int slabs;
        private final int sequential;
        private final int batch;
        private final int maxPoints;
        private final List<String> objectives;
        private final AtomicInteger solves = new AtomicInteger();
        private final AtomicBoolean proven = new AtomicBoolean(true);
        private final AtomicBoolean cut = new AtomicBoolean(false);

        Walk(SearchProblem p, List<String> objectives, List<Budget> budgets, SolverOptions o, Tracing t,
             Consumer<Point> progress) {
            this.slabs = t.slabs();
            this.sequential = t.sequential();
            this.batch = t.batch();
            this.maxPoints = t.maxPoints();
            this.objectives = List.copyOf(objectives);
            this.p = p;
            this.x = objectives.get(1);          // bounded, walked downwards
            this.y = objectives.get(0);          // minimised first
            this.f3 = objectives.size() > 2 ? objectives.get(2) : null;
            this.mx = p.metric(x, "--pareto");
            this.budgets = budgets;
            this.o = o;
            this.progress = progress;
        }

        /**
         * @return the front of (x, y) under "f3 strictly below ref3's" (none when null), points tie-broken on f3
         */
        List<Point> front2(Assignment ref3, ExecutorService pool) {
            List<Query.Strict> base = new ArrayList<>();
            if (ref3 != null) {
                base.add(new Query.Strict(f3, ref3));
            }
            Point top = solve(objectives(y, x), budgets, base);   // min y: the walk's start, largest x
            if (top == null) {
                return List.of();
            }
            List<Point> out = new ArrayList<>();
            out.add(found(top));
            Point last = top;
            for (int i = 0; i < sequential || slabs == 1; i++) {         // the first points one after another
                Point next = step(last, base);
                if (next == null) {
                    return out;                                           // a short front: done without slabs
                }
                if (maxPoints > 0 && out.size() >= maxPoints) {
                    cut.set(true);                                        // there is more: cut here
                    return out;
                }
                out.add(found(next));
                last = next;
            }
            Point end = solve(objectives(x, y), budgets, base);   // min x: where the walk ends
            BigDecimal xLast = exact(last);
            if (end == null) {                                            // no end found (time limit): walk on
                out.addAll(slab(last, Double.NaN, null, base, maxPoints > 0 ? maxPoints - out.size() : 0));
                return out;
            }
            if (xLast.compareTo(exact(end)) <= 0) {
                return out;                                               // the last point walked is the end
            }
            BigDecimal xEnd = exact(end);
            double lo = end.totals()[mx];
            double hi = last.totals()[mx];
            // slab j: x in (floor[j+1], floor[j]]; slab 0 starts at the last point walked. Edges evenly spaced in
            // log x when both ends are positive (errors and sensitivities span decades; sizes and cycles rarely span
            // more than a few times, where log and linear spacing are alike), else linearly
            BigDecimal[] floor = new BigDecimal[slabs + 1];
            double[] cap = new double[slabs];
            boolean log = lo > 0 && hi > 0;
            for (int j = 1; j < slabs; j++) {
                double t = (double) (slabs - j) / slabs;
                cap[j] = log ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t;
                floor[j] = new BigDecimal(cap[j]);
            }
            floor[slabs] = xEnd;
            List<Callable<List<Point>>> tasks = new ArrayList<>();
            final Point start = last;
            // with a bound on the points, each slab gets an even share of what is left (the end point kept)
            int left = maxPoints - out.size() - 1;
            if (maxPoints > 0 && left < slabs) {
                Point next = step(last, base);                            // cut here, unless the end comes next
                if (next != null && exact(next).compareTo(xEnd) > 0) {
                    cut.set(true);
                }
                out.add(found(end));
                return out;
            }
            for (int j = 0; j < slabs; j++) {
                final int s = j;
                final int share = maxPoints == 0 ? 0 : left / slabs + (j < left % slabs ? 1 : 0);
                tasks.add(() -> slab(s == 0 ? start : null, cap[s], floor[s + 1], base, share));
            }
            for (List<Point> pts : run(tasks, pool)) {
                out.addAll(pts);
            }
            out.add(found(end));
            return out;
        }

        /**
         * A box {f &lt; u} of objective space, in (y, x, f3) order; a bound is a found point's coordinate (that point
         * in {@code def}) or none (null: unbounded).
         */
        private record Box(Point[] def, BigDecimal[] u) {
            /** @return whether z lies strictly inside */
            boolean holds(BigDecimal[] z) {
                for (int j = 0; j < 3; j++) {
                    if (u[j] != null && z[j].compareTo(u[j]) >= 0) {
                        return false;
                    }
                }
                return true;
            }

            /** @return whether this box lies inside {@code b} */
            boolean within(Box b) {
                for (int j = 0; j < 3; j++) {
                    if (b.u[j] != null && (u[j] == null || u[j].compareTo(b.u[j]) > 0)) {
                        return false;
                    }
                }
                return true;
            }

            /** @return this box with bound j lowered to z's */
            Box lower(int j, Point z, BigDecimal zj) {
                Point[] d = def.clone();
                BigDecimal[] v = u.clone();
                d[j] = z;
                v[j] = zj;
                return new Box(d, v);
            }

            /** @return the solve this box needs: its bounds on x and f3 */
            String key() {
                return (u[1] == null ? "-" : u[1].stripTrailingZeros().toString()) + "|"
                        + (u[2] == null ? "-" : u[2].stripTrailingZeros().toString());
            }
        }

        /** @return the three-objective front by boxes of local upper bounds (see the class comment) */
        List<Point> front3(ExecutorService pool) {
            int[] ms = objectives.stream().mapToInt(m -> p.metric(m, "--pareto")).toArray();
            List<Box> boxes = new ArrayList<>();
            List<Box> empty = new ArrayList<>();
            Set<String> solved = new HashSet<>();
            Set<String> seen = new HashSet<>();
            List<Point> out = new ArrayList<>();
            // the ends (each objective's least, ties broken on the others): the first points; for a bounded front
            // all three, whose extent places the grid below
            List<List<String>> lex = List.of(List.of(y, x, f3), List.of(x, y, f3), List.of(f3, y, x))
                    .subList(0, maxPoints > 0 ? 3 : 1);    // the whole front: the first end only (3,440 vs 3,627
                                                            // solves on oww-embedding's 1,622 points with all three)
            List<Callable<Point>> ends = new ArrayList<>();
            for (List<String> l : lex) {
                ends.add(() -> solve(l, budgets, List.of()));
            }
            List<Point> end = run(ends, pool);
            if (end.get(0) == null) {
                return out;                                                    // no point at all
            }
            double[] lo = new double[3];
            double[] range = new double[3];
            for (int j = 0; j < 3; j++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (Point e : end) {
                    if (e != null) {
                        min = Math.min(min, e.totals()[ms[j]]);
                        max = Math.max(max, e.totals()[ms[j]]);
                    }
                }
                lo[j] = min;
                range[j] = max - min;
            }
            Box all = new Box(new Point[3], new BigDecimal[3]);
            boxes.add(all);
            solved.add(all.key());                                            // the first end is its answer
            for (int k = 0; k < end.size(); k++) {
                Point z = end.get(k);
                if (z == null) {
                    continue;                                                  // a time limit: no end found
                }
                BigDecimal[] zv = vector(z, ms);
                if (!add(z, zv, out, seen, boxes, empty, solved)) {
                    return out;
                }
                Point[] d = new Point[3];
                BigDecimal[] u = new BigDecimal[3];
                d[k] = z;
                u[k] = zv[k];
                drop(new Box(d, u), boxes, empty);                           // nothing below an end's own least
            }
            if (maxPoints > 0) {
                // a bounded front starts from a g x g grid of bounds on x and f3 between the ends (evenly spaced in
                // log when positive), each the least y under "x <= a, f3 <= b": points spread over the whole front
                int g = Math.max(2, Math.min(8, (int) Math.sqrt(maxPoints / 2.0)));
                List<Callable<Point>> grid = new ArrayList<>();
                for (int a = 0; a < g; a++) {
                    for (int c = 0; c < g; c++) {
                        List<Budget> bs = new ArrayList<>(budgets);
                        bs.add(new Budget(x, spaced(lo[1], range[1], (a + 0.5) / g)));
                        bs.add(new Budget(f3, spaced(lo[2], range[2], (c + 0.5) / g)));
                        grid.add(() -> solve(objectives(y, x), bs, List.of()));
                    }
                }
                for (Point z : run(grid, pool)) {
                    if (z != null && !add(z, vector(z, ms), out, seen, boxes, empty, solved)) {
                        return out;
                    }
                }
            }
            while (true) {
                boxes.removeIf(bx -> solved.contains(bx.key()));               // their least y is found
                if (boxes.isEmpty()) {
                    return out;
                }
                // first in, first out (breadth first; fewer solves than the largest zones first: 3,440 vs 3,777
                // on oww-embedding's 1,622 points), one box per solve
                LinkedHashMap<String, Box> todo = new LinkedHashMap<>();
                for (Box bx : boxes) {
                    if (todo.size() >= batch) {
                        break;
                    }
                    todo.putIfAbsent(bx.key(), bx);
                }
                List<Callable<Point>> tasks = new ArrayList<>();
                for (Box bx : todo.values()) {
                    List<Query.Strict> strict = new ArrayList<>();
                    if (bx.def[1] != null) {
                        strict.add(new Query.Strict(x, bx.def[1].assignment()));
                    }
                    if (bx.def[2] != null) {
                        strict.add(new Query.Strict(f3, bx.def[2].assignment()));
                    }
                    tasks.add(() -> solve(objectives(y, x), budgets, strict));
                }
                List<Point> res = run(tasks, pool);
                int i = 0;
                for (Box b : todo.values()) {
                    Point z = res.get(i++);
                    solved.add(b.key());
                    BigDecimal[] zv = z == null ? null : vector(z, ms);
                    if (z != null && !add(z, zv, out, seen, boxes, empty, solved)) {
                        return out;
                    }
                    // no point of (x, f3) < (u2, u3) has y below the least found (none: no point at all)
                    drop(new Box(new Point[] {z, b.def[1], b.def[2]}, new BigDecimal[] {zv == null ? null : zv[0],
                            b.u[1], b.u[2]}), boxes, empty);
                }
            }
        }

        /** @return the value a fraction t of the way from lo to lo + range, in log when both ends are positive */
        private static double spaced(double lo, double range, double t) {
            double hi = lo + range;
            return lo > 0 && hi > 0 ? lo * Math.pow(hi / lo, t) : lo + range * t;
        }

        private BigDecimal[] vector(Point z, int[] ms) {
            BigDecimal[] t = Evaluator.exactTotals(p, z.assignment());
            return new BigDecimal[] {t[ms[0]], t[ms[1]], t[ms[2]]};
        }

        /**
         * Adds a non-dominated point unless its vector was found before, splitting the boxes it lies in.
         *
         * @return false when it is one point beyond {@code maxPoints} (the front is cut there)
         */
        private boolean add(Point z, BigDecimal[] zv, List<Point> out, Set<String> seen, List<Box> boxes,
                            List<Box> empty, Set<String> solved) {
            if (seen.add(zv[0].stripTrailingZeros() + "|" + zv[1].stripTrailingZeros() + "|"
                    + zv[2].stripTrailingZeros())) {
                if (maxPoints > 0 && out.size() >= maxPoints) {
                    cut.set(true);
                    return false;
                }
                out.add(found(z));
                split(boxes, empty, solved, z, zv);
            }
            return true;
        }

        /** Records a box known to hold no point and drops every box inside it. */
        private static void drop(Box e, List<Box> boxes, List<Box> empty) {
            empty.add(e);
            boxes.removeIf(bx -> bx.within(e));
        }

        /**
         * Splits every box z lies strictly inside into the three that lower one bound each to z's, keeping those that
         * lie inside no other box (a solve of the other covers them) nor inside a box known to be empty.
         */
        private void split(List<Box> boxes, List<Box> empty, Set<String> solved, Point z, BigDecimal[] zv) {
            List<Box> hit = new ArrayList<>();
            List<Box> rest = new ArrayList<>();
            for (Box b : boxes) {
                (b.holds(zv) ? hit : rest).add(b);
            }
            if (hit.isEmpty()) {
                return;
            }
            List<Box> cand = new ArrayList<>();
            for (Box b : hit) {
                for (int j = 0; j < 3; j++) {
                    cand.add(b.lower(j, z, zv[j]));
                }
            }
            List<Box> keep = new ArrayList<>();
            for (int a = 0; a < cand.size(); a++) {
                Box c = cand.get(a);
                if (solved.contains(c.key())) {
                    continue;                                      // its least y is found and not inside it: empty
                }
                boolean redundant = false;
                for (int k = 0; k < cand.size() && !redundant; k++) {
                    Box o = cand.get(k);
                    redundant = k != a && c.within(o) && (!o.within(c) || k < a);
                }
                for (int k = 0; k < rest.size() && !redundant; k++) {
                    redundant = c.within(rest.get(k));
                }
                for (int k = 0; k < empty.size() && !redundant; k++) {
                    redundant = c.within(empty.get(k));
                }
                if (!redundant) {
                    keep.add(c);
                }
            }
            boxes.clear();
            boxes.addAll(rest);
            boxes.addAll(keep);
        }

        /** @return the min-y point with x strictly below {@code prev}'s, or null when there is none */
        private Point step(Point prev, List<Query.Strict> base) {
            List<Query.Strict> strict = new ArrayList<>(base);
            strict.add(new Query.Strict(x, prev.assignment()));
            return solve(objectives(y, x), budgets, strict);
        }

        /**
         * Walks one slab: from {@code first} (or the min-y point with x at most {@code cap}), each next point the
         * min-y point with x strictly below the last, until one has x at most {@code floor} (the next slab's; null:
         * until none is left), or {@code share} points were found (0: no bound).
         */
        private List<Point> slab(Point first, double cap, BigDecimal floor, List<Query.Strict> base, int share) {
            List<Point> out = new ArrayList<>();
            Point prev = first;
            if (prev == null) {
                List<Budget> b = new ArrayList<>(budgets);
                b.add(new Budget(x, cap));
                prev = solve(objectives(y, x), b, base);
                if (prev == null || exact(prev).compareTo(floor) <= 0) {
                    return out;
                }
                out.add(found(prev));
            }
            while (true) {
                Point next = step(prev, base);
                if (next == null || floor != null && exact(next).compareTo(floor) <= 0) {
                    return out;
                }
                if (share > 0 && out.size() >= share) {
                    cut.set(true);                                        // the slab goes on: cut here
                    return out;
                }
                out.add(found(next));
                prev = next;
            }
        }

        private List<String> objectives(String first, String second) {
            return f3 == null ? List.of(first, second) : List.of(first, second, f3);
        }

        private BigDecimal exact(Point pt) {
            return Evaluator.exactTotals(p, pt.assignment())[mx];
        }

        private Point solve(List<String> objectives, List<Budget> b, List<Query.Strict> strict) {
            SearchResult r = Search.solve(p, new Query(objectives, b, strict), o, false);
            solves.addAndGet(r.solves());
            if (!r.hasAssignment()) {
                if (r.status() == Status.UNKNOWN) {
                    proven.set(false);
                }
                return null;
            }
            if (r.status() != Status.OPTIMAL) {
                proven.set(false);
            }
            return new Point(r.assignment(), r.totals());
        }

        /** @return the point, told to {@code progress} (one call at a time) */
        private Point found(Point pt) {
            synchronized (progress) {
                progress.accept(pt);
            }
            return pt;
        }
    }

    /** @return each task's result in task order, run on the pool (or here, without one) */
    private static <T> List<T> run(List<Callable<T>> tasks, ExecutorService pool) {
        List<T> out = new ArrayList<>();
        try {
            if (pool == null) {
                for (Callable<T> t : tasks) {
                    out.add(t.call());
                }
                return out;
            }
            List<Future<T>> fs = new ArrayList<>();
            for (Callable<T> t : tasks) {
                fs.add(pool.submit(t));
            }
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while tracing a Pareto front", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the points whose objective vectors no other point dominates, one per distinct vector */
    public static List<Point> nonDominated(SearchProblem p, List<String> objectives, List<Point> points) {
        int[] ms = objectives.stream().mapToInt(m -> p.metric(m, "objective")).toArray();
        List<BigDecimal[]> vec = new ArrayList<>();
        for (Point pt : points) {
            BigDecimal[] t = Evaluator.exactTotals(p, pt.assignment());
            BigDecimal[] v = new BigDecimal[ms.length];
            for (int i = 0; i < ms.length; i++) {
                v[i] = t[ms[i]];
            }
            vec.add(v);
        }
        List<Point> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            boolean keep = true;
            for (int j = 0; j < points.size() && keep; j++) {
                if (i == j) {
                    continue;
                }
                int c = compare(vec.get(j), vec.get(i));
                if (c == 1 || (c == 0 && j < i)) {
                    keep = false; // j dominates i, or i repeats an earlier vector
                }
            }
            if (keep) {
                out.add(points.get(i));
            }
        }
        return out;
    }

    /** @return 1 if a dominates b, 0 if equal, -1 otherwise */
    static int compare(BigDecimal[] a, BigDecimal[] b) {
        boolean le = true;
        boolean lt = false;
        for (int i = 0; i < a.length; i++) {
            int c = a[i].compareTo(b[i]);
            le &= c <= 0;
            lt |= c < 0;
        }
        if (le && lt) {
            return 1;
        }
        return le ? 0 : -1;
    }
}
