package io.ringstore.journal.rdb;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.family.connection.ConnectionFamily;
import io.ringstore.engine.rdb.RdbObjectWriter;
import io.ringstore.engine.rdb.RdbOutput;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Dict;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes an engine's data as a Redis RDB version 10 file, laid out as redis-server 7.0's rdbSaveRio
 * lays it out, so that redis-server 7.0 loads it:
 * <pre>
 *   REDIS0010
 *   AUX redis-ver 7.0.15 | AUX redis-bits 64 | AUX ctime s | AUX used-mem n | AUX aof-base 0 | AUX ringstore-ver v
 *   FUNCTION2 code          per library
 *   SELECTDB n | RESIZEDB keys volatile-keys | [EXPIRETIME_MS t] type key value ...   per non-empty db
 *   EOF | CRC64 of all before, u64 LE
 * </pre>
 * redis-ver is the Redis version Ringstore answers as (Redis only logs it); ringstore-ver, an
 * AUX field Redis skips, says who wrote the file. No IDLE or FREQ opcodes: Redis writes those only
 * under an LRU or LFU maxmemory policy. Keys whose deadline has passed but that expiry has not
 * removed yet are written, as Redis writes them (a loading master skips them). Reads the shards
 * directly: call on an engine whose pipeline is not running (start-up, after close, a tool).
 */
public final class RdbFileWriter {
    /** Ringstore's own version, in the ringstore-ver AUX field. */
    public static final String RINGSTORE_VERSION = "0.1.0";

    private RdbFileWriter() {
    }

    /**
     * Writes {@code ctx}'s data to {@code target} through {@code <target>.tmp}, forced and renamed
     * into place; returns the number of keys written.
     */
    public static long write(EngineContext ctx, Path target, long nowMs) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        long keys;
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
            OutputStream out = new BufferedOutputStream(fos, 1 << 16);
            keys = write(ctx, out, nowMs);
            out.flush();
            fos.getChannel().force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return keys;
    }

    /** Writes the file's bytes to {@code sink} (not closed, not flushed); returns the number of keys written. */
    public static long write(EngineContext ctx, OutputStream sink, long nowMs) throws IOException {
        RdbOutput out = new RdbOutput(sink);
        try {
            byte[] magic = String.format("REDIS%04d", RdbOpcode.VERSION).getBytes(StandardCharsets.US_ASCII);
            out.write(magic, 0, magic.length);
            aux(out, "redis-ver", ConnectionFamily.SERVER_VERSION);
            aux(out, "redis-bits", "64");
            aux(out, "ctime", Long.toString(nowMs / 1000));
            aux(out, "used-mem", Long.toString(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
            aux(out, "aof-base", "0");
            aux(out, "ringstore-ver", RINGSTORE_VERSION);
            List<byte[]> libraries = ctx.functions.codes();
            for (byte[] code : libraries) {
                out.writeByte(RdbOpcode.FUNCTION2);
                out.writeString(code);
            }
            KeyedObjects objects = new KeyedObjects();
            long keys = 0;
            for (int db = 0; db < ctx.databases; db++) {
                keys += writeDb(ctx, db, out, objects);
            }
            out.writeByte(RdbOpcode.EOF);
            long crc = out.crc();
            byte[] trailer = new byte[8];
            for (int i = 0; i < 8; i++) {
                trailer[i] = (byte) (crc >>> (8 * i));
            }
            out.write(trailer, 0, 8);
            return keys;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void aux(RdbOutput out, String key, String value) {
        out.writeByte(RdbOpcode.AUX);
        out.writeString(key.getBytes(StandardCharsets.US_ASCII));
        out.writeString(value.getBytes(StandardCharsets.US_ASCII));
    }

    /** SELECTDB, RESIZEDB and every key of one db (nothing when it is empty); returns its key count. */
    private static long writeDb(EngineContext ctx, int db, RdbOutput out, KeyedObjects objects) {
        long size = 0;
        long volatileKeys = 0;
        for (ShardState s : ctx.shards) {
            size += s.db(db).dict().size();
            volatileKeys += s.db(db).dict().volatileKeys();
        }
        if (size == 0) {
            return 0;
        }
        out.writeByte(RdbOpcode.SELECTDB);
        out.writeLength(db);
        out.writeByte(RdbOpcode.RESIZEDB);
        out.writeLength(size);
        out.writeLength(volatileKeys);
        long[] written = {0};
        for (ShardState s : ctx.shards) {
            s.db(db).dict().forEach((dict, table, slot) -> {
                long deadline = Dict.expireAt(table, slot);
                if (deadline != 0) {
                    out.writeByte(RdbOpcode.EXPIRETIME_MS);
                    out.writeMillis(deadline);
                }
                byte[] key = Dict.keyAt(table, slot);
                int meta = Dict.metaAt(table, slot);
                objects.write(out, key, meta, Dict.valueAt(table, slot), Dict.numAt(table, slot));
                written[0]++;
            });
        }
        return written[0];
    }

    /**
     * A file holds type, key, object where a DUMP holds type, object: {@link RdbObjectWriter}
     * writes type and object into a scratch buffer (its own RdbOutput, whose LZF table lives as
     * long as the export), and the type byte, the key and the object are copied out in file order.
     */
    private static final class KeyedObjects {
        private final Scratch scratch = new Scratch();
        private final RdbOutput scratchOut = new RdbOutput(scratch);
        private final RdbObjectWriter objects = new RdbObjectWriter();

        void write(RdbOutput out, byte[] key, int meta, Object value, long num) {
            scratch.reset();
            objects.write(scratchOut, meta, value, num);
            byte[] b = scratch.array();
            out.write(b, 0, 1);
            out.writeString(key);
            out.write(b, 1, scratch.size() - 1);
            if (b.length > 1 << 20) {
                scratch.shrink(); // do not keep a big value's buffer
            }
        }
    }

    /** A ByteArrayOutputStream whose buffer can be read in place. */
    private static final class Scratch extends java.io.ByteArrayOutputStream {
        Scratch() {
            super(256);
        }

        byte[] array() {
            return buf;
        }

        void shrink() {
            buf = new byte[256];
        }
    }
}
