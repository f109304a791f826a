package io.ringstore.journal;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.shard.ShardState;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers of TransactionReplayTest: raw records and segments, snapshot cuts, watch counts. */
final class TxFixtures {
    static final String SNAPSHOTS = "dump.rss";

    private TxFixtures() {
    }

    /** SAVE, or BGSAVE and wait until it committed. */
    static void save(EmbeddedEngine e, String how) throws InterruptedException {
        if (how.equals("SAVE")) {
            assertEquals("+OK\r\n", e.call("SAVE"));
            return;
        }
        assertEquals("+Background saving started\r\n", e.call("BGSAVE"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String info = e.call("INFO", "persistence");
            if (info.contains("rdb_bgsave_in_progress:0\r\n")) {
                assertTrue(info.contains("rdb_last_bgsave_status:ok\r\n"), info);
                return;
            }
            assertTrue(System.nanoTime() < deadline, info);
            Thread.sleep(5);
        }
    }

    /** Keys watched in the engine, over every shard and database (read after the ring is quiet). */
    static int watchedKeys(EmbeddedEngine e) {
        int n = 0;
        for (ShardState s : e.context().shards) {
            for (int db = 0; db < s.databases(); db++) {
                n += s.db(db).watched().size();
            }
        }
        return n;
    }

    /** The 'X' records of the newest snapshot in {@code dir}. */
    static int watchRecords(Path dir) throws Exception {
        List<Path> all = SnapshotFormat.snapshots(dir, SNAPSHOTS);
        SnapshotReader.Header h = SnapshotReader.verify(all.get(all.size() - 1), SNAPSHOTS);
        int[] n = {0};
        SnapshotReader.scan(h, new SnapshotReader.EntryVisitor() {
            @Override
            public void entry(int shard, int db, int type, int encoding, long deadlineMs, byte[] key, byte[] value) {
            }

            @Override
            public void watch(int db, int flags, long clientId, byte[] key) {
                n[0]++;
            }
        });
        return n[0];
    }

    static Path lastSegment(Path dir) throws Exception {
        List<Path> segs = JournalFormat.segments(dir, JournalFiles.PREFIX);
        return segs.get(segs.size() - 1);
    }

    /** The last record of a segment: {start offset, end offset, kind}. */
    static long[] lastRecord(Path segment) throws Exception {
        long[] last = null;
        try (SegmentReader r = new SegmentReader(segment)) {
            assertEquals(SegmentReader.HEADER_OK, r.readHeader());
            while (r.next(false) == SegmentReader.RECORD) {
                last = new long[] {r.offset, r.offset + JournalFormat.RECORD_PREFIX_BYTES + r.length, r.kind};
            }
        }
        return last;
    }

    static byte[][] words(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            out[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    static Args argsOf(byte[][] args) {
        Args a = new Args();
        for (byte[] b : args) {
            a.add(b);
        }
        return a;
    }

    /** A transaction's record arguments (Transaction.encode): committed, SET k v then INCR n in db 0. */
    static byte[][] txArgs() {
        return new byte[][] {{0}, ByteBuffer.allocate(8).putInt(0).putInt(3).array(), "SET".getBytes(),
                "k".getBytes(), "v".getBytes(), ByteBuffer.allocate(8).putInt(0).putInt(2).array(), "INCR".getBytes(),
                "n".getBytes()};
    }

    /** A segment header of {@code version}. */
    static byte[] header(int version, long firstSeq) {
        return ByteBuffer.allocate(JournalFormat.SEGMENT_HEADER_BYTES).putInt(JournalFormat.MAGIC).putInt(version)
                .putLong(firstSeq).array();
    }

    /** One record in the version 2/3 layout, checksummed. */
    static byte[] record(long seq, long timeMs, int db, long client, int kind, byte[]... args) {
        int body = JournalFormat.RECORD_FIXED_BODY_BYTES;
        for (byte[] a : args) {
            body += 4 + a.length;
        }
        ByteBuffer b = ByteBuffer.allocate(JournalFormat.RECORD_PREFIX_BYTES + body);
        b.putInt(body).putInt(0).putLong(seq).putLong(timeMs).putInt(db).putInt(args.length).putLong(client).putInt(kind);
        for (byte[] a : args) {
            b.putInt(a.length).put(a);
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), JournalFormat.RECORD_PREFIX_BYTES, body);
        b.putInt(4, (int) crc.getValue());
        return b.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
