package io.qdse.rtl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden vectors of a whole dataflow accelerator from the Java bit-exact model: each unit's outputs from
 * {@link MvuGolden} (exact products into the unit's accumulator, thresholds counted), unit i's output codes being
 * unit i+1's input codes; the input beats of the first unit and the output beats of the last.
 */
public final class DataflowGolden {
    private DataflowGolden() {
    }

    /** @param outputs per unit, per vector, every output element (thresholds' counts; the last unit's accumulator) */
    public record Run(long[][] inputs, List<BigInteger> inBeats, List<BigInteger> outBeats,
                      List<BigInteger[][]> outputs) {
    }

    public static Run run(Design.Chain d, long[][] inputCodes) {
        List<BigInteger> in = new ArrayList<>();
        List<BigInteger> out = new ArrayList<>();
        List<BigInteger[][]> outputs = new ArrayList<>();
        Design.Mvu f = d.first();
        int ab = f.a().bits();
        for (long[] v : inputCodes) {
            if (v.length != f.mw()) {
                throw new IllegalArgumentException("input vectors of " + f.mw() + " codes expected");
            }
            for (int sf = 0; sf < f.sf(); sf++) {
                BigInteger word = BigInteger.ZERO;
                for (int s = 0; s < f.simd(); s++) {
                    word = word.or(BigInteger.valueOf(v[sf * f.simd() + s]).shiftLeft(s * ab));
                }
                in.add(word);
            }
        }
        long[][] x = inputCodes;
        for (Design.Chain.Stage st : d.stages()) {
            MvuGolden.Params p = st.params();
            BigInteger[][] y = new BigInteger[x.length][];
            long[][] next = new long[x.length][];
            for (int v = 0; v < x.length; v++) {
                y[v] = MvuGolden.outputs(st.unit(), p, x[v]);
                next[v] = new long[y[v].length];
                for (int n = 0; n < y[v].length; n++) {
                    next[v][n] = st.unit().outBits() > 0 ? y[v][n].longValueExact() : 0;
                }
            }
            outputs.add(y);
            x = next;
        }
        Design.Mvu l = d.last();
        int eb = l.elementBits();
        for (BigInteger[] y : outputs.get(outputs.size() - 1)) {
            for (int nf = 0; nf < l.nf(); nf++) {
                BigInteger word = BigInteger.ZERO;
                for (int pe = 0; pe < l.pe(); pe++) {
                    word = word.or(y[nf * l.pe() + pe].shiftLeft(pe * eb));
                }
                out.add(word);
            }
        }
        return new Run(inputCodes, in, out, outputs);
    }

    /** @return each unit's beats per vector, (MH/PE)·(MW/SIMD): the dataflow engine's unit cycles */
    public static long[] unitCycles(Design.Chain d) {
        long[] c = new long[d.stages().size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = MvuGolden.cycles(d.stages().get(i).unit(), 1);
        }
        return c;
    }

    /**
     * Bounds on the cycles from the first input beat taken to the last output beat taken at full rate: at least
     * V · II (II = the slowest unit's beats per vector) and at most every unit one vector after another
     * (V · Σ (beats + 4)).
     */
    public static long[] cycleBounds(Design.Chain d, int vectors) {
        long ii = 0;
        long sum = 0;
        for (long c : unitCycles(d)) {
            ii = Math.max(ii, c);
            sum += c + MvuGolden.PIPELINE_CYCLES;
        }
        return new long[] {vectors * ii, vectors * sum};
    }
}
