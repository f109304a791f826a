package io.ringstore.transport;

import io.ringstore.engine.EngineContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.LCSMatchResult;
import redis.clients.jedis.util.SafeEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The string commands through Jedis against the real server, on one shard and on two (where the
 * multi-key commands below span both shards and run at a barrier).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StringsIT {
    static TestServer one;
    static TestServer two;

    @BeforeAll
    static void start() throws Exception {
        one = TestServer.start();
        two = TestServer.start("shards", "2");
    }

    @AfterAll
    static void stop() {
        one.close();
        two.close();
    }

    @BeforeEach
    void flush() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = jedis(s)) {
                j.flushAll();
            }
        }
    }

    private static Jedis jedis(TestServer s) {
        return new Jedis("127.0.0.1", s.port());
    }

    @Test
    void shouldSetWithOptionsAndReadBack() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = jedis(s)) {
                assertEquals("OK", j.set("k", "v", SetParams.setParams().nx().ex(100)));
                assertNull(j.set("k", "v2", SetParams.setParams().nx()));
                assertEquals("v", j.setGet("k", "v3", SetParams.setParams().xx().keepttl()));
                assertEquals("v3", j.get("k"));
                assertEquals("v3", j.getSet("k", "v4"));
                assertEquals("v4", j.getEx("k", GetExParams.getExParams().px(5000)));
                assertEquals("v4", j.getEx("k", GetExParams.getExParams().persist()));
                assertEquals("v4", j.getDel("k"));
                assertNull(j.get("k"));
                assertEquals(1L, j.setnx("n", "1"));
                assertEquals("OK", j.setex("e", 10, "x"));
                assertEquals("OK", j.psetex("p", 10_000, "y"));
                JedisDataException err = assertThrows(JedisDataException.class,
                        () -> j.set("k", "v", SetParams.setParams().ex(0)));
                assertEquals("ERR invalid expire time in 'set' command", err.getMessage());
                err = assertThrows(JedisDataException.class,
                        () -> j.sendCommand(Protocol.Command.SET, "k", "v", "NX", "XX"));
                assertEquals("ERR syntax error", err.getMessage());
            }
        }
    }

    @Test
    void shouldRunMultiKeyCommandsAcrossShards() {
        List<String> keys = keysOnBothShards();
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = jedis(s)) {
                String[] pairs = new String[keys.size() * 2];
                for (int i = 0; i < keys.size(); i++) {
                    pairs[2 * i] = keys.get(i);
                    pairs[2 * i + 1] = "v" + i;
                }
                assertEquals("OK", j.mset(pairs));
                List<String> got = j.mget(keys.toArray(new String[0]));
                for (int i = 0; i < keys.size(); i++) {
                    assertEquals("v" + i, got.get(i));
                }
                String[] fresh = {"fresh-" + keys.get(0), "1", keys.get(keys.size() - 1), "2"};
                assertEquals(0L, j.msetnx(fresh));
                assertNull(j.get(fresh[0]));
                j.del(keys.get(keys.size() - 1));
                assertEquals(1L, j.msetnx(fresh));
                assertEquals(Arrays.asList("1", "2", null), j.mget(fresh[0], fresh[2], "missing"));
                JedisDataException err = assertThrows(JedisDataException.class,
                        () -> j.sendCommand(Protocol.Command.MSET, keys.get(0), "1", keys.get(1)));
                assertEquals("ERR wrong number of arguments for 'mset' command", err.getMessage());
            }
        }
    }

    /** Keys of which some live on each of the two-shard server's shards. */
    private static List<String> keysOnBothShards() {
        EngineContext ctx = two.server.engine().context();
        List<String> keys = new ArrayList<>();
        Set<Integer> shards = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String k = "multi:" + i;
            byte[] b = k.getBytes();
            shards.add(ctx.shardOfKey(b, 0, b.length));
            keys.add(k);
        }
        assertEquals(2, shards.size(), "test keys should span both shards");
        return keys;
    }

    @Test
    void shouldCountWithIntegersAndLongDoubles() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = jedis(s)) {
                assertEquals(1L, j.incr("c"));
                assertEquals(11L, j.incrBy("c", 10));
                assertEquals(10L, j.decr("c"));
                assertEquals(4L, j.decrBy("c", 6));
                j.set("c", "9223372036854775807");
                JedisDataException err = assertThrows(JedisDataException.class, () -> j.incr("c"));
                assertEquals("ERR increment or decrement would overflow", err.getMessage());
                j.set("s", "abc");
                err = assertThrows(JedisDataException.class, () -> j.incr("s"));
                assertEquals("ERR value is not an integer or out of range", err.getMessage());
                j.set("e", "1e5");
                assertEquals("100000.0000001499999982", incrByFloatText(j, "e", "1.5e-7"));
                j.set("f", "0.1");
                assertEquals("0.3", incrByFloatText(j, "f", "0.2"));
                assertEquals(3.5, j.incrByFloat("g", 3.5));
                err = assertThrows(JedisDataException.class, () -> incrByFloatText(j, "f", "inf"));
                assertEquals("ERR increment would produce NaN or Infinity", err.getMessage());
                err = assertThrows(JedisDataException.class, () -> incrByFloatText(j, "f", "nope"));
                assertEquals("ERR value is not a valid float", err.getMessage());
            }
        }
    }

    private static String incrByFloatText(Jedis j, String key, String incr) {
        return SafeEncoder.encode((byte[]) j.sendCommand(Protocol.Command.INCRBYFLOAT, key, incr));
    }

    @Test
    void shouldEditAndReadRanges() {
        for (TestServer s : List.of(one, two)) {
            try (Jedis j = jedis(s)) {
                assertEquals(5L, j.append("s", "Hello"));
                assertEquals(11L, j.append("s", " World"));
                assertEquals(11L, j.strlen("s"));
                assertEquals("World", j.getrange("s", -5, -1));
                assertEquals("Hello", j.substr("s", 0, 4));
                assertEquals(11L, j.setrange("s", 6, "Redis"));
                assertEquals("Hello Redis", j.get("s"));
                assertEquals(5L, j.setrange("pad", 3, "ab"));
                assertEquals("\0\0\0ab", j.get("pad"));
                JedisDataException err = assertThrows(JedisDataException.class, () -> j.setrange("s", 536870911, "ab"));
                assertEquals("ERR string exceeds maximum allowed size (proto-max-bulk-len)", err.getMessage());
            }
        }
    }

    @Test
    void shouldFindLongestCommonSubsequencesInResp2AndResp3() {
        for (RedisProtocol protocol : List.of(RedisProtocol.RESP2, RedisProtocol.RESP3)) {
            for (TestServer s : List.of(one, two)) {
                DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().protocol(protocol).build();
                try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", s.port()), config)) {
                    j.mset("{t}1", "ohmytext", "{t}2", "mynewtext");
                    assertEquals("mytext", j.lcs("{t}1", "{t}2", LCSParams.LCSParams()).getMatchString());
                    assertEquals(6L, j.lcs("{t}1", "{t}2", LCSParams.LCSParams().len()).getLen());
                    LCSMatchResult idx = j.lcs("{t}1", "{t}2", LCSParams.LCSParams().idx().withMatchLen());
                    assertEquals(6L, idx.getLen());
                    assertEquals(2, idx.getMatches().size());
                    LCSMatchResult.MatchedPosition first = idx.getMatches().get(0);
                    assertEquals(4L, first.getA().getStart());
                    assertEquals(7L, first.getA().getEnd());
                    assertEquals(5L, first.getB().getStart());
                    assertEquals(8L, first.getB().getEnd());
                    assertEquals(4L, first.getMatchLen());
                    assertEquals(2L, idx.getMatches().get(1).getMatchLen());
                    LCSMatchResult min = j.lcs("{t}1", "{t}2", LCSParams.LCSParams().idx().minMatchLen(4));
                    assertEquals(1, min.getMatches().size());
                    assertEquals("", j.lcs("{t}x", "{t}y", LCSParams.LCSParams()).getMatchString());
                }
            }
        }
    }
}
