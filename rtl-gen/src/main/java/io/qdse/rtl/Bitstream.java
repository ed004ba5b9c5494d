package io.qdse.rtl;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.io.OutputSet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An iCE40 bitstream of a generated design inside a self-test wrapper ({@code SelfTestTop}: LFSR operands (for an
 * array, LFSR-filled buffers and one GEMM), a signature of every output, a pass LED) so the board needs only its
 * clock and LEDs; the expected signature comes from the Java bit-exact model. Yosys {@code synth_ice40} → nextpnr-ice40 (placed and routed against the board's
 * {@code .pcf}) → icepack, with the Fmax nextpnr's timing analysis reports.
 */
public final class Bitstream {

    /** A board: its iCE40 part, package, clock pin and frequency, and eight LED pins. */
    public record Board(String name, String device, String pack, String clockPin, double clockMhz, List<String> leds,
                        String source) {
        public String pcf() {
            StringBuilder sb = new StringBuilder("# " + name + " (" + source + ")\n");
            sb.append("set_io clk ").append(clockPin).append("\n");
            for (int i = 0; i < leds.size(); i++) {
                sb.append("set_io led[").append(i).append("] ").append(leds.get(i)).append('\n');
            }
            return sb.toString();
        }
    }

    /** What the flow produced. */
    public record Result(Path bin, double fmaxMhz, int luts, int ffs, int carry, int brams, int lcs, int lcsTotal,
                         String log) {
    }

    public static final Board HX8K_BREAKOUT = new Board("hx8k-breakout", "hx8k", "ct256", "J3", 12.0,
            List.of("B5", "B4", "A2", "A1", "C5", "C4", "B3", "C3"),
            "Lattice iCE40-HX8K Breakout Board: 12 MHz oscillator on J3, LEDs D2-D9 on B5 B4 A2 A1 C5 C4 B3 C3");

    private static final long LFSR_MASK = 0x80200003L;

    private Bitstream() {
    }

    public static Board board(String name) {
        if (name == null || name.equalsIgnoreCase(HX8K_BREAKOUT.name())) {
            return HX8K_BREAKOUT;
        }
        throw new InvalidInputException("board", name, "hx8k-breakout (iCE40-HX8K, ct256)");
    }

    /** @return whether the design has a self-test wrapper (every design but the bit-serial array and the MVU, for now) */
    public static boolean supports(Design d) {
        return !(d instanceof Design.BitSerialArray || d instanceof Design.Mvu);
    }

    private static void refuseBitSerialArray(Design d) {
        if (!supports(d)) {
            throw new InvalidInputException("design", d.slug(), "has no self-test wrapper yet (bit-serial arrays and "
                    + "matrix-vector units: use the bundle's testbench, sim_icarus.sh / sim_verilator.sh, and synth.sh)");
        }
    }

    /** The generator's record of the self-test around a PE design. */
    public static SelfTestCfg selfTest(Design d, int steps, long seed) {
        refuseBitSerialArray(d);
        if (d instanceof Design.Array) {
            throw new InvalidInputException("design", d.slug(), "a PE (arrays use arraySelfTest)");
        }
        long expected = signature(d, steps, seed);
        if (d instanceof Design.MacPe m) {
            return new SelfTestCfg(m.toCfg(), null, null, steps, expected, seed);
        }
        if (d instanceof Design.FloatMacPe f) {
            return new SelfTestCfg(null, f.toCfg(), null, steps, expected, seed);
        }
        if (d instanceof Design.BitSerialPe b) {
            return new SelfTestCfg(null, null, b.toCfg(), steps, expected, seed);
        }
        throw new IllegalStateException("unhandled design " + d.slug());
    }

    /**
     * The array self-test: the LFSR fills every word of the A then the B buffers (bank by bank, address by
     * address); one GEMM of the design's maximum size runs; the result words are read back (n outer, m inner) into
     * the signature, then the cycle count. The expected signature comes from the Java bit-exact model
     * ({@link ArrayGolden}) and the cycle count from the Java cycle-stepped engine.
     */
    public static ArraySelfTestCfg arraySelfTest(Design.Array d, long seed) {
        return new ArraySelfTestCfg(d.toCfg(), d.maxM(), d.maxN(), d.maxK(), arraySignature(d, seed), seed);
    }

    static long arraySignature(Design.Array d, long seed) {
        ArrayCfg c = d.toCfg();
        int m = d.maxM();
        int n = d.maxN();
        int k = d.maxK();
        int r = d.rows();
        int cols = d.cols();
        boolean os = d.dataflow() == io.qdse.simulator.arch.Dataflow.OS;
        long[][] a = new long[m][k];
        long[][] b = new long[k][n];
        long lfsr = seed;
        long maskA = (1L << d.pe().a().bits()) - 1;
        long maskB = (1L << d.pe().b().bits()) - 1;
        for (int i = 0; i < r; i++) {
            for (int x = 0; x < c.aDepth(); x++) {
                long v = lfsr & maskA;
                if (os) {
                    int mm = (x / k) * r + i;
                    if (mm < m) {
                        a[mm][x % k] = v;
                    }
                } else {
                    int kk = (x / m) * r + i;
                    if (kk < k) {
                        a[x % m][kk] = v;
                    }
                }
                lfsr = next(lfsr);
            }
        }
        for (int j = 0; j < cols; j++) {
            for (int x = 0; x < c.bDepth(); x++) {
                int nn = (x / k) * cols + j;
                if (nn < n) {
                    b[x % k][nn] = lfsr & maskB;
                }
                lfsr = next(lfsr);
            }
        }
        ArrayGolden.Case cs = ArrayGolden.of(d, a, b);
        java.util.Map<Long, BigInteger> words = new java.util.HashMap<>();
        for (ArrayGolden.Expect e : cs.expects()) {
            words.put(((long) e.bank() << 32) | e.addr(), e.word());
        }
        long sig = 0;
        for (int nn = 0; nn < n; nn++) {
            for (int mm = 0; mm < m; mm++) {
                BigInteger w = words.get(((long) (nn % cols) << 32) | ((long) (nn / cols) * m + mm));
                sig = rotl(sig) ^ fold(w, c.outBits());
            }
        }
        return rotl(sig) ^ (cs.cycles() & 0xffffffffL);
    }

    private static long next(long lfsr) {
        return (lfsr & 1) == 1 ? (lfsr >>> 1) ^ LFSR_MASK : lfsr >>> 1;
    }

    private static long rotl(long sig) {
        return ((sig << 1) | (sig >>> 31)) & 0xffffffffL;
    }

    private static long fold(BigInteger w, int bits) {
        long f = 0;
        for (int i = 0; i < bits; i += 32) {
            f ^= w.shiftRight(i).longValue() & 0xffffffffL;
        }
        return f;
    }

    /** The signature {@code SelfTestTop} must end with, from the Java bit-exact model. */
    public static long signature(Design d, int steps, long seed) {
        int aBits;
        int bBits;
        int accBits;
        MacGolden mac = null;
        Design.FloatMacPe fm = null;
        io.qdse.hwmodels.arith.Accumulator facc = null;
        Design.BitSerialPe bs = null;
        if (d instanceof Design.MacPe m) {
            aBits = m.a().bits();
            bBits = m.b().bits();
            accBits = m.acc().width();
            mac = new MacGolden(m.a(), m.b(), m.acc());
        } else if (d instanceof Design.FloatMacPe f) {
            fm = f;
            aBits = f.a().bits();
            bBits = f.b().bits();
            accBits = f.acc().bits();
            facc = f.spec().start(0);
        } else {
            bs = (Design.BitSerialPe) d;
            aBits = bs.a().bits();
            bBits = bs.k();
            accBits = bs.accBits();
        }
        BigInteger serialAcc = BigInteger.ZERO;
        BigInteger mod = BigInteger.ONE.shiftLeft(accBits);
        int serialStep = 0;
        long lfsr = seed;
        long sig = 0;
        for (int s = 0; s < steps; s++) {
            long a = lfsr & ((1L << aBits) - 1);
            long b = (lfsr >>> aBits) & ((1L << bBits) - 1);
            boolean clear = (s & 63) == 0;
            BigInteger acc;
            int flags;
            if (mac != null) {
                if (clear) {
                    mac.clear();
                } else {
                    mac.mac(a, b);
                }
                acc = mac.register();
                flags = mac.flags();
            } else if (fm != null) {
                if (clear) {
                    facc = fm.spec().start(0);
                } else {
                    facc.addProduct(fm.a().decode(a), fm.b().decode(b));
                }
                acc = BigInteger.valueOf(facc.registerCode());
                flags = 0;
            } else {
                if (clear) {
                    serialAcc = BigInteger.ZERO;
                    serialStep = 0;
                } else {
                    int top = bs.serial().bits() - (bs.steps() - 1) * bs.k();
                    long chunk = serialStep == bs.steps() - 1 ? b & ((1L << top) - 1) : b;
                    if (serialStep == bs.steps() - 1 && bs.serial().signed() && ((chunk >>> (top - 1)) & 1) == 1) {
                        chunk -= 1L << top;
                    }
                    long av = ((IntFormat) bs.a()).decodeInt(a);
                    serialAcc = serialAcc.add(BigInteger.valueOf(av).multiply(BigInteger.valueOf(chunk))
                            .shiftLeft(serialStep * bs.k())).mod(mod);
                    serialStep = serialStep == bs.steps() - 1 ? 0 : serialStep + 1;
                }
                acc = serialAcc;
                flags = 0;
            }
            long fold = flags;
            for (int i = 0; i < accBits; i += 32) {
                fold ^= acc.shiftRight(i).longValue() & 0xffffffffL;
            }
            sig = (((sig << 1) | (sig >>> 31)) & 0xffffffffL) ^ fold;
            lfsr = (lfsr & 1) == 1 ? (lfsr >>> 1) ^ LFSR_MASK : lfsr >>> 1;
        }
        return sig;
    }

    /**
     * Writes {@code fpga/} into an existing bundle of ours (replacing its earlier {@code fpga/} files only): the
     * wrapper's RTL, the board's {@code .pcf}, a testbench that runs the self-test in simulation, and
     * {@code bitstream.sh}.
     *
     * @param force write into a bundle without our marker (e.g. one written by an earlier version)
     * @return the {@code fpga/} folder
     */
    public static Path write(Path bundle, Design d, Board board, int steps, long seed, boolean force)
            throws IOException {
        try (OutputSet out = OutputSet.folderPart(bundle, "DIR", force, "fpga/")) {
            write(out, d, board, steps, seed);
            out.commit();
            return out.dir().resolve("fpga");
        }
    }

    /** Stages {@code fpga/} into an output set (see {@link #write(Path, Design, Board, int, long, boolean)}). */
    public static void write(OutputSet out, Design d, Board board, int steps, long seed) throws IOException {
        refuseBitSerialArray(d);
        String sv;
        int cycles;
        if (d instanceof Design.Array arr) {
            ArraySelfTestCfg cfg = arraySelfTest(arr, seed);
            sv = Generators.run(() -> RtlGen.arraySelfTest(cfg));
            ArrayCfg c = arr.toCfg();
            cycles = arr.rows() * c.aDepth() + arr.cols() * c.bDepth()
                    + (int) ArrayGolden.cycles(arr, arr.maxM(), arr.maxN(), arr.maxK()) + arr.maxM() * arr.maxN() + 64;
        } else {
            SelfTestCfg cfg = selfTest(d, steps, seed);
            sv = Generators.run(() -> RtlGen.selfTest(cfg));
            cycles = steps + 64;
        }
        Path fpga = out.root().resolve("fpga");
        Files.createDirectories(fpga);
        List<String> files = Bundle.splitModules(sv, fpga.resolve("rtl"));
        String rtl = String.join(" ", files);
        Files.writeString(fpga.resolve(board.name() + ".pcf"), board.pcf());
        Files.writeString(fpga.resolve("tb_selftest.sv"), Bundle.resource("tb_selftest.sv"));
        String head = "#!/usr/bin/env bash\n# Generated by " + Bundle.GENERATOR + ": self-test of " + d.slug()
                + " on " + board.name() + "\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\nmkdir -p build\n";
        Path sim = fpga.resolve("sim_selftest.sh");
        Files.writeString(sim, head + "# the self-test in Icarus: the pass LED must light\n"
                + "iverilog -g2012 -o build/tb_selftest.vvp -s tb_selftest -Ptb_selftest.CYCLES=" + cycles
                + " tb_selftest.sv " + rtl + "\nvvp -n build/tb_selftest.vvp | tee build/sim_selftest.log\n"
                + "grep -q '^PASS' build/sim_selftest.log\n");
        Path bit = fpga.resolve("bitstream.sh");
        Files.writeString(bit, head + "# Yosys -> nextpnr-ice40 -> icepack: build/SelfTestTop.bin for " + board.name()
                + "\nyosys -q -l build/yosys.log -p \"read_verilog -sv " + rtl
                + "; synth_ice40 -top SelfTestTop -json build/SelfTestTop.json; tee -o build/stat.txt stat\"\n"
                + "nextpnr-ice40 --" + board.device() + " --package " + board.pack() + " --pcf " + board.name()
                + ".pcf --json build/SelfTestTop.json --asc build/SelfTestTop.asc --freq " + fmt(board.clockMhz())
                + " 2>build/nextpnr.log || { tail -30 build/nextpnr.log; exit 1; }\n"
                + "icepack build/SelfTestTop.asc build/SelfTestTop.bin\n"
                + "grep -i 'Max frequency' build/nextpnr.log | tail -1\n"
                + "ls -l build/SelfTestTop.bin\n");
        OutputSet.makeExecutable(sim);
        OutputSet.makeExecutable(bit);
    }

    private static final Pattern FMAX = Pattern.compile("Max frequency for clock\\s+'[^']*':\\s+([0-9.]+) MHz");
    private static final Pattern LCS = Pattern.compile("ICESTORM_LC:\\s+(\\d+)/\\s*(\\d+)");

    /** Runs {@code fpga/bitstream.sh} and reads the results. */
    public static Result run(Path fpga, long timeoutSeconds) throws IOException {
        for (String tool : new String[] {"yosys", "nextpnr-ice40", "icepack"}) {
            Tools.require(tool, "install it (apt-get install yosys nextpnr-ice40 fpga-icestorm)", "to build a "
                    + "bitstream");
        }
        Tools.Result r = Tools.script(fpga, "bitstream.sh", timeoutSeconds);
        if (!r.ok()) {
            throw new IOException("bitstream flow failed" + (r.timedOut() ? " (timed out)" : "") + ":\n" + r.output());
        }
        String log = Files.readString(fpga.resolve("build/nextpnr.log"));
        double fmax = Double.NaN;
        Matcher m = FMAX.matcher(log);
        while (m.find()) {
            fmax = Double.parseDouble(m.group(1));
        }
        int lcs = -1;
        int total = -1;
        Matcher l = LCS.matcher(log);
        while (l.find()) {
            lcs = Integer.parseInt(l.group(1));
            total = Integer.parseInt(l.group(2));
        }
        Synthesis.Stats st = Synthesis.parse(Files.readString(fpga.resolve("build/stat.txt")), Synthesis.Target.ICE40,
                "", 0);
        return new Result(fpga.resolve("build/SelfTestTop.bin"), fmax, st.luts(), st.ffs(), st.carry(), st.brams(),
                lcs, total, log);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
