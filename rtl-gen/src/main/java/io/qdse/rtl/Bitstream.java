package io.qdse.rtl;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.arith.FixedPointAccumulator;
import io.qdse.hwmodels.format.IntFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An iCE40 bitstream of a generated PE: the PE inside a self-test wrapper ({@code SelfTestTop}: LFSR operands,
 * a signature of every output, a pass LED) so the board needs only its clock and LEDs; the expected signature comes
 * from the Java bit-exact model. Yosys {@code synth_ice40} → nextpnr-ice40 (placed and routed against the board's
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

    /** The generator's record of the self-test around a PE design. */
    public static SelfTestCfg selfTest(Design d, int steps, long seed) {
        long expected = signature(d, steps, seed);
        if (d instanceof Design.MacPe m) {
            return new SelfTestCfg(m.toCfg(), null, steps, expected, seed);
        }
        if (d instanceof Design.BitSerialPe b) {
            return new SelfTestCfg(null, b.toCfg(), steps, expected, seed);
        }
        throw new InvalidInputException("design", d.slug(), "bitstreams are built for PEs (mac, bitserial); arrays "
                + "need a buffer-loading self-test that is not generated yet");
    }

    /** The signature {@code SelfTestTop} must end with, from the Java bit-exact model. */
    public static long signature(Design d, int steps, long seed) {
        int aBits;
        int bBits;
        int accBits;
        MacGolden mac = null;
        Design.BitSerialPe bs = null;
        if (d instanceof Design.MacPe m) {
            aBits = m.a().bits();
            bBits = m.b().bits();
            accBits = m.acc().width();
            mac = new MacGolden(m.a(), m.b(), m.acc());
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
     * Writes {@code fpga/} into a bundle: the wrapper's RTL, the board's {@code .pcf}, a testbench that runs the
     * self-test in simulation, and {@code bitstream.sh}.
     */
    public static Path write(Path bundle, Design d, Board board, int steps, long seed) throws IOException {
        SelfTestCfg cfg = selfTest(d, steps, seed);
        String sv = Generators.run(() -> RtlGen.selfTest(cfg));
        Path fpga = bundle.resolve("fpga");
        Bundle.deleteTree(fpga);
        Files.createDirectories(fpga);
        List<String> files = Bundle.splitModules(sv, fpga.resolve("rtl"));
        String rtl = String.join(" ", files);
        Files.writeString(fpga.resolve(board.name() + ".pcf"), board.pcf());
        Files.writeString(fpga.resolve("tb_selftest.sv"), Bundle.resource("tb_selftest.sv"));
        String head = "#!/usr/bin/env bash\n# Generated by " + Bundle.GENERATOR + ": self-test of " + d.slug()
                + " on " + board.name() + "\nset -euo pipefail\ncd \"$(dirname \"$0\")\"\nmkdir -p build\n";
        int cycles = steps + 64;
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
        sim.toFile().setExecutable(true, false);
        bit.toFile().setExecutable(true, false);
        return fpga;
    }

    private static final Pattern FMAX = Pattern.compile("Max frequency for clock\\s+'[^']*':\\s+([0-9.]+) MHz");
    private static final Pattern LCS = Pattern.compile("ICESTORM_LC:\\s+(\\d+)/\\s*(\\d+)");

    /** Runs {@code fpga/bitstream.sh} and reads the results. */
    public static Result run(Path fpga, long timeoutSeconds) throws IOException {
        for (String tool : new String[] {"yosys", "nextpnr-ice40", "icepack"}) {
            if (!Tools.available(tool)) {
                throw new InvalidInputException(tool, "absent", "install it (apt-get install yosys nextpnr-ice40 "
                        + "fpga-icestorm) to build a bitstream");
            }
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

    static int width(FixedPointAccumulator a) {
        return a.width();
    }
}
