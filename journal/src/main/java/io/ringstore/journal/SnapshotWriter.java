package io.ringstore.journal;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.shard.ShardState;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ValuePayload;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes one snapshot file ({@link SnapshotFormat}) from the engine's shards: to
 * {@code <name>.tmp}, forced, renamed into place atomically, then the directory forced so the
 * rename itself survives power loss. Called on shard 0's thread at the SAVE barrier (every shard
 * parked), or by tests on a stopped engine. Every present key is written, including one whose
 * deadline has passed but that expiry has not removed yet: the cut is the state as it is, and a
 * journal record after it, stamped with an earlier ingress time, may still find that key alive.
 */
public final class SnapshotWriter {
    private SnapshotWriter() {
    }

    /** Writes the snapshot of journal sequence {@code seq}; returns its path. */
    public static Path write(EngineContext ctx, Path dir, String prefix, long seq, long timeMs) throws IOException {
        Files.createDirectories(dir);
        Path target = SnapshotFormat.path(dir, prefix, seq);
        Path tmp = target.resolveSibling(target.getFileName() + SnapshotFormat.TMP_SUFFIX);
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(fos, crc), 1 << 16));
            out.writeInt(SnapshotFormat.MAGIC);
            out.writeInt(SnapshotFormat.VERSION);
            out.writeLong(seq);
            out.writeLong(timeMs);
            out.writeInt(ctx.shards.length);
            out.writeInt(ctx.databases);
            long total = 0;
            for (ShardState s : ctx.shards) {
                total += writeShard(out, s);
            }
            out.writeByte(SnapshotFormat.TRAILER);
            out.writeLong(total);
            out.flush(); // the CRC now covers every byte before its field
            out.writeInt((int) crc.getValue());
            out.flush();
            fos.getChannel().force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        return target;
    }

    private static long writeShard(DataOutputStream out, ShardState s) throws IOException {
        long count = 0;
        for (int db = 0; db < s.databases(); db++) {
            count += s.db(db).size();
        }
        out.writeByte(SnapshotFormat.SECTION);
        out.writeInt(s.id);
        out.writeLong(count);
        long[] written = {0};
        for (int db = 0; db < s.databases(); db++) {
            final int dbIndex = db;
            s.db(db).dict().forEach((dict, table, slot) -> {
                try {
                    writeEntry(out, dbIndex, table, slot);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written[0]++;
            });
        }
        if (written[0] != count) {
            throw new IllegalStateException("shard " + s.id + " visited " + written[0] + " keys, size says " + count);
        }
        return count;
    }

    private static void writeEntry(DataOutputStream out, int db, Object table, int slot) throws IOException {
        int meta = Dict.metaAt(table, slot);
        int type = ObjectType.type(meta);
        if (!ValuePayload.supported(type)) {
            throw new IllegalStateException("snapshot: type " + ObjectType.typeName(type) + " has no payload format yet");
        }
        byte[] key = Dict.keyAt(table, slot);
        byte[] value = ValuePayload.encode(table, slot);
        out.writeByte(SnapshotFormat.ENTRY);
        out.writeInt(db);
        out.writeByte(type);
        out.writeByte(ObjectType.encoding(meta));
        out.writeLong(Dict.expireAt(table, slot));
        out.writeInt(key.length);
        out.write(key);
        out.writeInt(value.length);
        out.write(value);
    }

    /** fsync of the directory, so a rename or deletion in it is durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
