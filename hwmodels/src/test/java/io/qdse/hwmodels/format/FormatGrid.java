package io.qdse.hwmodels.format;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The scalar formats the contract tests run over: the catalogue plus a grid of generic ones. */
final class FormatGrid {
    private FormatGrid() {
    }

    /** Every scalar format of at most {@code maxBits} bits in the catalogue and the generic grid. */
    static List<ScalarFormat> scalars(int maxBits) {
        Set<ScalarFormat> out = new LinkedHashSet<>();
        for (NumberFormat f : Formats.catalogue().values()) {
            if (f instanceof ScalarFormat && ((ScalarFormat) f).bits() <= maxBits) {
                out.add((ScalarFormat) f);
            }
        }
        for (int e = 1; e <= 8; e++) {
            for (int m = 0; m <= 10; m++) {
                for (SpecialValues s : SpecialValues.values()) {
                    for (boolean sub : new boolean[] {true, false}) {
                        for (boolean signed : new boolean[] {true, false}) {
                            if (s == SpecialValues.FNUZ && !signed || s == SpecialValues.IEEE && e < 2) {
                                continue;
                            }
                            MinifloatFormat f = new MinifloatFormat(e, m, MinifloatFormat.defaultBias(e, s), s, sub,
                                    signed);
                            if (f.bits() <= maxBits) {
                                out.add(f);
                            }
                        }
                    }
                }
            }
        }
        out.add(new MinifloatFormat(2, 1, 1, SpecialValues.NONE, true, true)); // e2m1:bias=1
        out.add(new MinifloatFormat(3, 2, -2, SpecialValues.NONE, true, true)); // negative bias
        out.add(new MinifloatFormat(4, 3, 11, SpecialValues.FN, false, true));
        for (int bits = 1; bits <= Math.min(16, maxBits); bits++) {
            out.add(IntFormat.of(bits, true));
            out.add(IntFormat.of(bits, false));
            if (bits >= 2) {
                out.add(new IntFormat(bits, true, true, 0));
            }
            out.add(new BipolarIntFormat(bits));
        }
        out.add(new IntFormat(8, true, false, 6));
        out.add(new IntFormat(6, false, false, 3));
        return new ArrayList<>(out);
    }
}
