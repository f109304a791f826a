package io.ringstore.transport;

import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.Crc16;
import io.ringstore.journal.JournalCorruptException;
import io.ringstore.journal.JournalFormat;
import io.ringstore.journal.SnapshotCorruptException;
import io.ringstore.journal.SnapshotFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Durability system tests: the real server as a separate JVM, real clients, {@code kill -9} at a
 * random moment, restart on the same directory, and every acknowledged write must be there.
 */
@Timeout(60)
class DurabilityIT {
    private static final Pattern READY = Pattern.compile("Ringstore ready on [^:]+:(\\d+)");
    private static final int WRITERS = 4;
    private Path dir;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("durability");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    private int startServer(String fsync, int shards) throws Exception {
        return startServer(dir, processes, fsync, shards);
    }

    /**
     * Starts the server JVM on a free port, on {@code dir}, and returns once it prints its banner;
     * the process joins {@code processes} (the caller kills them). Also used by ScriptDurabilityIT.
     */
    static int startServer(Path dir, List<Process> processes, String fsync, int shards) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xss1m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                "io.ringstore.transport.RingstoreServer", "--port", "0", "--appendonly", "yes",
                "--appendfsync", fsync, "--shards", Integer.toString(shards), "--dir", dir.toString(), "--journal-max-segment-size", "256kb");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        processes.add(p);
        return awaitReady(p, new StringBuilder());
    }

    /**
     * Reads a server process's output until its banner and returns the port it printed; the lines
     * before it go to {@code seen}, the rest is drained by a daemon thread. Also used by RdbImportIT.
     */
    static int awaitReady(Process p, StringBuilder seen) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (Exception ignored) {
                        // process gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("server did not start:\n" + seen);
    }

    private static int ackedCount(List<List<String>> acked) {
        int n = 0;
        for (List<String> l : acked) {
            synchronized (l) {
                n += l.size();
            }
        }
        return n;
    }

    /**
     * 2 shards unfuse the stages (the journal on its own thread gating the shards); everysec
     * still writes each batch to the file before replying, so kill -9 loses nothing there either.
     */
    @ParameterizedTest
    @CsvSource({"11, 1, always, none", "22, 2, always, none", "33, 1, everysec, none", "44, 2, always, save",
        "55, 2, always, bgsave", "66, 1, always, bgsave-racing"})
    void shouldKeepEveryAcknowledgedWriteAcrossKillDashNine(int seed, int shards, String fsync, String snapshot)
            throws Exception {
        Random rnd = new Random(seed);
        int port = startServer(fsync, shards);
        AtomicBoolean stop = new AtomicBoolean();
        List<List<String>> acked = new ArrayList<>();
        AtomicLongArray counters = new AtomicLongArray(WRITERS);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            List<String> mine = new ArrayList<>();
            acked.add(mine);
            int id = t;
            Thread w = new Thread(() -> {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    for (int i = 0; !stop.get(); i++) {
                        String key = "w" + id + ":" + i;
                        if ("OK".equals(j.set(key, "v" + seed + ":" + i))) {
                            synchronized (mine) {
                                mine.add(key);
                            }
                        }
                        counters.set(id, j.incr("counter:" + id));
                    }
                } catch (Exception e) {
                    // the server was killed: writes stop here, unacknowledged
                }
            });
            writers.add(w);
            w.start();
        }
        // let the writers get going (JIT, connections), then kill at a random moment
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ackedCount(acked) < 200 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        if (!snapshot.equals("none")) {
            // a SAVE or BGSAVE while the writers run: recovery is then that snapshot plus the journal
            // after it, and the journal segments it covers are gone. The kill below may land while
            // the BGSAVE is still writing: its temporary file is then discarded at start-up.
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                if (snapshot.equals("save")) {
                    assertEquals("OK", j.save());
                } else {
                    assertEquals("Background saving started", j.bgsave());
                    if (snapshot.equals("bgsave")) { // else the kill may come while it writes
                        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                        while (j.info("persistence").contains("rdb_bgsave_in_progress:1") && System.nanoTime() < end) {
                            Thread.sleep(5);
                        }
                        assertTrue(j.info("persistence").contains("rdb_saves:1"), j.info("persistence"));
                    }
                }
            }
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int atSave = ackedCount(acked);
            while (ackedCount(acked) < atSave + 200 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
        }
        Thread.sleep(rnd.nextInt(1000));
        Process first = processes.get(0);
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        stop.set(true);
        for (Thread w : writers) {
            w.join(10_000);
        }

        int port2 = startServer(fsync, shards);
        long total = 0;
        try (Jedis j = new Jedis("127.0.0.1", port2)) {
            for (int t = 0; t < WRITERS; t++) {
                List<String> mine = acked.get(t);
                synchronized (mine) {
                    for (String key : mine) {
                        String v = j.get(key);
                        assertEquals("v" + seed + ":" + key.substring(key.indexOf(':') + 1), v, "acknowledged SET of " + key + " lost");
                    }
                    total += mine.size();
                }
                long ack = counters.get(t);
                String c = j.get("counter:" + t);
                long got = c == null ? 0 : Long.parseLong(c);
                // every acknowledged INCR is there; at most the one in flight at the kill is extra
                assertTrue(got >= ack && got <= ack + 1, "counter:" + t + " is " + got + ", acknowledged " + ack);
            }
            String info = j.info("persistence");
            assertTrue(info.contains("aof_enabled:1"), info);
            boolean loaded = info.contains("ringstore_snapshot_loaded_sequence:");
            if (!snapshot.equals("bgsave-racing")) {
                assertEquals(!snapshot.equals("none"), loaded, info);
            }
            snapshot += loaded ? " (snapshot loaded)" : "";
        }
        System.out.println("DurabilityIT seed " + seed + " shards " + shards + " " + fsync + " " + snapshot + ": " + total + " acknowledged SETs (plus INCRs) checked after kill -9");
        assertTrue(total >= 200, "too few writes before the kill to mean anything: " + total);
    }

    /** A key whose slot maps to {@code shard} of {@code shards} (EngineContext.shardOfSlot's rule). */
    static String keyOnShard(String base, int shard, int shards) {
        for (int n = 0; ; n++) {
            String k = base + ":" + n;
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            if ((Crc16.slot(b, 0, b.length) * shards) >>> 14 == shard) {
                return k;
            }
        }
    }

    /**
     * MULTI/EXEC under appendfsync always with kill -9 at a random moment: every acknowledged EXEC
     * is there after the restart and none is half-applied. Each of four writers runs
     * {@code MULTI; INCR a; INCR b; RPUSH l n; EXEC} on its own keys: one slot ({t}) or, in the
     * cross-shard variant, a and b on different shards (the EXEC runs at a barrier). Two more
     * clients race WATCH/GET/MULTI/SET/RPUSH/EXEC on one counter: replay must abort the EXECs WATCH
     * aborted live, or a value would be pushed twice.
     */
    @ParameterizedTest
    @CsvSource({"101, 1, false", "202, 2, true", "303, 2, false"})
    void shouldApplyEveryAcknowledgedExecWholeAcrossKillDashNine(int seed, int shards, boolean crossShard)
            throws Exception {
        Random rnd = new Random(seed);
        int port = startServer("always", shards);
        AtomicBoolean stop = new AtomicBoolean();
        String[][] keys = new String[WRITERS][];
        for (int t = 0; t < WRITERS; t++) {
            keys[t] = crossShard && shards > 1
                    ? new String[] {keyOnShard("a" + t, 0, shards), keyOnShard("b" + t, 1, shards), "l" + t}
                    : new String[] {"{t" + t + "}a", "{t" + t + "}b", "{t" + t + "}l"};
        }
        AtomicLongArray ackedExecs = new AtomicLongArray(WRITERS);
        java.util.concurrent.atomic.AtomicReference<String> wrongReply = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            String[] k = keys[t];
            int id = t;
            Thread w = new Thread(() -> {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    for (long n = 1; !stop.get(); n++) {
                        redis.clients.jedis.Transaction tx = j.multi();
                        tx.incr(k[0]);
                        tx.incr(k[1]);
                        tx.rpush(k[2], Long.toString(n));
                        List<Object> r = tx.exec();
                        if (!List.of(n, n, n).equals(r)) {
                            wrongReply.compareAndSet(null, "EXEC " + n + " of writer " + id + " answered " + r);
                            return;
                        }
                        ackedExecs.set(id, n);
                    }
                } catch (Exception e) {
                    // the server was killed: this EXEC is unacknowledged
                }
            });
            writers.add(w);
            w.start();
        }
        List<Long> casAcked = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger casAborted = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < 2; t++) {
            Thread w = new Thread(() -> {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    while (!stop.get()) {
                        j.watch("{cas}c");
                        String v = j.get("{cas}c");
                        long next = v == null ? 1 : Long.parseLong(v) + 1;
                        redis.clients.jedis.Transaction tx = j.multi();
                        tx.set("{cas}c", Long.toString(next));
                        tx.rpush("{cas}log", Long.toString(next));
                        if (tx.exec() == null) {
                            casAborted.incrementAndGet();
                        } else {
                            casAcked.add(next);
                        }
                    }
                } catch (Exception e) {
                    // the server was killed
                }
            });
            writers.add(w);
            w.start();
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ackedSum(ackedExecs) < 400 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(rnd.nextInt(1000));
        Process first = processes.get(0);
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        stop.set(true);
        for (Thread w : writers) {
            w.join(10_000);
        }

        assertEquals(null, wrongReply.get());
        int port2 = startServer("always", shards);
        long checked = 0;
        try (Jedis j = new Jedis("127.0.0.1", port2)) {
            for (int t = 0; t < WRITERS; t++) {
                String[] k = keys[t];
                String av = j.get(k[0]);
                long a = av == null ? 0 : Long.parseLong(av);
                List<String> l = j.lrange(k[2], 0, -1);
                assertEquals(av, j.get(k[1]), "half-applied EXEC: " + k[0] + " != " + k[1]);
                assertEquals(a, l.size(), "half-applied EXEC: " + k[0] + " != LLEN " + k[2]);
                for (int i = 0; i < l.size(); i++) {
                    assertEquals(Long.toString(i + 1), l.get(i), k[2] + " out of order");
                }
                long ack = ackedExecs.get(t);
                assertTrue(a >= ack && a <= ack + 1, k[0] + " is " + a + ", acknowledged EXECs " + ack);
                checked += ack;
            }
            String c = j.get("{cas}c");
            List<String> log = j.lrange("{cas}log", 0, -1);
            long cas = c == null ? 0 : Long.parseLong(c);
            assertEquals(cas, log.size(), "every committed CAS pushed exactly once: " + log);
            for (int i = 0; i < log.size(); i++) {
                assertEquals(Long.toString(i + 1), log.get(i), "a CAS EXEC aborted live was replayed: " + log);
            }
            synchronized (casAcked) {
                for (long v : casAcked) {
                    assertTrue(v <= cas, "acknowledged CAS " + v + " lost (counter " + cas + ")");
                }
            }
        }
        System.out.println("DurabilityIT seed " + seed + " shards " + shards + (crossShard ? " cross-shard" : " one slot")
                + ": " + checked + " acknowledged EXECs checked after kill -9, " + casAcked.size()
                + " CAS EXECs acknowledged, " + casAborted.get() + " aborted by WATCH");
        assertTrue(checked >= 400, "too few EXECs before the kill to mean anything: " + checked);
        assertTrue(casAborted.get() > 0, "the CAS clients never raced: WATCH replay untested");
    }

    private static long ackedSum(AtomicLongArray a) {
        long n = 0;
        for (int i = 0; i < a.length(); i++) {
            n += a.get(i);
        }
        return n;
    }

    @Test
    void shouldRestoreStateAfterAnOrderlyRestartUnderEverysecAndReportInfo() throws Exception {
        try (TestServer s = TestServer.start("appendonly", "yes", "appendfsync", "everysec", "dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("a", "1");
            j.psetex("ttl", 100_000, "x");
            j.select(5);
            j.incrByFloat("f", 2.5);
            assertEquals("OK", j.configSet("appendfsync", "always"));
            j.incrByFloat("f", 2.5);
            assertEquals("always", j.configGet("appendfsync").get("appendfsync"));
            String info = j.info("persistence");
            assertTrue(info.contains("aof_enabled:1") && info.contains("aof_last_write_status:ok"), info);
            Matcher m = Pattern.compile("aof_current_size:(\\d+)").matcher(info);
            assertTrue(m.find() && Long.parseLong(m.group(1)) > 16, info);
        }
        try (TestServer s = TestServer.start("appendonly", "yes", "dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            assertEquals("1", j.get("a"));
            long pttl = j.pttl("ttl");
            assertTrue(pttl > 90_000 && pttl <= 100_000, "pttl " + pttl);
            j.select(5);
            assertEquals("5", j.get("f"));
            assertTrue(j.info("persistence").contains("ringstore_journal_loaded_records:4"));
        }
    }

    private static String digest(Jedis j) {
        return SafeEncoder.encode((byte[]) j.sendCommand(() -> "DEBUG".getBytes(), "DIGEST"));
    }

    private static void fill(Jedis j, int from, int to) {
        for (int i = from; i < to; i++) {
            j.set("k" + i, i % 2 == 0 ? Integer.toString(i) : "value-" + i);
        }
        j.append("k1", "-grown");
        j.pexpire("k3", 500_000);
        j.select(3);
        j.set("in3:" + from, "x".repeat(100));
        j.select(0);
    }

    /** DEBUG DIGEST is the same after a restart from a snapshot (plus the journal after it). */
    @ParameterizedTest
    @CsvSource({"yes, 1", "yes, 2", "no, 1", "no, 2"})
    void shouldRestartToTheSameDigestFromSnapshotAndJournal(String appendonly, int shards) throws Exception {
        String before;
        try (TestServer s = TestServer.start("appendonly", appendonly, "dir", dir.toString(), "shards", Integer.toString(shards));
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            fill(j, 0, 300);
            assertEquals("OK", j.save());
            if (appendonly.equals("yes")) {
                fill(j, 300, 400); // after the snapshot: only in the journal
            }
            before = digest(j);
            assertEquals(40, before.length());
        }
        try (TestServer s = TestServer.start("appendonly", appendonly, "dir", dir.toString(), "shards", Integer.toString(3 - shards));
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            assertEquals(before, digest(j));
            String info = j.info("persistence");
            assertTrue(info.contains("ringstore_snapshot_loaded_keys:301"), info);
            if (appendonly.equals("yes")) {
                assertTrue(info.contains("ringstore_journal_loaded_records:103"), info); // 100 SETs, APPEND, PEXPIRE, SET
            }
        }
    }

    @Test
    void shouldRefuseToStartOnADamagedSnapshot() throws Exception {
        try (TestServer s = TestServer.start("dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("a", "1");
            assertEquals("OK", j.save());
        }
        Path snap = SnapshotFormat.snapshots(dir, "dump.rss").get(0);
        try (RandomAccessFile f = new RandomAccessFile(snap.toFile(), "rw")) {
            f.seek(SnapshotFormat.HEADER_BYTES + 3);
            f.write(0x7f);
        }
        SnapshotCorruptException e = assertThrows(SnapshotCorruptException.class, () -> {
            Config c = new Config();
            c.setAtStartup("port", "0");
            c.setAtStartup("dir", dir.toString());
            new RingstoreServer(c).close();
        });
        assertTrue(e.getMessage().contains(snap.toString()) && e.getMessage().contains("CRC32C mismatch"), e.getMessage());
    }

    @Test
    void shouldRefuseToStartOnACorruptJournalNamingFileOffsetAndSequence() throws Exception {
        try (TestServer s = TestServer.start("appendonly", "yes", "appendfsync", "always", "dir", dir.toString());
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("a", "1");
            j.set("b", "2");
        }
        Path seg = JournalFormat.segments(dir, "appendonly.aof").get(0);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(JournalFormat.SEGMENT_HEADER_BYTES + 20); // inside the first record's timestamp
            f.write(0x7f);
        }
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> {
            Config c = new Config();
            c.setAtStartup("port", "0");
            c.setAtStartup("appendonly", "yes");
            c.setAtStartup("dir", dir.toString());
            new RingstoreServer(c).close();
        });
        assertTrue(e.getMessage().contains(seg.toString()) && e.getMessage().contains("offset 16")
                && e.getMessage().contains("record sequence "), e.getMessage());
    }
}
