package io.qdse.hwmodels.fpga;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LUT coefficients refitted from Yosys synthesis of whole PEs that rtl-gen generates ({@code qdse rtl calibrate}):
 * per flow, the model's LUT estimate of each block category (multiplier, adders, shifters, other logic) is scaled by
 * a fitted non-negative coefficient, plus a per-PE constant. Stored in {@code lut_fit.csv} with the Yosys version
 * the synthesis runs came from; absent coefficients leave the model as measured on isolated circuits.
 *
 * @param yosys  the Yosys version of the synthesis runs
 * @param coeffs flow key ({@code xilinx}, {@code xilinx_nodsp}, {@code ice40}) → coefficients in {@link Category}
 *               order
 */
public record LutFit(String yosys, Map<String, double[]> coeffs) {

    /** The model's LUT categories (features of the fit), in coefficient order; the last is the constant. */
    public enum Category { MULTIPLIER, ADDER, SHIFTER, LOGIC, CONSTANT }

    public static final String RESOURCE = "lut_fit.csv";
    public static final LutFit NONE = new LutFit("none", Collections.emptyMap());
    private static final LutFit STANDARD = load();

    public static LutFit standard() {
        return STANDARD;
    }

    /** @return the coefficients for a flow, or null when this flow was not fitted */
    public double[] of(String flow) {
        return coeffs.get(flow);
    }

    /** CSV text: {@code flow,multiplier,adder,shifter,logic,constant,yosys}. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("flow,multiplier,adder,shifter,logic,constant,yosys\n");
        for (Map.Entry<String, double[]> e : coeffs.entrySet()) {
            sb.append(e.getKey());
            for (double v : e.getValue()) {
                sb.append(',').append(v);
            }
            sb.append(',').append(yosys).append('\n');
        }
        return sb.toString();
    }

    public static LutFit parse(BufferedReader r) throws IOException {
        String header = r.readLine();
        if (header == null || !header.startsWith("flow,multiplier,adder,shifter,logic,constant,yosys")) {
            throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        String yosys = "none";
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", 7);
            double[] c = new double[5];
            for (int i = 0; i < 5; i++) {
                c[i] = Double.parseDouble(f[i + 1]);
            }
            m.put(f[0], c);
            yosys = f[6];
        }
        return new LutFit(yosys, m);
    }

    private static LutFit load() {
        try (InputStream in = LutFit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return NONE;
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
