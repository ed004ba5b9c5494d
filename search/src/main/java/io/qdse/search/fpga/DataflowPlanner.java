package io.qdse.search.fpga;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.search.build.Candidate;
import io.qdse.search.models.Workloads;
import io.qdse.search.plan.SearchPlanner;
import io.qdse.search.sensitivity.SensitivityTable;
import io.qdse.search.sensitivity.Sensitivities;
import io.qdse.simulator.workload.Workload;
import io.qdse.simulator.workload.onnx.OnnxImporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the words of {@code qdse fpga search} / {@code qdse fpga pareto} into a {@link DataflowSearch.Problem}: loads
 * the workload (an ONNX model given as {@code --sensitivity weights:MODEL} is the workload too when none is given,
 * and its weights are read once), computes or reads the sensitivities of the candidate formats, and builds the
 * (format, fold) problem. Problems name the options they came from.
 */
public final class DataflowPlanner {
    private DataflowPlanner() {
    }

    /**
     * What was asked.
     *
     * @param workload          {@code --workload} (null: the ONNX model of {@code weights:})
     * @param sensitivity       {@code weights:SRC} or {@code table:CSV}
     * @param formats           candidate formats ({@code int4}, {@code e2m3}, {@code int4/int8})
     * @param scaling           weight scaling for weight sensitivity ({@code channel}, {@code tensor}, {@code block:K})
     * @param clip              {@code absmax} or {@code mse}
     * @param sensitivityMetric {@code l2}, {@code mse} or {@code nsr}
     * @param spec              the device, clock, target and cost settings
     * @param weightLayersOnly  leave layers without weights (attention) out of the design
     */
    public record Request(String workload, String sensitivity, List<String> formats, String scaling, String clip,
                          String sensitivityMetric, DataflowSearch.Spec spec, boolean weightLayersOnly) {
        public Request {
            formats = formats == null ? List.of() : List.copyOf(formats);
            scaling = scaling == null ? "channel" : scaling;
            clip = clip == null ? "absmax" : clip;
            sensitivityMetric = sensitivityMetric == null ? "l2" : sensitivityMetric;
        }
    }

    /**
     * A planned search.
     *
     * @param problem     the problem (check {@link DataflowSearch.Problem#reachable})
     * @param sensitivity the sensitivities used
     * @param what        what is searched, for people
     */
    public record Planned(DataflowSearch.Problem problem, SensitivityTable sensitivity, String what) {
    }

    /** @param log progress (a known model fetched on first use) */
    public static Planned plan(Request r, Consumer<String> log) {
        if (r.formats().isEmpty()) {
            throw new InvalidInputException("--formats", "none", "candidate formats, e.g. --formats "
                    + "int4,int8,e2m3,e4m3");
        }
        List<Candidate> cands = new ArrayList<>();
        for (String f : r.formats()) {
            Candidate c = Candidate.parse(f, "--formats");
            if (cands.stream().anyMatch(x -> x.name().equals(c.name()))) {
                throw new InvalidInputException("--formats", f, "each format once");
            }
            cands.add(c);
        }
        if (r.sensitivity() == null) {
            throw new InvalidInputException("--sensitivity", "none", "weights:SOURCE (an ONNX model such as minilm or "
                    + "ppocr-det, .npy/.npz) or table:CSV (layer,format,sensitivity): the accuracy side of the "
                    + "trade-off");
        }
        List<String> notes = new ArrayList<>();
        String weightsSrc = r.sensitivity().startsWith("weights:") ? r.sensitivity().substring(8) : null;
        String wl = r.workload() != null ? r.workload()
                : weightsSrc != null && Workloads.isOnnx(weightsSrc) ? weightsSrc : null;
        if (wl == null) {
            throw new InvalidInputException("--workload", "none", "a network (built-in, layer list, ONNX file or "
                    + "known model), or an ONNX model as --sensitivity weights:MODEL to use as both");
        }
        Workload w;
        List<OnnxImporter.WeightTensor> weights = null;
        Map<String, OnnxImporter.ChainEdge> chain = Map.of();
        if (Workloads.isOnnx(wl)) {
            Workloads.Onnx o = Workloads.onnx(wl, "--workload", log);
            OnnxImporter.Result ir = OnnxImporter.importModel(o.model(), o.name(), Workloads.onnxOptions(List.of(),
                    List.of(), o.defaultInputs()));
            w = ir.workload();
            chain = ir.chain();
            if (wl.equals(weightsSrc)) {
                weights = ir.weights();
            }
        } else {
            w = Workloads.load(wl, List.of(), List.of(), "--workload", log);
        }
        SensitivityTable sens = Sensitivities.resolve(r.sensitivity(), "--sensitivity", w, cands, weights,
                SearchPlanner.weightSpec(r.scaling(), r.clip(), r.sensitivityMetric()), Map.of(), notes::add);
        DataflowSearch.Problem p = DataflowSearch.build(w, cands, sens, r.spec(), r.weightLayersOnly(), true,
                chain);
        List<String> all = new ArrayList<>(notes);
        all.addAll(p.notes());
        p = new DataflowSearch.Problem(p.problem(), p.spec(), p.workload(), p.formats(), p.units(), p.names(),
                p.sensitivity(), p.unreachable(), all);
        String what = w.name() + " on " + r.spec().part().name() + " at " + fmt(r.spec().clockMhz()) + " MHz, "
                + String.format(java.util.Locale.ROOT, "%,d", r.spec().targetCycles()) + " cycles per frame";
        return new Planned(p, sens, what);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
