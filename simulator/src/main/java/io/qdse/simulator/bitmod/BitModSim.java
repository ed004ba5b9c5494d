package io.qdse.simulator.bitmod;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.simulator.workload.LlmSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Counts as the BitMoD simulator does (abdelfattah-lab/BitMoD-HPCA-25, {@code bitmod_sim/}), in its paper-era version
 * (commit a902a09, HPCA 2025) and today's (e445a5f: batch, KV-cache precision, per-KV-head attention). A separate
 * engine, like the SCALE-Sim one: its conventions are the peer's, not QDSE's physical model (docs/bitmod-compat.md).
 *
 * <p>Per layer (every Linear of the model incl. the LM head, then two attention products per decoder layer):
 * tiles = ⌈cin/dp⌉·⌈cout/h⌉·⌈ntok/w⌉ (× the batch-like dimension today), compute = tiles × ⌈⌊p⌋/2⌉ for the
 * bit-serial BitMoD PEs (1 otherwise); DRAM cycles = ⌊(w·fw + o + i·fi)·8/256⌋ with the re-fetch factors of a 512 KiB
 * buffer; total = Σ max(compute, DRAM). Energies in µJ: PEs (pJ per PE-cycle × 1.5), SRAM reads per tile and writes per
 * 64-bit word from CACTI 7 (the table in {@code cacti7_28nm_64KiB_banks.csv}, produced by the real CACTI), DRAM
 * 2,400 pJ per 128-bit access. Every formula keeps the tool's evaluation order, so results are bit-identical.
 */
public final class BitModSim {
    private BitModSim() {
    }

    /** Which version of the simulator. */
    public enum Version {
        /** commit a902a09 (the HPCA'25 paper's runs) */
        PAPER("a902a09"),
        /** commit e445a5f (batch size, KV precision, per-KV-head attention) */
        CURRENT("e445a5f");

        private final String commit;

        Version(String commit) {
            this.commit = commit;
        }

        public String commit() {
            return commit;
        }

        public static Version parse(String s, String field) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "paper":
                case "a902a09":
                    return PAPER;
                case "current":
                case "e445a5f":
                    return CURRENT;
                default:
                    throw new InvalidInputException(field, s, "paper (commit a902a09) or current (e445a5f)");
            }
        }
    }

    /** The simulator's five accelerators, with the parameters its test scripts pass. */
    public enum Accel {
        FP16("fp16", false, 1, 0.77, 1968.7, 32, 24, 64, 12),
        ANT("ant", false, 1, 0.56, 1318.6, 32, 32, 64, 16),
        OLIVE("olive", false, 1, 0.613, 1318.6, 36, 32, 72, 16),
        BITMOD_LOSSY("bitmod-lossy", true, 4, 0.56, 1507.7, 32, 32, 64, 16),
        BITMOD_LOSSLESS("bitmod-lossless", true, 4, 0.56, 1507.7, 32, 32, 64, 16);

        final String key;
        final boolean bitSerial;
        final int dp;
        final double peEnergyPj;
        final double peAreaUm2;
        final int prefillH;
        final int prefillW;
        final int decodeH;
        final int decodeW;

        Accel(String key, boolean bitSerial, int dp, double peEnergyPj, double peAreaUm2, int prefillH, int prefillW,
              int decodeH, int decodeW) {
            this.key = key;
            this.bitSerial = bitSerial;
            this.dp = dp;
            this.peEnergyPj = peEnergyPj;
            this.peAreaUm2 = peAreaUm2;
            this.prefillH = prefillH;
            this.prefillW = prefillW;
            this.decodeH = decodeH;
            this.decodeW = decodeW;
        }

        public String key() {
            return key;
        }

        /** @param s {@code fp16}, {@code ant}, {@code olive}, {@code bitmod-lossy}, {@code bitmod-lossless} */
        public static Accel parse(String s, String field) {
            String k = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (k.startsWith("bitmod:")) {
                k = k.substring("bitmod:".length());
            }
            for (Accel a : values()) {
                if (a.key.equals(k)) {
                    return a;
                }
            }
            throw new InvalidInputException(field, s, "bitmod:fp16, bitmod:ant, bitmod:olive, bitmod:bitmod-lossy or "
                    + "bitmod:bitmod-lossless (the accelerators of BitMoD's simulator)");
        }
    }

    /** The six models the simulator's scripts run, by their Hugging Face names. */
    static final List<String> MODELS = List.of("facebook/opt-1.3b", "microsoft/phi-2", "01-ai/Yi-6B",
            "meta-llama/Llama-2-7b-hf", "meta-llama/Llama-2-13b-hf", "meta-llama/Meta-Llama-3-8B");

    /**
     * One run's numbers, as the tool reports them.
     *
     * @param computeCycles   Σ compute cycles
     * @param totalCycles     Σ max(compute, DRAM) cycles
     * @param computeUj       PE energy, µJ
     * @param sramReadUj      SRAM read energy, µJ
     * @param sramWriteUj     SRAM write energy, µJ
     * @param dramUj          DRAM energy, µJ
     * @param onchipUj        compute + SRAM, µJ
     * @param totalUj         on-chip + DRAM, µJ
     * @param peArrayAreaMm2  PE array area, mm²
     * @param wSramAreaMm2    weight SRAM area, mm²
     * @param iSramAreaMm2    input SRAM area, mm²
     * @param wPrec           the weight precision used (effective bits)
     * @param kvPrec          the KV precision used (current version; 0 in the paper version)
     * @param h               PE rows
     * @param w               PE columns
     * @param layers          per layer
     */
    public record Result(long computeCycles, long totalCycles, double computeUj, double sramReadUj,
                         double sramWriteUj, double dramUj, double onchipUj, double totalUj, double peArrayAreaMm2,
                         double wSramAreaMm2, double iSramAreaMm2, double wPrec, double kvPrec, int h, int w,
                         List<Layer> layers) {
    }

    /**
     * One layer.
     *
     * @param name          the tool's layer name
     * @param attention     an attention product
     * @param tiles         PE-array tiles
     * @param computeCycles tiles × bit-serial latency
     * @param dramCycles    int-truncated DRAM cycles
     * @param wMemBytes     weight footprint
     * @param iMemBytes     input footprint
     * @param oMemBytes     output footprint
     * @param fw            weight re-fetch factor
     * @param fi            input re-fetch factor
     */
    public record Layer(String name, boolean attention, long tiles, long computeCycles, long dramCycles,
                        double wMemBytes, double iMemBytes, double oMemBytes, long fw, long fi) {
    }

    /** A linear layer as the tool's shape profile lists it: name, out features, in features. */
    record Linear(String name, long out, long in) {
    }

    /**
     * @param model    a decoder LLM (its {@code _name_or_path} picks ANT's and OliVe's per-model precisions)
     * @param hfName   the model's Hugging Face name, e.g. {@code meta-llama/Llama-2-7b-hf}
     * @param decode   decode (one token against {@code context} cached ones) rather than prefill of {@code context}
     * @param context  the tool's cxt_len
     * @param batch    batch size (the paper version has none: must be 1)
     * @param wPrecArg weight precision to use instead of the scripts' (NaN: the scripts')
     */
    public static Result simulate(Version v, Accel acc, LlmSpec model, String hfName, boolean decode, long context,
                                  long batch, double wPrecArg) {
        InvalidInputException.require(context >= 1 && context <= 1L << 24, "--context", context,
                "a context length in 1..16777216 tokens");
        InvalidInputException.require(batch >= 1 && batch <= 1L << 20, "--batch", batch, "a batch size in 1..1048576");
        InvalidInputException.require(v == Version.CURRENT || batch == 1, "--batch", batch,
                "1 for the paper version (a902a09 has no batch size; use --bitmod-version current)");
        double wPrec = Double.isNaN(wPrecArg) ? scriptWPrec(v, acc, hfName, decode) : wPrecArg;
        double kvPrec = v == Version.CURRENT ? (acc.bitSerial ? 8 : 16) : 0;
        int h = decode ? acc.decodeH : acc.prefillH;
        int w = decode ? acc.decodeW : acc.prefillW;
        long peCount = (long) h * w;
        List<Linear> linears = linears(model);
        int nLayers = model.layers();
        double hidden = model.hidden();
        double nh = model.heads();
        double kvh = model.kvHeads();

        // SRAMs: w_bw / i_bw select a CACTI row per bank (IO = int(rw_bw / 8))
        double wBw;
        double iBw;
        double wPrecBits = Math.ceil(wPrec / 4) * 4;
        if (acc.bitSerial) {
            wBw = acc.dp * wPrecBits * h / 2;
            iBw = (double) acc.dp * 16 * w / 2;
        } else {
            wBw = acc.dp * wPrecBits * h;
            iBw = (double) acc.dp * 16 * w;
        }
        Sram ws = Sram.of(wBw);
        Sram is = Sram.of(iBw);
        double sw = 524288.0;
        double si = 524288.0;

        long latLinear = lat(acc, wPrec);
        long latAttn = v == Version.CURRENT ? lat(acc, kvPrec) : latLinear;
        List<Layer> out = new ArrayList<>();
        long compute = 0;
        long total = 0;
        long tileSum = 0;
        double eWr = 0;
        double eDram = 0;
        double t = context;
        double tok = decode ? 1 : context;
        List<double[][]> shapes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> attn = new ArrayList<>();
        for (Linear l : linears) {
            names.add(l.name());
            attn.add(false);
            if (v == Version.PAPER) {
                shapes.add(new double[][] {{l.out(), l.in()}, {tok, l.in()}, {tok, l.out()}});
            } else if (decode) {
                shapes.add(new double[][] {{1, l.out(), l.in()}, {1, batch, l.in()}, {1, batch, l.out()}});
            } else {
                shapes.add(new double[][] {{1, l.out(), l.in()}, {batch, t, l.in()}, {batch, t, l.out()}});
            }
        }
        for (int i = 0; i < nLayers; i++) {
            names.add("model.layers." + i + ".self_attn.attn_qk");
            names.add("model.layers." + i + ".self_attn.attn_v");
            attn.add(true);
            attn.add(true);
            if (v == Version.PAPER) {
                double kvdim = hidden / nh * kvh;
                if (decode) {
                    shapes.add(new double[][] {{1, hidden}, {t, kvdim}, {nh, t}});
                    shapes.add(new double[][] {{nh, t}, {t, kvdim}, {1, hidden}});
                } else {
                    shapes.add(new double[][] {{t, hidden}, {t, kvdim}, {nh * t, t}});
                    shapes.add(new double[][] {{nh * t, t}, {t, kvdim}, {t, hidden}});
                }
            } else {
                double hd = hidden / nh;
                double q = nh / kvh;
                double bk = batch * kvh;
                double qt = q * tok;
                shapes.add(new double[][] {{bk, t, hd}, {bk, qt, hd}, {bk, qt, t}});
                shapes.add(new double[][] {{bk, hd, t}, {bk, qt, t}, {bk, qt, hd}});
            }
        }
        for (int li = 0; li < names.size(); li++) {
            double[][] s = shapes.get(li);
            boolean isAttn = attn.get(li);
            long tiles;
            double wMem;
            double iMem;
            double oMem;
            double nW;
            double nI;
            double nO;
            double wp = isAttn ? (v == Version.PAPER ? 16 : kvPrec) : wPrec;
            if (v == Version.PAPER) {
                double cout = s[0][0];
                double cin = s[0][1];
                double cinI = s[1][1];
                double ntok = s[2][0];
                tiles = ceilL(cin / acc.dp) * ceilL(cout / h) * ceilL(ntok / w);
                wMem = Math.ceil(cin * wp / 8) * cout;
                iMem = Math.ceil(cinI * 16 / 8) * ntok;
                oMem = Math.ceil(cout * 16 / 8) * ntok;
                nW = Math.ceil(cin * wPrec / 64) * cout;
                nI = Math.ceil(cinI * 16 / 64) * ntok;
                nO = Math.ceil(cout * 16 / 64) * ntok;
            } else {
                double wb = s[0][0];
                double cout = s[0][1];
                double cin = s[0][2];
                double ib = s[1][0];
                double itok = s[1][1];
                double cinI = s[1][2];
                double ob = s[2][0];
                double ntok = s[2][1];
                double coutO = s[2][2];
                tiles = ceilL(cin / acc.dp) * ceilL(cout / h) * ceilL(ntok / w) * (long) ob;
                wMem = Math.ceil(cin * wp / 8) * cout * wb;
                iMem = Math.ceil(cinI * 16 / 8) * itok * ib;
                oMem = Math.ceil(coutO * 16 / 8) * ntok * ob;
                nW = Math.ceil(cin * wp / 64) * cout * wb;
                nI = Math.ceil(cinI * 16 / 64) * itok * ib;
                nO = Math.ceil(coutO * 16 / 64) * ntok * ob;
            }
            long fw = 1;
            long fi = 1;
            if (wMem > sw && iMem > si) {
                long refI = ceilL(wMem / sw);
                long refW = ceilL(iMem / si);
                if (refW * wMem + iMem < refI * iMem + wMem) {
                    fw = refW;
                } else {
                    fi = refI;
                }
            }
            long dram = (long) ((wMem * 8 / 256) * fw + (oMem * 8 / 256) + (iMem * 8 / 256) * fi);
            long cc = tiles * (isAttn ? latAttn : latLinear);
            compute += cc;
            total += Math.max(cc, dram);
            tileSum += tiles;
            double wr = (nW * ws.wCostMin) * fw + (nI * is.wCostMin) * fi + nO * is.wCostMin;
            eWr += wr;
            double dr = (wMem * 8 / 128 * 2400.0) * fw + (iMem * 8 / 128 * 2400.0) * fi + (oMem * 8 / 128 * 2400.0);
            eDram += dr;
            out.add(new Layer(names.get(li), isAttn, tiles, cc, dram, wMem, iMem, oMem, fw, fi));
        }
        double peEff = acc.peEnergyPj * 1.5;
        double eCompute = peEff * peCount * compute;
        double eRd = tileSum * (ws.rCost + is.rCost);
        double c = eCompute / 1e6;
        double rd = eRd / 1e6;
        double wr = eWr / 1e6;
        double dr = eDram / 1e6;
        double onchip = c + rd + wr;
        double tot = c + rd + wr + dr;
        return new Result(compute, total, c, rd, wr, dr, onchip, tot, acc.peAreaUm2 * peCount / 1e6, ws.area, is.area,
                wPrec, kvPrec, h, w, out);
    }

    private static long ceilL(double x) {
        return (long) Math.ceil(x);
    }

    /** Cycles per tile of a bit-serial PE: ⌈⌊p⌋/2⌉ (2 weight bits per cycle), 1 for the bit-parallel ones. */
    static long lat(Accel a, double prec) {
        return a.bitSerial ? (long) Math.ceil(Math.floor(prec) / 2) : 1;
    }

    /** The weight precision the simulator's test script passes for an accelerator, model and phase. */
    static double scriptWPrec(Version v, Accel a, String hfName, boolean decode) {
        switch (a) {
            case FP16:
                return 16;
            case BITMOD_LOSSY:
                return decode ? 3.0625 : 4.0625;
            case BITMOD_LOSSLESS:
                return 6.0625;
            default:
                break;
        }
        int m = MODELS.indexOf(hfName);
        if (m < 0) {
            throw new InvalidInputException("--workload", hfName, "one of the models BitMoD's scripts give " + a.key
                    + " precisions for (" + String.join(", ", MODELS) + "), or pass --bitmod-w-prec");
        }
        // per model, in MODELS order (opt-1.3b, phi-2, Yi-6B, Llama-2-7b, Llama-2-13b, Llama-3-8B)
        if (a == Accel.ANT) {
            if (v == Version.PAPER && !decode) {
                return 5.5;
            }
            double[] paper = {5, 5, 5.25, 5, 5, 4.5};
            double[] current = {5, 5, 5.25, 5, 4, 5};
            return (v == Version.PAPER ? paper : current)[m];
        }
        if (v == Version.PAPER && !decode) {
            return 4.5;
        }
        double[] paper = {3.875, 4, 4.25, 3.75, 3.75, 3.5};
        double[] current = {4, 4, 4, 4, 4, 4.5};
        return (v == Version.PAPER ? paper : current)[m];
    }

    /** The Linear layers of a model in the order its shape profile lists them ([out, in]), the LM head last. */
    static List<Linear> linears(LlmSpec m) {
        List<Linear> out = new ArrayList<>();
        long hd = m.headDim();
        long q = (long) m.heads() * hd;
        long kv = (long) m.kvHeads() * hd;
        long d = m.hidden();
        long f = m.ffn();
        for (int i = 0; i < m.layers(); i++) {
            switch (m.family()) {
                case "opt": {
                    String p = "model.decoder.layers." + i + ".";
                    out.add(new Linear(p + "self_attn.k_proj", kv, d));
                    out.add(new Linear(p + "self_attn.v_proj", kv, d));
                    out.add(new Linear(p + "self_attn.q_proj", q, d));
                    out.add(new Linear(p + "self_attn.out_proj", d, q));
                    out.add(new Linear(p + "fc1", f, d));
                    out.add(new Linear(p + "fc2", d, f));
                    break;
                }
                case "phi": {
                    String p = "model.layers." + i + ".";
                    out.add(new Linear(p + "self_attn.q_proj", q, d));
                    out.add(new Linear(p + "self_attn.k_proj", kv, d));
                    out.add(new Linear(p + "self_attn.v_proj", kv, d));
                    out.add(new Linear(p + "self_attn.dense", d, q));
                    out.add(new Linear(p + "mlp.fc1", f, d));
                    out.add(new Linear(p + "mlp.fc2", d, f));
                    break;
                }
                case "llama":
                case "mistral":
                case "qwen2": {
                    String p = "model.layers." + i + ".";
                    out.add(new Linear(p + "self_attn.q_proj", q, d));
                    out.add(new Linear(p + "self_attn.k_proj", kv, d));
                    out.add(new Linear(p + "self_attn.v_proj", kv, d));
                    out.add(new Linear(p + "self_attn.o_proj", d, q));
                    out.add(new Linear(p + "mlp.gate_proj", f, d));
                    out.add(new Linear(p + "mlp.up_proj", f, d));
                    out.add(new Linear(p + "mlp.down_proj", d, f));
                    break;
                }
                default:
                    throw new InvalidInputException("--workload", m.family(), "a model family BitMoD's shape profile "
                            + "covers here: llama, mistral, qwen2, opt, phi");
            }
        }
        if (m.family().equals("opt") && m.embedDim() != m.hidden()) {
            throw new InvalidInputException("--workload", m.name(), "an OPT model without project_in/out (its "
                    + "word_embed_proj_dim equal to hidden_size), as the profiled models are");
        }
        out.add(new Linear("lm_head", m.vocab(), m.embedDim()));
        return out;
    }

    /** One of the simulator's SRAMs (8 banks of 64 KiB), costed by CACTI 7 for its per-bank IO width. */
    record Sram(double rCost, double wCost, double wCostMin, double area) {
        static Sram of(double rwBw) {
            int io = (int) (rwBw / 8);
            String[] row = CACTI.get(io);
            if (row == null) {
                throw new InvalidInputException("BitMoD SRAM width", io + " bits per bank", "one of the widths whose "
                        + "CACTI 7 figures are recorded (" + CACTI.keySet() + ")");
            }
            double r = Double.parseDouble(row[2]) * 8 * 1000;
            double wc = Double.parseDouble(row[3]) * 8 * 1000;
            double area = Double.parseDouble(row[4]) * 8;
            return new Sram(r, wc, wc / (rwBw / 64), area);
        }
    }

    private static final Map<Integer, String[]> CACTI = readCacti();

    private static Map<Integer, String[]> readCacti() {
        Map<Integer, String[]> m = new LinkedHashMap<>();
        String path = "/io/qdse/simulator/bitmod/cacti7_28nm_64KiB_banks.csv";
        try (InputStream in = Objects.requireNonNull(BitModSim.class.getResourceAsStream(path), path);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split(",");
                m.put(Integer.parseInt(c[0]), c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
