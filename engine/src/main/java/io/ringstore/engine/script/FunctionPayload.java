package io.ringstore.engine.script;

import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.Crc64;
import io.ringstore.engine.util.Lzf;
import io.ringstore.engine.util.RdbStrings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * FUNCTION DUMP / RESTORE payloads in Redis 7.0's format (functions.c functionDumpCommand and
 * functionRestoreCommand, rdb.c rdbSaveFunctions and rdbFunctionLoad), so a payload dumped by
 * redis-server restores here and the other way round:
 * <pre>
 *   +-----+----------------------------+
 *   | 245 | library code (RDB string)  |   per library (RDB_OPCODE_FUNCTION2)
 *   +-----+----------------------------+
 *   | RDB version, 2 bytes LE (10) | CRC64 of every byte before it, 8 bytes LE |
 *   +------------------------------+-------------------------------------------+
 * </pre>
 * Reading also takes the records of 7.0's release candidates (246: library name, engine name,
 * description flag and text, body), turned into {@code #!<engine> name=<name>\n<body>} as Redis
 * does. Reads may run into the trailer, as Redis's do (its reader's buffer is the whole payload),
 * and the loop stops with 10 bytes or fewer left. Stateless; any thread.
 */
final class FunctionPayload {
    static final int OPCODE_FUNCTION2 = 245;
    static final int OPCODE_FUNCTION_PRE_GA = 246;
    private static final int TRAILER = 10;

    /** Receives each library's code in payload order; throws to stop the restore with that error. */
    interface Sink {
        void library(byte[] code) throws ScriptException;
    }

    private FunctionPayload() {
    }

    /** FUNCTION DUMP of {@code libraries}, in order (strings written as rdbSaveRawString writes them). */
    static byte[] dump(Iterable<FunctionLibrary> libraries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] table = null;
        for (FunctionLibrary lib : libraries) {
            byte[] code = lib.codeRef();
            out.write(OPCODE_FUNCTION2);
            if (table == null && code.length > 20) {
                table = Lzf.newTable();
            }
            RdbStrings.writeString(out, code, 0, code.length, table);
        }
        out.write(RdbStrings.RDB_VERSION & 0xFF);
        out.write((RdbStrings.RDB_VERSION >>> 8) & 0xFF);
        byte[] body = out.toByteArray();
        long crc = Crc64.crc64(body, 0, body.length);
        for (int i = 0; i < 8; i++) {
            out.write((int) (crc >>> (8 * i)) & 0xFF);
        }
        return out.toByteArray();
    }

    /**
     * verifyDumpPayload: at least the trailer, a version Redis 7.0 reads (at most 10), and the
     * CRC64 (Redis can be told to skip it; we always check).
     */
    static boolean verify(byte[] p) {
        if (p.length < TRAILER) {
            return false;
        }
        int footer = p.length - TRAILER;
        int version = (p[footer] & 0xFF) | (p[footer + 1] & 0xFF) << 8;
        if (version > RdbStrings.RDB_VERSION) {
            return false;
        }
        long crc = Crc64.crc64(p, 0, p.length - 8);
        for (int i = 0; i < 8; i++) {
            if (p[footer + 2 + i] != (byte) (crc >>> (8 * i))) {
                return false;
            }
        }
        return true;
    }

    /** Hands every library of a payload that passed {@link #verify} to {@code sink}, with Redis's errors. */
    static void read(byte[] p, Sink sink) throws ScriptException {
        RdbStrings.Cursor c = new RdbStrings.Cursor(p, 0, p.length);
        while (c.remaining() > TRAILER) {
            int type = c.readByte();
            byte[] code;
            if (type == OPCODE_FUNCTION_PRE_GA) {
                code = preGa(c);
            } else if (type == OPCODE_FUNCTION2) {
                code = c.readString();
                if (code == null) {
                    throw new ScriptException(Errors.PAYLOAD_LIBRARY_FAILED);
                }
            } else {
                throw new ScriptException(Errors.PAYLOAD_NOT_A_FUNCTION);
            }
            sink.library(code);
        }
    }

    /** A 7.0 release-candidate record (rdbFunctionLoad's RDB_OPCODE_FUNCTION branch). */
    private static byte[] preGa(RdbStrings.Cursor c) throws ScriptException {
        byte[] name = c.readString();
        if (name == null) {
            throw new ScriptException(Errors.PAYLOAD_LIBRARY_NAME_FAILED);
        }
        byte[] engine = c.readString();
        if (engine == null) {
            throw new ScriptException(Errors.PAYLOAD_ENGINE_NAME_FAILED);
        }
        long hasDescription = c.readPlainLength();
        if (hasDescription < 0) {
            throw new ScriptException(Errors.PAYLOAD_DESCRIPTION_FLAG_FAILED);
        }
        if (hasDescription != 0 && c.readString() == null) {
            throw new ScriptException(Errors.PAYLOAD_DESCRIPTION_FAILED);
        }
        byte[] blob = c.readString();
        if (blob == null) {
            throw new ScriptException(Errors.PAYLOAD_BLOB_FAILED);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("#!".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(engine);
        out.writeBytes(" name=".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(name);
        out.write('\n');
        out.writeBytes(blob);
        return out.toByteArray();
    }
}
