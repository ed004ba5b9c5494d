package io.qdse.reports.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qdse.hwmodels.calib.ModelError;

/** How a fitted model's calibration error is shown beside its estimates, in tables and JSON (issue 15 §5). */
public final class ModelErrors {
    private ModelErrors() {
    }

    /** @return e.g. {@code ±4.3 % median, 13.2 % worst (Yosys iCE40 LUTs, 14 PEs held out)} */
    public static String text(ModelError e) {
        if (!e.measured()) {
            return "not measured (" + e.basis() + ")";
        }
        return "±" + Numbers.pct(e.medianPct()) + " % median, " + Numbers.pct(e.maxPct()) + " % worst (" + e.basis()
                + ")";
    }

    /**
     * Puts {@code "calibration": {"error_pct_median": …, "error_pct_max": …, "rows": …, "basis": …}} into {@code o};
     * the figures are null when the error was never measured.
     */
    public static ObjectNode put(ObjectNode o, ModelError e) {
        ObjectNode c = o.putObject("calibration");
        if (e.measured()) {
            c.put("error_pct_median", Double.parseDouble(Numbers.pct(e.medianPct())));
            c.put("error_pct_max", Double.parseDouble(Numbers.pct(e.maxPct())));
        } else {
            c.putNull("error_pct_median");
            c.putNull("error_pct_max");
        }
        c.put("rows", e.rows());
        c.put("basis", e.basis());
        return o;
    }
}
