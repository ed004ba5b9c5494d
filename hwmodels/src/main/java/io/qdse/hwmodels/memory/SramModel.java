package io.qdse.hwmodels.memory;

import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.StillmakerBaas;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * SRAM energy, area, leakage and access time from CACTI 7 runs made by this project
 * ({@code cacti7_sram.csv}: HewlettPackard/cacti @1ffd8df, "ram", itrs-hp cells and periphery, 350 K, UCA, one
 * bank up to 512 KB and four from 1 MB, objective 0:100:0:0:0 with deviation 10 % on delay, Global_30 wires; 45 nm
 * and 22 nm, 1 KB–4 MB, 64- and 256-bit blocks; see docs/cost-models.md for the full configuration). The 45 nm
 * 64-bit points equal the reference's CACTI table (shared/reference/hardware-costs.md §7.1).
 *
 * <p>Between table sizes every quantity is interpolated log-log. Across access widths energy is linear,
 * {@code E(w) = α + β·w}, fitted through the 64- and 256-bit runs; CACTI's own 16-, 32- and 128-bit runs at 8 KB
 * and 64 KB lie within 0.5 % of that line. A memory of B banks costs one bank of size/B per access and B banks of
 * area and leakage (inter-bank routing is not added). Other nodes: the nearer CACTI node scaled by Stillmaker–Baas
 * (between 22 and 45 nm, log-log between the two); CACTI's 22 nm runs differ from the 45 nm runs scaled to 22 nm by
 * −2 % to +46 % (size dependent), which bounds the error of scaling.
 */
public final class SramModel {
    private static final SramModel CACTI7 = load("cacti7_sram.csv");

    private final Table t45;
    private final Table t22;
    /** Estimates by (memory, node): a pure function, asked for the same few keys millions of times in a sweep. */
    private final java.util.Map<Key, SramCost> memo = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MEMO_LIMIT = 65_536;

    private SramModel(Table t45, Table t22) {
        this.t45 = t45;
        this.t22 = t22;
    }

    /** @return the model backed by the project's CACTI 7 sweep */
    public static SramModel cacti7() {
        return CACTI7;
    }

    /** Cost of {@code spec} at a node (CACTI's own supply; voltage changes scale by Stillmaker–Baas). */
    public SramCost estimate(SramSpec spec, AsicTechnology tech) {
        Key key = new Key(spec, tech);
        SramCost c = memo.get(key);
        if (c == null) {
            if (memo.size() > MEMO_LIMIT) {
                memo.clear();
            }
            c = compute(spec, tech);
            memo.put(key, c);
        }
        return c;
    }

    private record Key(SramSpec spec, AsicTechnology tech) {
    }

    private SramCost compute(SramSpec spec, AsicTechnology tech) {
        double node = tech.nodeNm();
        if (node >= 45) {
            return scaled(t45.cost(spec), 45, tech);
        }
        if (node <= 22) {
            return scaled(t22.cost(spec), 22, tech);
        }
        SramCost a = scaled(t45.cost(spec), 45, tech);
        SramCost b = scaled(t22.cost(spec), 22, tech);
        double f = Math.log(45 / node) / Math.log(45.0 / 22);
        return new SramCost(geo(a.readPj(), b.readPj(), f), geo(a.writePj(), b.writePj(), f),
                geo(a.areaUm2(), b.areaUm2(), f), geo(a.leakageMw(), b.leakageMw(), f),
                geo(a.accessNs(), b.accessNs(), f), a.extrapolated() || b.extrapolated());
    }

    private static double geo(double a, double b, double f) {
        return Math.exp(Math.log(a) * (1 - f) + Math.log(b) * f);
    }

    private static SramCost scaled(SramCost c, double fromNode, AsicTechnology to) {
        if (fromNode == to.nodeNm() && to.vdd() == AsicTechnology.CALIBRATION_VDD) {
            return c;
        }
        double from = Math.max(fromNode, StillmakerBaas.minNode());
        double e = StillmakerBaas.energyFactor(from, AsicTechnology.CALIBRATION_VDD, to.nodeNm(), to.vdd());
        double a = StillmakerBaas.areaFactor(from, to.nodeNm());
        double d = StillmakerBaas.delayFactor(from, to.nodeNm());
        return new SramCost(c.readPj() * e, c.writePj() * e, c.areaUm2() * a, c.leakageMw() * e, c.accessNs() * d,
                c.extrapolated());
    }

    /** One technology's sweep: per size, the 64-bit and 256-bit runs. */
    private static final class Table {
        private final TreeMap<Double, double[][]> bySize = new TreeMap<>(); // size -> [w64|w256][field]

        // field indices
        static final int READ = 0;
        static final int WRITE = 1;
        static final int LEAK = 2;
        static final int AREA = 3;
        static final int ACCESS = 4;

        void put(double size, int blockBytes, double[] fields) {
            double[][] row = bySize.computeIfAbsent(size, k -> new double[2][]);
            row[blockBytes == 8 ? 0 : 1] = fields;
        }

        SramCost cost(SramSpec spec) {
            double bank = spec.bankBytes();
            int w = spec.widthBits();
            boolean extrapolated = bank < bySize.firstKey() || bank > bySize.lastKey() || w < 16 || w > 256;
            double[] at64 = interpolate(bank, 0);
            double[] at256 = interpolate(bank, 1);
            double read = linearInWidth(at64[READ], at256[READ], w);
            double write = linearInWidth(at64[WRITE], at256[WRITE], w);
            double area = linearInWidth(at64[AREA], at256[AREA], w) * 1e6 * spec.banks();
            double leak = at64[LEAK] * spec.banks();
            return new SramCost(read, write, area, leak, at64[ACCESS], extrapolated);
        }

        private static double linearInWidth(double e64, double e256, int w) {
            double beta = (e256 - e64) / 192.0;
            double alpha = e64 - 64 * beta;
            return Math.max(alpha + beta * w, e64 * 0.05);
        }

        /** Log-log interpolation (or end-segment extrapolation) in size of every field, for one block width. */
        private double[] interpolate(double size, int widthIndex) {
            List<Double> keys = new ArrayList<>(bySize.keySet());
            int hi = 1;
            while (hi < keys.size() - 1 && keys.get(hi) < size) {
                hi++;
            }
            int lo = hi - 1;
            double s0 = keys.get(lo);
            double s1 = keys.get(hi);
            double[] f0 = bySize.get(s0)[widthIndex];
            double[] f1 = bySize.get(s1)[widthIndex];
            double x = Math.log(size / s0) / Math.log(s1 / s0);
            double[] out = new double[f0.length];
            for (int i = 0; i < f0.length; i++) {
                out[i] = Math.exp(Math.log(f0[i]) * (1 - x) + Math.log(f1[i]) * x);
            }
            return out;
        }
    }

    private static SramModel load(String resource) {
        Table t45 = new Table();
        Table t22 = new Table();
        try (InputStream in = Objects.requireNonNull(SramModel.class.getResourceAsStream(resource), resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.startsWith("tech_nm,size_bytes,block_bytes,banks,read_pj")) {
                throw new IllegalStateException(resource + ": unexpected header " + header);
            }
            String line;
            while ((line = r.readLine()) != null) {
                String[] c = line.split(",");
                int tech = Integer.parseInt(c[0]);
                double size = Double.parseDouble(c[1]);
                int block = Integer.parseInt(c[2]);
                int banks = Integer.parseInt(c[3]);
                if (!"ok".equals(c[10]) || (block != 8 && block != 32)) {
                    continue;
                }
                // CACTI's natural organisation: one bank up to 512 KB, four banks from 1 MB
                if ((size <= 512 * 1024 && banks != 1) || (size > 512 * 1024 && banks != 4)) {
                    continue;
                }
                double leakTotal = Double.parseDouble(c[6]) * banks;
                double[] fields = {Double.parseDouble(c[4]), Double.parseDouble(c[5]), leakTotal,
                    Double.parseDouble(c[7]), Double.parseDouble(c[8])};
                (tech == 45 ? t45 : t22).put(size, block, fields);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SramModel(t45, t22);
    }
}
