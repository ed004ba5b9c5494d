package io.qdse.simulator.scalesim;

import io.qdse.simulator.arch.Dataflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reproduces SCALE-Sim v2 (scalesim-project/scale-sim-v2 @22f88b1) report numbers exactly: the operand-address
 * matrices, the per-fold demand rows of the OS/WS/IS systolic dataflows, the double-buffered scratchpads in CALC mode
 * (epoch de-duplication estimate) and USER mode (line windows over the prefetch order, with stalls), and the ofmap
 * write buffer. Every rule, quirk included, is documented with SCALE-Sim file:line references in
 * docs/scalesim-compat.md; the test suite checks every field of 220 real SCALE-Sim runs byte for byte.
 *
 * <p>Demand rows are computed element by element rather than materialised, so a 512×768×768 GEMM on 32×32 takes
 * about a second where SCALE-Sim takes a minute.
 */
public final class ScaleSimEngine {

    /** How Python's built-in {@code sum()} adds the per-fold utilisations (the last digits depend on it). */
    public enum Summation {
        /** Python ≤ 3.11: left to right. */
        NAIVE,
        /** Python ≥ 3.12: Neumaier-compensated. */
        NEUMAIER
    }

    private final ScaleSimConfig cfg;
    private final Summation summation;

    public ScaleSimEngine(ScaleSimConfig cfg, Summation summation) {
        this.cfg = cfg;
        this.summation = summation;
    }

    // ---- operand addresses ----------------------------------------------------------------------------------

    private static final class Operands {
        final ScaleSimLayer l;
        final long m;
        final long k;
        final long n;
        final int ew;
        final int fwch;
        final long io;
        final long fo;
        final long oo;

        Operands(ScaleSimLayer l, ScaleSimConfig c) {
            this.l = l;
            this.m = l.m();
            this.k = l.k();
            this.n = l.n();
            this.ew = l.ew();
            this.fwch = l.fw() * l.ch();
            this.io = c.ifmapOffset();
            this.fo = c.filterOffset();
            this.oo = c.ofmapOffset();
        }

        long ifmap(long mi, long ki) {
            long oy = mi / ew;
            long ox = mi % ew;
            long fy = ki / fwch;
            long rem = ki % fwch;
            long fx = rem / l.ch();
            long ch = rem % l.ch();
            long iy = oy * l.sh() + fy;
            long ix = ox * l.sw() + fx;
            if (iy < l.h() && ix < l.w()) {
                return io + (iy * l.w() + ix) * l.ch() + ch;
            }
            return -1;
        }

        long filter(long ki, long ni) {
            return fo + ni * k + ki;
        }

        long ofmap(long mi, long ni) {
            return oo + mi * n + ni;
        }
    }

    // ---- mapping --------------------------------------------------------------------------------------------

    private static final class Mapping {
        final Dataflow df;
        final int r;
        final int c;
        final long sr;
        final long sc;
        final long t;
        final long rowsPerFold;
        final long utilCycles;
        final long rf;
        final long cf;

        Mapping(Operands o, ScaleSimConfig cfg) {
            this.df = cfg.dataflow();
            this.r = cfg.rows();
            this.c = cfg.cols();
            switch (df) {
                case OS:
                    sr = o.m;
                    sc = o.n;
                    t = o.k;
                    rowsPerFold = t + r + c - 2;
                    utilCycles = t + r + c - 2;
                    break;
                case WS:
                    sr = o.k;
                    sc = o.n;
                    t = o.m;
                    rowsPerFold = t + 2L * r + c - 2;
                    utilCycles = t + 2L * r + 2L * c - 3;
                    break;
                default:
                    sr = o.k;
                    sc = o.m;
                    t = o.n;
                    rowsPerFold = t + 2L * r + c - 2;
                    utilCycles = t + 2L * r + 2L * c - 3;
                    break;
            }
            rf = (sr + r - 1) / r;
            cf = (sc + c - 1) / c;
        }

        long folds() {
            return rf * cf;
        }

        long ru(long fr) {
            return Math.min(r, sr - fr * r);
        }

        long cu(long fc) {
            return Math.min(c, sc - fc * c);
        }
    }

    /** Writes the valid addresses of demand row {@code row} of fold (fr, fc) into the three buffers. */
    private static final class Row {
        final long[] ifmap;
        final long[] filter;
        int ni;
        int nf;
        int no;

        Row(int width) {
            ifmap = new long[width];
            filter = new long[width];
        }
    }

    private static void demand(Operands o, Mapping mp, long fr, long fc, long row, Row out) {
        int r = mp.r;
        int c = mp.c;
        long t = mp.t;
        long ru = mp.ru(fr);
        long cu = mp.cu(fc);
        out.ni = 0;
        out.nf = 0;
        out.no = 0;
        switch (mp.df) {
            case OS: {
                for (int j = 0; j < r; j++) {
                    long p = row - j;
                    if (p >= 0 && p < t && j < ru) {
                        long a = o.ifmap(fr * r + j, p);
                        if (a != -1) {
                            out.ifmap[out.ni++] = a;
                        }
                    }
                }
                for (int j = 0; j < c; j++) {
                    long p = row - j;
                    if (p >= 0 && p < t && j < cu) {
                        out.filter[out.nf++] = o.filter(p, fc * c + j);
                    }
                }
                for (int j = 0; j < c; j++) {
                    long i = row - j - (t - 1);
                    long oi = r - 1 - i;
                    if (i >= 0 && i < r && oi < ru && j < cu) {
                        out.no++;
                    }
                }
                break;
            }
            case WS: {
                for (int j = 0; j < r; j++) {
                    long tt = row - j - r;
                    if (tt >= 0 && tt < t && j < ru) {
                        long a = o.ifmap(tt, fr * r + j);
                        if (a != -1) {
                            out.ifmap[out.ni++] = a;
                        }
                    }
                }
                long oi = r - 1 - row;
                if (row < r && oi < ru) {
                    for (int j = 0; j < c && j < cu; j++) {
                        out.filter[out.nf++] = o.filter(fr * r + oi, fc * c + j);
                    }
                }
                for (int j = 0; j < c; j++) {
                    long tt = row - j - (2L * r - 1);
                    if (tt >= 0 && tt < t && j < cu) {
                        out.no++;
                    }
                }
                break;
            }
            default: {
                long oi = r - 1 - row;
                if (row < r && oi < ru) {
                    for (int j = 0; j < c && j < cu; j++) {
                        long a = o.ifmap(fc * c + j, fr * r + oi);
                        if (a != -1) {
                            out.ifmap[out.ni++] = a;
                        }
                    }
                }
                for (int j = 0; j < r; j++) {
                    long tt = row - j - r;
                    if (tt >= 0 && tt < t && j < ru) {
                        out.filter[out.nf++] = o.filter(fr * r + j, tt);
                    }
                }
                for (int j = 0; j < c; j++) {
                    long tt = row - j - (2L * r - 1);
                    if (tt >= 0 && tt < t && j < cu) {
                        out.no++;
                    }
                }
                break;
            }
        }
    }

    // ---- read buffers -----------------------------------------------------------------------------------------

    private interface ReadBuffer {
        /** @return the cycle the row is served */
        long service(long cyc, long[] addrs, int count);

        LayerReport.Access dram();
    }

    /** CALC mode: SCALE-Sim's epoch de-duplication estimate (read_buffer_estimate_bw.py). */
    private static final class EstimateReadBuffer implements ReadBuffer {
        final long items;
        final long epoch;
        final LongSet seen;
        long cnt;
        long reads;
        long firstReq = Long.MIN_VALUE;
        long lastTrigger = Long.MIN_VALUE;

        EstimateReadBuffer(int kb) {
            long s = 1024L * kb;
            items = s / 100;
            epoch = 50 * items;
            seen = new LongSet((int) Math.min(epoch + 16, 1 << 22));
        }

        @Override
        public long service(long cyc, long[] addrs, int count) {
            if (firstReq == Long.MIN_VALUE && count > 0) {
                firstReq = cyc;
            }
            for (int i = 0; i < count; i++) {
                if (!seen.add(addrs[i])) {
                    continue;
                }
                reads++;
                cnt++;
                if (cnt == epoch) {
                    seen.clear();
                    cnt = 0;
                    lastTrigger = cyc;
                }
            }
            return cyc + 1;
        }

        @Override
        public LayerReport.Access dram() {
            if (lastTrigger == Long.MIN_VALUE) {
                long nsets = items == 0 ? 0 : (reads + items - 1) / items;
                long cyc = (nsets * items + 9) / 10;
                return new LayerReport.Access(-cyc, -1, reads);
            }
            return new LayerReport.Access(firstReq - (50 * items + 9) / 10, lastTrigger + 1, reads);
        }
    }

    /** USER mode: line windows over the prefetch order (read_buffer.py). */
    private static final class UserReadBuffer implements ReadBuffer {
        final long b;
        final long nl;
        final long al;
        final long pl;
        final long pfLines;
        final long actLines;
        final Map<Long, int[]> where;
        long start;
        long end;
        long reads;
        boolean initialised;
        long dramStart;
        long lastPf;

        UserReadBuffer(int kb, int bw, long[] seq, int seqLen) {
            long s = 1024L * kb;
            this.b = bw;
            long a = (s + 1) / 2; // ceil(0.5·S)
            long p = s - a;
            long fetchRows = (seqLen + b - 1) / b;
            long eps = (s + 99) / 100;
            Map<Long, List<Integer>> w = new HashMap<>();
            List<Long> line = new ArrayList<>();
            long ctr = 0;
            int lid = 0;
            for (int i = 0; i < seqLen; i++) {
                long x = seq[i];
                if (x == -1) {
                    continue;
                }
                line.add(x);
                ctr++;
                if (ctr >= eps) {
                    for (long y : line) {
                        addLine(w, y, lid);
                    }
                    lid++;
                    line.clear();
                    ctr = 0;
                }
            }
            for (long y : line) {
                addLine(w, y, lid);
            }
            this.nl = lid + 1L;
            this.al = Math.min(nl, (a + eps - 1) / eps);
            this.pl = Math.min(nl - al, (p + eps - 1) / eps);
            this.pfLines = (p + b - 1) / b;
            this.actLines = Math.min((a + b - 1) / b, fetchRows);
            this.where = new HashMap<>(w.size() * 2);
            w.forEach((k, v) -> where.put(k, v.stream().mapToInt(Integer::intValue).distinct().toArray()));
            this.start = 0;
            this.end = al;
        }

        private static void addLine(Map<Long, List<Integer>> w, long addr, int lid) {
            List<Integer> l = w.computeIfAbsent(addr, k -> new ArrayList<>(2));
            if (l.isEmpty() || l.get(l.size() - 1) != lid) {
                l.add(lid);
            }
        }

        private boolean hit(long a) {
            int[] ids = where.get(a);
            if (ids == null) {
                return false;
            }
            for (int i : ids) {
                if (start < end) {
                    if (start <= i && i < end) {
                        return true;
                    }
                } else if (i >= start || i < end) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public long service(long cyc, long[] addrs, int count) {
            if (!initialised) {
                initialised = true;
                reads += actLines * b;
                dramStart = cyc - actLines;
                lastPf = cyc - 1;
            }
            long off = 1;
            for (int i = 0; i < count; i++) {
                long a = addrs[i];
                int guard = 0;
                while (!hit(a)) {
                    start = (start + pl) % nl;
                    end = (start + al) % nl;
                    reads += pfLines * b;
                    lastPf += pfLines + 1;
                    long pot = lastPf - (cyc + off);
                    if (pot > 0) {
                        off += pot;
                    }
                    if (++guard > 4 * nl + 4) {
                        throw new IllegalStateException("address " + a + " is never prefetched");
                    }
                }
            }
            return cyc + off;
        }

        @Override
        public LayerReport.Access dram() {
            return new LayerReport.Access(dramStart, lastPf, reads);
        }
    }

    /** The ofmap write buffer (write_buffer.py), B = bandwidth in USER mode or the array width in CALC mode. */
    private static final class WriteBuffer {
        final long a;
        final long d;
        final long b;
        long free;
        final List<Long> lines = new ArrayList<>();
        long cur;
        int ds;
        long drainEnd;
        long writes;
        long cycFirst = Long.MIN_VALUE;
        long cycLast = Long.MIN_VALUE;

        WriteBuffer(int kb, long bw) {
            long s = 1024L * kb;
            this.a = (s + 1) / 2;
            this.d = s - a;
            this.b = bw;
            this.free = s;
        }

        private void flush() {
            if (cur > 0) {
                lines.add(cur);
                cur = 0;
            }
        }

        private long drain(long s) {
            long nMax = (d + b - 1) / b;
            int e = (int) Math.min(ds + nMax, lines.size());
            long n = e - ds;
            long data = n * b - (b - lines.get(e - 1));
            writes += data;
            free += data;
            if (cycFirst == Long.MIN_VALUE) {
                cycFirst = s;
            }
            cycLast = s + n - 1;
            ds = e;
            return s + n - 1;
        }

        long service(long cycle, int nvalid) {
            long c = cycle;
            for (int i = 0; i < nvalid; i++) {
                cur++;
                free--;
                if (cur == b) {
                    lines.add(cur);
                    cur = 0;
                }
                if (c < drainEnd) {
                    if (!(free > 0)) {
                        c = drainEnd;
                    }
                } else if (free < a) {
                    flush();
                    drainEnd = drain(c);
                }
            }
            return c;
        }

        void finish(long cycle) {
            flush();
            long c = cycle;
            while (ds < lines.size()) {
                drainEnd = drain(c);
                c = drainEnd + 1;
            }
        }

        LayerReport.Access dram() {
            return new LayerReport.Access(cycFirst, cycLast, writes);
        }
    }

    // ---- prefetch order (USER mode) ---------------------------------------------------------------------------

    /** Element (row, col) of a stacked prefetch matrix X. */
    private interface Stacked {
        long at(long row, int col);
    }

    private static long[] flatten(long rows, int cols, Stacked x, boolean diagonal, int[] lenOut) {
        long total = rows * cols;
        if (total > Integer.MAX_VALUE - 8) {
            throw new io.qdse.hwmodels.InvalidInputException("layer", rows + "x" + cols,
                    "too large for SCALE-Sim USER-mode emulation (prefetch order over 2^31 entries)");
        }
        long[] out = new long[(int) total];
        int k = 0;
        if (!diagonal) {
            for (long r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[k++] = x.at(r, c);
                }
            }
        } else {
            for (long dd = 0; dd < rows + cols - 1; dd++) {
                long hi = Math.min(dd, rows - 1);
                long lo = Math.max(0, dd - cols + 1);
                for (long r = hi; r >= lo; r--) {
                    out[k++] = x.at(r, (int) (dd - r));
                }
            }
        }
        lenOut[0] = k;
        return out;
    }

    private static long[][] prefetchSequences(Operands o, Mapping mp, int[] ifLen, int[] fLen) {
        int r = mp.r;
        int c = mp.c;
        long t = mp.t;
        long[] ifs;
        long[] fis;
        switch (mp.df) {
            case OS:
                ifs = flatten(mp.rf * t, r, (row, j) -> {
                    long bb = row / t;
                    long p = row % t;
                    return bb * r + j < mp.sr ? o.ifmap(bb * r + j, p) : -1;
                }, true, ifLen);
                fis = flatten(mp.cf * t, c, (row, j) -> {
                    long bb = row / t;
                    long p = row % t;
                    return bb * c + j < mp.sc ? o.filter(p, bb * c + j) : -1;
                }, true, fLen);
                break;
            case WS:
                ifs = flatten(mp.rf * t, r, (row, j) -> {
                    long bb = row / t;
                    long tt = row % t;
                    return bb * r + j < mp.sr ? o.ifmap(tt, bb * r + j) : -1;
                }, true, ifLen);
                fis = flatten(mp.cf * mp.sr, c, (row, j) -> {
                    long bb = row / mp.sr;
                    long kk = row % mp.sr;
                    return bb * c + j < mp.sc ? o.filter(kk, bb * c + j) : -1;
                }, false, fLen);
                break;
            default:
                ifs = flatten(mp.cf * mp.sr, c, (row, j) -> {
                    long bb = row / mp.sr;
                    long kk = row % mp.sr;
                    return bb * c + j < mp.sc ? o.ifmap(bb * c + j, kk) : -1;
                }, false, ifLen);
                fis = flatten(mp.rf * t, r, (row, j) -> {
                    long bb = row / t;
                    long tt = row % t;
                    return bb * r + j < mp.sr ? o.filter(bb * r + j, tt) : -1;
                }, true, fLen);
                break;
        }
        return new long[][] {ifs, fis};
    }

    // ---- the layer --------------------------------------------------------------------------------------------

    /** Simulates one layer and returns every field SCALE-Sim reports for it. */
    public LayerReport simulate(ScaleSimLayer layer) {
        Operands o = new Operands(layer, cfg);
        Mapping mp = new Mapping(o, cfg);
        int r = mp.r;
        int c = mp.c;
        long folds = mp.folds();
        double[] me = new double[(int) folds];
        double[] cuf = new double[(int) folds];
        int f = 0;
        for (long fc = 0; fc < mp.cf; fc++) {
            for (long fr = 0; fr < mp.rf; fr++) {
                long mac = mp.ru(fr) * mp.cu(fc);
                me[f] = PyFloat.trueDiv(mac, (long) r * c);
                cuf[f] = PyFloat.trueDiv(mac * mp.t, (long) r * c * mp.utilCycles);
                f++;
            }
        }
        double mappingEff = sum(me) / folds * 100;
        double computeUtil = sum(cuf) / folds * 100;
        long[] sramCounts = sramCounts(o, mp);

        ReadBuffer ib;
        ReadBuffer fb;
        WriteBuffer wb;
        if (cfg.userBandwidth()) {
            int bw = cfg.userBandwidthWords();
            int[] il = new int[1];
            int[] fl = new int[1];
            long[][] seqs = prefetchSequences(o, mp, il, fl);
            ib = new UserReadBuffer(cfg.ifmapKb(), bw, seqs[0], il[0]);
            fb = new UserReadBuffer(cfg.filterKb(), bw, seqs[1], fl[0]);
            wb = new WriteBuffer(cfg.ofmapKb(), bw);
        } else {
            ib = new EstimateReadBuffer(cfg.ifmapKb());
            fb = new EstimateReadBuffer(cfg.filterKb());
            wb = new WriteBuffer(cfg.ofmapKb(), c);
        }
        Row row = new Row(Math.max(r, c));
        long stall = 0;
        long i = 0;
        long[][] sram = {{Long.MIN_VALUE, 0}, {Long.MIN_VALUE, 0}, {Long.MIN_VALUE, 0}};
        long lastO = 0;
        for (long fc = 0; fc < mp.cf; fc++) {
            for (long fr = 0; fr < mp.rf; fr++) {
                for (long rr = 0; rr < mp.rowsPerFold; rr++) {
                    long cyc = i + stall;
                    demand(o, mp, fr, fc, rr, row);
                    long io = ib.service(cyc, row.ifmap, row.ni);
                    long fo = fb.service(cyc, row.filter, row.nf);
                    long oo = wb.service(cyc, row.no);
                    mark(sram[0], io, row.ni);
                    mark(sram[1], fo, row.nf);
                    mark(sram[2], oo, row.no);
                    stall += Math.max(Math.max(io - cyc - 1, fo - cyc - 1), oo - cyc);
                    lastO = oo;
                    i++;
                }
            }
        }
        wb.finish(lastO);
        long total = lastO;
        double overall = PyFloat.trueDiv(Math.multiplyExact(Math.multiplyExact(o.m * o.n, o.k), 100L),
                total * r * c);
        LayerReport.Access[] s = new LayerReport.Access[3];
        for (int k = 0; k < 3; k++) {
            s[k] = new LayerReport.Access(sram[k][0], sram[k][1], sramCounts[k]);
        }
        LayerReport.Access[] d = {ib.dram(), fb.dram(), wb.dram()};
        return new LayerReport(total, stall, overall, mappingEff, computeUtil, s, d);
    }

    private static void mark(long[] se, long cycle, int count) {
        if (count > 0) {
            if (se[0] == Long.MIN_VALUE) {
                se[0] = cycle;
            }
            se[1] = cycle;
        }
    }

    private static long[] sramCounts(Operands o, Mapping mp) {
        long m = o.m;
        long n = o.n;
        long k = o.k;
        switch (mp.df) {
            case OS:
                return new long[] {mp.cf * m * k, mp.rf * k * n, m * n + mp.folds() * (mp.r + mp.c)};
            case WS:
                return new long[] {mp.cf * m * k, k * n, mp.rf * m * n};
            default:
                return new long[] {k * m, mp.cf * k * n, mp.rf * m * n};
        }
    }

    /** Python's built-in sum() over floats, as the configured Python version does it. */
    double sum(double[] xs) {
        if (summation == Summation.NAIVE) {
            double s = 0;
            for (double x : xs) {
                s += x;
            }
            return s;
        }
        double result = 0.0;
        double comp = 0.0;
        for (double x : xs) {
            double t = result + x;
            if (Math.abs(result) >= Math.abs(x)) {
                comp += (result - t) + x;
            } else {
                comp += (x - t) + result;
            }
            result = t;
        }
        if (comp != 0 && Double.isFinite(comp)) {
            result += comp;
        }
        return result;
    }

    /** @return the names SCALE-Sim's reports use per layer are the running index; this is the list of layers */
    public List<LayerReport> simulateAll(List<ScaleSimLayer> layers) {
        List<LayerReport> out = new ArrayList<>();
        for (ScaleSimLayer l : layers) {
            out.add(simulate(l));
        }
        return out;
    }

    static String debug(long[] a) {
        return Arrays.toString(a);
    }
}
