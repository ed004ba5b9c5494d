package io.qdse.simulator.bitfusion;

import io.qdse.hwmodels.InvalidInputException;

/**
 * Counts as Bit Fusion's simulator does (hsharma35/bitfusion @04ec1c8, {@code bitfusion/src/simulator}), per layer:
 * an exhaustive search over power-of-two tilings of (batch, output rows, output columns, input channels, output
 * channels) and the 120 loop orders, each costed by a double-buffered DRAM model (tiles hoisted out of the loops
 * they do not depend on while they fit in half their buffer), keeping the fewest cycles and, among equal cycles, the
 * least energy, first found in the tool's own order (docs/bitfusion-compat.md). A separate engine, like the SCALE-Sim
 * and BitMoD ones: the peer's conventions, not QDSE's physical model.
 */
public final class BitFusionSim {
    private BitFusionSim() {
    }

    /**
     * The accelerator as the tool's {@code .ini} gives it.
     *
     * @param rows     {@code a}: fusion-unit rows (N, the reduction direction)
     * @param cols     {@code c}: columns (M, output channels)
     * @param highPrec {@code high_prec}: the fusion unit's full precision in bits
     * @param lowPrec  {@code low_prec}: the BitBrick precision
     * @param ifWidth  {@code if_width}: DRAM interface bits per cycle
     * @param wgtBytes {@code Wgt_SRAM} bytes
     * @param actBytes {@code Act_SRAM} bytes
     * @param outBytes {@code Out_SRAM} bytes
     * @param frequencyHz {@code frequency} (recorded; the tool does not use it)
     */
    public record Config(int rows, int cols, int highPrec, int lowPrec, long ifWidth, long wgtBytes, long actBytes,
                         long outBytes, long frequencyHz) {
        public Config {
            InvalidInputException.require(rows >= 1, "accelerator.a", rows, "must be >= 1");
            InvalidInputException.require(cols >= 1, "accelerator.c", cols, "must be >= 1");
            InvalidInputException.require(highPrec >= 1, "accelerator.high_prec", highPrec, "must be >= 1");
            InvalidInputException.require(lowPrec >= 1 && lowPrec <= highPrec, "accelerator.low_prec", lowPrec,
                    "must be in 1..high_prec (" + highPrec + ")");
            InvalidInputException.require(ifWidth >= 1, "system.if_width", ifWidth, "must be >= 1 bit per cycle");
            InvalidInputException.require(wgtBytes >= 1, "accelerator.Wgt_SRAM", wgtBytes, "must be >= 1 byte");
            InvalidInputException.require(actBytes >= 1, "accelerator.Act_SRAM", actBytes, "must be >= 1 byte");
            InvalidInputException.require(outBytes >= 1, "accelerator.Out_SRAM", outBytes, "must be >= 1 byte");
        }
    }

    /**
     * The seven energy constants the tool derives for a configuration (nJ: per core cycle, per bit of each buffer
     * read/write); they only break ties between tilings of equal cycles.
     */
    public record EnergyCosts(double core, double wbufRead, double wbufWrite, double ibufRead, double ibufWrite,
                              double obufRead, double obufWrite) {
    }

    /**
     * One layer as the tool sees it: a convolution of a square {@code k×k} kernel, stride {@code s}, producing an
     * {@code o×o} output (an FC layer is k = o = s = 1).
     *
     * @param im2col the layer reads the network's input (the tool's first-layer formulas)
     */
    public record Layer(String name, int k, int o, int s, long ic, long oc, long batch, int actBits, int wgtBits,
                        boolean im2col) {
        public Layer {
            InvalidInputException.require(k >= 1, name + ".kernel", k, "must be >= 1");
            InvalidInputException.require(o >= 1, name + ".output size", o, "must be >= 1 (the kernel is larger than "
                    + "the padded input; the tool fails on it)");
            InvalidInputException.require(s >= 1, name + ".stride", s, "must be >= 1");
            InvalidInputException.require(ic >= 1 && oc >= 1, name + ".channels", ic + "/" + oc, "must be >= 1");
            InvalidInputException.require(batch >= 1, name + ".batch", batch, "must be >= 1");
        }
    }

    /**
     * What the tool reports for a layer (all traffic in bits).
     *
     * @param cycles           total cycles
     * @param memoryWaitCycles cycles waiting for memory
     * @param energyNj         the chosen tiling's energy (the tie-break key), nJ
     * @param tiling           tile sizes {b, ow, oh, ic, oc}
     * @param order            loop order, outermost first (B, W, H, I, C letters)
     */
    public record Stats(long cycles, long memoryWaitCycles, long readsAct, long readsWgt, long readsOut,
                        long readsDram, long writesAct, long writesWgt, long writesOut, long writesDram,
                        double energyNj, long[] tiling, String order) {
    }

    /**
     * The 120 loop orders in the order the tool visits them (CPython 2.7's iteration order of
     * {@code set(itertools.permutations(['B/b','OW/ow','OH/oh','IC/ic','OC/oc']))}), outermost loop first:
     * B batch, W output columns, H output rows, I input channels, C output channels.
     */
    static final String[] ORDERS = String.join(" ",
            "CIBHW BCWIH HBWCI BICWH CBWIH CIHBW HWCIB CHBWI CHIBW WHIBC IHCBW BCIWH",
            "HWICB CIWHB BIHCW CBIWH BCIHW CWBIH ICWBH WIHBC WCHBI CIWBH HBIWC IHWBC",
            "WBCHI HCWBI WHICB BCHIW BWCHI BIWCH WHBIC IBCHW HBCWI WIBCH HIBWC CHBIW",
            "BWHCI BWHIC BHWIC BWCIH WBCIH ICBHW HWIBC CIBWH HICBW HICWB IHBCW CBHWI",
            "BIWHC IWCBH CBHIW ICWHB HCIWB BCHWI IHCWB HIWBC HBICW IBWCH WHCBI CWHIB",
            "HWCBI IWHCB WBHCI WHCIB WICBH CIHWB HIWCB ICBWH IWBCH CHWIB WCBIH ICHBW",
            "WBIHC CWHBI IBWHC HBWIC BICHW ICHWB IBCWH BHCIW WICHB HIBCW HWBCI HCIBW",
            "IHBWC CHIWB HCBWI BIHWC WBHIC IWCHB CWIBH CBIHW WCIHB WIHCB WCHIB HBCIW",
            "HCBIW BHIWC CWBHI IBHWC IWBHC IHWCB BHWCI WCBHI BWIHC WBICH CWIHB IBHCW",
            "HWBIC WHBCI CBWHI HCWIB WCIBH BHICW BWICH BHCWI WIBHC BCWHI IWHBC CHWBI").split(" ");

    private static final int B = 0;
    private static final int W = 1;
    private static final int H = 2;
    private static final int I = 3;
    private static final int C = 4;
    /** Namespaces: weights, activations, outputs. */
    private static final int WGT = 0;
    private static final int ACT = 1;
    private static final int OUT = 2;
    /** DEP[loop][namespace]: the buffer's tile index depends on the loop. */
    private static final boolean[][] DEP = {
        {false, true, true}, // B
        {false, true, true}, // W
        {false, true, true}, // H
        {true, true, false}, // I
        {true, false, true}, // C
    };
    private static final double DRAM_NJ_PER_BIT = 15.e-3;
    private static final long OUT_PREC = 32;
    private static final int[][] ORDER_LOOPS = new int[ORDERS.length][5];

    static {
        for (int i = 0; i < ORDERS.length; i++) {
            for (int j = 0; j < 5; j++) {
                ORDER_LOOPS[i][j] = "BWHIC".indexOf(ORDERS[i].charAt(j));
            }
        }
    }

    /** Products per fusion unit and cycle: ⌊pmax/max(Pa, pmin)⌋·⌊pmax/max(Pw, pmin)⌋. */
    static long perfFactor(Config c, int aBits, int wBits) {
        return (long) (c.highPrec() / Math.max(aBits, c.lowPrec())) * (c.highPrec() / Math.max(wBits, c.lowPrec()));
    }

    /** @return the tool's statistics for one layer (its best tiling and loop order) */
    public static Stats simulate(Config c, Layer l, EnergyCosts e) {
        InvalidInputException.require(l.actBits() >= 1 && l.actBits() <= c.highPrec(), l.name() + ".act_bits",
                l.actBits(), "1.." + c.highPrec() + " (the array's high_prec; the tool fails above it)");
        InvalidInputException.require(l.wgtBits() >= 1 && l.wgtBits() <= c.highPrec(), l.name() + ".weight_bits",
                l.wgtBits(), "1.." + c.highPrec() + " (the array's high_prec; the tool fails above it)");
        long pf = perfFactor(c, l.actBits(), l.wgtBits());
        long nf = c.rows() * pf;
        long[] dims = {l.batch(), l.o(), l.o(), l.ic(), l.oc()};
        // candidate tile sizes per loop, as the tool enumerates them (b, o, ic, oc; each ascending)
        long[] bs = pow2Tiles(l.batch(), 1);
        long[] os = pow2Tiles(l.o(), 1);
        long[] ics = pow2Tiles(l.ic(), 1);
        long[] ocs = l.im2col() ? pow2Tiles(l.oc(), 1) : mTiles(l.oc(), c.cols());
        Stats best = null;
        long[] n = new long[5];
        long[] t = new long[5];
        for (int oi = 0; oi < ORDERS.length; oi++) {
            int[] order = ORDER_LOOPS[oi];
            for (long b : bs) {
                for (long o : os) {
                    for (long ic : ics) {
                        for (long oc : ocs) {
                            t[B] = b;
                            t[W] = o;
                            t[H] = o;
                            t[I] = ic;
                            t[C] = oc;
                            for (int d = 0; d < 5; d++) {
                                n[d] = ceilDiv(dims[d], t[d]);
                            }
                            Stats s = cost(c, l, e, nf, n, t, order, ORDERS[oi]);
                            if (s == null) {
                                continue;
                            }
                            if (best == null || best.cycles() > s.cycles() || (best.cycles() == s.cycles()
                                    && best.energyNj() > s.energyNj())) {
                                best = s;
                            }
                        }
                    }
                }
            }
        }
        if (best == null) {
            throw new InvalidInputException(l.name(), "no tiling", "a layer some tiling fits into half of each buffer "
                    + "(Wgt_SRAM/Act_SRAM/Out_SRAM too small; the tool fails on it)");
        }
        return best;
    }

    /** {1, 2, 4, …} below x, then x (the tool's {@code min(2^i, x)} for i in 0..⌈log2 x⌉). */
    static long[] pow2Tiles(long x, long unit) {
        int c = ceilLog2(x);
        long[] out = new long[c + 1];
        for (int i = 0; i <= c; i++) {
            out[i] = Math.min((1L << i) * unit, x);
        }
        return out;
    }

    /** Output-channel tiles without im2col: {M, 2M, 4M, …, OC} ({OC} when OC ≤ M). */
    static long[] mTiles(long oc, long m) {
        int c = ceilLog2(ceilDiv(oc, m));
        long[] out = new long[c + 1];
        for (int i = 0; i <= c; i++) {
            out[i] = Math.min((1L << i) * m, oc);
        }
        return out;
    }

    static int ceilLog2(long x) {
        return x <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(x - 1);
    }

    /** ⌈a/b⌉ for b > 0 and any a (the tool's {@code int(math.ceil(float(a)/b))}, exact). */
    static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** The tool's cost of one (tiling, order); null when a tile does not fit in half its buffer. */
    private static Stats cost(Config c, Layer l, EnergyCosts e, long nf, long[] n, long[] t, int[] order,
                              String orderName) {
        long b = t[B];
        long ow = t[W];
        long oh = t[H];
        long ic = t[I];
        long oc = t[C];
        long k = l.k();
        long kk = k * k;
        long m = c.cols();
        long[] cap = {4 * c.wgtBytes(), 4 * c.actBytes(), 4 * c.outBytes()};
        long[] w = new long[3];
        w[WGT] = ceilDiv(kk * ic, nf) * nf * oc * l.wgtBits();
        w[ACT] = l.im2col() ? ow * oh * kk * ic * b * l.actBits()
                : (k + (ow - 1) * l.s()) * (k + (oh - 1) * l.s()) * ic * b * l.actBits();
        w[OUT] = ow * oh * ceilDiv(oc, m) * m * b * OUT_PREC;
        long rOut = w[OUT];
        if (w[WGT] > cap[WGT] || w[ACT] > cap[ACT] || w[OUT] > cap[OUT]) {
            return null;
        }
        long[] maxW = w.clone();
        long maxROut = rOut;
        boolean[] promW = {true, true, true};
        boolean promR = true;
        for (int li = 4; li >= 0; li--) {
            int loop = order[li];
            long num = n[loop];
            for (int ns = 0; ns < 3; ns++) {
                if (promW[ns]) {
                    if (DEP[loop][ns]) {
                        w[ns] *= num;
                        if (w[ns] > cap[ns]) {
                            promW[ns] = false;
                        } else {
                            maxW[ns] = w[ns];
                        }
                    }
                } else {
                    w[ns] *= num;
                }
            }
            if (promR) {
                if (DEP[loop][OUT]) {
                    rOut *= num;
                    if (rOut > cap[OUT]) {
                        promR = false;
                    } else {
                        maxROut = w[OUT]; // the tool stores the write size here (equal to the read size)
                    }
                }
            } else {
                rOut *= num;
            }
        }
        long writesWgt = w[WGT];
        long writesAct = w[ACT];
        long writesOut = w[OUT];
        long readsDram = w[WGT] + w[ACT] + w[OUT];
        long readsOut = rOut;
        long writesDram = rOut;
        long readsAct = 0;
        long readsWgt = 0;
        long nt = n[B] * n[W] * n[H] * n[I] * n[C];
        long isLoop = ceilDiv(oc, m) * m;
        long osLoop = l.im2col() ? ceilDiv(ic * kk, nf) * nf : ceilDiv(ic, nf) * nf * kk;
        long wsLoop = b * oh * ow;
        long ip = l.actBits();
        long wp = l.wgtBits();
        long isCost = osLoop * wsLoop * (ip + isLoop * (wp + OUT_PREC));
        long osCost = isLoop * wsLoop * (OUT_PREC + osLoop * (ip + wp));
        long wsCost = osLoop * isLoop * (wp + wsLoop * (ip + OUT_PREC));
        long mn = Math.min(isCost, Math.min(wsCost, osCost));
        long kkic = kk * ic;
        if (isCost == mn) {
            long x = nt * kkic * oh * ow * b;
            readsAct += x * ip;
            readsOut += x * oc * OUT_PREC;
            writesOut += x * oc * OUT_PREC;
            readsWgt += x * oc * wp;
        } else if (osCost == mn) {
            long x = nt * oc * oh * ow * b;
            readsAct += x * kkic * ip;
            readsOut += x * OUT_PREC;
            writesOut += x * OUT_PREC;
            readsWgt += x * kkic * wp;
        } else {
            long x = nt * kkic * oc;
            readsAct += x * b * ow * oh * ip;
            readsOut += x * b * ow * oh * OUT_PREC;
            writesOut += x * b * ow * oh * OUT_PREC;
            readsWgt += x * wp;
        }
        long initial = maxW[WGT] + maxW[ACT] + maxW[OUT];
        long fin = maxROut;
        long latency = ceilDiv(initial, c.ifWidth()) + ceilDiv(fin, c.ifWidth());
        long middle = readsDram + writesDram - initial - fin;
        long tileCompute = l.im2col() ? (b * oh * ow) * ceilDiv(oc, m) * ceilDiv(kk * ic, nf)
                : b * ceilDiv(oc, m) * ow * oh * kk * ceilDiv(ic, nf);
        long compute = nt * tileCompute;
        long mem = ceilDiv(middle, c.ifWidth());
        long stall = Math.max(0, mem - compute) + latency;
        long cycles = compute + stall;
        double en = (cycles - stall) * e.core();
        en += readsWgt * e.wbufRead();
        en += writesWgt * e.wbufWrite();
        en += readsAct * e.ibufRead();
        en += writesAct * e.ibufWrite();
        en += readsOut * e.obufRead();
        en += writesOut * e.obufWrite();
        en += readsDram * DRAM_NJ_PER_BIT;
        en += writesDram * DRAM_NJ_PER_BIT;
        return new Stats(cycles, stall, readsAct, readsWgt, readsOut, readsDram, writesAct, writesWgt, writesOut,
                writesDram, en, t.clone(), orderName);
    }
}
