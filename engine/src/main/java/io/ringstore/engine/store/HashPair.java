package io.ringstore.engine.store;

import io.ringstore.engine.util.Varint;

import java.util.Arrays;

/**
 * The layout of one hash field/value pair in a byte array, shared by both forms of
 * {@link HashValue}: the small form packs pairs back to back in one array, the large form keeps
 * each pair in an array of its own as a prefixed {@link Dict} key (the Dict compares and hashes
 * only the field). Lengths are {@link Varint}s, one byte each below 128:
 *
 * <pre>
 *  at
 *  +--------------+-------------+--------------+-------------+
 *  | flen varint  | field bytes | vlen varint  | value bytes |
 *  +--------------+-------------+--------------+-------------+
 *                 ^ fieldOff    ^ valueAt      ^ valueOff    ^ end
 * </pre>
 *
 * Every method takes the array and the pair's first byte. Stateless; any thread.
 */
public final class HashPair {
    private HashPair() {
    }

    /** Bytes a pair of these lengths takes. */
    public static int size(int fieldLen, int valueLen) {
        return Varint.size(fieldLen) + fieldLen + Varint.size(valueLen) + valueLen;
    }

    /** Writes a pair at {@code at}; returns the offset after it. */
    public static int write(byte[] dst, int at, byte[] fb, int fo, int fl, byte[] vb, int vo, int vl) {
        at = Varint.write(dst, at, fl);
        System.arraycopy(fb, fo, dst, at, fl);
        at = Varint.write(dst, at + fl, vl);
        System.arraycopy(vb, vo, dst, at, vl);
        return at + vl;
    }

    public static int fieldLen(byte[] b, int at) {
        return Varint.read(b, at);
    }

    public static int fieldOff(byte[] b, int at) {
        return at + Varint.size(Varint.read(b, at));
    }

    /** Offset of the value's length prefix: where a new value is written over the old one. */
    public static int valueAt(byte[] b, int at) {
        int fl = Varint.read(b, at);
        return at + Varint.size(fl) + fl;
    }

    public static int valueLen(byte[] b, int at) {
        return Varint.read(b, valueAt(b, at));
    }

    public static int valueOff(byte[] b, int at) {
        int va = valueAt(b, at);
        return va + Varint.size(Varint.read(b, va));
    }

    /** Offset just past the pair: the next pair of a packed run. */
    public static int end(byte[] b, int at) {
        int va = valueAt(b, at);
        int vl = Varint.read(b, va);
        return va + Varint.size(vl) + vl;
    }

    /** Whether the pair's field is {@code k[off, off + len)}. */
    public static boolean fieldIs(byte[] b, int at, byte[] k, int off, int len) {
        int fl = Varint.read(b, at);
        if (fl != len) {
            return false;
        }
        int fo = at + Varint.size(fl);
        return Arrays.equals(b, fo, fo + len, k, off, off + len);
    }
}
