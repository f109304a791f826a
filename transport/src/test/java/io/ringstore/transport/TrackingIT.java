package io.ringstore.transport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client-side caching through real clients: Lettuce's ClientSideCaching over RESP3 (a value cached,
 * changed by another connection, invalidated by the push and read again; the same in BCAST mode),
 * and the RESP2 way, invalidations redirected to a connection subscribed to
 * {@code __redis__:invalidate} (a Jedis client tracking, a raw socket subscribed). Jedis 5.2's own client-side cache is not exercised: it refuses
 * servers older than 7.4, and Ringstore reports 7.0.15. 1 and 2 shards.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TrackingIT {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldInvalidateALettuceClientSideCacheWhenAnotherConnectionWrites(int shards) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards))) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + s.port());
            try (StatefulRedisConnection<String, String> tracked = client.connect();
                 StatefulRedisConnection<String, String> writer = client.connect()) {
                Map<String, String> local = new ConcurrentHashMap<>();
                CacheFrontend<String, String> cache = ClientSideCaching.enable(CacheAccessor.forMap(local), tracked,
                        TrackingArgs.Builder.enabled());
                writer.sync().set("user:1", "ann");
                writer.sync().set("user:2", "bob");
                assertEquals("ann", cache.get("user:1"));
                assertEquals("bob", cache.get("user:2"));
                assertEquals("ann", local.get("user:1"), "cached on the client");
                writer.sync().set("user:1", "ada");
                assertTrue(waitFor(() -> !local.containsKey("user:1")), "the invalidation push evicted it");
                assertEquals("bob", local.get("user:2"), "the other key stays cached");
                assertEquals("ada", cache.get("user:1"), "read again from the server");
                writer.sync().del("user:2");
                assertTrue(waitFor(() -> !local.containsKey("user:2")));
                cache.close();
            } finally {
                client.shutdown();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldBroadcastPrefixInvalidationsToALettuceCache(int shards) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards))) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + s.port());
            try (StatefulRedisConnection<String, String> tracked = client.connect();
                 StatefulRedisConnection<String, String> writer = client.connect()) {
                Map<String, String> local = new ConcurrentHashMap<>();
                CacheFrontend<String, String> cache = ClientSideCaching.enable(CacheAccessor.forMap(local), tracked,
                        TrackingArgs.Builder.enabled().bcast().prefixes("user:"));
                writer.sync().set("user:1", "ann");
                writer.sync().set("post:1", "hello");
                assertEquals("ann", cache.get("user:1"));
                assertEquals("hello", cache.get("post:1"));
                writer.sync().set("post:1", "changed");
                writer.sync().set("user:1", "ada");
                assertTrue(waitFor(() -> !local.containsKey("user:1")), "user:1 matches the prefix");
                assertEquals("hello", local.get("post:1"), "post:1 does not: no invalidation");
                assertEquals("ada", cache.get("user:1"));
                cache.close();
            } finally {
                client.shutdown();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRedirectInvalidationsToASubscribedResp2Connection(int shards) throws Exception {
        // A raw socket subscribes: JedisPubSub cannot read a message whose payload is an array.
        try (TestServer s = TestServer.start("shards", Integer.toString(shards));
             Jedis tracked = new Jedis("127.0.0.1", s.port());
             Jedis writer = new Jedis("127.0.0.1", s.port());
             java.net.Socket sub = new java.net.Socket("127.0.0.1", s.port())) {
            sub.setSoTimeout(10_000);
            java.io.OutputStream out = sub.getOutputStream();
            java.io.InputStream in = sub.getInputStream();
            out.write("CLIENT ID\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String id = readUntil(in, "\r\n").substring(1).trim();
            out.write("SUBSCRIBE __redis__:invalidate\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("*3\r\n$9\r\nsubscribe\r\n$20\r\n__redis__:invalidate\r\n:1\r\n", readUntil(in, ":1\r\n"));
            Object ok = tracked.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "TRACKING", "on", "REDIRECT", id);
            assertEquals("OK", new String((byte[]) ok, java.nio.charset.StandardCharsets.UTF_8));
            writer.set("k", "1");
            assertEquals("1", tracked.get("k"));
            writer.set("k", "2");
            assertEquals("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$1\r\nk\r\n",
                    readUntil(in, "$1\r\nk\r\n"));
            writer.flushAll();
            assertEquals("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n$-1\r\n", readUntil(in, "$-1\r\n"));
            sub.close();
            assertTrue(waitFor(() -> !writer.clientList().contains("id=" + id + " ")));
            tracked.get("r");
            writer.set("r", "x");
            assertTrue(waitFor(() -> writer.clientList().contains(" flags=tR ")),
                    "the redirect target gone: flag R once an invalidation finds it missing");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPutTrackingBackWhenWatchAbortsTheExecThatQueuedIt(int shards) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards));
             Jedis writer = new Jedis("127.0.0.1", s.port());
             java.net.Socket c = new java.net.Socket("127.0.0.1", s.port())) {
            c.setSoTimeout(10_000);
            java.io.OutputStream out = c.getOutputStream();
            java.io.InputStream in = c.getInputStream();
            out.write("WATCH k\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("+OK\r\n", readUntil(in, "\r\n"));
            writer.set("k", "changed");
            out.write(("MULTI\r\nCLIENT TRACKING on BCAST\r\nEXEC\r\nCLIENT TRACKINGINFO\r\nCLIENT TRACKING on\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // pipelined behind the EXEC
            assertEquals("+OK\r\n+QUEUED\r\n*-1\r\n*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n"
                    + "$8\r\nprefixes\r\n*0\r\n+OK\r\n", readUntil(in, "*0\r\n+OK\r\n"),
                    "the queued CLIENT TRACKING never ran: tracking stays off, and a non-BCAST mode can be chosen");
        }
    }

    /**
     * A CLIENT TRACKING off queued in MULTI turns the option off at ingress before EXEC runs it; a
     * client that then disconnects must still leave every shard's tracking copy (it once did not:
     * its close published nothing, and tracking_clients stayed 1 for good).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldForgetATrackingClientThatClosesWithTrackingOffQueued(int shards) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards));
             Jedis other = new Jedis("127.0.0.1", s.port())) {
            try (java.net.Socket c = new java.net.Socket("127.0.0.1", s.port())) {
                c.setSoTimeout(10_000);
                c.getOutputStream().write("CLIENT TRACKING on\r\nMULTI\r\nCLIENT TRACKING off\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                assertEquals("+OK\r\n+OK\r\n+QUEUED\r\n", readUntil(c.getInputStream(), "+QUEUED\r\n"));
                assertTrue(other.info("clients").contains("tracking_clients:1"), other.info("clients"));
            }
            assertTrue(waitFor(() -> other.info("clients").contains("tracking_clients:0")),
                    "the closed client left the tracking tables: " + other.info("clients"));
        }
    }

    private static String readUntil(java.io.InputStream in, String end) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException(sb.toString());
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
