package io.qdse.sweep;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.Backend;
import io.qdse.search.SearchProblem;
import io.qdse.search.SearchResult;
import io.qdse.search.SolverOptions;
import io.qdse.search.Status;
import io.qdse.search.build.Candidate;
import io.qdse.search.plan.SearchPlan;
import io.qdse.search.plan.SearchPlanner;
import io.qdse.search.plan.SearchRequest;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.search.sensitivity.Sensitivities;
import io.qdse.search.sensitivity.WeightSensitivity;
import io.qdse.simulator.Simulator;
import io.qdse.simulator.arch.Accelerator;
import io.qdse.simulator.arch.LayerFormats;
import io.qdse.simulator.eval.Evaluation;
import io.qdse.simulator.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A sweep's per-point format search: for each design point and workload, the integer program chooses each layer's
 * format among the candidates under the space's budgets (minimising its objective, sensitivity by default), exactly
 * as {@code qdse search} would on that design; the point's metrics are then those of the chosen assignment. The
 * sensitivities are computed once per workload (they do not depend on the hardware).
 */
public final class PerPointSearch implements PointEvaluator.PointSearch {
    private final SweepSpace.FormatSearch spec;
    private final List<Candidate> cands;
    private final Map<Workload, SensitivityTable> sens = new HashMap<>();
    private final Simulator sim = new Simulator();
    private final SearchRequest.Goal goal;
    private static final SolverOptions OPTIONS = new SolverOptions(Backend.CPSAT, 60, 1, 1);

    /**
     * @param workloads the sweep's workloads (their sensitivities are computed now)
     * @param notes     where notes of the sensitivity computation go
     */
    public PerPointSearch(SweepSpace.FormatSearch spec, List<Workload> workloads, Consumer<String> notes) {
        this.spec = spec;
        List<Candidate> c = new ArrayList<>();
        for (int i = 0; i < spec.candidates().size(); i++) {
            c.add(Candidate.parse(spec.candidates().get(i), "search.candidates[" + i + "]"));
        }
        this.cands = List.copyOf(c);
        this.goal = new SearchRequest.Goal(spec.objective(), spec.max(), spec.maxFraction(), List.of(),
                new SearchRequest.Fields("search.max", "search.max_fraction", "search.objective"));
        for (Workload w : workloads) {
            sens.put(w, Sensitivities.resolve(spec.sensitivity(), "search.sensitivity", w, cands, null,
                    WeightSensitivity.Spec.defaults(), Map.of(), notes));
        }
    }

    @Override
    public Outcome solve(Workload w, Accelerator a) {
        SearchPlan plan = SearchPlanner.plan(w, a, List.of(), cands, sens.get(w));
        SearchProblem p = plan.problem();
        SearchResult r = plan.optimum(goal, OPTIONS).result();
        if (r.status() == Status.INFEASIBLE || !r.hasAssignment()) {
            throw new InvalidInputException("search", r.status().name(), "an assignment meeting the budgets on this "
                    + "design (none: " + String.join(", ", spec.max()) + String.join(", ", spec.maxFraction()) + ")");
        }
        Map<String, LayerFormats> perLayer = new HashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (int l = 0; l < p.layerCount(); l++) {
            Candidate c = cands.get(r.assignment().format(l));
            perLayer.put(p.layers().get(l), c.formats());
            counts.merge(c.name(), 1, Integer::sum);
        }
        Evaluation e = sim.run(w, a, Simulator.EngineKind.ANALYTICAL, perLayer::get).total();
        StringBuilder sb = new StringBuilder("search:");
        counts.forEach((k, v) -> sb.append(' ').append(k).append(':').append(v));
        int sm = p.metric("sensitivity", "search.objective");
        return new Outcome(e, sb.toString(), r.totals()[sm]);
    }
}
