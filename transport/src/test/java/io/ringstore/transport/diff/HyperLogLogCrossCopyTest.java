package io.ringstore.transport.diff;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * HLL values cross between redis-server 7.0.15 and Ringstore (1 and 2 shards) through GET and SET:
 * a value either one made counts the same on the other, and further PFADD, PFCOUNT and PFMERGE
 * leave the same bytes on both. Also grows one HLL to 100000 elements on both side by side,
 * comparing the count and the bytes at each checkpoint, so the reference figures come from the
 * real redis-server in the test itself.
 */
@Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
class HyperLogLogCrossCopyTest extends DifferentialHarness {
    /** Element counts of the copied values: sparse, near the promotion, dense. */
    private static final int[] SIZES = {0, 3, 200, 1500, 5000};

    @ParameterizedTest(name = "shards={0}")
    @ValueSource(ints = {1, 2})
    void shouldCountValuesCopiedEitherWayTheSame(int shards) throws Exception {
        try (RespClient redisClient = RespClient.connect(redis.port);
             RespClient ring = RespClient.connect(ringPort(shards))) {
            flush(redisClient, ring);
            for (int size : SIZES) {
                // made by redis-server, read by Ringstore
                String r = "r" + size;
                add(redisClient, r, "a", size);
                byte[] fromRedis = get(redisClient, r);
                assertEquals("OK", ring.call(bytes("SET"), bytes(r), fromRedis).text());
                sameOnBoth(redisClient, ring, "PFCOUNT", r);
                assertArrayEquals(get(redisClient, r), get(ring, r), "cached count written the same for " + r);
                // made by Ringstore, read by redis-server
                String o = "o" + size;
                add(ring, o, "b", size);
                byte[] fromRing = get(ring, o);
                assertEquals("OK", redisClient.call(bytes("SET"), bytes(o), fromRing).text());
                sameOnBoth(redisClient, ring, "PFCOUNT", o);
                // both copies go on the same way
                sameOnBoth(redisClient, ring, "PFADD", r, "c1", "c2", "c3", "a1");
                sameOnBoth(redisClient, ring, "PFADD", o, "c1", "c2", "c3", "b1");
                sameOnBoth(redisClient, ring, "PFCOUNT", r, o);
                sameOnBoth(redisClient, ring, "PFMERGE", "m" + size, r, o);
                sameOnBoth(redisClient, ring, "PFCOUNT", "m" + size);
                sameOnBoth(redisClient, ring, "PFDEBUG", "ENCODING", r);
                for (String k : new String[] {r, o, "m" + size}) {
                    assertArrayEquals(get(redisClient, k), get(ring, k), "bytes of " + k);
                }
            }
        }
    }

    @ParameterizedTest(name = "shards={0}")
    @ValueSource(ints = {1, 2})
    void shouldCountOneToOneHundredThousandElementsAsRedis(int shards) throws Exception {
        try (RespClient redisClient = RespClient.connect(redis.port);
             RespClient ring = RespClient.connect(ringPort(shards))) {
            flush(redisClient, ring);
            int n = 0;
            for (int checkpoint : new int[] {1, 5, 20, 100, 700, 1500, 2500, 4000, 10000, 30000, 70000, 100000}) {
                List<String> args = new ArrayList<>(List.of("PFADD", "k"));
                while (n < checkpoint) {
                    args.add("x" + ++n);
                    if (args.size() == 1002 || n == checkpoint) {
                        sameOnBoth(redisClient, ring, args.toArray(new String[0]));
                        args = new ArrayList<>(List.of("PFADD", "k"));
                    }
                }
                assertArrayEquals(get(redisClient, "k"), get(ring, "k"), "bytes at " + checkpoint);
                sameOnBoth(redisClient, ring, "PFCOUNT", "k");
                sameOnBoth(redisClient, ring, "PFCOUNT", "k", "missing");
                assertArrayEquals(get(redisClient, "k"), get(ring, "k"), "bytes with the count cached at " + checkpoint);
            }
        }
    }

    private static void flush(RespClient... clients) throws Exception {
        for (RespClient c : clients) {
            assertEquals("OK", c.call("FLUSHALL").text());
        }
    }

    /** PFADD key prefix0 .. prefix(n-1), in calls of at most 1000 elements (one without any for 0). */
    private static void add(RespClient c, String key, String prefix, int n) throws Exception {
        List<String> args = new ArrayList<>(List.of("PFADD", key));
        for (int i = 0; i < n; i++) {
            args.add(prefix + i);
            if (args.size() == 1002) {
                c.call(args.toArray(new String[0]));
                args = new ArrayList<>(List.of("PFADD", key));
            }
        }
        if (args.size() > 2 || n == 0) {
            c.call(args.toArray(new String[0]));
        }
    }

    private static void sameOnBoth(RespClient redisClient, RespClient ring, String... args) throws Exception {
        String expected = redisClient.call(args).toString();
        assertEquals(expected, ring.call(args).toString(), String.join(" ", args));
    }

    private static byte[] get(RespClient c, String key) throws Exception {
        Reply r = c.call("GET", key);
        assertEquals('$', r.type, key + ": " + r);
        return r.data;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
