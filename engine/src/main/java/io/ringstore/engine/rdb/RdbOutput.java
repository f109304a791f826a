package io.ringstore.engine.rdb;

import io.ringstore.engine.util.Crc64;
import io.ringstore.engine.util.Lzf;
import io.ringstore.engine.util.Numbers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The write side of RDB's primitives (rdb.c rdbSaveLen, rdbSaveRawString, rdbSaveLongLongAsString
 * Object, rdbSaveBinaryDoubleValue, rdbSaveMillisecondTime) over any {@link OutputStream}: a DUMP
 * payload in memory or, later, an RDB file. Keeps the running CRC64 of every byte written, which
 * is the trailer both need. Strings longer than 20 bytes are LZF-compressed when that saves at
 * least four bytes (rdbcompression yes). I/O errors surface unchecked. Used by one thread at a
 * time (the shard thread running DUMP, or the exporter).
 */
public final class RdbOutput {
    private OutputStream out;
    private final byte[] one = new byte[9];
    private final long[] parsed = new long[1];
    private long crc;
    private long written;
    private int[] lzfTable;
    private byte[] packed = new byte[64];

    public RdbOutput(OutputStream out) {
        this.out = out;
    }

    /**
     * Starts over on {@code next}: CRC and count at zero, the LZF table emptied (so a payload's
     * bytes depend on its value alone), the table and compression buffer kept for reuse.
     */
    public void reset(OutputStream next) {
        out = next;
        crc = 0;
        written = 0;
        if (lzfTable != null) {
            java.util.Arrays.fill(lzfTable, 0);
        }
        if (packed.length > 1 << 20) {
            packed = new byte[64]; // do not keep a big string's buffer
        }
    }

    /** CRC64 of every byte written so far. */
    public long crc() {
        return crc;
    }

    public long written() {
        return written;
    }

    public void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        crc = Crc64.update(crc, b, off, len);
        written += len;
    }

    public void writeByte(int v) {
        one[0] = (byte) v;
        write(one, 0, 1);
    }

    /** rdbSaveLen of an unsigned 64-bit value (a negative long is written as its two's complement): 6-bit, 14-bit, 32-bit or 64-bit length (layout in RdbStrings). */
    public void writeLength(long len) {
        if (len >= 0 && len < (1 << 6)) {
            writeByte((int) len);
        } else if (len >= 0 && len < (1 << 14)) {
            one[0] = (byte) (0x40 | (len >>> 8));
            one[1] = (byte) len;
            write(one, 0, 2);
        } else if (len >= 0 && len <= 0xFFFFFFFFL) {
            one[0] = (byte) 0x80;
            for (int i = 0; i < 4; i++) {
                one[1 + i] = (byte) (len >>> (24 - 8 * i));
            }
            write(one, 0, 5);
        } else {
            one[0] = (byte) 0x81;
            for (int i = 0; i < 8; i++) {
                one[1 + i] = (byte) (len >>> (56 - 8 * i));
            }
            write(one, 0, 9);
        }
    }

    /** rdbEncodeInteger: an int8/16/32 string encoding of {@code v}; false when it does not fit 32 bits. */
    private boolean writeEncodedInt(long v) {
        if (v >= -(1 << 7) && v <= (1 << 7) - 1) {
            one[0] = (byte) 0xC0;
            one[1] = (byte) v;
            write(one, 0, 2);
        } else if (v >= -(1 << 15) && v <= (1 << 15) - 1) {
            one[0] = (byte) 0xC1;
            one[1] = (byte) v;
            one[2] = (byte) (v >> 8);
            write(one, 0, 3);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            one[0] = (byte) 0xC2;
            for (int i = 0; i < 4; i++) {
                one[1 + i] = (byte) (v >> (8 * i));
            }
            write(one, 0, 5);
        } else {
            return false;
        }
        return true;
    }

    /** rdbSaveLongLongAsStringObject: int-encoded when it fits 32 bits, else its digits. */
    public void writeLongAsString(long v) {
        if (!writeEncodedInt(v)) {
            byte[] digits = Numbers.toBytes(v);
            writeLength(digits.length);
            write(digits, 0, digits.length);
        }
    }

    /**
     * rdbSaveRawString: a text of up to 11 bytes that is a canonical 32-bit integer as an int, a
     * text over 20 bytes LZF-compressed when that saves at least 4 bytes, else length and bytes.
     */
    public void writeString(byte[] b, int off, int len) {
        if (len <= 11 && len > 0) {
            if (Numbers.parseLong(b, off, len, parsed) && writeEncodedInt(parsed[0])) {
                return;
            }
        }
        if (len > 20) {
            int max = len - 4;
            if (packed.length < max + 1) {
                packed = new byte[max + 1];
            }
            if (lzfTable == null) {
                lzfTable = Lzf.newTable();
            }
            int n = Lzf.compressOver(b, off, len, packed, 0, max, lzfTable);
            if (n > 0) {
                writeByte(0xC3);
                writeLength(n);
                writeLength(len);
                write(packed, 0, n);
                return;
            }
        }
        writeLength(len);
        write(b, off, len);
    }

    public void writeString(byte[] b) {
        writeString(b, 0, b.length);
    }

    /** rdbSaveBinaryDoubleValue: the 8 IEEE 754 bytes, little-endian. */
    public void writeBinaryDouble(double d) {
        writeLittleEndian(Double.doubleToRawLongBits(d), 8);
    }

    /** rdbSaveMillisecondTime and the 64-bit fields of streams: 8 bytes little-endian. */
    public void writeMillis(long v) {
        writeLittleEndian(v, 8);
    }

    private void writeLittleEndian(long v, int n) {
        for (int i = 0; i < n; i++) {
            one[i] = (byte) (v >>> (8 * i));
        }
        write(one, 0, n);
    }
}
