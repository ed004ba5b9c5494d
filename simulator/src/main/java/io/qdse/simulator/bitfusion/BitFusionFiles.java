package io.qdse.simulator.bitfusion;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.BitSerialPeBuilder;
import io.qdse.hwmodels.cost.BitSerialPeSpec;
import io.qdse.hwmodels.memory.SramCost;
import io.qdse.hwmodels.memory.SramModel;
import io.qdse.hwmodels.memory.SramSpec;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.simulator.workload.ConvGeometry;
import io.qdse.simulator.workload.Layer;
import io.qdse.simulator.workload.LayerOp;
import io.qdse.simulator.workload.OpKind;
import io.qdse.simulator.workload.io.WorkloadFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Inputs of the Bit Fusion-compatible engine: the tool's {@code .ini} configuration, its energy constants, and our
 * layer list mapped onto the tool's layers.
 */
public final class BitFusionFiles {
    private BitFusionFiles() {
    }

    /**
     * Reads a Bit Fusion {@code .ini} as the tool does (ConfigParser; option names case-insensitive; every key it reads
     * is required): {@code [system] if_width}, {@code [accelerator] a, c, high_prec, low_prec, Wgt_SRAM, Act_SRAM,
     * Out_SRAM, frequency}. Other keys ({@code b}, {@code mem_size}, {@code [area]}, ...) are accepted and unused, as
     * in the tool.
     */
    public static BitFusionSim.Config readConfig(Path ini) {
        List<String> lines = io.qdse.simulator.io.TextFiles.read(ini, "--bitfusion-cfg").lines().toList();
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("[") && l.endsWith("]")) {
                section = l.substring(1, l.length() - 1).strip();
                sections.putIfAbsent(section, new LinkedHashMap<>());
                continue;
            }
            int eq = indexOfSeparator(l);
            if (section == null || eq <= 0) {
                throw new InvalidInputException(ini + " line " + (i + 1), l, section == null
                        ? "a [section] header before the first option" : "key = value");
            }
            sections.get(section).put(l.substring(0, eq).strip().toLowerCase(Locale.ROOT), l.substring(eq + 1).strip());
        }
        return new BitFusionSim.Config(intKey(sections, ini, "accelerator", "a"), intKey(sections, ini, "accelerator", "c"),
                intKey(sections, ini, "accelerator", "high_prec"), intKey(sections, ini, "accelerator", "low_prec"),
                longKey(sections, ini, "system", "if_width"), longKey(sections, ini, "accelerator", "wgt_sram"),
                longKey(sections, ini, "accelerator", "act_sram"), longKey(sections, ini, "accelerator", "out_sram"),
                longKey(sections, ini, "accelerator", "frequency"));
    }

    private static int indexOfSeparator(String l) {
        int eq = l.indexOf('=');
        int colon = l.indexOf(':');
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }

    private static long longKey(Map<String, Map<String, String>> s, Path ini, String section, String key) {
        Map<String, String> sec = s.get(section);
        String v = sec == null ? null : sec.get(key);
        if (v == null) {
            throw new InvalidInputException(ini + ": [" + section + "] " + key, "missing", "a whole number (the tool "
                    + "reads it; see docs/bitfusion-compat.md)");
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(ini + ": [" + section + "] " + key, v, "a whole number");
        }
    }

    private static int intKey(Map<String, Map<String, String>> s, Path ini, String section, String key) {
        long v = longKey(s, ini, section, key);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new InvalidInputException(ini + ": [" + section + "] " + key, v, "a whole number in 0.." + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** Energy constants and where they came from. */
    public record Energy(BitFusionSim.EnergyCosts costs, String source) {
    }

    /**
     * The energy constants for a configuration: those the real tool derived for it when it is one of the recorded
     * configurations (exact), else QDSE's estimate (CACTI-calibrated SRAM energies and the structural fusion-unit
     * energy at 45 nm). They only order tilings of equal cycles: on every third golden layer, scaling every constant by
     * a random factor in [1/e, e] never changed a layer's cycles or memory-wait cycles (BitFusionGoldenTest).
     */
    public static Energy energy(BitFusionSim.Config c) {
        for (String[] r : KNOWN) {
            if (Integer.parseInt(r[0]) == c.rows() && Integer.parseInt(r[1]) == c.cols()
                    && Integer.parseInt(r[2]) == c.highPrec() && Integer.parseInt(r[3]) == c.lowPrec()
                    && Long.parseLong(r[4]) == c.wgtBytes() && Long.parseLong(r[5]) == c.actBytes()
                    && Long.parseLong(r[6]) == c.outBytes()) {
                return new Energy(new BitFusionSim.EnergyCosts(num(r[7]), num(r[8]), num(r[9]), num(r[10]), num(r[11]),
                        num(r[12]), num(r[13])), "the tool's own constants for this configuration");
            }
        }
        AsicTechnology n45 = AsicTechnology.of(45);
        SramModel sram = SramModel.cacti7();
        int word = c.highPrec() * c.highPrec() / c.lowPrec();
        double[] w = perBit(sram, c.wgtBytes(), word, c.rows() * c.cols(), n45);
        double[] i = perBit(sram, c.actBytes(), word, c.rows(), n45);
        double[] o = perBit(sram, c.outBytes(), 32, c.cols(), n45);
        BitSerialPeSpec fu = new BitSerialPeSpec("bitfusion", BitSerialPeSpec.Serial.NONE, 1, 1, 1, c.highPrec(),
                c.highPrec(), c.lowPrec(), (c.highPrec() / c.lowPrec()) * (c.highPrec() / c.lowPrec()), false, false, 0,
                32);
        double core = AsicCostModel.standard().estimate(BitSerialPeBuilder.of(fu).perCycle(), n45).energyPj()
                * c.rows() * c.cols() / 1000;
        return new Energy(new BitFusionSim.EnergyCosts(core, w[0], w[1], i[0], i[1], o[0], o[1]), "QDSE's estimate "
                + "(not a recorded configuration: cycles and memory-wait cycles are the tool's; access counters and the "
                + "tie-break energy may differ where equal-cycle tilings tie)");
    }

    /** [read, write] nJ per bit of a buffer split into {@code banks} banks of {@code word}-bit words. */
    private static double[] perBit(SramModel m, long bytes, int word, int banks, AsicTechnology t) {
        int b = Math.max(1, Math.min(banks, 4096));
        long perBank = Math.max(64, bytes / b);
        SramCost c = m.estimate(new SramSpec(perBank, Math.max(8, Math.min(word, 8192)), 1), t);
        return new double[] {c.readPj() / word / 1000, c.writePj() / word / 1000};
    }

    private static double num(String s) {
        return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
    }

    private static final List<String[]> KNOWN = readKnown();

    private static List<String[]> readKnown() {
        List<String[]> out = new ArrayList<>();
        String path = "/io/qdse/simulator/bitfusion/energy_costs.csv";
        try (InputStream in = Objects.requireNonNull(BitFusionFiles.class.getResourceAsStream(path), path);
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
                out.add(line.split(","));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Our layer list as the tool's layers. A convolution is the tool's square layer: kernel {@code kernel_h},
     * stride, output size {@code ⌊(in_h + 2·pad − k)/stride⌋ + 1}; a linear layer is K = O = S = 1 with the rows of
     * A as the batch; {@code weight_bits} and {@code act_bits} give each layer's precisions (default 8, as the
     * tool's benchmarks), {@code im2col} the first-layer formulas (default: true for the first convolution of the
     * list only, the layer that reads the network input).
     *
     * @param batch the samples to run: the list describes one (its convolutions' images and linear layers' rows are
     *              multiplied by this); 0 = as the list gives them
     */
    public static List<BitFusionSim.Layer> layers(WorkloadFiles.LayerList list, long batch) {
        List<BitFusionSim.Layer> out = new ArrayList<>();
        boolean firstConv = true;
        for (Layer layer : list.workload().layers()) {
            if (layer.ops().isEmpty()) {
                continue;
            }
            WorkloadFiles.LayerAttrs a = list.attrs().getOrDefault(layer.name(), new WorkloadFiles.LayerAttrs(null,
                    null, null, null));
            int wb = a.weightBits() == null ? 8 : a.weightBits();
            int ab = a.actBits() == null ? 8 : a.actBits();
            if (layer.ops().size() != 1) {
                throw new InvalidInputException(layer.name(), layer.ops().size() + " ops", "one op per layer");
            }
            LayerOp op = layer.ops().get(0);
            String n = layer.name();
            if (op.kind() == OpKind.MATMUL || op.kind() == OpKind.KV_MATMUL) {
                throw new InvalidInputException(n + ".type", "matmul", "conv or linear: Bit Fusion's simulator has no "
                        + "activation-activation product (its graphs give such ops 0 cycles; leave them out)");
            }
            ConvGeometry g = op.conv();
            if (g == null) {
                long rows = Math.multiplyExact(op.m(), op.batch());
                out.add(new BitFusionSim.Layer(n, 1, 1, 1, op.k(), op.n(), batch > 0 ? Math.multiplyExact(rows, batch)
                        : rows, ab, wb, false)); // the tool's FC layers never take the im2col formulas
                continue;
            }
            if (g.groups() != 1) {
                throw new InvalidInputException(n + ".groups", g.groups(), "1: Bit Fusion's simulator models dense "
                        + "convolutions only");
            }
            if (g.kernelH() != g.kernelW() || g.strideH() != g.strideW() || g.outH() != g.outW()) {
                throw new InvalidInputException(n, "kernel " + g.kernelH() + "x" + g.kernelW() + ", stride "
                        + g.strideH() + "x" + g.strideW() + ", output " + g.outH() + "x" + g.outW(), "a square layer "
                        + "(Bit Fusion's simulator uses the kernel, stride and output height for both dimensions)");
            }
            long images = op.m() / ((long) g.outH() * g.outW());
            boolean im2col = a.im2col() != null ? a.im2col() : firstConv;
            firstConv = false;
            out.add(new BitFusionSim.Layer(n, g.kernelH(), g.outH(), g.strideH(), g.inChannels(), g.outChannels(),
                    batch > 0 ? Math.multiplyExact(images, batch) : images, ab, wb, im2col));
        }
        return out;
    }
}
