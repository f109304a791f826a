package io.ringstore.engine.rdb;

import io.ringstore.engine.util.Crc64;

import java.io.ByteArrayOutputStream;

/**
 * DUMP's serialized value (cluster.c createDumpPayload / verifyDumpPayload):
 * <pre>
 *   | object type | object (RDB encoding) | RDB version u16 LE (10) | CRC64 of all before, u64 LE |
 * </pre>
 * Reading, as Redis's, runs over the whole payload (a damaged object may read into the trailer,
 * which the CRC has already vouched for). One instance per thread (its writer and reader keep
 * scratch buffers).
 */
public final class DumpPayload {
    private static final int TRAILER = 10;
    private final RdbObjectWriter writer = new RdbObjectWriter();
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    /** Reused: its 256 KB LZF table is allocated once per thread, not per DUMP. */
    private final RdbOutput out = new RdbOutput(bytes);
    private final RdbObjectReader reader = new RdbObjectReader();

    /** The payload of a value held as a Dict slot holds it (meta, value, num). */
    public byte[] dump(int meta, Object value, long num) {
        bytes.reset();
        out.reset(bytes);
        writer.write(out, meta, value, num);
        out.writeByte(RdbType.VERSION & 0xFF);
        out.writeByte(RdbType.VERSION >>> 8);
        long crc = out.crc();
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (crc >>> (8 * i)) & 0xFF);
        }
        byte[] payload = bytes.toByteArray();
        if (payload.length > 1 << 20) {
            bytes = new ByteArrayOutputStream(256); // do not keep a big payload's buffer
        }
        return payload;
    }

    /**
     * verifyDumpPayload: the trailer is there, the version is at most 10 and the CRC64 matches
     * (Redis can be told to skip the CRC check; Ringstore always checks it).
     */
    public static boolean verify(byte[] p, int off, int len) {
        if (len < TRAILER) {
            return false;
        }
        int footer = off + len - TRAILER;
        int version = (p[footer] & 0xFF) | (p[footer + 1] & 0xFF) << 8;
        if (version > RdbType.VERSION) {
            return false;
        }
        long crc = Crc64.crc64(p, off, len - 8);
        for (int i = 0; i < 8; i++) {
            if (p[footer + 2 + i] != (byte) (crc >>> (8 * i))) {
                return false;
            }
        }
        return true;
    }

    /** Loads the object of a payload that passed {@link #verify} into {@code out}. */
    public void read(byte[] p, int off, int len, RdbLimits limits, RdbValue out) throws RdbFormatException {
        try {
            reader.read(RdbInput.of(p, off, len), limits, out);
        } catch (IndexOutOfBoundsException | NegativeArraySizeException | IllegalArgumentException e) {
            // the readers check what they walk; this keeps a check they missed a format error, not a crash
            throw new RdbFormatException("damaged payload: " + e);
        }
    }
}
