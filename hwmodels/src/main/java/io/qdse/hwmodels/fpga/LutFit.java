package io.qdse.hwmodels.fpga;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LUT coefficients fitted to Yosys synthesis of whole MAC PEs as rtl-gen builds them ({@code qdse rtl calibrate}),
 * over the features {@link PeFeatures} derives from the PE's structure. One coefficient vector per flow and PE class
 * (integer pair, or a pair with a minifloat). Stored in {@code lut_fit.csv} with the Yosys version the synthesis runs
 * came from; without it the model keeps its per-circuit estimate.
 *
 * @param yosys  Yosys version of the runs
 * @param coeffs key {@code <flow>/<class>} (flow: xilinx, xilinx_nodsp, ice40; class: int, float) → coefficients in
 *               the order of {@link PeFeatures#names}
 */
public record LutFit(String yosys, Map<String, double[]> coeffs) {

    public static final String RESOURCE = "lut_fit.csv";
    public static final LutFit NONE = new LutFit("none", Collections.emptyMap());
    private static final LutFit STANDARD = load();

    public static LutFit standard() {
        return STANDARD;
    }

    /** CSV: {@code flow,class,feature,coefficient,yosys}, one row per coefficient. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("flow,class,feature,coefficient,yosys\n");
        for (Map.Entry<String, double[]> e : coeffs.entrySet()) {
            String[] fc = e.getKey().split("/");
            List<String> names = PeFeatures.names(fc[1]);
            for (int i = 0; i < e.getValue().length; i++) {
                sb.append(fc[0]).append(',').append(fc[1]).append(',').append(names.get(i)).append(',')
                        .append(String.format(Locale.ROOT, "%.6f", e.getValue()[i])).append(',').append(yosys)
                        .append('\n');
            }
        }
        return sb.toString();
    }

    public static LutFit parse(BufferedReader r) throws IOException {
        String header = r.readLine();
        if (header == null || !header.startsWith("flow,class,feature,coefficient,yosys")) {
            throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
        }
        Map<String, double[]> m = new LinkedHashMap<>();
        String yosys = "none";
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", 5);
            String key = f[0] + "/" + f[1];
            List<String> names = PeFeatures.names(f[1]);
            int idx = names.indexOf(f[2]);
            if (idx < 0) {
                throw new IllegalStateException(RESOURCE + ": unknown feature " + f[2] + " for class " + f[1]);
            }
            m.computeIfAbsent(key, k -> new double[names.size()])[idx] = Double.parseDouble(f[3]);
            yosys = f[4];
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
