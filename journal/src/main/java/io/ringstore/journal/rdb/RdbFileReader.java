package io.ringstore.journal.rdb;

import io.ringstore.engine.rdb.RdbFormatException;
import io.ringstore.engine.rdb.RdbInput;
import io.ringstore.engine.rdb.RdbLimits;
import io.ringstore.engine.rdb.RdbObjectReader;
import io.ringstore.engine.rdb.RdbType;
import io.ringstore.engine.rdb.RdbValue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Redis RDB file (versions 1 to 10, as redis-server 7.0 reads them: rdb.c
 * rdbLoadRioWithLoadingCtx) and hands its content to a {@link Visitor}: AUX fields, libraries
 * (FUNCTION2, and the 7.0 release candidates' FUNCTION records, turned into code as Redis turns
 * them), and each key with its db, value ({@link RdbObjectReader}), deadline, idle time and
 * frequency. The file's layout:
 * <pre>
 *   REDIS0010 | AUX k v ... | FUNCTION2 code ... | SELECTDB n RESIZEDB s e | [EXPIRETIME_MS t] [IDLE i|FREQ f] type key value ... | EOF | CRC64 u64 LE
 * </pre>
 * The CRC64 of everything before the trailer is checked at the end (a zero trailer means the
 * file was saved with rdbchecksum no, and is accepted as Redis accepts it). Any damage, a newer
 * version, module data or an unknown opcode throws {@link RdbFileException} naming the file, the
 * byte offset and the key being read; the caller must drop what the visitor took in. Runs on one
 * thread (start-up, a tool or a test).
 */
public final class RdbFileReader {
    /** What a file holds, in file order. The {@link RdbValue} is reused: take its fields before returning. */
    public interface Visitor {
        /** An AUX field (redis-ver, ctime, used-mem, ...). */
        default void aux(String key, String value) {
        }

        /** A library's code, as FUNCTION LOAD takes it; a refusal's message is Redis's error text. */
        void library(byte[] code) throws RdbFormatException;

        /** A key of db {@code db}; {@code deadlineMs} -1 when it has none, {@code idleSeconds} and {@code freq} -1 when absent. */
        void key(int db, byte[] key, RdbValue value, long deadlineMs, long idleSeconds, int freq) throws RdbFormatException;

        /** An empty collection (Redis skips those, once written by a bug: redis#8453) was skipped. */
        default void emptyKey(int db, byte[] key) {
        }
    }

    /** RdbObjectReader's reason for an empty collection, read whole: skipped, not refused. */
    private static final String EMPTY_KEY = "empty key";

    private final Path file;
    private final RdbLimits limits;
    private final int databases;
    private final RdbObjectReader objects = new RdbObjectReader();
    private final RdbValue value = new RdbValue();
    private long size;
    private RdbInput in;

    /** A reader of {@code file} for a server with {@code databases} dbs, converting objects under {@code limits}. */
    public RdbFileReader(Path file, RdbLimits limits, int databases) {
        this.file = file;
        this.limits = limits;
        this.databases = databases;
    }

    /** Bytes read so far (the offset the next read starts at). */
    public long offset() {
        return in == null ? 0 : size - in.remaining();
    }

    public long size() {
        return size;
    }

    /** Reads the whole file into {@code v}; returns the RDB version. */
    public int read(Visitor v) throws IOException, RdbFileException {
        size = Files.size(file);
        try (InputStream stream = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in = new RdbInput(stream, size);
            int version = header();
            body(version, v);
            return version;
        }
    }

    private int header() throws RdbFileException {
        byte[] magic = new byte[9];
        try {
            in.readFully(magic, 0, 9);
        } catch (RdbFormatException e) {
            throw damaged(0, null, -1, "Wrong signature trying to load DB from file (" + size + " bytes)");
        }
        String text = new String(magic, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("REDIS")) {
            throw damaged(0, null, -1, "Wrong signature trying to load DB from file");
        }
        int version = atoi(text.substring(5));
        if (version < 1 || version > RdbOpcode.VERSION) {
            throw new RdbFileException("RDB file " + file + ": Can't handle RDB format version " + version);
        }
        return version;
    }

    /** C's atoi: leading digits, 0 when there are none. */
    private static int atoi(String s) {
        int v = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private void body(int version, Visitor v) throws RdbFileException {
        int db = 0;
        long deadline = -1;
        long idle = -1;
        int freq = -1;
        while (true) {
            long at = offset();
            byte[] key = null;
            try {
                int type = in.readByte();
                switch (type) {
                    case RdbOpcode.EXPIRETIME:
                        deadline = readInt32() * 1000L;
                        continue;
                    case RdbOpcode.EXPIRETIME_MS:
                        deadline = in.readMillis();
                        continue;
                    case RdbOpcode.FREQ:
                        freq = in.readByte();
                        continue;
                    case RdbOpcode.IDLE:
                        idle = in.readUnsigned();
                        continue;
                    case RdbOpcode.EOF:
                        trailer(version);
                        return;
                    case RdbOpcode.SELECTDB: {
                        long id = in.readUnsigned();
                        if (id < 0 || id >= databases) {
                            throw damaged(at, null, -1, "FATAL: Data file was created with a Redis server configured to"
                                    + " handle more than " + databases + " databases (it selects db "
                                    + Long.toUnsignedString(id) + ")");
                        }
                        db = (int) id;
                        continue;
                    }
                    case RdbOpcode.RESIZEDB:
                        in.readUnsigned();
                        in.readUnsigned();
                        continue;
                    case RdbOpcode.AUX: {
                        String k = new String(in.readString(), StandardCharsets.ISO_8859_1);
                        String val = new String(in.readString(), StandardCharsets.ISO_8859_1);
                        v.aux(k, val);
                        continue;
                    }
                    case RdbOpcode.MODULE_AUX: {
                        long id = in.readUnsigned();
                        throw damaged(at, null, -1, "The RDB file contains AUX module data I can't load: no matching module '"
                                + RdbOpcode.moduleName(id) + "'");
                    }
                    case RdbOpcode.FUNCTION2:
                        v.library(in.readString());
                        continue;
                    case RdbOpcode.FUNCTION_PRE_GA:
                        v.library(preGaLibrary());
                        continue;
                    default:
                        break;
                }
                key = in.readString();
                if (type == RdbOpcode.MODULE_PRE_GA || type == RdbOpcode.MODULE_2) {
                    long id = in.readUnsigned();
                    throw damaged(at, key, db, "The RDB file contains module data I can't load: no matching module type '"
                            + RdbOpcode.moduleName(id) + "'");
                }
                if (!RdbType.isObjectType(type)) {
                    throw damaged(at, key, db, "Unknown RDB encoding type " + type);
                }
                if (readObject(type)) {
                    v.key(db, key, value, deadline, idle, freq);
                } else {
                    v.emptyKey(db, key);
                }
            } catch (RdbFormatException e) {
                throw damaged(at, key, db, e.getMessage());
            } catch (IndexOutOfBoundsException | NegativeArraySizeException | IllegalArgumentException e) {
                throw damaged(at, key, db, "damaged object: " + e);
            }
            deadline = -1;
            idle = -1;
            freq = -1;
        }
    }

    /** Reads one object into {@link #value}; false for an empty collection (read whole, to be skipped). */
    private boolean readObject(int type) throws RdbFormatException {
        try {
            objects.readObject(type, in, limits, value);
            return true;
        } catch (RdbFormatException e) {
            if (EMPTY_KEY.equals(e.getMessage())) {
                return false;
            }
            throw e;
        }
    }

    /** rdbLoadTime: a 32-bit little-endian seconds count. */
    private long readInt32() throws RdbFormatException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= in.readByte() << (8 * i);
        }
        return v;
    }

    /** The CRC64 trailer (version 5 on), checked unless it is zero; nothing may follow the file's checksum. */
    private void trailer(int version) throws RdbFormatException, RdbFileException {
        if (version < 5) {
            return;
        }
        long expected = in.crc();
        long at = offset();
        long stored = in.readMillis(); // 8 bytes little-endian, as memrev64ifbe reads them
        if (stored != 0 && stored != expected) {
            throw damaged(at, null, -1, "Wrong RDB checksum expected: (" + Long.toHexString(expected) + ") but got ("
                    + Long.toHexString(stored) + ")");
        }
        if (stored == 0) {
            zeroChecksum = true;
        }
    }

    private boolean zeroChecksum;

    /** True when the file's checksum was zero (saved with rdbchecksum no): Redis logs that no check was performed. */
    public boolean checksumDisabled() {
        return zeroChecksum;
    }

    /** rdbFunctionLoad's RDB_OPCODE_FUNCTION branch: name, engine, optional description, body. */
    private byte[] preGaLibrary() throws RdbFormatException {
        byte[] name = in.readString();
        byte[] engine = in.readString();
        if (in.readUnsigned() != 0) {
            in.readString(); // the description: dropped, as Redis drops it
        }
        byte[] body = in.readString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(engine);
        out.writeBytes(" name=".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(name);
        out.write('\n');
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The refusal for what was found at {@code at}, naming the key when one was read. */
    RdbFileException damaged(long at, byte[] key, int db, String what) {
        return new RdbFileException("RDB file " + file + " cannot be loaded: at byte " + at
                + (key != null ? " (key '" + printable(key) + "' in db " + db + ")" : "")
                + ": " + what + ". Nothing was loaded.");
    }

    /** A key for a message: printable ASCII as is, other bytes as \xHH, at most 128 bytes shown. */
    static String printable(byte[] key) {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(key.length, 128);
        for (int i = 0; i < n; i++) {
            int c = key[i] & 0xFF;
            if (c >= 32 && c < 127 && c != '\\' && c != '\'') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        if (key.length > n) {
            sb.append("...");
        }
        return sb.toString();
    }
}
