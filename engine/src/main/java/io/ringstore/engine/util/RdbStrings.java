package io.ringstore.engine.util;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RDB's length and string encodings (rdb.c), the pieces of DUMP and FUNCTION DUMP payloads:
 * <pre>
 *   length:  00LLLLLL                      0..63
 *            01LLLLLL LLLLLLLL             ..16383 (14 bits, high byte first)
 *            10000000 + 4 bytes big-endian ..2^32-1
 *            10000001 + 8 bytes big-endian
 *   string:  length + bytes, or 11EEEEEE:  E=0 int8, 1 int16, 2 int32 (little-endian; the
 *            decimal text), E=3 LZF: compressed length, plain length, compressed bytes
 * </pre>
 * Writing does what rdbSaveRawString does (an integer text of up to 11 bytes as an int, a text
 * over 20 bytes LZF-compressed when that saves at least 4 bytes, else raw), so a payload comes
 * out as Redis writes it with rdbcompression on. Reading accepts every form and refuses what
 * rdbGenericLoadStringObject refuses. Stateless; a {@link Cursor} belongs to its caller.
 */
public final class RdbStrings {
    /** RDB_VERSION of Redis 7.0: written in payload trailers, the newest a payload may carry. */
    public static final int RDB_VERSION = 10;
    private static final int ENCVAL = 3;
    private static final int ENC_INT8 = 0;
    private static final int ENC_INT16 = 1;
    private static final int ENC_INT32 = 2;
    private static final int ENC_LZF = 3;

    private RdbStrings() {
    }

    /** rdbSaveLen. */
    public static void writeLength(ByteArrayOutputStream out, long len) {
        if (len < (1 << 6)) {
            out.write((int) len);
        } else if (len < (1 << 14)) {
            out.write((int) ((len >>> 8) | 0x40));
            out.write((int) len & 0xFF);
        } else if (len <= 0xFFFFFFFFL) {
            out.write(0x80);
            for (int s = 24; s >= 0; s -= 8) {
                out.write((int) (len >>> s) & 0xFF);
            }
        } else {
            out.write(0x81);
            for (int s = 56; s >= 0; s -= 8) {
                out.write((int) (len >>> s) & 0xFF);
            }
        }
    }

    /** rdbSaveRawString with rdbcompression on; {@code lzfTable} from {@link Lzf#newTable()}. */
    public static void writeString(ByteArrayOutputStream out, byte[] b, int off, int len, int[] lzfTable) {
        long[] v = new long[1];
        if (len <= 11 && Numbers.parseLong(b, off, len, v) && v[0] >= Integer.MIN_VALUE && v[0] <= Integer.MAX_VALUE) {
            long x = v[0];
            if (x >= -(1 << 7) && x <= (1 << 7) - 1) {
                out.write((ENCVAL << 6) | ENC_INT8);
                out.write((int) x & 0xFF);
            } else if (x >= -(1 << 15) && x <= (1 << 15) - 1) {
                out.write((ENCVAL << 6) | ENC_INT16);
                out.write((int) x & 0xFF);
                out.write((int) (x >> 8) & 0xFF);
            } else {
                out.write((ENCVAL << 6) | ENC_INT32);
                for (int s = 0; s < 32; s += 8) {
                    out.write((int) (x >> s) & 0xFF);
                }
            }
            return;
        }
        if (len > 20) { // "under 20 bytes it's unable to compress even aaaaaaaaaaaaaaaaaa"
            byte[] packed = new byte[len - 4 + 1]; // at least four bytes saved, or not worth it
            int n = Lzf.compress(b, off, len, packed, 0, len - 4, lzfTable);
            if (n > 0) {
                out.write((ENCVAL << 6) | ENC_LZF);
                writeLength(out, n);
                writeLength(out, len);
                out.write(packed, 0, n);
                return;
            }
        }
        writeLength(out, len);
        out.write(b, off, len);
    }

    /** Reads RDB fields from {@code buf[pos .. end)}; every read returns -1 or null past the end or on damage. */
    public static final class Cursor {
        private final byte[] buf;
        private final int end;
        public int pos;

        public Cursor(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        public int remaining() {
            return end - pos;
        }

        /** One byte (rdbLoadType), or -1 at the end. */
        public int readByte() {
            return pos < end ? buf[pos++] & 0xFF : -1;
        }

        /** rdbLoadLen: the length, or -1 (RDB_LENERR). {@code encoded[0]} tells an 11EEEEEE string encoding. */
        public long readLength(boolean[] encoded) {
            encoded[0] = false;
            int first = readByte();
            if (first < 0) {
                return -1;
            }
            int type = (first & 0xC0) >>> 6;
            if (type == ENCVAL) {
                encoded[0] = true;
                return first & 0x3F;
            }
            if (type == 0) {
                return first & 0x3F;
            }
            if (type == 1) {
                int second = readByte();
                return second < 0 ? -1 : ((first & 0x3F) << 8) | second;
            }
            int bytes = first == 0x80 ? 4 : first == 0x81 ? 8 : -1; // "Unknown length encoding"
            if (bytes < 0 || remaining() < bytes) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v; // a 64-bit length past Long.MAX_VALUE is negative: refused as an error too
        }

        /** rdbLoadLen(rdb, NULL): a plain count or flag, an 11EEEEEE byte read as its low bits; -1 on error. */
        public long readPlainLength() {
            return readLength(new boolean[1]);
        }

        /** rdbGenericLoadStringObject: the string's bytes, or null when damaged or cut short. */
        public byte[] readString() {
            boolean[] encoded = new boolean[1];
            long len = readLength(encoded);
            if (len < 0) {
                return null;
            }
            if (encoded[0]) {
                switch ((int) len) {
                    case ENC_INT8:
                        return remaining() < 1 ? null : text(buf[pos++]);
                    case ENC_INT16:
                        if (remaining() < 2) {
                            return null;
                        }
                        pos += 2;
                        return text((short) ((buf[pos - 2] & 0xFF) | (buf[pos - 1] << 8)));
                    case ENC_INT32:
                        if (remaining() < 4) {
                            return null;
                        }
                        int v = 0;
                        for (int i = 3; i >= 0; i--) {
                            v = (v << 8) | (buf[pos + i] & 0xFF);
                        }
                        pos += 4;
                        return text(v);
                    case ENC_LZF:
                        return lzf();
                    default:
                        return null; // "Unknown RDB string encoding type"
                }
            }
            if (len > remaining()) {
                return null;
            }
            byte[] s = java.util.Arrays.copyOfRange(buf, pos, pos + (int) len);
            pos += (int) len;
            return s;
        }

        private byte[] lzf() {
            boolean[] encoded = new boolean[1];
            long clen = readLength(encoded);
            if (clen < 0) {
                return null;
            }
            long len = readLength(encoded);
            if (len < 0 || clen > remaining()) {
                return null;
            }
            // A back reference expands 3 bytes into at most 264, so a longer text cannot decompress.
            if (len > clen * 88 + 32 || len > Integer.MAX_VALUE - 16) {
                return null;
            }
            byte[] out = new byte[(int) len];
            int n = Lzf.decompress(buf, pos, (int) clen, out, 0, (int) len);
            pos += (int) clen;
            return n == len ? out : null; // "Invalid LZF compressed string"
        }

        private static byte[] text(long v) {
            return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
