package io.qdse.rtl;

import io.qdse.hwmodels.InvalidInputException;
import io.qdse.hwmodels.format.Formats;
import io.qdse.hwmodels.format.IntFormat;
import io.qdse.hwmodels.format.MinifloatFormat;
import io.qdse.hwmodels.format.ScalarFormat;
import java.util.Locale;

/** Java formats → the generator's {@code FormatCfg}, and which formats the generators accept. */
public final class RtlFormats {
    private RtlFormats() {
    }

    static void check(ScalarFormat f, String field) {
        if (f == null) {
            throw new InvalidInputException(field, null, "a format such as int8, uint4, fp8_e4m3, fp6_e2m3, fp4_e2m1");
        }
        if (f instanceof IntFormat i) {
            if (i.bits() > 32) {
                throw new InvalidInputException(field, Formats.nameOf(f), "the RTL generators take integers of 1..32 bits");
            }
            if (i.narrow()) {
                throw new InvalidInputException(field, Formats.nameOf(f),
                        "narrow (symmetric) integers are not generated; use the full two's-complement range");
            }
            return;
        }
        if (f instanceof MinifloatFormat m) {
            if (m.mantissaBits() > 10) {
                throw new InvalidInputException(field, Formats.nameOf(f),
                        "the RTL generators take minifloats with up to 10 mantissa bits (fp16, bf16, fp8, fp6, fp4)");
            }
            return;
        }
        throw new InvalidInputException(field, Formats.nameOf(f), "an integer or minifloat element format "
                + "(block formats and bipolar integers have no RTL generator yet)");
    }

    /** @return the generator's record for a format (operand formats are checked by {@link #check}) */
    public static FormatCfg cfg(ScalarFormat f) {
        if (f instanceof IntFormat) {
            check(f, "format");
        }
        if (f instanceof IntFormat i) {
            return FormatCfg.integer(i.bits(), i.signed());
        }
        MinifloatFormat m = (MinifloatFormat) f;
        return FormatCfg.minifloat(m.exponentBits(), m.mantissaBits(), m.bias(),
                m.specials().token().toLowerCase(Locale.ROOT), m.subnormals(), m.signed());
    }
}
