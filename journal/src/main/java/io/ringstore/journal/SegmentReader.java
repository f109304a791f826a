package io.ringstore.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads one segment file record by record (layout in {@link JournalFormat}) and says precisely
 * where and how it stops: at the end, at an incomplete record, at a bad length or at a checksum
 * mismatch. The file is mapped read-only (segments are at most 1 GB). Recovery and the check tool
 * only; one thread.
 */
public final class SegmentReader implements AutoCloseable {
    public static final int RECORD = 0;
    public static final int END = 1;
    /** The record runs past the end of the file (a write cut short). */
    public static final int INCOMPLETE = 2;
    /** The length field cannot be a record's. */
    public static final int BAD_LENGTH = 3;
    /** The record is complete but its CRC32C does not match. */
    public static final int BAD_CRC = 4;
    /** The checksum matches but the argument framing does not add up (a writer bug). */
    public static final int BAD_BODY = 5;

    public static final int HEADER_OK = 0;
    public static final int HEADER_TORN = 1;
    public static final int HEADER_BAD = 2;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer map;
    private final long size;
    private final CRC32C crc = new CRC32C();
    private int pos;

    /** Start of the record last returned (or of the damage). */
    public long offset;
    public long headerFirstSeq;
    public long seq;
    /** Length field of the record last read (meaningful once the prefix was in the file). */
    public int length;
    public long timeMs;
    public int db;
    /** Version 2 only (0 and KIND_COMMAND in version 1). */
    public long client;
    public int kind;
    public byte[][] args;
    /** The segment's format version, known after {@link #readHeader}. */
    public int version;

    public SegmentReader(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
        if (size > Integer.MAX_VALUE) {
            channel.close();
            throw new IOException(path + ": segment larger than 2 GB");
        }
        this.map = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    }

    public long size() {
        return size;
    }

    /** Reads and checks the segment header; records start after it. */
    public int readHeader() {
        if (size < JournalFormat.SEGMENT_HEADER_BYTES) {
            return HEADER_TORN;
        }
        version = map.getInt(4);
        if (map.getInt(0) != JournalFormat.MAGIC || (version < JournalFormat.VERSION_1 || version > JournalFormat.VERSION)) {
            return HEADER_BAD;
        }
        headerFirstSeq = map.getLong(8);
        pos = JournalFormat.SEGMENT_HEADER_BYTES;
        return HEADER_OK;
    }

    /**
     * Reads the next record into the public fields ({@code args} only when {@code decode}). On a
     * damage status, {@link #offset} is the damaged record's start and {@link #seq} holds its
     * sequence field when that much of it is in the file (-1 otherwise), for messages only.
     */
    public int next(boolean decode) {
        offset = pos;
        seq = -1;
        long remaining = size - pos;
        if (remaining == 0) {
            return END;
        }
        if (remaining < JournalFormat.RECORD_PREFIX_BYTES) {
            return INCOMPLETE;
        }
        int length = map.getInt(pos);
        this.length = length;
        int stored = map.getInt(pos + 4);
        if (remaining >= JournalFormat.RECORD_PREFIX_BYTES + 8) {
            seq = map.getLong(pos + 8);
        }
        int fixed = version == JournalFormat.VERSION_1 ? JournalFormat.RECORD_FIXED_BODY_BYTES_V1
                : JournalFormat.RECORD_FIXED_BODY_BYTES;
        if (length < fixed || length > JournalFormat.MAX_BODY_BYTES) {
            return BAD_LENGTH;
        }
        if (JournalFormat.RECORD_PREFIX_BYTES + (long) length > remaining) {
            return INCOMPLETE;
        }
        int body = pos + JournalFormat.RECORD_PREFIX_BYTES;
        int end = body + length;
        crc.reset();
        ByteBuffer b = map.duplicate();
        b.position(body).limit(end);
        crc.update(b);
        if ((int) crc.getValue() != stored) {
            return BAD_CRC;
        }
        timeMs = map.getLong(body + 8);
        db = map.getInt(body + 16);
        int argc = map.getInt(body + 20);
        client = 0;
        kind = JournalFormat.KIND_COMMAND;
        if (version != JournalFormat.VERSION_1) {
            client = map.getLong(body + 24);
            kind = map.getInt(body + 32);
        }
        boolean command = kind == JournalFormat.KIND_COMMAND
                || (kind == JournalFormat.KIND_EXEC && version >= JournalFormat.VERSION_3);
        int maxKind = version == JournalFormat.VERSION ? JournalFormat.KIND_SCRIPT_KILLED
                : version == JournalFormat.VERSION_3 ? JournalFormat.KIND_EXEC : JournalFormat.KIND_CLIENT_CLOSED;
        boolean marker = kind == JournalFormat.KIND_SCRIPT_KILLED && version == JournalFormat.VERSION;
        if (kind < JournalFormat.KIND_COMMAND || kind > maxKind
                || (command ? argc < 1 : !marker && argc != 0) || argc > (length - fixed) / 4) {
            return BAD_BODY;
        }
        int p = body + fixed;
        decode |= marker && argc > 0; // a marker's extra scripts: every scan collects them
        byte[][] out = decode ? new byte[argc][] : null;
        for (int i = 0; i < argc; i++) {
            if (end - p < 4) {
                return BAD_BODY;
            }
            int n = map.getInt(p);
            p += 4;
            if (n < 0 || n > end - p) {
                return BAD_BODY;
            }
            if (decode) {
                out[i] = new byte[n];
                map.get(p, out[i], 0, n);
            }
            p += n;
        }
        if (p != end) {
            return BAD_BODY;
        }
        args = out;
        pos = end;
        return RECORD;
    }

    /** True when every byte from {@code from} to the end of the file is zero (an extended, unwritten tail). */
    public boolean zeroFrom(long from) {
        for (long i = from; i < size; i++) {
            if (map.get((int) i) != 0) {
                return false;
            }
        }
        return true;
    }

    public static String describe(int status) {
        switch (status) {
            case INCOMPLETE: return "incomplete record";
            case BAD_LENGTH: return "invalid record length";
            case BAD_CRC: return "CRC32C mismatch";
            case BAD_BODY: return "malformed record body";
            default: return "status " + status;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
