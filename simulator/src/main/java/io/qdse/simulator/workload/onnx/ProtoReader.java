package io.qdse.simulator.workload.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A reader of the protocol-buffers wire format (https://protobuf.dev/programming-guides/encoding/): enough to walk
 * ONNX's messages without generated classes or a protobuf dependency. Length-delimited fields come back as slices of
 * the same buffer (no copy), so an ONNX file's weights are only decoded when asked for.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer buf;
    private int tag;

    ProtoReader(ByteBuffer buf) {
        this.buf = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads the next field's tag; false at the end of the message. */
    boolean next() {
        if (!buf.hasRemaining()) {
            return false;
        }
        long t = varint();
        if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
            throw new MalformedProtoException("bad field tag " + t + " at byte " + buf.position());
        }
        tag = (int) t;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buf.hasRemaining()) {
                throw new MalformedProtoException("truncated varint");
            }
            byte b = buf.get();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedProtoException("varint longer than 10 bytes");
    }

    int fixed32() {
        need(4);
        return buf.getInt();
    }

    long fixed64() {
        need(8);
        return buf.getLong();
    }

    /** A length-delimited field's bytes, as a little-endian slice of the underlying buffer. */
    ByteBuffer bytes() {
        long len = varint();
        if (len < 0 || len > buf.remaining()) {
            throw new MalformedProtoException("length " + len + " beyond the end of the message (" + buf.remaining()
                    + " bytes left)");
        }
        ByteBuffer s = buf.slice(buf.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(buf.position() + (int) len);
        return s;
    }

    String string() {
        ByteBuffer b = bytes();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }

    ProtoReader message() {
        return new ProtoReader(bytes());
    }

    /** Skips the current field's value. */
    void skip() {
        switch (wireType()) {
            case VARINT:
                varint();
                break;
            case FIXED64:
                need(8);
                buf.position(buf.position() + 8);
                break;
            case LEN:
                bytes();
                break;
            case FIXED32:
                need(4);
                buf.position(buf.position() + 4);
                break;
            default:
                throw new MalformedProtoException("unsupported wire type " + wireType() + " (field " + field() + ")");
        }
    }

    /**
     * Reads a repeated integer field that may be packed (one LEN field) or not (one VARINT per element), appending
     * to {@code out}.
     */
    void int64s(LongList out) {
        if (wireType() == LEN) {
            ProtoReader p = message();
            while (p.buf.hasRemaining()) {
                out.add(p.varint());
            }
        } else {
            out.add(varint());
        }
    }

    private void need(int n) {
        if (buf.remaining() < n) {
            throw new MalformedProtoException("truncated fixed-width field");
        }
    }

    /** A growable list of longs. */
    static final class LongList {
        private long[] a = new long[8];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }

        int size() {
            return n;
        }
    }

    /** Bytes that are not a well-formed protobuf message. */
    static final class MalformedProtoException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedProtoException(String message) {
            super(message);
        }
    }
}
