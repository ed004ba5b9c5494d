package io.qdse.reports.io;

import io.qdse.reports.results.Calibration;
import io.qdse.reports.results.CsvData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an FPGA calibration folder: {@code pe_synthesis.csv} and {@code lut_fit.csv}. */
public final class CalibrationFiles {
    private CalibrationFiles() {
    }

    /** @return the measurements with the fitted model's LUTs beside each */
    public static Calibration read(Path dir) {
        Path fitFile = dir.resolve("lut_fit.csv");
        Path synFile = dir.resolve("pe_synthesis.csv");
        CsvData fit = CsvFiles.read(fitFile);
        Problems fp = new Problems(fitFile);
        int[] fc = columns(fit, fp, "flow", "class", "feature", "coefficient");
        Map<String, List<Double>> coeffs = new LinkedHashMap<>();
        Map<String, List<String>> features = new LinkedHashMap<>();
        for (int r = 0; r < fit.rows().size(); r++) {
            List<String> row = fit.rows().get(r);
            String key = row.get(fc[0]) + "/" + row.get(fc[1]);
            coeffs.computeIfAbsent(key, k -> new ArrayList<>()).add(CsvFiles.number(fit, r, fc[3], fp));
            features.computeIfAbsent(row.get(fc[1]), k -> new ArrayList<>());
            if (!features.get(row.get(fc[1])).contains(row.get(fc[2]))) {
                features.get(row.get(fc[1])).add(row.get(fc[2]));
            }
        }
        fp.check();
        CsvData syn = CsvFiles.read(synFile);
        Problems p = new Problems(synFile);
        int[] c = columns(syn, p, "design", "flow", "class", "held_out", "luts", "ffs", "carry", "dsps", "features");
        int yc = syn.column("yosys");
        List<Calibration.Row> rows = new ArrayList<>();
        String yosys = "";
        for (int r = 0; r < syn.rows().size(); r++) {
            List<String> row = syn.rows().get(r);
            String[] feats = row.get(c[8]).isEmpty() ? new String[0] : row.get(c[8]).split(";");
            String key = fitKey(row.get(c[1]), row.get(c[2]), feats, features.getOrDefault(row.get(c[2]),
                    List.of()));
            List<Double> k = coeffs.get(key);
            double model = Double.NaN;
            if (k != null) {
                if (feats.length != k.size()) {
                    p.add("row " + (r + 1) + " (after the header), column 'features': " + k.size()
                            + " values for lut_fit.csv's " + key + " (was " + feats.length + ")");
                } else {
                    model = 0;
                    for (int i = 0; i < feats.length; i++) {
                        double f = Cells.number(feats[i]);
                        if (Double.isNaN(f)) {
                            p.add("row " + (r + 1) + " (after the header), column 'features': numbers separated by"
                                    + " ';' (was '" + row.get(c[8]) + "')");
                            break;
                        }
                        model += f * k.get(i);
                    }
                }
            }
            if (yc >= 0) {
                yosys = row.get(yc);
            }
            rows.add(new Calibration.Row(row.get(c[0]), row.get(c[1]), row.get(c[2]),
                    row.get(c[3]).equals("1") || row.get(c[3]).equalsIgnoreCase("true"),
                    CsvFiles.number(syn, r, c[4], p), CsvFiles.number(syn, r, c[5], p),
                    CsvFiles.number(syn, r, c[6], p), CsvFiles.number(syn, r, c[7], p), model));
        }
        p.check();
        return new Calibration(yosys, rows);
    }

    /**
     * The fit whose coefficients predict a row, as {@code PeFeatures.fitKey} chooses it: on the Xilinx DSP flow a PE
     * whose product stays in LUTs (no DSP feature set) and every minifloat PE use the {@code xilinx_nodsp} fit.
     */
    static String fitKey(String flow, String cls, String[] feats, List<String> names) {
        if (flow.equals("xilinx")) {
            boolean dsp = false;
            for (int i = 0; i < Math.min(feats.length, names.size()); i++) {
                dsp |= names.get(i).startsWith("dsp_") && Cells.number(feats[i]) != 0;
            }
            if (!dsp || cls.equals("float")) {
                return "xilinx_nodsp/" + cls;
            }
        }
        return flow + "/" + cls;
    }

    private static int[] columns(CsvData csv, Problems p, String... names) {
        int[] idx = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            idx[i] = csv.column(names[i]);
            if (idx[i] < 0) {
                p.add("header: a column '" + names[i] + "' (columns were " + String.join(",", csv.header()) + ")");
            }
        }
        p.check();
        return idx;
    }
}
