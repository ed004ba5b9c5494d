package io.qdse.search.bench;

import io.qdse.search.SearchProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic search problems for benchmarks (not for accuracy claims): {@code layers} layers with 1,000 to
 * 100,000 parameters; {@code formats} candidates whose bit widths cycle through 2..8 (a second candidate with the
 * same width is a "float" with 10–20 % more error); sensitivity ∝ 2^-bits with ±30 % per-(layer, format) noise;
 * size = params × bits; latency_cycles falling 4× per hardware option step with ±10 % noise and a per-option
 * overhead; area = a fixed cost per option plus, per supported format, PEs × bits² units. Every cost is computed
 * from the seed, so a benchmark run is reproducible.
 */
public final class SyntheticProblems {
    private SyntheticProblems() {
    }

    public static SearchProblem make(int nl, int nf, int nh, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> layers = new ArrayList<>();
        List<String> formats = new ArrayList<>();
        List<String> hw = new ArrayList<>();
        for (int l = 0; l < nl; l++) {
            layers.add("L" + l);
        }
        int[] bits = new int[nf];
        for (int f = 0; f < nf; f++) {
            bits[f] = 2 + (f % 7);
            formats.add((f / 7 == 0 ? "int" : "fp") + bits[f] + (f >= 14 ? "_" + f : ""));
        }
        for (int h = 0; h < nh; h++) {
            hw.add((16 << h) + "x" + (16 << h));
        }
        SearchProblem.Builder b = SearchProblem.builder(layers, formats, hw,
                List.of("sensitivity", "size_bits", "latency_cycles", "area_um2"),
                List.of("(lower is better)", "bits", "cycles", "µm²"));
        for (int l = 0; l < nl; l++) {
            long params = 1000 + r.nextInt(100_000);
            double sens = r.nextDouble() * 10;
            double work = 1e4 + r.nextInt(1_000_000);
            for (int f = 0; f < nf; f++) {
                double s = sens * Math.pow(2, -bits[f]) * (0.7 + 0.6 * r.nextDouble()) * (1 + 0.1 * (f / 7));
                for (int h = 0; h < nh; h++) {
                    double lat = Math.rint(work * (1 + 0.05 * bits[f]) / (1 << (2 * h)) * (0.9 + 0.2 * r.nextDouble())
                            + 500 * h);
                    b.cost(l, f, h, s, (double) params * bits[f], lat, 0);
                }
            }
        }
        for (int h = 0; h < nh; h++) {
            b.hwCost(h, 3, 1e5 * (1 << h));
            for (int f = 0; f < nf; f++) {
                b.unitCost(f, h, 3, (1 << (2 * h)) * 256.0 * bits[f] * bits[f] * (1 + 0.2 * (f / 7)));
            }
        }
        return b.build();
    }

    /**
     * A seeded problem shaped like a small transformer encoder (MiniLM-L6: {@code blocks} blocks of query, key, value
     * and output projections of 384x384 and a 384x1536 / 1536x384 feed-forward pair, 1 array): the formats int4,
     * int8, fp8, fp6 and fp4 (bits 4, 8, 8, 6, 4; a float has 10-20 % more error than the integer of its width),
     * size = params x bits, so layers of one shape tie in size, as in real models; sensitivity ∝ params x 2^-2·bits
     * with ±30 % per-(layer, format) noise.
     */
    public static SearchProblem encoder(int blocks, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] names = {"q", "k", "v", "o", "ff1", "ff2"};
        long[] params = {384L * 384, 384L * 384, 384L * 384, 384L * 384, 384L * 1536, 1536L * 384};
        List<String> formats = List.of("int4", "int8", "fp8", "fp6", "fp4");
        int[] bits = {4, 8, 8, 6, 4};
        double[] floatPenalty = {1, 1, 1.15, 1.15, 1.15};
        double[] mulArea = {1, 1, 1.6, 1.6, 1.6};
        List<String> layers = new ArrayList<>();
        for (int k = 0; k < blocks; k++) {
            for (String n : names) {
                layers.add("b" + k + "." + n);
            }
        }
        List<String> hw = List.of("16x16", "32x32", "64x64");
        SearchProblem.Builder b = SearchProblem.builder(layers, formats, hw,
                List.of("sensitivity", "size_bits", "latency_cycles", "area_um2"),
                List.of("(lower is better)", "bits", "cycles", "µm²"));
        for (int l = 0; l < layers.size(); l++) {
            long n = params[l % names.length];
            double scale = 0.5 + r.nextDouble();
            for (int f = 0; f < formats.size(); f++) {
                double s = scale * n * Math.pow(2, -2 * bits[f]) * floatPenalty[f] * (0.7 + 0.6 * r.nextDouble());
                for (int h = 0; h < hw.size(); h++) {
                    double pes = 256 << (2 * h);
                    b.cost(l, f, h, s, (double) n * bits[f], Math.ceil(n * 197 / pes) + 300 * h, 0);
                }
            }
        }
        for (int h = 0; h < hw.size(); h++) {
            double pes = 256 << (2 * h);
            b.hwCost(h, 3, 2e4 * (1 << h));
            for (int f = 0; f < formats.size(); f++) {
                b.unitCost(f, h, 3, pes * bits[f] * bits[f] * mulArea[f]);
            }
        }
        return b.build();
    }
}
