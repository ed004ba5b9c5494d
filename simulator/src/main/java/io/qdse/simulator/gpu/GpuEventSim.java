package io.qdse.simulator.gpu;

import java.util.ArrayDeque;
import java.util.PriorityQueue;

/**
 * Event-level simulation of one GEMM kernel on a GPU, under the configuration the closed form chose
 * ({@link GemmEstimate#tile()}): every CTA is placed on an SM slot by the block scheduler (round robin, then the SM
 * whose CTA finished), issues its first stages − 1 k-block loads, and then repeats: wait for its next k-block, wait
 * for the SM's tensor pipe (shared by the CTAs resident on that SM, first come first served), run the k-block's MMAs
 * (tensor core, shared-memory or CUDA-core widening time, whichever is longest), and when that MMA starts —
 * the barrier that frees the previous buffer — issue the load of k-block + stages − 1. Loads go through two shared
 * first-come-first-served servers, L2 (every byte, at the L2 bandwidth) and HBM (the share of the bytes that misses in
 * L2, as the closed form estimates it, at {@link GpuEfficiency#hbmEfficiency} of the peak), and arrive one load
 * latency after both have served them. After its last MMA a CTA writes its C tile (and split-K partials) to HBM
 * asynchronously and frees its slot. The kernel ends with the last write; the fixed per-kernel time is added.
 *
 * <p>It agrees with the closed form where one pipe dominates for the whole kernel (compute-bound full waves;
 * streaming-bound skinny GEMMs); it differs where pipes trade places within the kernel, where latency and bandwidth
 * interact (a pipeline that does not hide the load latency also delays its loads' bandwidth), and at the tail of a
 * partial last wave (docs/gpu.md). Deterministic; state lives inside one run.
 */
public final class GpuEventSim {
    /** Above this many CTA k-blocks, consecutive k-blocks are simulated as one (coarsening reported in the result). */
    public static final long MAX_BLOCKS = 2_000_000;

    private final GpuEfficiency eff;

    public GpuEventSim(GpuEfficiency eff) {
        this.eff = eff;
    }

    /**
     * @param cycles        kernel cycles from the first CTA's start to the last write (fixed time excluded)
     * @param latencyUs     cycles at the clock plus the fixed per-kernel time, µs
     * @param mmaBusyCycles the busiest SM's tensor-pipe busy cycles
     * @param events        events processed
     * @param coarsening    k-blocks simulated as one
     */
    public record Result(double cycles, double latencyUs, double mmaBusyCycles, long events, long coarsening) {
    }

    private static final int LOAD_DONE = 0;
    private static final int MMA_DONE = 1;

    private record Ev(double time, long seq, int type, int cta) implements Comparable<Ev> {
        @Override
        public int compareTo(Ev o) {
            int c = Double.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** Simulates the kernel the estimate describes. */
    public Result run(GemmEstimate e) {
        GpuSpec g = e.gpu();
        GemmPath p = e.path();
        TileConfig t = e.tile();
        long ctasL = e.ctas();
        if (ctasL > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("too many CTAs for the event-level simulation: " + ctasL);
        }
        int ctas = (int) ctasL;
        long kIters0 = e.kIters();
        long coarse = Math.max(1, (long) Math.ceil((double) ctasL * kIters0 / MAX_BLOCKS));
        coarse = Math.min(coarse, kIters0);
        int kIters = (int) ((kIters0 + coarse - 1) / coarse);
        int inFlight = (int) Math.max(1, (long) Math.ceil((t.stages() - 1) / (double) coarse));
        double clkHz = g.clockMhz() * 1e6;
        double lat = eff.memLatencyNs() * 1e-9 * clkHz;
        double rate = p.macsPerClk(g) * eff.mmaEfficiency();
        double lanes = g.fp32LanesPerSm();
        double kbL2 = (t.bm() * p.aStoreBits() + t.bn() * p.bStoreBits()) * t.bk() / 8.0 * coarse;
        double partialsBytes = t.splitK() > 1 ? (double) t.splitK() * e.batch() * e.m() * e.n()
                * GpuKernelModel.ACC_BYTES : 0;
        double operandDram = e.dramReadBytes() - partialsBytes;
        double missFraction = e.l2ReadBytes() > 0 ? Math.min(1, operandDram / e.l2ReadBytes()) : 0;
        double kbDram = kbL2 * missFraction;
        double mmaKb = (double) t.bm() * t.bn() * t.bk() * coarse / rate;
        double smemKb = kbL2 / GpuKernelModel.SMEM_BYTES_PER_CLK;
        double deqKb = (double) t.bk() * coarse * (t.bm() * p.aDequantOps() + t.bn() * p.bDequantOps()) / lanes;
        double kbTime = Math.max(Math.max(mmaKb, smemKb), deqKb);
        double recovery = p.kind() == GemmPath.Kind.BIT_PLANE ? 2.0 * p.planeProducts() * t.bm() * t.bn() / lanes : 0;
        double epilogueBytes = (e.dramWriteBytes() + partialsBytes) / ctas;
        double dramRate = g.hbmBytesPerClk() * eff.hbmEfficiency();
        double l2Rate = g.l2BytesPerClk();

        int sms = g.sms();
        int occ = e.occupancy();
        int[] smOf = new int[ctas];
        int[] issued = new int[ctas];
        int[] loaded = new int[ctas];
        int[] nextMma = new int[ctas];
        boolean[] waitingOrRunning = new boolean[ctas];
        double[] tensorFree = new double[sms];
        double[] tensorBusy = new double[sms];
        boolean[] tensorRunning = new boolean[sms];
        @SuppressWarnings("unchecked")
        ArrayDeque<Integer>[] waiting = new ArrayDeque[sms];
        for (int i = 0; i < sms; i++) {
            waiting[i] = new ArrayDeque<>();
        }
        PriorityQueue<Ev> q = new PriorityQueue<>();
        long[] seq = {0};
        double[] dram = {0};
        double[] l2 = {0};
        double end = 0;
        long events = 0;
        int next = 0;
        // initial placement: round robin over SMs, occ slots each
        for (int slot = 0; slot < occ && next < ctas; slot++) {
            for (int sm = 0; sm < sms && next < ctas; sm++) {
                smOf[next] = sm;
                start(next, 0, kIters, inFlight, kbL2, kbDram, lat, dramRate, l2Rate, issued, q, seq, dram, l2);
                next++;
            }
        }
        while (!q.isEmpty()) {
            Ev ev = q.poll();
            events++;
            double now = ev.time();
            int c = ev.cta();
            int sm = smOf[c];
            if (ev.type() == LOAD_DONE) {
                loaded[c]++;
                if (!waitingOrRunning[c] && nextMma[c] < loaded[c]) {
                    waitingOrRunning[c] = true;
                    if (!tensorRunning[sm]) {
                        startMma(c, sm, now, kbTime, kIters, inFlight, kbL2, kbDram, lat, dramRate, l2Rate, issued,
                                nextMma, tensorFree, tensorBusy, tensorRunning, q, seq, dram, l2);
                    } else {
                        waiting[sm].add(c);
                    }
                }
                continue;
            }
            // MMA_DONE
            tensorRunning[sm] = false;
            nextMma[c]++;
            waitingOrRunning[c] = false;
            if (nextMma[c] == kIters) {
                double w = Math.max(now + recovery, dram[0]) + epilogueBytes / dramRate;
                dram[0] = w;
                end = Math.max(end, w);
                tensorFree[sm] = now + recovery;
                if (next < ctas) {
                    smOf[next] = sm;
                    start(next, now + recovery, kIters, inFlight, kbL2, kbDram, lat, dramRate, l2Rate, issued, q, seq,
                            dram, l2);
                    next++;
                }
            } else if (nextMma[c] < loaded[c]) {
                waitingOrRunning[c] = true;
                waiting[sm].add(c);
            }
            // hand the tensor pipe to the next ready CTA on this SM
            Integer w = waiting[sm].poll();
            if (w != null) {
                startMma(w, sm, Math.max(now, tensorFree[sm]), kbTime, kIters, inFlight, kbL2, kbDram, lat, dramRate,
                        l2Rate, issued, nextMma, tensorFree, tensorBusy, tensorRunning, q, seq, dram, l2);
            }
        }
        double busiest = 0;
        for (double b : tensorBusy) {
            busiest = Math.max(busiest, b);
        }
        return new Result(end, eff.fixedUs() + end / clkHz * 1e6, busiest, events, coarse);
    }

    private static void start(int c, double now, int kIters, int inFlight, double kbL2, double kbDram, double lat,
                              double dramRate, double l2Rate, int[] issued, PriorityQueue<Ev> q, long[] seq,
                              double[] dram, double[] l2) {
        int first = Math.min(inFlight, kIters);
        for (int i = 0; i < first; i++) {
            load(c, now, kbL2, kbDram, lat, dramRate, l2Rate, q, seq, dram, l2);
        }
        issued[c] = first;
    }

    private static void startMma(int c, int sm, double now, double kbTime, int kIters, int inFlight, double kbL2,
                                 double kbDram, double lat, double dramRate, double l2Rate, int[] issued,
                                 int[] nextMma, double[] tensorFree, double[] tensorBusy, boolean[] tensorRunning,
                                 PriorityQueue<Ev> q, long[] seq, double[] dram, double[] l2) {
        double s = Math.max(now, tensorFree[sm]);
        tensorFree[sm] = s + kbTime;
        tensorBusy[sm] += kbTime;
        tensorRunning[sm] = true;
        q.add(new Ev(s + kbTime, seq[0]++, MMA_DONE, c));
        // the barrier at this k-block frees the previous buffer: refill it with k-block + stages - 1
        if (issued[c] < kIters && issued[c] <= nextMma[c] + inFlight) {
            load(c, s, kbL2, kbDram, lat, dramRate, l2Rate, q, seq, dram, l2);
            issued[c]++;
        }
    }

    private static void load(int c, double now, double kbL2, double kbDram, double lat, double dramRate, double l2Rate,
                             PriorityQueue<Ev> q, long[] seq, double[] dram, double[] l2) {
        double d = Math.max(now, dram[0]) + kbDram / dramRate;
        dram[0] = d;
        double l = Math.max(now, l2[0]) + kbL2 / l2Rate;
        l2[0] = l;
        q.add(new Ev(Math.max(d, l) + lat, seq[0]++, LOAD_DONE, c));
    }
}
