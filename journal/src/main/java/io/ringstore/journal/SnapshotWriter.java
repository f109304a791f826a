package io.ringstore.journal;

import io.ringstore.engine.snapshot.SnapshotChunk;
import io.ringstore.engine.snapshot.SnapshotJob;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Writes one snapshot file ({@link SnapshotFormat}) from a {@link SnapshotJob}: the header, then
 * the sections the shards fill ({@link SnapshotChunk}: each already framed as 'S' + entries), in
 * the order they arrive, then the trailer; to {@code <name>.tmp}, forced, renamed into place
 * atomically, then the directory forced so the rename itself survives power loss. Checks that the
 * job wrote as many entries as its cut held (the job fails otherwise). Runs on shard 0's thread at
 * the SAVE barrier or on the background writer thread (BGSAVE).
 * Every present key is written, including one whose deadline has passed but that expiry has not
 * removed yet: the cut is the state as it is, and a journal record after it, stamped with an
 * earlier ingress time, may still find that key alive.
 */
public final class SnapshotWriter {
    private SnapshotWriter() {
    }

    /**
     * Writes the snapshot of {@code job}, calling {@code advance} whenever no chunk is ready and the
     * job is not complete; returns its path.
     */
    public static Path write(SnapshotJob job, Path dir, String prefix, Runnable advance) throws IOException {
        Files.createDirectories(dir);
        Path target = SnapshotFormat.path(dir, prefix, job.sequence);
        Path tmp = target.resolveSibling(target.getFileName() + SnapshotFormat.TMP_SUFFIX);
        try (FileOutputStream fos = new FileOutputStream(tmp.toFile())) {
            CRC32C crc = new CRC32C();
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(fos, crc), 1 << 16));
            out.writeInt(SnapshotFormat.MAGIC);
            out.writeInt(SnapshotFormat.VERSION);
            out.writeLong(job.sequence);
            out.writeLong(job.timeMs);
            out.writeInt(job.shards());
            out.writeInt(job.databases);
            while (true) {
                failIfFailed(job);
                boolean complete = job.complete(); // read before draining: then every chunk is queued
                boolean wrote = false;
                for (SnapshotChunk c; (c = job.poll()) != null; ) {
                    out.write(c.array(), 0, c.length());
                    job.recycle(c);
                    wrote = true;
                }
                if (complete) {
                    break;
                }
                if (!wrote) {
                    advance.run();
                }
            }
            failIfFailed(job);
            out.writeByte(SnapshotFormat.TRAILER);
            out.writeLong(job.entries());
            out.flush(); // the CRC now covers every byte before its field
            out.writeInt((int) crc.getValue());
            out.flush();
            fos.getChannel().force(true);
        } catch (IOException | RuntimeException e) {
            job.fail(e.toString());
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            job.dropBuffers();
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
        return target;
    }

    private static void failIfFailed(SnapshotJob job) throws IOException {
        String why = job.failure();
        if (why != null) {
            throw new IOException("snapshot failed: " + why);
        }
    }

    /** fsync of the directory, so a rename or deletion in it is durable. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
