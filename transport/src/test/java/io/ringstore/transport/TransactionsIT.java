package io.ringstore.transport;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import io.ringstore.transport.diff.RedisProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.exceptions.JedisDataException;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MULTI/EXEC/DISCARD/WATCH/UNWATCH through real clients, 1 and 2 shards: Jedis transactions and
 * WATCH with a second connection, Lettuce sync/async and RESP3 (native maps and doubles inside the
 * EXEC array), cross-shard atomicity under concurrent writers, blocking commands inside MULTI, and
 * a redis-cli session printed exactly as against redis-server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TransactionsIT {
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

    static Jedis jedis(int shards) {
        return new Jedis("127.0.0.1", server(shards).port());
    }

    /** The shard a key lives on, as the engine routes it. */
    static int shardOf(TestServer s, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return s.server.engine().context().shardOfKey(k, 0, k.length);
    }

    // ---- Jedis

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunAJedisTransactionAndDiscardAnother(int shards) {
        String p = "tx:jedis:" + shards + ":";
        try (Jedis j = jedis(shards)) {
            j.del(p + "a", p + "b", p + "l");
            Transaction t = j.multi();
            Response<String> set = t.set(p + "a", "1");
            Response<Long> incr = t.incr(p + "a");
            Response<Long> push = t.rpush(p + "l", "x", "y");
            Response<String> get = t.get(p + "a");
            List<Object> replies = t.exec();
            assertEquals(List.of("OK", 2L, 2L, "2"), replies);
            assertEquals("OK", set.get());
            assertEquals(2L, incr.get());
            assertEquals(2L, push.get());
            assertEquals("2", get.get());

            Transaction d = j.multi();
            d.set(p + "a", "discarded");
            d.del(p + "l");
            assertEquals("OK", d.discard());
            assertEquals("2", j.get(p + "a"), "a discarded queue changes nothing");
            assertEquals(2L, j.llen(p + "l"));
            JedisDataException e = assertThrows(JedisDataException.class, () -> j.sendCommand(() -> "EXEC".getBytes()));
            assertEquals("ERR EXEC without MULTI", e.getMessage(), "DISCARD closed the transaction");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunTheRestOfAJedisTransactionAfterARuntimeError(int shards) {
        String p = "tx:jedis-runtime:" + shards + ":";
        try (Jedis j = jedis(shards)) {
            j.del(p + "s", p + "n");
            j.set(p + "s", "text");
            Transaction t = j.multi();
            t.lpush(p + "s", "x"); // WRONGTYPE at EXEC, not at queue time
            t.incr(p + "n");
            t.incr(p + "s"); // not an integer
            t.set(p + "n", "10");
            List<Object> replies = t.exec();
            assertEquals(4, replies.size(), replies.toString());
            assertInstanceOf(JedisDataException.class, replies.get(0));
            assertEquals("WRONGTYPE Operation against a key holding the wrong kind of value",
                    ((JedisDataException) replies.get(0)).getMessage());
            assertEquals(1L, replies.get(1));
            assertEquals("ERR value is not an integer or out of range", ((JedisDataException) replies.get(2)).getMessage());
            assertEquals("OK", replies.get(3));
            assertEquals("10", j.get(p + "n"), "the commands after the errors ran");
            assertEquals("text", j.get(p + "s"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAbortAJedisTransactionWithAQueuedSyntaxError(int shards) {
        String p = "tx:jedis-abort:" + shards + ":";
        try (Jedis j = jedis(shards)) {
            j.del(p + "a");
            Transaction t = j.multi();
            t.set(p + "a", "1");
            t.sendCommand(() -> "SET".getBytes(), p + "a"); // wrong arity: refused while queueing
            t.sendCommand(() -> "NOSUCHCOMMAND".getBytes(), p + "a");
            t.incr(p + "a");
            JedisDataException e = assertThrows(JedisDataException.class, t::exec);
            assertEquals("EXECABORT Transaction discarded because of previous errors.", e.getMessage());
            assertFalse(j.exists(p + "a"), "nothing of an aborted queue ran");
            assertEquals("PONG", j.ping(), "the connection is usable and out of MULTI");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAbortAJedisTransactionWhenAnotherConnectionTouchesAWatchedKey(int shards) {
        String p = "tx:jedis-watch:" + shards + ":";
        String k = p + "{a}k";
        String other = p + "{b}other";
        try (Jedis j = jedis(shards); Jedis intruder = jedis(shards)) {
            j.del(k, other);
            j.set(k, "1");
            // touched by another connection: EXEC answers a null array, Jedis returns null
            assertEquals("OK", j.watch(k, other));
            intruder.set(k, "2");
            Transaction t = j.multi();
            t.set(k, "mine");
            t.set(other, "mine");
            assertNull(t.exec());
            assertEquals("2", j.get(k));
            assertFalse(j.exists(other), "an aborted EXEC runs none of its queue");

            // untouched: the same transaction runs
            j.watch(k, other);
            intruder.set(p + "unrelated", "x");
            intruder.get(k);
            t = j.multi();
            t.set(k, "mine");
            t.set(other, "mine");
            assertEquals(List.of("OK", "OK"), t.exec());
            assertEquals("mine", j.get(k));

            // a no-op write (DEL of a missing key) touches nothing
            j.del(other);
            j.watch(other);
            assertEquals(0L, intruder.del(other + ":missing"));
            assertEquals(0L, intruder.del(other));
            t = j.multi();
            t.incr(other);
            assertEquals(List.of(1L), t.exec());

            // EXEC forgot the watches: a later write does not abort the next transaction
            intruder.set(k, "after");
            t = j.multi();
            t.get(k);
            assertEquals(List.of("after"), t.exec());
        }
    }

    /**
     * A SELECT or HELLO queued in MULTI moves the connection at queue time; when WATCH then aborts
     * EXEC it never ran, so the connection must be back in its db and protocol for what it
     * pipelined after EXEC (Ringstore fences those commands until EXEC's reply).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldKeepTheDbAndProtocolWhenWatchAbortsAQueuedSelectOrHello(int shards) throws Exception {
        String k = "tx:select-watch:" + shards;
        try (Socket sock = new Socket("127.0.0.1", server(shards).port()); Jedis intruder = jedis(shards)) {
            sock.setSoTimeout(5000);
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            intruder.del(k, k + ":after");
            out.write(resp("WATCH", k));
            assertEquals("+OK\r\n", read(in, 5));
            intruder.set(k, "touched");
            // One write: everything after EXEC is pipelined behind it.
            byte[] batch = concat(resp("MULTI"), resp("SELECT", "5"), resp("HELLO", "3"), resp("SET", k + ":in", "x"),
                    resp("EXEC"), resp("SET", k + ":after", "y"), resp("GET", k + ":missing"));
            out.write(batch);
            String expected = "+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n*-1\r\n+OK\r\n$-1\r\n";
            assertEquals(expected, read(in, expected.length()), "RESP2 throughout: HELLO 3 never ran");
            assertEquals("y", intruder.get(k + ":after"), "the pipelined SET ran in db 0, where the client was before MULTI");
            intruder.select(5);
            assertFalse(intruder.exists(k + ":after") || intruder.exists(k + ":in"));
        }
    }

    /** A HELLO queued in MULTI switches the rest of EXEC's array (and the connection) to RESP3, as in Redis. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldSwitchTheRestOfExecToResp3AfterAQueuedHello(int shards) throws Exception {
        try (Socket sock = new Socket("127.0.0.1", server(shards).port())) {
            sock.setSoTimeout(5000);
            OutputStream out = sock.getOutputStream();
            InputStream in = sock.getInputStream();
            out.write(concat(resp("MULTI"), resp("GET", "tx:hello:missing"), resp("HELLO", "3"),
                    resp("GET", "tx:hello:missing"), resp("EXEC"), resp("GET", "tx:hello:missing")));
            String head = "+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n*3\r\n$-1\r\n%7\r\n";
            assertEquals(head, read(in, head.length()), "EXEC's header in RESP2, the first GET's null a RESP2 null");
            StringBuilder rest = new StringBuilder();
            while (!rest.toString().endsWith("_\r\n_\r\n")) { // the HELLO map, then two RESP3 nulls
                int b = in.read();
                assertTrue(b >= 0 && rest.length() < 1000, "unexpected end or length: " + rest);
                rest.append((char) b);
            }
            assertTrue(rest.toString().contains("$5\r\nproto\r\n:3\r\n"), rest.toString());
        }
    }

    private static byte[] resp(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            b.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static String read(InputStream in, int n) throws java.io.IOException {
        byte[] b = in.readNBytes(n);
        return new String(b, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldForgetWatchedKeysOnUnwatch(int shards) {
        String p = "tx:jedis-unwatch:" + shards + ":";
        try (Jedis j = jedis(shards); Jedis intruder = jedis(shards)) {
            j.del(p + "a", p + "b");
            j.watch(p + "a", p + "b");
            assertEquals("OK", j.unwatch());
            intruder.set(p + "a", "x");
            intruder.set(p + "b", "y");
            Transaction t = j.multi();
            t.get(p + "a");
            t.get(p + "b");
            assertEquals(List.of("x", "y"), t.exec());

            // and a DISCARD forgets them too
            j.watch(p + "a");
            Transaction d = j.multi();
            d.get(p + "a");
            d.discard();
            intruder.set(p + "a", "z");
            t = j.multi();
            t.get(p + "a");
            assertEquals(List.of("z"), t.exec());
        }
    }

    // ---- Lettuce

    static RedisClient lettuce(int shards, ProtocolVersion protocol) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + server(shards).port());
        client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
        return client;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRunLettuceTransactionsSyncAndAsync(int shards) throws Exception {
        String p = "tx:lettuce:" + shards + ":";
        RedisClient client = lettuce(shards, ProtocolVersion.RESP2);
        try (StatefulRedisConnection<String, String> c = client.connect();
             StatefulRedisConnection<String, String> intruder = client.connect()) {
            RedisCommands<String, String> sync = c.sync();
            sync.del(p + "{a}n", p + "{b}l");
            assertEquals("OK", sync.multi());
            sync.incrby(p + "{a}n", 5);
            sync.rpush(p + "{b}l", "a", "b");
            sync.lrange(p + "{b}l", 0, -1);
            TransactionResult r = sync.exec();
            assertFalse(r.wasDiscarded());
            assertEquals(3, r.size());
            assertEquals(5L, (Long) r.get(0));
            assertEquals(2L, (Long) r.get(1));
            assertEquals(List.of("a", "b"), r.get(2));

            RedisAsyncCommands<String, String> async = c.async();
            RedisFuture<String> multi = async.multi();
            RedisFuture<Long> incr = async.incr(p + "{a}n");
            RedisFuture<String> get = async.get(p + "{a}n");
            RedisFuture<TransactionResult> exec = async.exec();
            assertEquals("OK", multi.get(10, TimeUnit.SECONDS));
            TransactionResult ar = exec.get(10, TimeUnit.SECONDS);
            assertFalse(ar.wasDiscarded());
            assertEquals(List.of(6L, "6"), ar.stream().toList());
            assertEquals(6L, incr.get(10, TimeUnit.SECONDS), "the queued command's future completes with its EXEC result");
            assertEquals("6", get.get(10, TimeUnit.SECONDS));

            // WATCH conflict: the other connection writes, EXEC is discarded
            assertEquals("OK", sync.watch(p + "{a}n"));
            intruder.sync().set(p + "{a}n", "100");
            sync.multi();
            sync.incr(p + "{a}n");
            TransactionResult aborted = sync.exec();
            assertTrue(aborted.wasDiscarded());
            assertEquals(0, aborted.size());
            assertEquals("100", sync.get(p + "{a}n"));

            // the same through the async API
            async.watch(p + "{a}n").get(10, TimeUnit.SECONDS);
            intruder.sync().incr(p + "{a}n");
            async.multi();
            async.incr(p + "{a}n");
            assertTrue(async.exec().get(10, TimeUnit.SECONDS).wasDiscarded());
            assertEquals("101", sync.get(p + "{a}n"));
        } finally {
            client.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReturnNativeResp3RepliesInsideExecToLettuce(int shards) {
        String p = "tx:resp3:" + shards + ":";
        RedisClient client = lettuce(shards, ProtocolVersion.RESP3);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> sync = c.sync();
            sync.del(p + "{a}h", p + "{b}z");
            sync.hset(p + "{a}h", Map.of("f1", "v1", "f2", "v2"));
            sync.zadd(p + "{b}z", 1.5, "m");
            sync.multi();
            sync.hgetall(p + "{a}h");
            sync.zscore(p + "{b}z", "m");
            sync.zincrby(p + "{b}z", 0.25, "m");
            sync.zscore(p + "{b}z", "missing");
            TransactionResult r = sync.exec();
            assertFalse(r.wasDiscarded());
            assertEquals(Map.of("f1", "v1", "f2", "v2"), r.get(0));
            assertEquals(1.5, (Double) r.get(1));
            assertEquals(1.75, (Double) r.get(2));
            assertNull(r.get(3));
        } finally {
            client.shutdown();
        }
        // Lettuce decodes RESP2's flat array and bulk string into the same Java values, so check
        // the wire itself: RESP3 types inside EXEC's array.
        try (Socket s = new Socket("127.0.0.1", server(shards).port())) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(BlockingIT.multibulk("HELLO", "3").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertTrue(BlockingIT.readFor(in, 200).startsWith("%7\r\n"));
            out.write((BlockingIT.multibulk("MULTI") + BlockingIT.multibulk("HGETALL", p + "{a}h")
                    + BlockingIT.multibulk("ZSCORE", p + "{b}z", "m") + BlockingIT.multibulk("ZSCORE", p + "{b}z", "x")
                    + BlockingIT.multibulk("EXEC")).getBytes(StandardCharsets.UTF_8));
            out.flush();
            String wire = awaitText(in, "*3\r\n");
            assertTrue(wire.startsWith("+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n*3\r\n%2\r\n"), wire);
            assertTrue(wire.endsWith(",1.75\r\n_\r\n"), wire);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Reads until {@code marker} has arrived and 200 ms pass without more bytes. */
    static String awaitText(InputStream in, String marker) throws Exception {
        StringBuilder sb = new StringBuilder();
        long end = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < end) {
            String more = BlockingIT.readFor(in, 200);
            sb.append(more);
            if (more.isEmpty() && sb.indexOf(marker) >= 0) {
                break;
            }
        }
        return sb.toString();
    }

    // ---- atomicity across shards

    @Test
    void shouldApplyACrossShardTransactionAtOnePointOfTheOrder() throws Exception {
        String x = "tx:atomic:{a}x";
        String y = "tx:atomic:{b}y";
        assertNotEquals(shardOf(two, x), shardOf(two, y), "the two keys must live on different shards");
        int writers = 8;
        long deadlineMs = System.currentTimeMillis() + 2_500;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong execs = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        try (Jedis j = jedis(2)) {
            j.del(x, y);
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                tasks.add(pool.submit(() -> {
                    try (Jedis c = jedis(2)) {
                        while (!stop.get()) {
                            Transaction t = c.multi();
                            t.incr(x);
                            t.incr(y);
                            List<Object> r = t.exec();
                            assertEquals(r.get(0), r.get(1), "both INCRs see the same count inside one EXEC");
                            execs.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            // one reader in transactions, one with a plain MGET (a barrier of its own)
            for (boolean inMulti : new boolean[] {true, false}) {
                tasks.add(pool.submit(() -> {
                    try (Jedis c = jedis(2)) {
                        while (!stop.get()) {
                            List<String> v;
                            if (inMulti) {
                                Transaction t = c.multi();
                                Response<List<String>> m = t.mget(x, y);
                                t.exec();
                                v = m.get();
                            } else {
                                v = c.mget(x, y);
                            }
                            assertEquals(v.get(0), v.get(1), "x and y read apart: " + v);
                            reads.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            while (System.currentTimeMillis() < deadlineMs) {
                Thread.sleep(50);
            }
            stop.set(true);
            for (Future<?> f : tasks) {
                f.get(20, TimeUnit.SECONDS);
            }
            assertTrue(execs.get() > 100, "too few transactions ran: " + execs.get());
            assertTrue(reads.get() > 100, "too few reads: " + reads.get());
            assertEquals(Long.toString(execs.get()), j.get(x));
            assertEquals(Long.toString(execs.get()), j.get(y));
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    // ---- blocking commands

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAnswerBlockingCommandsInsideMultiAtOnce(int shards) {
        String p = "tx:block:" + shards + ":";
        try (Jedis j = jedis(shards)) {
            j.del(p + "{a}q", p + "{b}d");
            long t0 = System.nanoTime();
            Transaction t = j.multi();
            Response<List<String>> blpop = t.blpop(0, p + "{a}q");
            Response<String> blmove = t.blmove(p + "{a}q", p + "{b}d", ListDirection.LEFT, ListDirection.RIGHT, 0);
            Response<Long> llen = t.llen(p + "{a}q");
            List<Object> r = t.exec();
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "a timeout of 0 did not block");
            assertEquals(3, r.size());
            assertNull(blpop.get(), "BLPOP inside MULTI on an empty list: a null array");
            assertNull(blmove.get(), "BLMOVE inside MULTI on an empty list: a null bulk");
            assertEquals(0L, llen.get());
        }
        // on the wire: *-1 for BLPOP, $-1 for BLMOVE
        try (Socket s = new Socket("127.0.0.1", server(shards).port())) {
            s.getOutputStream().write((BlockingIT.multibulk("MULTI") + BlockingIT.multibulk("BLPOP", p + "{a}q", "0")
                    + BlockingIT.multibulk("BLMOVE", p + "{a}q", p + "{b}d", "LEFT", "RIGHT", "0")
                    + BlockingIT.multibulk("EXEC")).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            assertEquals("+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n*-1\r\n$-1\r\n", awaitText(s.getInputStream(), "$-1\r\n"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeABlockedClientAfterTheExecThatPushes(int shards) throws Exception {
        String q = "tx:served:" + shards + ":{a}q";
        String other = "tx:served:" + shards + ":{b}other";
        try (Jedis consumer = jedis(shards); Jedis producer = jedis(shards)) {
            producer.del(q, other);
            CompletableFuture<List<String>> got = CompletableFuture.supplyAsync(() -> consumer.blpop(0, q));
            BlockingIT.awaitBlocked(producer, 1);
            Transaction t = producer.multi();
            t.rpush(q, "job");
            t.llen(q);
            t.set(other, "x"); // a second shard in the transaction on 2 shards: a barrier
            t.rpush(q, "job2");
            t.llen(q);
            assertEquals(List.of(1L, 1L, "OK", 2L, 2L), t.exec(), "the EXEC's own LLEN sees the elements");
            assertEquals(List.of(q, "job"), got.get(10, TimeUnit.SECONDS));
            assertEquals(List.of("job2"), producer.lrange(q, 0, -1));
            assertEquals(0L, BlockingIT.blockedClients(producer));
        }
    }

    // ---- redis-cli

    @Test
    void shouldPrintAMultiExecSessionThroughRedisCliAsRedisServerDoes() throws Exception {
        Path cli = findOnPath("redis-cli");
        if (cli == null && "1".equals(System.getenv("RINGSTORE_REQUIRE_REDIS"))) {
            fail("redis-cli is not on the PATH and RINGSTORE_REQUIRE_REDIS=1");
        }
        assumeTrue(cli != null, "redis-cli is not installed");
        String session = String.join("\n",
                "DEL cli:tx:a cli:tx:l cli:tx:h",
                "MULTI",
                "SET cli:tx:a 1",
                "INCR cli:tx:a",
                "LPUSH cli:tx:a x",
                "RPUSH cli:tx:l one two",
                "LRANGE cli:tx:l 0 -1",
                "HSET cli:tx:h f v",
                "HGETALL cli:tx:h",
                "GET cli:tx:missing",
                "EXEC",
                "MULTI",
                "SET cli:tx:a",
                "NOSUCHCOMMAND",
                "GET cli:tx:a",
                "EXEC",
                "MULTI",
                "DEL cli:tx:a",
                "DISCARD",
                "GET cli:tx:a",
                "EXEC",
                "MULTI",
                "MULTI",
                "WATCH cli:tx:a",
                "EXEC",
                "") ;
        try (RedisProcess redis = RedisProcess.startOrSkip()) {
            for (String mode : new String[] {null, "-3"}) {
                String expected = cliRun(cli, redis.port, session, mode);
                assertTrue(expected.contains("QUEUED") && expected.contains("EXECABORT"), expected);
                for (TestServer s : List.of(one, two)) {
                    assertEquals(expected, cliRun(cli, s.port(), session, mode), "redis-cli " + mode);
                }
            }
        }
    }

    private static String cliRun(Path cli, int port, String stdin, String mode) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "-p", Integer.toString(port)));
        if (mode != null) {
            cmd.add(mode);
        }
        Path out = Files.createTempFile("redis-cli", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "redis-cli did not finish");
                assertEquals(0, p.exitValue());
                return Files.readString(out);
            } finally {
                p.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
