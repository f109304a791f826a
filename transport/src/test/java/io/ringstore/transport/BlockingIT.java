package io.ringstore.transport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocking commands over real connections, 1 and 2 shards: a consumer blocked in BLPOP served by
 * a producer on another connection, commands pipelined behind a blocking command waiting for it
 * (the fence), a disconnect while blocked leaving no waiter, timeouts and CLIENT UNBLOCK.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BlockingIT {
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

    static TestServer server(int shards) {
        return shards == 1 ? one : two;
    }

    static long blockedClients(Jedis j) {
        for (String line : j.info("clients").split("\r\n")) {
            if (line.startsWith("blocked_clients:")) {
                return Long.parseLong(line.substring("blocked_clients:".length()));
            }
        }
        throw new AssertionError("no blocked_clients");
    }

    static void awaitBlocked(Jedis j, long n) throws InterruptedException {
        for (int i = 0; i < 500 && blockedClients(j) != n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, blockedClients(j));
    }

    /** Reads what has arrived within {@code ms}. */
    static String readFor(InputStream in, long ms) throws Exception {
        long end = System.currentTimeMillis() + ms;
        StringBuilder sb = new StringBuilder();
        byte[] buf = new byte[4096];
        while (System.currentTimeMillis() < end) {
            if (in.available() > 0) {
                int n = in.read(buf);
                sb.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            } else {
                Thread.sleep(5);
            }
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeAQueueConsumerFromAProducerOnAnotherConnection(int shards) throws Exception {
        String q = "it:queue:" + shards;
        try (Jedis consumer = new Jedis("127.0.0.1", server(shards).port());
             Jedis producer = new Jedis("127.0.0.1", server(shards).port())) {
            CompletableFuture<List<String>> got = CompletableFuture.supplyAsync(() -> consumer.blpop(0, q));
            awaitBlocked(producer, 1);
            assertEquals(1L, producer.rpush(q, "job-1"));
            assertEquals(List.of(q, "job-1"), got.get(10, TimeUnit.SECONDS));
            assertEquals(0L, producer.llen(q));
            assertEquals(0L, blockedClients(producer));
            // and a second round on the same connection
            got = CompletableFuture.supplyAsync(() -> consumer.brpop(0, q));
            awaitBlocked(producer, 1);
            producer.lpush(q, "job-2");
            assertEquals(List.of(q, "job-2"), got.get(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldHoldPipelinedCommandsBehindABlockedCommand(int shards) throws Exception {
        fence(shards, true);
        fence(shards, false);
    }

    static String multibulk(String... words) {
        StringBuilder sb = new StringBuilder("*" + words.length + "\r\n");
        for (String w : words) {
            sb.append('$').append(w.length()).append("\r\n").append(w).append("\r\n");
        }
        return sb.toString();
    }

    private static void fence(int shards, boolean inline) throws Exception {
        String q = "it:fence:" + shards + ":" + inline;
        try (Socket s = new Socket("127.0.0.1", server(shards).port());
             Jedis producer = new Jedis("127.0.0.1", server(shards).port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String pipeline = inline
                    ? "BLPOP " + q + " 0\r\nRPUSH " + q + " mine\r\nPING\r\n"
                    : multibulk("BLPOP", q, "0") + multibulk("RPUSH", q, "mine") + multibulk("PING");
            out.write(pipeline.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitBlocked(producer, 1);
            assertEquals("", readFor(in, 200));
            assertEquals(0L, producer.llen(q)); // the pipelined RPUSH has not run
            producer.rpush(q, "theirs");
            String expect = "*2\r\n$" + q.length() + "\r\n" + q + "\r\n$6\r\ntheirs\r\n:1\r\n+PONG\r\n";
            String got = readFor(in, 300);
            for (int i = 0; i < 100 && got.length() < expect.length(); i++) {
                got += readFor(in, 50);
            }
            assertEquals(expect, got);
            assertEquals(List.of("mine"), producer.lrange(q, 0, -1));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldForgetAClientThatDisconnectsWhileBlocked(int shards) throws Exception {
        String q = "it:gone:" + shards;
        try (Jedis producer = new Jedis("127.0.0.1", server(shards).port())) {
            try (Socket s = new Socket("127.0.0.1", server(shards).port())) {
                s.getOutputStream().write(("BLPOP " + q + " 0\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                awaitBlocked(producer, 1);
            }
            awaitBlocked(producer, 0);
            producer.rpush(q, "kept");
            assertEquals(List.of("kept"), producer.lrange(q, 0, -1));
            producer.del(q);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldTimeOutAndUnblock(int shards) throws Exception {
        String q = "it:timeout:" + shards;
        try (Jedis a = new Jedis("127.0.0.1", server(shards).port());
             Jedis admin = new Jedis("127.0.0.1", server(shards).port())) {
            long t0 = System.nanoTime();
            assertNull(a.blpop(0.2, q));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 150 && ms < 5000, "took " + ms + " ms");
            long id = a.clientId();
            CompletableFuture<Object> got = CompletableFuture.supplyAsync(() -> a.bzpopmin(0, q));
            awaitBlocked(admin, 1);
            assertEquals(1L, admin.clientUnblock(id));
            assertNull(got.get(10, TimeUnit.SECONDS));
            assertEquals("PONG", a.ping());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeBlmoveIntoAnotherWaiter(int shards) throws Exception {
        try (Jedis a = new Jedis("127.0.0.1", server(shards).port());
             Jedis b = new Jedis("127.0.0.1", server(shards).port());
             Jedis p = new Jedis("127.0.0.1", server(shards).port())) {
            CompletableFuture<String> moved = CompletableFuture.supplyAsync(() -> a.brpoplpush("{it}src", "{it}dst", 0));
            awaitBlocked(p, 1);
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> b.blpop(0, "{it}dst"));
            awaitBlocked(p, 2);
            p.rpush("{it}src", "x");
            assertEquals("x", moved.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("{it}dst", "x"), popped.get(10, TimeUnit.SECONDS));
        }
    }

    /** An event-log consumer: XREADGROUP BLOCK on one connection, served by XADD on another. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeABlockedStreamConsumerFromAnXadd(int shards) throws Exception {
        String k = "it:events:" + shards;
        try (Jedis consumer = new Jedis("127.0.0.1", server(shards).port());
             Jedis producer = new Jedis("127.0.0.1", server(shards).port())) {
            producer.del(k);
            assertEquals("OK", producer.xgroupCreate(k, "g", new redis.clients.jedis.StreamEntryID("0-0"), true));
            CompletableFuture<Object> got = CompletableFuture.supplyAsync(() -> consumer.sendBlockingCommand(
                    redis.clients.jedis.Protocol.Command.XREADGROUP, "GROUP", "g", "c1", "BLOCK", "0", "STREAMS", k, ">"));
            awaitBlocked(producer, 1);
            producer.sendCommand(redis.clients.jedis.Protocol.Command.XADD, k, "7-1", "order", "42");
            Object reply = got.get(10, TimeUnit.SECONDS);
            String text = redis.clients.jedis.util.SafeEncoder.encodeObject(reply).toString();
            assertTrue(text.contains("7-1") && text.contains("order") && text.contains("42"), text);
            assertEquals(0, blockedClients(producer));
            assertEquals(1L, ((List<?>) producer.sendCommand(redis.clients.jedis.Protocol.Command.XPENDING, k, "g")).get(0));
        }
    }
}
