package io.qdse.rtl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.qdse.hwmodels.cost.AsicCost;
import io.qdse.hwmodels.cost.AsicCostModel;
import io.qdse.hwmodels.cost.OpSpec;
import io.qdse.hwmodels.fpga.FpgaCost;
import io.qdse.hwmodels.fpga.FpgaCostModel;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.io.OutputSet;
import io.qdse.hwmodels.tech.AsicTechnology;
import io.qdse.hwmodels.tech.FpgaPart;
import io.qdse.hwmodels.tech.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes an RTL bundle: {@code rtl/} (one file per module), {@code tb/} (self-checking testbench),
 * {@code vectors/} (golden vectors from the Java bit-exact model), {@code params.json} (what it was built from and
 * the models' predictions) and the scripts of the tool flow ({@code lint.sh}, {@code sim_icarus.sh},
 * {@code sim_verilator.sh}, {@code synth.sh} with {@code synth_*.ys}).
 */
public final class Bundle {
    /** What was written. */
    public record Written(Path dir, Design design, List<String> rtlFiles, int vectors, List<Long> cycles) {
    }

    private static final Pattern MODULE = Pattern.compile("(?ms)^module\\s+(\\w+).*?^endmodule\\s*$");
    public static final String GENERATOR = "qdse rtl-gen (Chisel 6.7.0, firtool " + RtlGen.firtoolVersion() + ")";

    private Bundle() {
    }

    /**
     * Writes a bundle into a new folder, an empty one or an earlier bundle of ours (see {@link OutputSet#folder});
     * refuses a folder with files of someone else's.
     *
     * @param vectors PE cycles or array GEMM cases of golden vectors
     * @param seed    random seed of the vectors
     */
    public static Written write(Design d, Path dir, int vectors, long seed) throws IOException {
        try (OutputSet out = OutputSet.folder(dir, "bundle folder", false, List.of())) {
            Written w = write(d, out, vectors, seed);
            out.commit();
            return w;
        }
    }

    /**
     * Stages a bundle into {@code out} (the caller commits it, possibly with more files such as {@code fpga/}).
     *
     * @param vectors PE cycles or array GEMM cases of golden vectors
     * @param seed    random seed of the vectors
     */
    public static Written write(Design d, OutputSet out, int vectors, long seed) throws IOException {
        if (d instanceof Design.Chain) {
            throw new IllegalArgumentException("a dataflow design's vectors come from its network: writeDataflow");
        }
        String sv = d.verilog();
        Path tmp = out.root();
        List<String> files = splitModules(sv, tmp.resolve("rtl"));
        List<Long> cycles = new ArrayList<>();
        Map<String, Object> tbParams = new LinkedHashMap<>();
        Files.createDirectories(tmp.resolve("tb"));
        Files.createDirectories(tmp.resolve("vectors"));
        String tbName;
        if (d instanceof Design.Array arr) {
            tbName = "tb_array";
            List<ArrayGolden.Case> cases = ArrayGolden.random(arr, vectors, seed);
            writeArrayVectors(arr, cases, tmp.resolve("vectors"), tbParams);
            cases.forEach(c -> cycles.add(c.cycles()));
        } else if (d instanceof Design.BitSerialArray bsa) {
            tbName = "tb_bitserial_array";
            List<BitSerialArrayGolden.Case> cases = BitSerialArrayGolden.random(bsa, vectors, seed);
            writeBitSerialVectors(bsa, cases, tmp.resolve("vectors"), tbParams);
            cases.forEach(c -> cycles.add(c.cycles()));
        } else if (d instanceof Design.Mvu mvu) {
            tbName = "tb_mvu";
            MvuGolden.Run r = MvuGolden.run(mvu, vectors, seed);
            writeMvuVectors(mvu, r, tmp.resolve("vectors"), tbParams);
            cycles.add(r.fullRateCycles());
        } else {
            tbName = "tb_pe";
            List<Vectors.Step> steps;
            int aBits;
            int bBits;
            int accBits;
            if (d instanceof Design.MacPe mac) {
                steps = Vectors.mac(mac, vectors, seed);
                aBits = mac.a().bits();
                bBits = mac.b().bits();
                accBits = mac.acc().width();
                Files.writeString(tmp.resolve("vectors/pe.hex"), Vectors.peHex(steps, mac.a(), bBits, accBits));
            } else if (d instanceof Design.FloatMacPe fm) {
                steps = Vectors.floatMac(fm, vectors, seed);
                aBits = fm.a().bits();
                bBits = fm.b().bits();
                accBits = fm.acc().bits();
                Files.writeString(tmp.resolve("vectors/pe.hex"), Vectors.peHex(steps, fm.a(), bBits, accBits));
            } else {
                Design.BitSerialPe bs = (Design.BitSerialPe) d;
                steps = Vectors.bitSerial(bs, vectors, seed);
                aBits = bs.a().bits();
                bBits = bs.k();
                accBits = bs.accBits();
                Files.writeString(tmp.resolve("vectors/pe.hex"), Vectors.peHex(steps, bs.a(), bBits, accBits));
            }
            tbParams.put("AW", aBits);
            tbParams.put("BW", bBits);
            tbParams.put("OW", accBits);
            tbParams.put("N", steps.size());
        }
        Files.writeString(tmp.resolve("tb/" + tbName + ".sv"), resource(tbName + ".sv"));
        writeScripts(d, tmp, files, tbName, tbParams);
        Files.writeString(tmp.resolve("params.json"), params(d, vectors, seed, files, cycles, tbParams));
        return new Written(out.dir(), d, files, vectors, cycles);
    }

    /**
     * Stages a whole-network dataflow bundle into {@code out}: {@code rtl/} (Dataflow, Mvu0.., their ROMs, width
     * converters), {@code tb/tb_mvu.sv} with {@code -DDUT=Dataflow} (the chain has a single unit's ports), the input
     * codes and the last unit's outputs from {@link DataflowGolden}, and {@code params.json} with {@code extra}
     * (quantization, calibration, the engine's estimate). The Xilinx scripts target {@code xilinxFamily} (xc7 for a
     * Zynq-7000 part, xcup for UltraScale+).
     */
    public static Written writeDataflow(Design.Chain d, long[][] inputCodes, OutputSet out, String xilinxFamily,
                                        Map<String, Object> extra) throws IOException {
        String sv = d.verilog();
        Path tmp = out.root();
        List<String> files = splitModules(sv, tmp.resolve("rtl"));
        Files.createDirectories(tmp.resolve("tb"));
        Files.createDirectories(tmp.resolve("vectors"));
        DataflowGolden.Run r = DataflowGolden.run(d, inputCodes);
        Design.Mvu f = d.first();
        Design.Mvu l = d.last();
        int inw = f.simd() * f.a().bits();
        int outw = l.pe() * l.elementBits();
        StringBuilder in = new StringBuilder();
        for (java.math.BigInteger w : r.inBeats()) {
            in.append(Vectors.hex(w, inw)).append('\n');
        }
        StringBuilder ob = new StringBuilder();
        for (java.math.BigInteger w : r.outBeats()) {
            ob.append(Vectors.hex(w, outw)).append('\n');
        }
        Files.writeString(tmp.resolve("vectors/mvu_in.hex"), in);
        Files.writeString(tmp.resolve("vectors/mvu_out.hex"), ob);
        long[] bounds = DataflowGolden.cycleBounds(d, inputCodes.length);
        Map<String, Object> tb = new LinkedHashMap<>();
        tb.put("INW", inw);
        tb.put("OUTW", outw);
        tb.put("NIN", r.inBeats().size());
        tb.put("NOUT", r.outBeats().size());
        tb.put("CYCLES", 0); // a chain's full-rate cycles are reported and bounded, not predicted to the cycle
        tb.put("LIMIT", 4 * bounds[1] + 1000);
        boolean spram = d.hasSpram();
        List<Integer> image = spram ? d.loadImage() : List.of();
        if (spram) {
            StringBuilder img = new StringBuilder();
            for (int word : image) {
                img.append(Vectors.hex(word, 16)).append('\n');
            }
            Files.writeString(tmp.resolve(LOAD_IMAGE), img);
            tb.put("NLOAD", image.size());
        }
        Files.writeString(tmp.resolve("tb/tb_mvu.sv"), resource("tb_mvu.sv"));
        writeScripts(d, tmp, files, "tb_mvu", tb, spram);
        for (String k : spram ? new String[0] : new String[] {"synth_xilinx.ys", "synth_xilinx_nodsp.ys"}) {
            Path p = tmp.resolve(k);
            Files.writeString(p, Files.readString(p).replace("-family xcup", "-family " + xilinxFamily)
                    .replace("UltraScale+", xilinxFamily));
        }
        if (extra.get("device") instanceof String dev && dev.toLowerCase(java.util.Locale.ROOT).startsWith("ice40-")) {
            // place and route for the part (its ports on package pins nextpnr picks; no board wrapper yet)
            String pkg = dev.endsWith("up5k") ? "sg48" : dev.endsWith("hx8k") ? "ct256" : "sg48";
            String part = dev.substring("ice40-".length());
            String top = "Dataflow";
            String srcs = String.join(" ", files);
            // the chain's ports (with SPRAM, its 16-bit load port too) outnumber an SG48's 39 I/Os: every stream goes
            // in and out as bytes through the pins wrapper
            int ports = 6 + inw + outw + (spram ? 19 : 0);
            if (pkg.equals("sg48") && (spram || ports > 39)) {
                top = "DataflowPins";
                srcs += " fpga/DataflowPins.v";
                Files.createDirectories(tmp.resolve("fpga"));
                Files.writeString(tmp.resolve("fpga/DataflowPins.v"), pinsWrapper(inw, outw, spram));
                Map<String, Object> tbp = new LinkedHashMap<>(tb);
                // a beat takes up to ceil(w / 8) + 1 cycles at the pins
                tbp.put("LIMIT", ((Number) tb.get("LIMIT")).longValue() * (Math.max((inw + 7) / 8, (outw + 7) / 8) + 1));
                script(tmp, "fpga/sim_pins.sh", "#!/usr/bin/env bash\n# Generated by " + GENERATOR + " for "
                        + d.slug() + "\n# Icarus: the testbench through the pins wrapper (streams"
                        + (spram ? " and the load image" : "") + " as bytes)\n"
                        + "set -euo pipefail\ncd \"$(dirname \"$0\")/..\"\n" + (spram ? ICE40_CELLS : "")
                        + "mkdir -p build\n"
                        + "iverilog -g2012 -o build/tb_pins.vvp -s tb_mvu" + tbArgs(tbp) + " -DDUT=DataflowPins -DPINS8 "
                        + (spram ? "-DLOAD -DLOAD8 " : "") + "tb/tb_mvu.sv " + srcs
                        + (spram ? " -DNO_ICE40_DEFAULT_ASSIGNMENTS \"$CELLS\"" : "") + "\n"
                        + "vvp -n build/tb_pins.vvp | tee build/sim_pins.log\ngrep -q '^PASS' build/sim_pins.log\n");
            }
            script(tmp, "bitstream.sh", "#!/usr/bin/env bash\n# Generated by " + GENERATOR + " for " + d.slug()
                    + "\n# Yosys synth_ice40 -> nextpnr-ice40 --" + part + " --package " + pkg + " -> icepack: "
                    + "build/" + top + ".bin and nextpnr's Fmax\n# (the stream ports go to pins nextpnr chooses)\n"
                    + "set -euo pipefail\ncd \"$(dirname \"$0\")\"\nmkdir -p build\n"
                    + "yosys -q -l build/yosys_bitstream.log -p \"read_verilog -sv " + srcs
                    + "; synth_ice40 -top " + top + " -json build/" + top + ".json; tee -o build/stat_bitstream.txt "
                    + "stat\"\n"
                    + "nextpnr-ice40 --" + part + " --package " + pkg + " --json build/" + top + ".json --asc "
                    + "build/" + top + ".asc --freq 12 2>build/nextpnr.log || { tail -30 build/nextpnr.log; exit 1; }\n"
                    + "icepack build/" + top + ".asc build/" + top + ".bin\n"
                    + "grep -i 'Max frequency' build/nextpnr.log | tail -1\nls -l build/" + top + ".bin\n");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generator", GENERATOR);
        root.put("design", d.slug());
        root.put("top", d.top());
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("kind", "dataflow");
        cfg.put("name", d.name());
        List<Object> units = new ArrayList<>();
        for (int i = 0; i < d.stages().size(); i++) {
            Design.Chain.Stage st = d.stages().get(i);
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("module", "Mvu" + i);
            u.put("layer", st.layer());
            Map<String, Object> c = config(st.unit());
            c.remove("seed");
            c.remove("kind");
            u.putAll(c);
            u.put("weight_memory", st.spram() ? "spram" : "rom");
            if (st.spram()) {
                u.put("sprams", st.sprams());
                u.put("spram_columns", st.spramCols());
                u.put("spram_banks", st.spramBanks());
                u.put("load_words", st.loadWords());
            }
            units.add(u);
        }
        cfg.put("units", units);
        if (spram) {
            root.put("weights_load", loadInfo(d, image.size()));
        }
        cfg.put("stream", "in: the first unit's MW/SIMD beats of SIMD input codes per vector; out: the last unit's "
                + "MH/PE beats of PE elements; between units, width converters regroup PE(i) into SIMD(i+1) "
                + "elements, each zero-extended");
        root.put("config", cfg);
        root.put("rtl", files);
        Map<String, Object> vec = new LinkedHashMap<>();
        vec.put("kind", "input vectors");
        vec.put("count", inputCodes.length);
        vec.put("testbench_parameters", tb);
        root.put("vectors", vec);
        Map<String, Object> pred = new LinkedHashMap<>();
        pred.put("unit_cycles_per_vector", DataflowGolden.unitCycles(d));
        pred.put("full_rate_cycles_bounds", bounds);
        pred.put("cycles_source", "simulator FpgaDataflow.Shape.cycles per unit; bounds: vectors x the slowest unit "
                + "(II) and vectors x the sum of the units' cycles + 4 each");
        root.put("predicted", pred);
        root.putAll(extra);
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(tmp.resolve("params.json"), om.writeValueAsString(root) + "\n");
        return new Written(out.dir(), d, files, inputCodes.length, List.of(bounds[0], bounds[1]));
    }

    /** @return the testbench's parameters as Icarus {@code -P} options */
    private static String tbArgs(Map<String, Object> p) {
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> sb.append(" -Ptb_mvu.").append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * The iCE40 UltraPlus pins wrapper of a chain with SPRAM, or of any chain whose ports outnumber an SG48's 39 I/Os:
     * the ports of {@code Dataflow} (names kept), each stream 8 bits wide (33 I/Os with a load port, 22 without): the
     * load port takes each 16-bit word of the image as two bytes, low byte first (the low one held in a register, the word passed on with the high one: 2
     * cycles per word); the input stream takes each beat as ⌈inw / 8⌉ bytes, low byte first, into a shift register,
     * and passes the beat on once whole (⌈inw / 8⌉ + 1 cycles a beat at most); the output stream gives each beat as
     * ⌈outw / 8⌉ bytes, low byte first, zero-padded (a SIMD 6 × int4 input of 24 bits and 13-bit logits were
     * 54 I/Os with only the load port narrowed).
     */
    static String pinsWrapper(int inw, int outw, boolean load) {
        int nbi = (inw + 7) / 8;
        int nbo = (outw + 7) / 8;
        int ci = 32 - Integer.numberOfLeadingZeros(nbi); // bits counting 0..nbi
        int co = 32 - Integer.numberOfLeadingZeros(nbo);
        return "// Generated by " + GENERATOR + ": Dataflow on an iCE40 UltraPlus SG48 package (39 I/Os): its streams\n"
                + "// as bytes, low byte first: " + (load ? "the load port (each 16-bit word of weights_load.hex), "
                : "") + "the input beat (" + inw + " bits\n// in " + nbi + " bytes) and the output beat (" + outw
                + " bits in " + nbo + " bytes, zero-padded). No byte is taken during reset.\n"
                + "/* verilator lint_off UNUSED */\n"
                + "module DataflowPins (\n"
                + "  input clock, input reset,\n"
                + "  output io_in_ready, input io_in_valid, input [7:0] io_in_bits,\n"
                + "  input io_out_ready, output io_out_valid, output [7:0] io_out_bits"
                + (load ? ",\n  output io_load_ready, input io_load_valid, input [7:0] io_load_bits, output io_loaded\n"
                : "\n")
                + ");\n"
                + (load ? "  reg high = 1'b0;  // the next byte is a word's high byte\n"
                + "  reg [7:0] low = 8'h0;\n"
                + "  wire word_ready;\n"
                + "  assign io_load_ready = !reset && (!high || word_ready);\n"
                + "  always @(posedge clock)\n"
                + "    if (reset) high <= 1'b0;\n"
                + "    else if (io_load_valid && io_load_ready) begin\n"
                + "      high <= !high;\n"
                + "      if (!high) low <= io_load_bits;\n"
                + "    end\n" : "")
                + "  // input: " + nbi + " byte(s) per beat, gathered low byte first\n"
                + "  reg [" + (8 * nbi - 1) + ":0] ibuf = " + (8 * nbi) + "'h0;\n"
                + "  reg [" + (ci - 1) + ":0] icnt = " + ci + "'d0;  // bytes held\n"
                + "  wire ifull = icnt == " + ci + "'d" + nbi + ";\n"
                + "  wire beat_ready;\n"
                + "  assign io_in_ready = !reset && !ifull;\n"
                + "  always @(posedge clock)\n"
                + "    if (reset) icnt <= " + ci + "'d0;\n"
                + "    else if (ifull) begin\n"
                + "      if (beat_ready) icnt <= " + ci + "'d0;\n"
                + "    end else if (io_in_valid) begin\n"
                + (nbi == 1 ? "      ibuf <= io_in_bits;\n"
                        : "      ibuf <= {io_in_bits, ibuf[" + (8 * nbi - 1) + ":8]};\n")
                + "      icnt <= icnt + " + ci + "'d1;\n"
                + "    end\n"
                + "  // output: " + nbo + " byte(s) per beat, low byte first\n"
                + "  reg [" + (8 * nbo - 1) + ":0] obuf = " + (8 * nbo) + "'h0;\n"
                + "  reg [" + (co - 1) + ":0] ocnt = " + co + "'d0;  // bytes left to give\n"
                + "  wire beat_valid;\n"
                + "  wire [" + (outw - 1) + ":0] beat_bits;\n"
                + "  assign io_out_valid = ocnt != " + co + "'d0;\n"
                + "  assign io_out_bits = obuf[7:0];\n"
                + "  always @(posedge clock)\n"
                + "    if (reset) ocnt <= " + co + "'d0;\n"
                + "    else if (ocnt == " + co + "'d0) begin\n"
                + "      if (beat_valid) begin\n"
                + "        obuf <= " + (8 * nbo > outw ? "{" + (8 * nbo - outw) + "'h0, beat_bits}" : "beat_bits") + ";\n"
                + "        ocnt <= " + co + "'d" + nbo + ";\n"
                + "      end\n"
                + "    end else if (io_out_ready) begin\n"
                + (nbo == 1 ? "" : "      obuf <= obuf >> 8;\n")
                + "      ocnt <= ocnt - " + co + "'d1;\n"
                + "    end\n"
                + "  Dataflow chain (.clock(clock), .reset(reset), .io_in_ready(beat_ready), .io_in_valid(ifull),\n"
                + "    .io_in_bits(ibuf[" + (inw - 1) + ":0]), .io_out_ready(ocnt == " + co + "'d0), "
                + ".io_out_valid(beat_valid),\n"
                + "    .io_out_bits(beat_bits)" + (load ? ", .io_load_ready(word_ready), .io_load_valid(io_load_valid "
                + "&& high),\n    .io_load_bits({io_load_bits, low}), .io_loaded(io_loaded)" : "") + ");\n"
                + "endmodule\n"
                + "/* verilator lint_on UNUSED */\n";
    }

    /** The weight-load image of a chain with SPRAM units, in the bundle's root. */
    public static final String LOAD_IMAGE = "weights_load.hex";

    /** params.json's {@code weights_load}: the image file, its format, words and cycles. */
    private static Map<String, Object> loadInfo(Design.Chain d, int words) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", LOAD_IMAGE);
        m.put("format", "one 16-bit word per line, 4 hex digits (Verilog $readmemh); the words in load order");
        m.put("order", "the SPRAM units in chain order; in each, weight word a = 0 .. depth-1 (word nf*SF + sf: PE p, "
                + "lane s at bits (p*SIMD + s)*w), its ceil(PE*SIMD*w/16) 16-bit slices low bits first, the top "
                + "slice zero-padded; slice c goes to the unit's SPRAM column c, word a to bank a / 16384 at "
                + "address a mod 16384");
        m.put("port", "io_load (ready/valid, 16 bits): taken one word per cycle from reset until io_loaded; the chain "
                + "takes no input before io_loaded; every reset needs the whole image again");
        m.put("words", words);
        m.put("cycles", words);
        m.put("cycles_note", "one word per cycle at full rate: io_loaded rises " + words + " cycles after the first "
                + "word is taken (checked by tb_mvu.sv); = the dataflow engine's SPRAM load cycles "
                + "(FpgaDataflowEngine.weightMemory: ceil(width/16) x depth per unit)");
        List<Object> per = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < d.stages().size(); i++) {
            Design.Chain.Stage st = d.stages().get(i);
            if (!st.spram()) {
                continue;
            }
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("module", "Mvu" + i);
            u.put("layer", st.layer());
            u.put("first_word", at);
            u.put("words", st.loadWords());
            u.put("depth", st.weightDepth());
            u.put("width_bits", (long) st.unit().pe() * st.unit().simd() * st.unit().w().bits());
            u.put("sprams", st.sprams());
            per.add(u);
            at += st.loadWords();
        }
        m.put("units", per);
        return m;
    }

    /** Splits firtool's output into one file per module (named after it), in emission order. */
    static List<String> splitModules(String sv, Path rtlDir) throws IOException {
        Files.createDirectories(rtlDir);
        List<String> files = new ArrayList<>();
        Matcher m = MODULE.matcher(sv);
        int prevEnd = 0;
        while (m.find()) {
            String lead = sv.substring(prevEnd, m.start());
            StringBuilder comments = new StringBuilder();
            for (String line : lead.split("\n")) {
                if (line.startsWith("//") && !line.startsWith("// Generated by CIRCT")
                        && !line.startsWith("// external module")) {
                    comments.append(line).append('\n');
                }
            }
            String name = m.group(1);
            String text = "// Generated by " + GENERATOR + "\n" + comments + m.group() + "\n";
            Files.writeString(rtlDir.resolve(name + ".sv"), text);
            files.add("rtl/" + name + ".sv");
            prevEnd = m.end();
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("the generator emitted no module");
        }
        return files;
    }

    private static void writeArrayVectors(Design.Array d, List<ArrayGolden.Case> cases, Path dir,
                                          Map<String, Object> tb) throws IOException {
        ArrayCfg cfg = d.toCfg();
        int ldw = Math.max(d.pe().a().bits(), d.pe().b().bits());
        int outw = cfg.outBits();
        StringBuilder meta = new StringBuilder();
        StringBuilder load = new StringBuilder();
        StringBuilder exp = new StringBuilder();
        int nl = 0;
        int ne = 0;
        for (ArrayGolden.Case c : cases) {
            meta.append(Vectors.hex(c.m(), 32)).append(Vectors.hex(c.n(), 32)).append(Vectors.hex(c.k(), 32))
                    .append(Vectors.hex(c.cycles(), 32)).append(Vectors.hex(nl, 32))
                    .append(Vectors.hex(c.loads().size(), 32)).append(Vectors.hex(ne, 32))
                    .append(Vectors.hex(c.expects().size(), 32)).append('\n');
            for (ArrayGolden.Load l : c.loads()) {
                load.append(l.sel()).append(Vectors.hex(l.bank(), 12)).append(Vectors.hex(l.addr(), 32))
                        .append(Vectors.hex(l.data(), ldw)).append('\n');
            }
            for (ArrayGolden.Expect e : c.expects()) {
                exp.append('0').append(Vectors.hex(e.bank(), 12)).append(Vectors.hex(e.addr(), 32))
                        .append(Vectors.hex(e.word(), outw)).append('\n');
            }
            nl += c.loads().size();
            ne += c.expects().size();
        }
        Files.writeString(dir.resolve("array_meta.hex"), meta);
        Files.writeString(dir.resolve("array_load.hex"), load);
        Files.writeString(dir.resolve("array_expect.hex"), exp);
        int depth = Math.max(cfg.aDepth(), Math.max(cfg.bDepth(), cfg.cDepth()));
        tb.put("DIMW", cfg.dimBits());
        tb.put("BANKW", Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(d.rows(), d.cols()) - 1)));
        tb.put("ADDRW", Math.max(1, 32 - Integer.numberOfLeadingZeros(depth - 1)));
        tb.put("LDW", ldw);
        tb.put("OUTW", outw);
        tb.put("NCASE", cases.size());
        tb.put("NLOAD", Math.max(1, nl));
        tb.put("NEXP", Math.max(1, ne));
    }

    /** The bit-serial array's cases in {@code tb_bitserial_array.sv}'s layout (that of the systolic array's). */
    private static void writeBitSerialVectors(Design.BitSerialArray d, List<BitSerialArrayGolden.Case> cases, Path dir,
                                              Map<String, Object> tb) throws IOException {
        BitSerialArrayCfg cfg = d.toCfg();
        int ldw = cfg.ldBits();
        int outw = d.accBits();
        StringBuilder meta = new StringBuilder();
        StringBuilder load = new StringBuilder();
        StringBuilder exp = new StringBuilder();
        int nl = 0;
        int ne = 0;
        for (BitSerialArrayGolden.Case c : cases) {
            meta.append(Vectors.hex(c.m(), 32)).append(Vectors.hex(c.n(), 32)).append(Vectors.hex(c.k(), 32))
                    .append(Vectors.hex(c.cycles(), 32)).append(Vectors.hex(nl, 32))
                    .append(Vectors.hex(c.loads().size(), 32)).append(Vectors.hex(ne, 32))
                    .append(Vectors.hex(c.expects().size(), 32)).append('\n');
            for (BitSerialArrayGolden.Load l : c.loads()) {
                load.append(l.sel()).append(Vectors.hex(l.bank(), 12)).append(Vectors.hex(l.addr(), 32))
                        .append(Vectors.hex(l.data(), ldw)).append('\n');
            }
            for (BitSerialArrayGolden.Expect e : c.expects()) {
                exp.append('0').append(Vectors.hex(e.bank(), 12)).append(Vectors.hex(e.addr(), 32))
                        .append(Vectors.hex(e.word(), outw)).append('\n');
            }
            nl += c.loads().size();
            ne += c.expects().size();
        }
        Files.writeString(dir.resolve("array_meta.hex"), meta);
        Files.writeString(dir.resolve("array_load.hex"), load);
        Files.writeString(dir.resolve("array_expect.hex"), exp);
        int banks = Math.max(cfg.banks(), Math.max(d.rows(), d.cols()));
        tb.put("DIMW", cfg.dimBits());
        tb.put("BANKW", Math.max(1, 32 - Integer.numberOfLeadingZeros(banks - 1)));
        tb.put("ADDRW", Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(cfg.aDepth(), cfg.bDepth()) - 1)));
        tb.put("RADDRW", Math.max(1, 32 - Integer.numberOfLeadingZeros(cfg.oDepth() - 1)));
        tb.put("LDW", ldw);
        tb.put("OUTW", outw);
        tb.put("NCASE", cases.size());
        tb.put("NLOAD", Math.max(1, nl));
        tb.put("NEXP", Math.max(1, ne));
    }

    /** The unit's input and output beats ({@code tb_mvu.sv}: one beat per line, hex). */
    private static void writeMvuVectors(Design.Mvu d, MvuGolden.Run r, Path dir, Map<String, Object> tb)
            throws IOException {
        int inw = d.simd() * d.a().bits();
        int outw = d.pe() * d.elementBits();
        StringBuilder in = new StringBuilder();
        for (java.math.BigInteger w : r.inBeats()) {
            in.append(Vectors.hex(w, inw)).append('\n');
        }
        StringBuilder out = new StringBuilder();
        for (java.math.BigInteger w : r.outBeats()) {
            out.append(Vectors.hex(w, outw)).append('\n');
        }
        Files.writeString(dir.resolve("mvu_in.hex"), in);
        Files.writeString(dir.resolve("mvu_out.hex"), out);
        tb.put("INW", inw);
        tb.put("OUTW", outw);
        tb.put("NIN", r.inBeats().size());
        tb.put("NOUT", r.outBeats().size());
        tb.put("CYCLES", r.fullRateCycles());
    }

    static boolean isArray(Design d) {
        return d instanceof Design.Array || d instanceof Design.BitSerialArray;
    }

    private static void writeScripts(Design d, Path dir, List<String> files, String tb, Map<String, Object> p)
            throws IOException {
        writeScripts(d, dir, files, tb, p, false);
    }

    /**
     * Where the scripts of a design with SB_SPRAM256KA find its simulation model: Yosys's iCE40 cell library, read
     * from the installed Yosys at run time ({@code $ICE40_CELLS_SIM} overrides it). Icarus 11 needs the library's
     * default port values off ({@code NO_ICE40_DEFAULT_ASSIGNMENTS}); they are not on SB_SPRAM256KA's ports.
     */
    static final String ICE40_CELLS = "# SB_SPRAM256KA's simulation model: Yosys's iCE40 cell library (not copied here)\n"
            + "CELLS=${ICE40_CELLS_SIM:-$(yosys-config --datdir 2>/dev/null || echo \"$(dirname \"$(dirname \"$(command -v "
            + "yosys || echo /usr/bin/yosys)\")\")/share/yosys\")/ice40/cells_sim.v}\n"
            + "[ -f \"$CELLS\" ] || { echo \"SB_SPRAM256KA's model not found: $CELLS (Yosys's iCE40 cell library; set "
            + "ICE40_CELLS_SIM)\" >&2; exit 1; }\n";

    /** @param spram the design instantiates SB_SPRAM256KA: simulated with Yosys's iCE40 cells, synthesized for iCE40 */
    private static void writeScripts(Design d, Path dir, List<String> files, String tb, Map<String, Object> p,
                                     boolean spram) throws IOException {
        String rtl = String.join(" ", files);
        String cells = spram ? " -DNO_ICE40_DEFAULT_ASSIGNMENTS \"$CELLS\"" : "";
        String load = spram ? " -DLOAD" : "";
        StringBuilder icarusP = new StringBuilder();
        StringBuilder verilatorG = new StringBuilder();
        p.forEach((k, v) -> {
            icarusP.append(" -P").append(tb).append('.').append(k).append('=').append(v);
            verilatorG.append(" -G").append(k).append('=').append(v);
        });
        String dut = isArray(d) || d instanceof Design.Mvu ? "" : " -DDUT=" + d.top();
        String head = "#!/usr/bin/env bash\n# Generated by " + GENERATOR + " for " + d.slug() + "\nset -euo pipefail\n"
                + "cd \"$(dirname \"$0\")\"\n";
        String lib = spram ? ICE40_CELLS : "";
        script(dir, "lint.sh", head + "# Verilator lint of the design, all warnings on"
                + (spram ? " (the iCE40 cell library's own warnings off)" : "") + "\n" + lib
                + (spram ? "mkdir -p build\nprintf '`verilator_config\\nlint_off -file \"%s\"\\nlint_off -rule "
                        + "TIMESCALEMOD\\n// the padding bits of the top SPRAM column are not read\\nlint_off -rule "
                        + "UNUSEDSIGNAL -file \"*SpramWeights*.sv\" -match \"*DATAOUT*\"\\n' \"$CELLS\" "
                        + ">build/ice40_cells.vlt\n" : "")
                + "verilator --lint-only -Wall -Irtl --top-module " + d.top() + " " + rtl
                + (spram ? " build/ice40_cells.vlt" + cells : "") + "\n"
                + "echo \"lint: clean\"\n");
        script(dir, "sim_icarus.sh", head + "# Icarus Verilog: compile the self-checking testbench and run it\n" + lib
                + "mkdir -p build\n"
                + "iverilog -g2012 -o build/" + tb + ".vvp -s " + tb + icarusP + dut + load + " tb/" + tb + ".sv "
                + rtl + cells + "\n" + "vvp -n build/" + tb + ".vvp | tee build/sim_icarus.log\n"
                + "grep -q '^PASS' build/sim_icarus.log\n");
        script(dir, "sim_verilator.sh", head + "# Verilator: build the testbench as a C++ model and run it\n" + lib
                + "mkdir -p build\n"
                + "verilator --binary -j 2 -Wno-fatal -Wno-lint -Wno-style --top-module " + tb + verilatorG + dut
                + load + " -Mdir build/verilator tb/" + tb + ".sv " + rtl + cells + " >build/verilator_build.log\n"
                + "build/verilator/V" + tb + " | tee build/sim_verilator.log\n"
                + "grep -q '^PASS' build/sim_verilator.log\n");
        String read = "read_verilog -sv " + rtl + "\n";
        if (spram) { // SB_SPRAM256KA exists on iCE40 UltraPlus only: synth_ice40 keeps it as the hard block
            Files.writeString(dir.resolve("synth_ice40.ys"), "# Yosys: Lattice iCE40 (SB_LUT4/SB_DFF/SB_CARRY/SB_RAM, "
                    + "SB_SPRAM256KA)\n" + read + "synth_ice40 -flatten -top " + d.top()
                    + "\ntee -o build/stat_ice40.txt stat\n");
            script(dir, "synth.sh", head + "# Yosys synthesis for an estimate: ./synth.sh ice40 (the weights are in "
                    + "iCE40 UltraPlus SPRAM: no other flow)\ntarget=${1:-ice40}\n"
                    + "[ \"$target\" = ice40 ] || { echo \"synth.sh: $target: this design's SB_SPRAM256KA exists on "
                    + "iCE40 UltraPlus only (ice40)\" >&2; exit 2; }\nmkdir -p build\n"
                    + "yosys -q -l build/yosys_$target.log -s synth_$target.ys\n"
                    + "cat build/stat_$target.txt\n");
            return;
        }
        Files.writeString(dir.resolve("synth_xilinx.ys"), "# Yosys: Xilinx UltraScale+ estimate (LUT/FF/CARRY/DSP)\n"
                + read + "synth_xilinx -flatten -family xcup -top " + d.top() + "\ntee -o build/stat_xilinx.txt stat\n");
        Files.writeString(dir.resolve("synth_xilinx_nodsp.ys"), "# Yosys: Xilinx UltraScale+, multipliers in LUTs\n"
                + read + "synth_xilinx -flatten -nodsp -family xcup -top " + d.top()
                + "\ntee -o build/stat_xilinx_nodsp.txt stat\n");
        Files.writeString(dir.resolve("synth_ice40.ys"), "# Yosys: Lattice iCE40 (SB_LUT4/SB_DFF/SB_CARRY/SB_RAM)\n"
                + read + "synth_ice40 -flatten -top " + d.top() + "\ntee -o build/stat_ice40.txt stat\n");
        Files.writeString(dir.resolve("synth_ecp5.ys"), "# Yosys: Lattice ECP5 estimate (synthesis only: no "
                + "nextpnr-ecp5 in Debian)\n" + read + "synth_ecp5 -flatten -top " + d.top()
                + "\ntee -o build/stat_ecp5.txt stat\n");
        script(dir, "synth.sh", head + "# Yosys synthesis for an estimate: ./synth.sh xilinx|xilinx_nodsp|ice40|ecp5\n"
                + "target=${1:-" + (d instanceof Design.Mvu m && !m.dsp()
                        || d instanceof Design.Chain df && !df.first().dsp() ? "xilinx_nodsp" : "xilinx")
                + "}\nmkdir -p build\n"
                + "yosys -q -l build/yosys_$target.log -s synth_$target.ys\n"
                + "cat build/stat_$target.txt\n");
    }

    private static void script(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        OutputSet.makeExecutable(p);
    }

    private static String params(Design d, int vectors, long seed, List<String> files, List<Long> cycles,
                                 Map<String, Object> tb) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generator", GENERATOR);
        root.put("design", d.slug());
        root.put("top", d.top());
        root.put("config", config(d));
        root.put("rtl", files);
        Map<String, Object> vec = new LinkedHashMap<>();
        vec.put("kind", isArray(d) ? "gemm cases" : d instanceof Design.Mvu ? "input vectors" : "cycles");
        vec.put("count", vectors);
        vec.put("seed", seed);
        vec.put("testbench_parameters", tb);
        root.put("vectors", vec);
        root.put("predicted", predictions(d, cycles));
        ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        return om.writeValueAsString(root) + "\n";
    }

    private static Map<String, Object> config(Design d) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (d instanceof Design.MacPe p) {
            m.put("kind", "mac");
            m.put("a", Formats.nameOf(p.a()));
            m.put("b", Formats.nameOf(p.b()));
            m.put("acc", p.acc().name());
            m.put("acc_bits", p.acc().width());
            m.put("overflow", p.acc().saturating() ? "saturate" : "wrap");
            m.put("product_lsb_exponent", io.qdse.hwmodels.arith.GoldenArithmetic.productLsbExponent(p.a(), p.b()));
        } else if (d instanceof Design.FloatMacPe f) {
            m.put("kind", "fmac");
            m.put("a", Formats.nameOf(f.a()));
            m.put("b", Formats.nameOf(f.b()));
            m.put("acc", Formats.nameOf(f.acc()));
            m.put("acc_bits", f.acc().bits());
            m.put("rounding", "nearest-even, once per MAC (fused)");
        } else if (d instanceof Design.BitSerialPe b) {
            m.put("kind", "bitserial");
            m.put("a", Formats.nameOf(b.a()));
            m.put("serial", Formats.nameOf(b.serial()));
            m.put("k_bits_per_cycle", b.k());
            m.put("cycles_per_operand", b.steps());
            m.put("acc_bits", b.accBits());
        } else if (d instanceof Design.BitSerialArray b) {
            m.put("kind", "bitserial_array");
            m.put("rows", b.rows());
            m.put("cols", b.cols());
            m.put("lanes", b.lanes());
            m.put("k_bits_per_cycle", b.k());
            m.put("a", Formats.nameOf(b.a()));
            m.put("b", Formats.nameOf(b.w()));
            m.put("acc_bits", b.accBits());
            m.put("step_cycles", b.stepCycles());
            m.put("max_m", b.maxM());
            m.put("max_n", b.maxN());
            m.put("max_k", b.maxK());
            m.put("mapping", "N on rows, M on columns, K over the lanes; activations (A) serial MSB chunk first, "
                    + "weights (B) parallel");
            BitSerialArrayCfg c = b.toCfg();
            Map<String, Object> words = new LinkedHashMap<>();
            words.put("a_per_bank", c.aDepth());
            words.put("b_per_bank", c.bDepth());
            words.put("result_per_bank", c.oDepth());
            words.put("result_banks", c.banks());
            m.put("buffer_words", words);
        } else if (d instanceof Design.Mvu u) {
            m.put("kind", "mvu");
            m.put("mw", u.mw());
            m.put("mh", u.mh());
            m.put("pe", u.pe());
            m.put("simd", u.simd());
            m.put("w", Formats.nameOf(u.w()));
            m.put("a", Formats.nameOf(u.a()));
            m.put("out_bits", u.outBits());
            m.put("res_type", u.dsp() ? "dsp" : "lut");
            m.put("seed", u.seed());
            m.put("product_bits", u.productBits());
            m.put("acc_bits", u.accBits());
            m.put("thresholds_per_output", u.thresholds());
            m.put("output_element_bits", u.elementBits());
            m.put("flags", u.hasSpecials() ? "{nan, +inf, -inf} above each output element" : "none");
            Map<String, Object> mem = new LinkedHashMap<>();
            mem.put("weight_rom_words", u.sf() * u.nf());
            mem.put("weight_rom_bits_per_word", u.pe() * u.simd() * u.w().bits());
            mem.put("input_buffer_words", u.nf() > 1 ? u.sf() : 0);
            mem.put("threshold_rom_words", u.outBits() > 0 ? u.nf() : 0);
            mem.put("threshold_rom_bits_per_word", u.pe() * u.thresholds() * u.accBits());
            m.put("memories", mem);
            m.put("stream", "in: MW/SIMD beats of SIMD elements per vector; out: MH/PE beats of PE elements; "
                    + "neuron fold outer, synapse fold inner; element i at bits [i*width, (i+1)*width)");
        } else {
            Design.Array a = (Design.Array) d;
            m.put("kind", "array");
            m.put("rows", a.rows());
            m.put("cols", a.cols());
            m.put("dataflow", a.dataflow().name().toLowerCase(java.util.Locale.ROOT));
            m.put("pe", config(a.pe()));
            m.put("max_m", a.maxM());
            m.put("max_n", a.maxN());
            m.put("max_k", a.maxK());
            ArrayCfg c = a.toCfg();
            Map<String, Object> words = new LinkedHashMap<>();
            words.put("a_per_bank", c.aDepth());
            words.put("b_per_bank", c.bDepth());
            words.put("c_per_bank", c.cDepth());
            m.put("buffer_words", words);
        }
        return m;
    }

    private static Map<String, Object> predictions(Design d, List<Long> cycles) {
        Map<String, Object> m = new LinkedHashMap<>();
        Design.MacPe pe = d instanceof Design.MacPe p ? p : d instanceof Design.Array a ? a.pe() : null;
        OpSpec op = pe != null ? OpSpec.mac(pe.a(), pe.b(), pe.acc(), 1)
                : d instanceof Design.FloatMacPe f ? OpSpec.mac(f.a(), f.b(), f.spec(), 1) : null;
        if (op != null) {
            long pes = d instanceof Design.Array a ? (long) a.rows() * a.cols() : 1;
            Map<String, Object> fpga = new LinkedHashMap<>();
            for (String part : new String[] {"xcvu9p", "ice40-hx8k"}) {
                FpgaPart fp = (FpgaPart) Targets.parse("fpga:" + part, "target");
                for (boolean dsp : new boolean[] {false, true}) {
                    if (dsp && !fp.hasDsp()) {
                        continue;
                    }
                    FpgaCost c = FpgaCostModel.yosys().estimate(op, fp, dsp);
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("luts", round(c.luts() * pes));
                    e.put("ffs", round(c.ffs() * pes));
                    e.put("carry_cells", round(c.carryCells() * pes));
                    e.put("dsps", round(c.dsps() * pes));
                    fpga.put(part + (dsp ? "" : "_nodsp"), e);
                }
            }
            m.put("fpga_mac_units", fpga);
            AsicCost ac = AsicCostModel.standard().estimate(op, AsicTechnology.of(7));
            m.put("asic_7nm_mac_area_um2", round(ac.areaUm2() * pes));
            m.put("scope", pes == 1 ? "one PE (the MAC datapath)"
                    : pes + " PEs' MAC datapaths; buffers, skew registers and sequencer not included");
            m.put("source", "hwmodels FpgaCostModel (Yosys 0.23 calibration) and AsicCostModel (Horowitz 45 nm, "
                    + "Stillmaker-Baas scaling)");
        }
        if (d instanceof Design.Array) {
            m.put("cycles_per_case", cycles);
            m.put("cycles_source", "simulator CycleEngine (physical convention), compute cycles of each GEMM case");
        }
        if (d instanceof Design.BitSerialArray b) {
            m.putAll(bitSerialPredictions(b));
            m.put("cycles_per_case", cycles);
            m.put("cycles_source", "simulator BitSerialAnalyticalEngine = BitSerialCycleEngine, compute cycles of each "
                    + "GEMM case (mBlocks*nBlocks*kSteps*stepCycles + 1)");
        }
        if (d instanceof Design.BitSerialPe b) {
            m.put("cycles_per_mac", b.steps());
        }
        if (d instanceof Design.Mvu u) {
            m.putAll(mvuPredictions(u));
            m.put("cycles_full_rate", cycles);
            m.put("cycles_source", "simulator FpgaDataflow.Shape.cycles: vectors * (MH/PE) * (MW/SIMD), plus "
                    + MvuGolden.PIPELINE_CYCLES + " pipeline cycles (issue, product, accumulate, output FIFO)");
        }
        return m;
    }

    /** The FPGA and ASIC models of the array's PEs (hwmodels {@code BitSerialPeBuilder}: per cycle + per step). */
    private static Map<String, Object> bitSerialPredictions(Design.BitSerialArray b) {
        Map<String, Object> m = new LinkedHashMap<>();
        long pes = (long) b.rows() * b.cols();
        Map<String, Object> fpga = new LinkedHashMap<>();
        for (String part : new String[] {"xcvu9p", "ice40-hx8k"}) {
            FpgaPart fp = (FpgaPart) Targets.parse("fpga:" + part, "target");
            for (boolean dsp : new boolean[] {false, true}) {
                if (dsp && !fp.hasDsp()) {
                    continue;
                }
                FpgaCost c = Synthesis.bitSerialPe(b, fp, dsp);
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("luts", round(c.luts() * pes));
                e.put("ffs", round(c.ffs() * pes));
                e.put("carry_cells", round(c.carryCells() * pes));
                e.put("dsps", round(c.dsps() * pes));
                fpga.put(part + (dsp ? "" : "_nodsp"), e);
            }
        }
        m.put("fpga_pes", fpga);
        io.qdse.hwmodels.cost.BitSerialPeBuilder pe = io.qdse.hwmodels.cost.BitSerialPeBuilder.of(b.peSpec());
        AsicCostModel asic = AsicCostModel.standard();
        AsicTechnology t7 = AsicTechnology.of(7);
        m.put("asic_7nm_pe_area_um2", round((asic.estimate(pe.perCycle(), t7).areaUm2()
                + asic.estimate(pe.perStep(), t7).areaUm2()) * pes));
        m.put("scope", pes + " bit-serial PEs (hwmodels BitSerialPeBuilder per cycle + per step); buffers, "
                + "operand broadcast registers and sequencer not included");
        m.put("source", "hwmodels FpgaCostModel.yosys() and AsicCostModel on BitSerialPeBuilder.of(stripes spec)");
        return m;
    }

    /** The dataflow engine's resources for the unit (Yosys layer), LUT-only and with DSPs, and iCE40. */
    private static Map<String, Object> mvuPredictions(Design.Mvu u) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> fpga = new LinkedHashMap<>();
        for (Synthesis.Target t : new Synthesis.Target[] {Synthesis.Target.XILINX_NODSP, Synthesis.Target.XILINX,
            Synthesis.Target.ICE40}) {
            double[] r = Synthesis.mvuModel(u, t);
            if (r == null) {
                fpga.put(t.key, "not modelled: " + Synthesis.mvuModelGap(u));
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("luts", round(r[0]));
            e.put("ffs", round(r[1]));
            e.put("dsps", round(r[2]));
            e.put("bram18", round(r[3]));
            fpga.put(t.key, e);
        }
        m.put("fpga_unit", fpga);
        m.put("scope", "the whole unit: multipliers, adder trees, accumulators, weight ROM, thresholds, output FIFO");
        m.put("source", "simulator FpgaDataflowEngine.resources(shape, fold, formats, part, res type, Synth.YOSYS) "
                + "on xcvu9p (xilinx, xilinx_nodsp) and ice40-hx8k");
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(Bundle.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
