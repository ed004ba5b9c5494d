package io.qdse.hwmodels.calib;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How far a fitted model was measured to be from its calibration data, shown beside every estimate the model makes
 * (issue 15 §5): the median and the worst absolute relative error over a named set of rows, and what that set is
 * ({@code "Yosys iCE40, 14 PEs held out"}). Computed from the data in the repository wherever it is there; where only
 * a published figure exists it is kept in one place with its source. An error that was never measured has NaN
 * figures and a basis saying why.
 *
 * @param medianPct median |model / measured − 1| in percent (NaN: not measured)
 * @param maxPct    worst |model / measured − 1| in percent (NaN: not measured)
 * @param rows      how many rows the figures come from (0: not measured)
 * @param basis     what the rows are, e.g. {@code "Horowitz 45 nm table, 9 rows fitted"}
 */
public record ModelError(double medianPct, double maxPct, int rows, String basis) {

    public ModelError {
        Objects.requireNonNull(basis, "basis");
    }

    /** @return the figures of {@code errorsPct} (signed relative errors in percent) over a named basis */
    public static ModelError of(Collection<Double> errorsPct, String basis) {
        List<Double> abs = new ArrayList<>();
        for (double e : errorsPct) {
            abs.add(Math.abs(e));
        }
        if (abs.isEmpty()) {
            return unmeasured(basis);
        }
        abs.sort(null);
        int n = abs.size();
        double median = n % 2 == 1 ? abs.get(n / 2) : (abs.get(n / 2 - 1) + abs.get(n / 2)) / 2;
        return new ModelError(median, abs.get(n - 1), n, basis);
    }

    /** @return an error that was never measured as a whole, saying why in {@code basis} */
    public static ModelError unmeasured(String basis) {
        return new ModelError(Double.NaN, Double.NaN, 0, basis);
    }

    /** @return whether figures exist */
    public boolean measured() {
        return rows > 0 && !Double.isNaN(maxPct);
    }
}
