package io.ringstore.transport.diff;

import io.ringstore.engine.config.Config;
import io.ringstore.journal.rdb.RdbExportTool;
import io.ringstore.transport.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RDB files both ways with redis-server 7.0.15: data of every type and encoding (TTLs, three dbs,
 * a function library) built in redis-server with commands and SAVEd is imported at Ringstore's
 * start-up ({@code rdb-import}) and must read the same (DEBUG DIGEST, and per key TYPE, OBJECT
 * ENCODING, PEXPIRETIME, DEBUG DIGEST-VALUE, FUNCTION LIST); with appendonly the import survives a
 * restart; the offline exporter's file (snapshot + journal) loads in a fresh redis-server with the
 * same digest and the same per-key answers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RdbFileDifferentialTest {
    private static final String LIBRARY = "#!lua name=rdblib\nredis.register_function('rdbf', function(keys, args) return 'x' end)";
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("rdbfile");
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String noise(int n, long seed) {
        StringBuilder sb = new StringBuilder();
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            sb.append((char) ('!' + (int) ((x >>> 33) % 90)));
        }
        return sb.toString();
    }

    /** Commands building every type and encoding, in dbs 0, 1 and 3, with TTLs and a library. */
    static List<String[]> dataset() {
        List<String[]> c = new ArrayList<>();
        c.add(new String[] {"FUNCTION", "LOAD", LIBRARY});
        c.add(new String[] {"SET", "s:int", "12345"});
        c.add(new String[] {"SET", "s:int64", "12345678901234"});
        c.add(new String[] {"SET", "s:embstr", "hello world"});
        c.add(new String[] {"SET", "s:raw", noise(60, 1)});
        c.add(new String[] {"SET", "s:lzf", "abcdefgh".repeat(40)});
        c.add(new String[] {"SET", "s:empty", ""});
        c.add(new String[] {"SET", "s:ttl", "v", "PX", "3600000"});
        c.add(new String[] {"RPUSH", "l:small", "a", "1", "bb", "-7", "12345678901"});
        List<String> big = new ArrayList<>(List.of("RPUSH", "l:big"));
        for (int i = 0; i < 600; i++) {
            big.add("element-" + i);
        }
        c.add(big.toArray(new String[0]));
        c.add(new String[] {"RPUSH", "l:plain", "x", "y".repeat(9000), "z"});
        c.add(new String[] {"SADD", "set:intset", "1", "2", "3", "-5", "100000"});
        c.add(new String[] {"SADD", "set:wide", "1", "9999999999"});
        c.add(new String[] {"SADD", "set:table", "a", "b", "c", "1"});
        List<String> ints = new ArrayList<>(List.of("SADD", "set:bigints"));
        for (int i = 0; i < 600; i++) {
            ints.add(Integer.toString(i * 3));
        }
        c.add(ints.toArray(new String[0]));
        c.add(new String[] {"HSET", "h:lp", "f1", "v1", "f2", "2", "f3", "3.5"});
        c.add(new String[] {"HSET", "h:table", "f1", "v".repeat(100), "f2", "x"});
        c.add(new String[] {"ZADD", "z:lp", "1", "a", "2.5", "b", "-3", "c", "inf", "d"});
        List<String> zs = new ArrayList<>(List.of("ZADD", "z:skip"));
        for (int i = 0; i < 200; i++) {
            zs.add(Double.toString(i * 0.5));
            zs.add("member-" + i);
        }
        c.add(zs.toArray(new String[0]));
        c.add(new String[] {"XADD", "x:stream", "1-1", "a", "1", "b", "2"});
        c.add(new String[] {"XADD", "x:stream", "1-2", "a", "3", "b", "4"});
        c.add(new String[] {"XADD", "x:stream", "2-0", "c", "hello"});
        c.add(new String[] {"XDEL", "x:stream", "1-2"});
        c.add(new String[] {"XGROUP", "CREATE", "x:stream", "g1", "0"});
        c.add(new String[] {"XREADGROUP", "GROUP", "g1", "alice", "COUNT", "1", "STREAMS", "x:stream", ">"});
        c.add(new String[] {"PEXPIRE", "h:lp", "7200000"});
        c.add(new String[] {"PEXPIREAT", "z:lp", "4102444800000"});
        c.add(new String[] {"SELECT", "1"});
        c.add(new String[] {"SET", "db1:k", "in db 1"});
        c.add(new String[] {"RPUSH", "db1:l", "1", "2", "3"});
        c.add(new String[] {"SELECT", "3"});
        c.add(new String[] {"HSET", "db3:h", "a", "b"});
        c.add(new String[] {"SET", "db3:ttl", "x", "EX", "5000"});
        c.add(new String[] {"SELECT", "0"});
        return c;
    }

    private static void build(RespClient c) throws Exception {
        for (String[] cmd : dataset()) {
            Reply r = c.call(cmd);
            assertTrue(!r.isError(), String.join(" ", cmd) + " -> " + r.canonical());
        }
    }

    /**
     * Every db's keys, and per key TYPE, OBJECT ENCODING, PEXPIRETIME and the whole content
     * (unordered collections sorted here), and FUNCTION LIST: equal on both servers. Ringstore's
     * DEBUG DIGEST is its own mix, not Redis's, so digests are compared between servers of one kind.
     */
    static void assertSameData(int redisPort, int ringPort) throws Exception {
        assertSameData(redisPort, ringPort, 20);
    }

    static void assertSameData(int redisPort, int ringPort, int minKeys) throws Exception {
        try (RespClient r = RespClient.connect(redisPort); RespClient g = RespClient.connect(ringPort)) {
            assertEquals(r.call("FUNCTION", "LIST", "WITHCODE").canonical(), g.call("FUNCTION", "LIST", "WITHCODE").canonical());
            int compared = 0;
            for (int db = 0; db < 16; db++) {
                r.call("SELECT", Integer.toString(db));
                g.call("SELECT", Integer.toString(db));
                assertEquals(r.call("DBSIZE").canonical(), g.call("DBSIZE").canonical(), "DBSIZE of db " + db);
                Reply keys = r.call("KEYS", "*");
                for (Reply k : keys.items) {
                    String key = k.text();
                    String type = r.call("TYPE", key).text();
                    List<String[]> reads = new ArrayList<>();
                    reads.add(new String[] {"TYPE", key});
                    reads.add(new String[] {"OBJECT", "ENCODING", key});
                    reads.add(new String[] {"PEXPIRETIME", key});
                    switch (type) {
                        case "string" -> reads.add(new String[] {"GET", key});
                        case "list" -> reads.add(new String[] {"LRANGE", key, "0", "-1"});
                        case "zset" -> reads.add(new String[] {"ZRANGE", key, "0", "-1", "WITHSCORES"});
                        case "stream" -> {
                            reads.add(new String[] {"XRANGE", key, "-", "+"});
                            reads.add(new String[] {"XINFO", "STREAM", key, "FULL"});
                        }
                        case "set" -> reads.add(new String[] {"SMEMBERS", key});
                        default -> reads.add(new String[] {"HGETALL", key});
                    }
                    for (String[] q : reads) {
                        assertEquals(sorted(q[0], r.call(q)), sorted(q[0], g.call(q)), String.join(" ", q) + " in db " + db);
                    }
                    compared++;
                }
            }
            assertTrue(compared >= minKeys, "compared " + compared + " keys");
        }
    }

    /** A reply in canonical form; SMEMBERS's members and HGETALL's pairs sorted (their order is the table's). */
    private static String sorted(String command, Reply reply) {
        if (!reply.isAggregate() || !(command.equals("SMEMBERS") || command.equals("HGETALL"))) {
            return reply.canonical();
        }
        List<String> items = new ArrayList<>();
        int step = command.equals("HGETALL") ? 2 : 1;
        for (int i = 0; i < reply.items.size(); i += step) {
            StringBuilder sb = new StringBuilder();
            for (int j = i; j < i + step; j++) {
                sb.append(reply.items.get(j).canonical()).append(' ');
            }
            items.add(sb.toString());
        }
        java.util.Collections.sort(items);
        return items.toString();
    }

    private static String digest(int port) throws Exception {
        try (RespClient c = RespClient.connect(port)) {
            return c.call("DEBUG", "DIGEST").canonical();
        }
    }

    @Test
    void shouldImportRedisDumpAtStartupAndExportAFileRedisLoads() throws Exception {
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        Path ringDir = Files.createDirectories(dir.resolve("ring"));
        try (RdbRedis redis = RdbRedis.start(redisDir, "dump.rdb")) {
            try (RespClient c = RespClient.connect(redis.port)) {
                build(c);
                assertEquals("+OK", c.call("SAVE").canonical());
            }
            Files.copy(redisDir.resolve("dump.rdb"), ringDir.resolve("in.rdb"));
            String expectedDigest;
            String ringDigest;
            // start-up import, appendonly on: imported, then a write on top goes to the journal
            try (TestServer ring = TestServer.start("rdb-import", "in.rdb", "dir", ringDir.toString(), "shards", "2",
                    "appendonly", "yes", "appendfsync", "always")) {
                assertSameData(redis.port, ring.port());
                try (RespClient r = RespClient.connect(redis.port); RespClient g = RespClient.connect(ring.port())) {
                    for (String[] w : new String[][] {{"SET", "after", "import"}, {"LPUSH", "l:small", "head"}}) {
                        assertEquals(r.call(w).canonical(), g.call(w).canonical());
                    }
                    // the online way: a SAVE, then the newest snapshot alone from the running server's dir
                    assertEquals("+OK", g.call("SAVE").canonical());
                    Path live = dir.resolve("live.rdb");
                    assertEquals(24, RdbExportTool.export(ringDir, new Config(), live, System.currentTimeMillis(), true,
                            new PrintStream(new ByteArrayOutputStream(), true)));
                    try (RdbRedis fromLive = RdbRedis.start(dir, "live.rdb")) {
                        assertEquals(digest(redis.port), digest(fromLive.port), "the live snapshot's export");
                    }
                }
                expectedDigest = digest(redis.port);
                ringDigest = digest(ring.port());
                assertSameData(redis.port, ring.port());
            }
            // a restart without the option recovers the import (snapshot) and the write (journal)
            try (TestServer ring = TestServer.start("dir", ringDir.toString(), "appendonly", "yes")) {
                assertSameData(redis.port, ring.port());
                assertEquals(ringDigest, digest(ring.port()));
            }
            // importing again over that state is refused, nothing served
            Exception refused = assertThrows(Exception.class, () -> TestServer.start("rdb-import", "in.rdb",
                    "dir", ringDir.toString(), "appendonly", "yes").close());
            assertTrue(refused.getMessage().contains("already holds"), refused.getMessage());
            // offline export of snapshot + journal; a fresh redis-server loads it
            Path exportDir = Files.createDirectories(dir.resolve("export"));
            Config config = new Config();
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            long keys = RdbExportTool.export(ringDir, config, exportDir.resolve("out.rdb"), System.currentTimeMillis(),
                    false, new PrintStream(log, true));
            assertEquals(24, keys);
            try (RdbRedis fresh = RdbRedis.start(exportDir, "out.rdb")) {
                assertTrue(fresh.logText().contains("Done loading RDB, keys loaded: 24, keys expired: 0."), fresh.logText());
                assertTrue(fresh.logText().contains("Loading RDB produced by version 7.0.15"), fresh.logText());
                assertSameData(redis.port, fresh.port);
                assertEquals(expectedDigest, digest(fresh.port), "redis-server's digest of the exported file");
                try (RespClient f = RespClient.connect(fresh.port)) {
                    assertEquals("$\"x\"", f.call("FCALL", "rdbf", "0").canonical());
                }
            }
        }
    }

    @Test
    void shouldImportWithoutAppendonlyAndLeaveNoRingstoreFiles() throws Exception {
        Path redisDir = Files.createDirectories(dir.resolve("redis"));
        try (RdbRedis redis = RdbRedis.start(redisDir, "dump.rdb")) {
            try (RespClient c = RespClient.connect(redis.port)) {
                build(c);
                assertEquals("+OK", c.call("SAVE").canonical());
            }
            try (TestServer ring = TestServer.start("rdb-import", redisDir.resolve("dump.rdb").toString(),
                    "dir", redisDir.toString(), "shards", "1")) {
                assertSameData(redis.port, ring.port());
            }
            try (Stream<Path> s = Files.list(redisDir)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("dump.rss")), "no snapshot written");
            }
        }
    }

    /** A ziplist of strings shorter than 64 bytes (ziplist.c: zlbytes, zltail, zllen, entries, 0xFF). */
    static byte[] ziplist(String... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prev = 0;
        int tail = 10;
        for (String e : entries) {
            byte[] b = e.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            tail = 10 + body.size();
            body.write(prev);
            body.write(b.length); // 00pppppp: a string of up to 63 bytes
            body.writeBytes(b);
            prev = 2 + b.length;
        }
        int total = 10 + body.size() + 1;
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(total).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putInt(total).putInt(entries.length == 0 ? 10 : tail).putShort((short) entries.length).put(body.toByteArray()).put((byte) 0xFF);
        return h.array();
    }

    /** A zipmap (zipmap.c: zmlen, then len key len free value ..., 0xFF) of short strings. */
    static byte[] zipmap(String... kv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(kv.length / 2);
        for (int i = 0; i < kv.length; i += 2) {
            byte[] k = kv[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] v = kv[i + 1].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            b.write(k.length);
            b.writeBytes(k);
            b.write(v.length);
            b.write(0);
            b.writeBytes(v);
        }
        b.write(0xFF);
        return b.toByteArray();
    }

    /** An RDB version 9 file as Redis 6.2 and older wrote them: ziplists, a zipmap, the pre-listpack types, EXPIRETIME in seconds. */
    static byte[] version9File() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        io.ringstore.engine.rdb.RdbOutput out = new io.ringstore.engine.rdb.RdbOutput(bytes);
        java.util.function.Consumer<String> str = t -> out.writeString(t.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.util.function.Consumer<byte[]> blob = b -> out.writeString(b, 0, b.length);
        byte[] magic = "REDIS0009".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(magic, 0, magic.length);
        out.writeByte(250);
        str.accept("redis-ver");
        str.accept("6.2.14");
        out.writeByte(254);
        out.writeLength(0);
        out.writeByte(251);
        out.writeLength(9);
        out.writeLength(1);
        out.writeByte(14); // LIST_QUICKLIST: ziplist nodes
        str.accept("v9:quicklist");
        out.writeLength(2);
        blob.accept(ziplist("a", "b", "c"));
        blob.accept(ziplist("d", "12", "-3"));
        out.writeByte(13); // HASH_ZIPLIST
        str.accept("v9:hash");
        blob.accept(ziplist("f1", "v1", "f2", "22"));
        out.writeByte(12); // ZSET_ZIPLIST
        str.accept("v9:zset");
        blob.accept(ziplist("m3", "-7", "m1", "1.5", "m2", "2"));
        out.writeByte(9); // HASH_ZIPMAP
        str.accept("v9:zipmap");
        blob.accept(zipmap("k1", "v1", "k2", "v2"));
        out.writeByte(253); // EXPIRETIME in seconds: 2030-01-01
        for (int i = 0; i < 4; i++) {
            out.writeByte((int) (1893456000L >>> (8 * i)) & 0xFF);
        }
        out.writeByte(1); // LIST: a linked list
        str.accept("v9:linked");
        out.writeLength(2);
        str.accept("x");
        str.accept("y");
        out.writeByte(2); // SET
        str.accept("v9:set");
        out.writeLength(2);
        str.accept("p");
        str.accept("q");
        out.writeByte(3); // ZSET: text doubles
        str.accept("v9:oldzset");
        out.writeLength(2);
        str.accept("z1");
        out.writeByte(3);
        out.write("1.5".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 3);
        str.accept("z2");
        out.writeByte(254); // +inf
        out.writeByte(4); // HASH
        str.accept("v9:oldhash");
        out.writeLength(1);
        str.accept("hf");
        str.accept("hv");
        out.writeByte(0);
        str.accept("v9:string");
        str.accept("plain");
        out.writeByte(255);
        long crc = out.crc();
        for (int i = 0; i < 8; i++) {
            bytes.write((int) (crc >>> (8 * i)));
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldLoadAVersion9FileAsRedis70LoadsIt() throws Exception {
        Files.write(dir.resolve("v9.rdb"), version9File());
        try (RdbRedis redis = RdbRedis.start(dir, "v9.rdb");
             TestServer ring = TestServer.start("rdb-import", "v9.rdb", "dir", dir.toString(), "shards", "2")) {
            assertTrue(redis.logText().contains("Done loading RDB, keys loaded: 9, keys expired: 0."), redis.logText());
            assertSameData(redis.port, ring.port(), 9);
        }
    }

    @Test
    void shouldRefuseWhatRedisRefuses() throws Exception {
        byte[] good = version9File();
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 3] ^= 0x40;
        Files.write(dir.resolve("badcrc.rdb"), badCrc);
        assertTrue(RdbRedis.refuse(dir, "badcrc.rdb").contains("Wrong RDB checksum"));
        Exception e = assertThrows(Exception.class, () -> TestServer.start("rdb-import", "badcrc.rdb", "dir", dir.toString()).close());
        assertTrue(e.getMessage().contains("Wrong RDB checksum expected: (") && e.getMessage().contains("badcrc.rdb"), e.getMessage());
        Files.write(dir.resolve("cut.rdb"), java.util.Arrays.copyOf(good, good.length / 2));
        assertTrue(RdbRedis.refuse(dir, "cut.rdb").contains("Short read or OOM loading DB"));
        e = assertThrows(Exception.class, () -> TestServer.start("rdb-import", "cut.rdb", "dir", dir.toString()).close());
        assertTrue(e.getMessage().contains("cut.rdb cannot be loaded: at byte "), e.getMessage());
        byte[] v11 = good.clone();
        v11[7] = '1';
        v11[8] = '1';
        Files.write(dir.resolve("v11.rdb"), v11);
        assertTrue(RdbRedis.refuse(dir, "v11.rdb").contains("Can't handle RDB format version 11"));
        e = assertThrows(Exception.class, () -> TestServer.start("rdb-import", "v11.rdb", "dir", dir.toString()).close());
        assertTrue(e.getMessage().contains("Can't handle RDB format version 11"), e.getMessage());
    }
}
