package io.qdse.cli.command;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.cli.render.Json;
import io.qdse.cli.render.Numbers;
import io.qdse.cli.render.TextTable;
import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FloatAccumulator;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.NumberFormat;
import io.qdse.hwmodels.quant.QuantizationSpec;
import io.qdse.hwmodels.quant.TensorQuantizer;
import io.qdse.hwmodels.tech.AsicTechnology;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qdse bench}: throughput of the hot paths, measured in this JVM on one thread. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure quantization throughput (values/s, one thread) and cost-model evaluations/s.",
            "Each case runs a warm-up and then --reps timed repetitions; best and median are reported."})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;

    @Option(names = "--size", defaultValue = "10000000", description = "Values per quantization run (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--reps", defaultValue = "5", description = "Timed repetitions per case (default ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--formats", split = ",", defaultValue = "int8,fp8_e4m3,fp4_e2m1,bf16,mxfp4,nvfp4",
            description = "Formats to time (default ${DEFAULT-VALUE}).")
    List<String> formats;

    @Override
    public void run() {
        if (size < 1 || size > 200_000_000) {
            throw new InvalidInputException("--size", size, "must be in 1..200000000");
        }
        if (reps < 1 || reps > 1000) {
            throw new InvalidInputException("--reps", reps, "must be in 1..1000");
        }
        Random r = new Random(1);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextGaussian();
        }
        TextTable t = new TextTable("case", "values", "best (ms)", "median (ms)", "throughput (M values/s)")
                .numeric(1, 2, 3, 4);
        ArrayNode arr = Json.array();
        for (String name : formats) {
            NumberFormat f = Formats.parse(name, "--formats");
            QuantizationSpec s = QuantizationSpec.of(f);
            TensorQuantizer.quantize(Arrays.copyOf(x, Math.min(size, 1_000_000)), s); // warm-up
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                TensorQuantizer.quantize(x, s);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            String scaling = f instanceof io.qdse.hwmodels.format.BlockFormat
                    ? "per block of " + ((io.qdse.hwmodels.format.BlockFormat) f).blockSize() : "per-tensor absmax";
            add(t, arr, "quantize " + name + " (" + scaling + ")", size, ms);
        }
        AsicCostModel m = AsicCostModel.standard();
        AsicTechnology n7 = AsicTechnology.of(7);
        OpSpec op = OpSpec.mac(Formats.FP8_E4M3, Formats.FP8_E4M3, new FloatAccumulator(Formats.FP32, true), 1024);
        int evals = 20_000;
        for (int i = 0; i < 2000; i++) {
            m.estimate(op, n7);
        }
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < evals; k++) {
                m.estimate(op, n7);
            }
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        add(t, arr, "ASIC cost model (fp8 MAC, 7 nm)", evals, ms);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode root = Json.object();
            root.put("threads", 1);
            root.put("java", System.getProperty("java.version"));
            root.put("cpus", Runtime.getRuntime().availableProcessors());
            root.set("cases", arr);
            out.print(Json.write(root));
            return;
        }
        out.println("qdse bench: one thread, Java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs visible");
        out.print(t.render());
    }

    private static void add(TextTable t, ArrayNode arr, String name, long n, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double best = s[0];
        double median = s[s.length / 2];
        double mps = n / (best / 1e3) / 1e6;
        t.row(name, Numbers.count(n), Numbers.sig(best), Numbers.sig(median), Numbers.sig(mps));
        ObjectNode o = arr.addObject();
        o.put("case", name);
        o.put("items", n);
        o.put("best_ms", best);
        o.put("median_ms", median);
        o.put("throughput_m_per_s", mps);
    }
}
