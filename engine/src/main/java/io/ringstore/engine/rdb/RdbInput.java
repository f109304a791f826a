package io.ringstore.engine.rdb;

import io.ringstore.engine.util.Crc64;
import io.ringstore.engine.util.Lzf;
import io.ringstore.engine.util.Numbers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The read side of RDB's primitives (rdb.c rdbLoadLen, rdbGenericLoadStringObject, the double
 * and millisecond loaders) over any {@link InputStream} holding at most {@code limit} more bytes:
 * a DUMP payload (without its trailer) or an RDB file. Keeps the CRC64 of the bytes read. Every
 * read that runs past the end or meets an unknown encoding throws {@link RdbFormatException};
 * lengths are checked against what is left before anything is allocated. Used by one thread at a
 * time.
 */
public final class RdbInput {
    private final InputStream in;
    private final byte[] one = new byte[8];
    private long remaining;
    private long crc;

    public RdbInput(InputStream in, long limit) {
        this.in = in;
        this.remaining = limit;
    }

    /** Reads {@code b[off .. off+len)}. */
    public static RdbInput of(byte[] b, int off, int len) {
        return new RdbInput(new ByteArrayInputStream(b, off, len), len);
    }

    public long remaining() {
        return remaining;
    }

    public long crc() {
        return crc;
    }

    public void readFully(byte[] b, int off, int len) throws RdbFormatException {
        if (len > remaining) {
            throw new RdbFormatException("unexpected end of payload");
        }
        try {
            int n = in.readNBytes(b, off, len);
            if (n != len) {
                throw new RdbFormatException("unexpected end of payload");
            }
        } catch (IOException e) {
            throw new RdbFormatException("read error: " + e.getMessage());
        }
        remaining -= len;
        crc = Crc64.update(crc, b, off, len);
    }

    /** {@code len} bytes in a new array, refused when fewer are left. */
    public byte[] readBytes(long len) throws RdbFormatException {
        if (len < 0 || len > remaining || len > Integer.MAX_VALUE - 16) {
            throw new RdbFormatException("length " + len + " past the end (" + remaining + " bytes left)");
        }
        byte[] b = new byte[(int) len];
        readFully(b, 0, b.length);
        return b;
    }

    public int readByte() throws RdbFormatException {
        readFully(one, 0, 1);
        return one[0] & 0xFF;
    }

    /** rdbLoadLen without the encoding flag: a count, which must not be an 11EEEEEE encoding or past 2^63. */
    public long readLength() throws RdbFormatException {
        long v = readUnsigned();
        if (v < 0) {
            throw new RdbFormatException("length past 2^63");
        }
        return v;
    }

    /** rdbLoadLen of a 64-bit field that may hold any bits (a group's entries-read of -1). */
    public long readUnsigned() throws RdbFormatException {
        long v = readLengthOrEncoding();
        if (encoded) {
            throw new RdbFormatException("an encoded string where a length was expected");
        }
        return v;
    }

    /** Set by {@link #readLengthOrEncoding}: the length byte was an 11EEEEEE string encoding. */
    private boolean encoded;

    /** rdbLoadLen: the length (any 64 bits), or with {@link #encoded} set the E of 11EEEEEE. */
    private long readLengthOrEncoding() throws RdbFormatException {
        encoded = false;
        int first = readByte();
        switch (first >>> 6) {
            case 0:
                return first & 0x3F;
            case 1:
                return ((first & 0x3F) << 8) | readByte();
            case 3:
                encoded = true;
                return first & 0x3F;
            default:
                int n = first == 0x80 ? 4 : first == 0x81 ? 8 : -1;
                if (n < 0) {
                    throw new RdbFormatException("unknown length encoding " + first);
                }
                readFully(one, 0, n);
                long v = 0;
                for (int i = 0; i < n; i++) {
                    v = (v << 8) | (one[i] & 0xFF);
                }
                return v;
        }
    }

    /** rdbGenericLoadStringObject: the string's bytes (int encodings as their decimal text). */
    public byte[] readString() throws RdbFormatException {
        long len = readLengthOrEncoding();
        if (!encoded) {
            return readBytes(len);
        }
        switch ((int) len) {
            case 0:
                return Numbers.toBytes((byte) readByte());
            case 1:
                readFully(one, 0, 2);
                return Numbers.toBytes((short) ((one[0] & 0xFF) | (one[1] << 8)));
            case 2:
                readFully(one, 0, 4);
                return Numbers.toBytes((one[0] & 0xFF) | (one[1] & 0xFF) << 8 | (one[2] & 0xFF) << 16 | one[3] << 24);
            case 3:
                return readLzf();
            default:
                throw new RdbFormatException("unknown string encoding " + len);
        }
    }

    private byte[] readLzf() throws RdbFormatException {
        long clen = readLength();
        long len = readLength();
        byte[] packed = readBytes(clen);
        // a back reference expands 3 bytes into at most 264: a longer text cannot come out
        if (len == 0 || len > clen * 88 + 32 || len > Integer.MAX_VALUE - 16) {
            throw new RdbFormatException("invalid LZF lengths " + clen + "/" + len);
        }
        byte[] out = new byte[(int) len];
        if (Lzf.decompress(packed, 0, packed.length, out, 0, out.length) != len) {
            throw new RdbFormatException("invalid LZF compressed string");
        }
        return out;
    }

    /** rdbLoadBinaryDoubleValue: 8 bytes little-endian. */
    public double readBinaryDouble() throws RdbFormatException {
        return Double.longBitsToDouble(readLittleEndian());
    }

    /** rdbLoadMillisecondTime (RDB version 9 and later): 8 bytes little-endian. */
    public long readMillis() throws RdbFormatException {
        return readLittleEndian();
    }

    private long readLittleEndian() throws RdbFormatException {
        readFully(one, 0, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (one[i] & 0xFF);
        }
        return v;
    }

    /**
     * rdbLoadDoubleValue, the text doubles of the old ZSET type: a length byte (253 nan, 254 inf,
     * 255 -inf) then that many characters.
     */
    public double readTextDouble() throws RdbFormatException {
        int len = readByte();
        switch (len) {
            case 253:
                return Double.NaN;
            case 254:
                return Double.POSITIVE_INFINITY;
            case 255:
                return Double.NEGATIVE_INFINITY;
            default:
                byte[] b = readBytes(len);
                try {
                    return Double.parseDouble(new String(b, java.nio.charset.StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw new RdbFormatException("bad double");
                }
        }
    }
}
