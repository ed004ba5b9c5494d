package io.qdse.search.sensitivity;

import io.qdse.hwmodels.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} arrays (format versions 1.0–3.0, https://numpy.org/doc/stable/reference/generated/
 * numpy.lib.format.html): little- or big-endian float16/32/64 and signed/unsigned integers, C or Fortran order.
 * What PyTorch users get from {@code np.save(name, w.detach().numpy())}.
 */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** An array: dimensions and row-major (C-order) values. */
    public record Array(long[] shape, double[] data) {
    }

    private NpyReader() {
    }

    public static Array read(InputStream in, String source) throws IOException {
        byte[] all = in.readAllBytes();
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 10 || (all[0] & 0xff) != 0x93 || !new String(all, 1, 5, StandardCharsets.US_ASCII)
                .equals("NUMPY")) {
            throw new InvalidInputException(source, "no NUMPY magic", "a .npy file written by numpy.save");
        }
        int major = all[6];
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            offset = 10;
        } else if (major == 2 || major == 3) {
            headerLen = b.getInt(8);
            offset = 12;
        } else {
            throw new InvalidInputException(source, "npy version " + major, "versions 1, 2 or 3");
        }
        if (headerLen < 0 || headerLen > all.length - offset) {
            throw new InvalidInputException(source, "header of " + Integer.toUnsignedString(headerLen) + " bytes",
                    "a header within the file's " + all.length + " bytes (the file is cut short or not .npy)");
        }
        String header = new String(all, offset, headerLen, major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new InvalidInputException(source, header.trim(), "a header with descr, fortran_order and shape");
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        char kind = d.group(2).charAt(0);
        int size = d.group(3).length() > 2 ? 0 : Integer.parseInt(d.group(3));
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new InvalidInputException(source, "descr " + d.group(0), "an element size of 1, 2, 4 or 8 bytes");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    long x = Long.parseLong(part.trim());
                    if (x < 0) {
                        throw new NumberFormatException();
                    }
                    dims.add(x);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(source, "shape (" + s.group(1) + ")", "whole numbers >= 0");
                }
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        int dataOffset = offset + headerLen;
        try {
            for (long x : shape) {
                n = Math.multiplyExact(n, x);
            }
            Math.multiplyExact(n, size);
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE / 8;
        }
        if (n > Integer.MAX_VALUE || n * size > all.length - dataOffset) {
            throw new InvalidInputException(source, (all.length - dataOffset) + " data bytes",
                    "shape " + dims + " of " + kind + size + " needs " + n * size);
        }
        ByteBuffer data = ByteBuffer.wrap(all, dataOffset, all.length - dataOffset).slice().order(order);
        double[] v = new double[(int) n];
        for (int i = 0; i < n; i++) {
            v[i] = element(data, kind, size, source);
        }
        if (f.group(1).equals("True") && shape.length > 1) {
            v = fortranToC(v, shape);
        }
        return new Array(shape, v);
    }

    private static double element(ByteBuffer b, char kind, int size, String source) {
        switch (kind) {
            case 'f':
                if (size == 4) {
                    return b.getFloat();
                }
                if (size == 8) {
                    return b.getDouble();
                }
                if (size == 2) {
                    return halfToFloat(b.getShort() & 0xffff);
                }
                break;
            case 'i':
                if (size == 1) {
                    return b.get();
                }
                if (size == 2) {
                    return b.getShort();
                }
                if (size == 4) {
                    return b.getInt();
                }
                if (size == 8) {
                    return b.getLong();
                }
                break;
            case 'u':
                if (size == 1) {
                    return b.get() & 0xff;
                }
                if (size == 2) {
                    return b.getShort() & 0xffff;
                }
                if (size == 4) {
                    return b.getInt() & 0xffffffffL;
                }
                break;
            case 'b':
                return b.get() != 0 ? 1 : 0;
            default:
                break;
        }
        throw new InvalidInputException(source, kind + Integer.toString(size),
                "float16/32/64, int8/16/32/64, uint8/16/32 or bool elements");
    }

    private static double[] fortranToC(double[] v, long[] shape) {
        double[] out = new double[v.length];
        int r = shape.length;
        long[] idx = new long[r];
        for (int c = 0; c < v.length; c++) {
            // c is the C-order index; compute the Fortran-order index of the same element
            long rem = c;
            for (int k = r - 1; k >= 0; k--) {
                idx[k] = rem % shape[k];
                rem /= shape[k];
            }
            long fi = 0;
            for (int k = r - 1; k >= 0; k--) {
                fi = fi * shape[k] + idx[k];
            }
            out[c] = v[(int) fi];
        }
        return out;
    }

    /** IEEE 754 binary16 to float, through hwmodels' bit-exact fp16 ({@code Formats.FP16}). */
    static float halfToFloat(int h) {
        return (float) io.qdse.hwmodels.format.Formats.FP16.decode(h);
    }
}
