package io.ringstore.transport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ExpiryOption;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keyspace commands through Jedis against the real server, with one and with two shards. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KeysIT {
    static TestServer one;
    static TestServer two;

    @BeforeAll
    static void start() throws Exception {
        one = TestServer.start("shards", "1");
        two = TestServer.start("shards", "2");
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    static List<TestServer> servers() {
        return List.of(one, two);
    }

    static Jedis connect(TestServer s) {
        Jedis j = new Jedis("127.0.0.1", s.port());
        j.flushAll();
        return j;
    }

    /** A key named prefix+N on the given shard of the server (shard 0 when it has one). */
    static String keyOnShard(TestServer s, String prefix, int shard) {
        var ctx = s.server.engine().context();
        for (int i = 0; ; i++) {
            byte[] k = (prefix + i).getBytes(StandardCharsets.UTF_8);
            if (ctx.shardOfKey(k, 0, k.length) == shard % ctx.shards.length) {
                return prefix + i;
            }
        }
    }

    @Test
    void shouldSetReadAndClearExpiry() {
        for (TestServer s : servers()) {
            try (Jedis j = connect(s)) {
                j.set("k", "v");
                assertEquals(-1L, j.ttl("k"));
                assertEquals(0L, j.expire("k", 100, ExpiryOption.XX));
                assertEquals(1L, j.expire("k", 100, ExpiryOption.NX));
                assertEquals(0L, j.expire("k", 50, ExpiryOption.GT));
                long ttl = j.ttl("k");
                assertTrue(ttl > 98 && ttl <= 100, "ttl " + ttl);
                long pttl = j.pttl("k");
                assertTrue(pttl > 98_000 && pttl <= 100_000, "pttl " + pttl);
                long now = System.currentTimeMillis();
                long at = j.pexpireTime("k");
                assertTrue(Math.abs(at - (now + 100_000)) < 5_000, "pexpiretime " + at);
                assertEquals((at + 500) / 1000, j.expireTime("k"));
                assertEquals(1L, j.persist("k"));
                assertEquals(-1L, j.ttl("k"));
                assertEquals(-2L, j.ttl("missing"));
                assertEquals(1L, j.pexpireAt("k", 1));
                assertFalse(j.exists("k"), "a deadline in the past deletes the key");
                JedisDataException e = assertThrows(JedisDataException.class,
                        () -> j.sendCommand(() -> "EXPIRE".getBytes(), "k", "10", "NX", "GT"));
                assertEquals("ERR NX and XX, GT or LT options at the same time are not compatible", e.getMessage());
                e = assertThrows(JedisDataException.class, () -> j.expire("k", Long.MAX_VALUE));
                assertEquals("ERR invalid expire time in 'expire' command", e.getMessage());
            }
        }
    }

    @Test
    void shouldScanEveryKeyAcrossShardsWithMatchCountAndType() {
        for (TestServer s : servers()) {
            try (Jedis j = connect(s)) {
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < 1500; i++) {
                    j.set("scan:" + i, "v");
                    expected.add("scan:" + i);
                }
                j.set("other", "v");
                List<String> seen = new ArrayList<>();
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> r = j.scan(cursor, new ScanParams().match("scan:*").count(50), "string");
                    seen.addAll(r.getResult());
                    cursor = r.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
                assertEquals(expected, new HashSet<>(seen));
                assertEquals(1500, seen.size(), "no duplicates from a stable keyspace");
                assertEquals(expected, j.keys("scan:*"));
                assertEquals(1501, j.keys("*").size());
                JedisDataException e = assertThrows(JedisDataException.class, () -> j.scan("nope"));
                assertEquals("ERR invalid cursor", e.getMessage());
            }
        }
    }

    @Test
    void shouldRenameAndCopyAcrossShards() {
        for (TestServer s : servers()) {
            try (Jedis j = connect(s)) {
                String a = keyOnShard(s, "a", 0);
                String b = keyOnShard(s, "b", 1);
                String c = keyOnShard(s, "c", 0);
                j.set(a, "value");
                j.expire(a, 1000);
                assertEquals("OK", j.rename(a, b));
                assertEquals("value", j.get(b));
                assertTrue(j.ttl(b) > 990);
                assertFalse(j.exists(a));
                assertEquals(0L, j.renamenx(b, b));
                assertTrue(j.copy(b, c, false));
                assertFalse(j.copy(b, c, false));
                assertEquals("value", j.get(c));
                assertTrue(j.ttl(c) > 990);
                JedisDataException e = assertThrows(JedisDataException.class, () -> j.rename("missing", "x"));
                assertEquals("ERR no such key", e.getMessage());
            }
        }
    }

    @Test
    void shouldMoveCopyAndSwapBetweenDatabases() {
        for (TestServer s : servers()) {
            try (Jedis j = connect(s); Jedis other = new Jedis("127.0.0.1", s.port())) {
                other.select(5);
                j.set("m", "1");
                assertEquals(1L, j.move("m", 5));
                assertEquals("1", other.get("m"));
                j.set("c", "2");
                assertTrue(j.copy("c", "c", 5, false));
                assertEquals("2", other.get("c"));
                assertEquals("OK", j.swapDB(0, 5));
                assertEquals("1", j.get("m"));
                assertNull(other.get("m"));
                assertEquals("2", other.get("c"));
                assertEquals(2L, j.dbSize());
                JedisDataException e = assertThrows(JedisDataException.class, () -> j.move("m", 0));
                assertEquals("ERR source and destination objects are the same", e.getMessage());
            }
        }
    }

    @Test
    void shouldAnswerTypeTouchRandomkeyAndObject() {
        for (TestServer s : servers()) {
            try (Jedis j = connect(s)) {
                assertNull(j.randomKey());
                j.set("n", "123");
                j.set("s", "text");
                assertEquals("string", j.type("s"));
                assertEquals("none", j.type("missing"));
                assertEquals(2L, j.touch("n", "s", "missing"));
                assertEquals(3L, j.exists("n", "s", "n"));
                assertTrue(Set.of("n", "s").contains(j.randomKey()));
                assertEquals("int", new String(j.objectEncoding("n".getBytes()), StandardCharsets.UTF_8));
                assertEquals("embstr", j.objectEncoding("s"));
                assertEquals(2147483647L, j.objectRefcount("n"));
                assertEquals(0L, j.objectIdletime("s"));
                assertNull(j.objectEncoding("missing"));
                JedisDataException e = assertThrows(JedisDataException.class, () -> j.objectFreq("s"));
                assertTrue(e.getMessage().startsWith("ERR An LFU maxmemory policy is not selected"), e.getMessage());
                assertEquals(15, j.objectHelp().size());
                assertEquals(2L, j.unlink("n", "s"));
            }
        }
    }
}
