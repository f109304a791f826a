package io.ringstore.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 durability of Lua scripts: the server as a separate JVM ({@link DurabilityIT#startServer}),
 * concurrent Jedis clients running EVAL and EVALSHA scripts that each write several keys, {@code kill
 * -9} at a random moment, restart on the same directory. After the restart every script is there
 * whole or not at all, and under appendfsync always every acknowledged one is there. The test
 * thread owns the server processes; each client thread owns its connection and publishes what was
 * acknowledged through an {@link AtomicLongArray}.
 */
@Timeout(60)
class ScriptDurabilityIT {
    /** One step: KEYS[1] and KEYS[2] count up together and the new count is pushed onto KEYS[3]. */
    static final String STEP = "local n = redis.call('incr', KEYS[1])\n"
            + "redis.call('incr', KEYS[2])\n"
            + "redis.call('rpush', KEYS[3], n)\n"
            + "return n";
    /** Counts KEYS[1], then fails on INCR of a string: Redis keeps a failed script's earlier writes. */
    static final String FAILS_AFTER_A_WRITE = "redis.call('incr', KEYS[1])\nreturn redis.call('incr', KEYS[2])";
    private static final int WRITERS = 4;
    private static final int FAILING = WRITERS; // its slot in the acknowledged counts
    private Path dir;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("script-durability");
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

    /**
     * Four writers run {@link #STEP} on their own keys, every third step as EVAL and the others as
     * EVALSHA: writers 0 and 1 keep their keys in one slot, 2 and 3 spread them over the shards (with
     * 2 shards a script touches both). A fifth client runs {@link #FAILS_AFTER_A_WRITE}, whose error
     * reply is acknowledged too: its first write must survive replay like any other.
     */
    @ParameterizedTest
    @CsvSource({"1101, 1, always", "2202, 2, always", "3303, 1, everysec", "4404, 2, everysec"})
    void shouldKeepEveryScriptWholeAndEveryAcknowledgedOneAcrossKillDashNine(int seed, int shards, String fsync)
            throws Exception {
        Random rnd = new Random(seed);
        int port = DurabilityIT.startServer(dir, processes, fsync, shards);
        List<List<String>> keys = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            keys.add(t < 2 ? List.of("{s" + t + "}a", "{s" + t + "}b", "{s" + t + "}l")
                    : List.of(DurabilityIT.keyOnShard("a" + t, 0, shards),
                            DurabilityIT.keyOnShard("b" + t, shards - 1, shards),
                            DurabilityIT.keyOnShard("l" + t, t % shards, shards)));
        }
        String sha;
        try (Jedis j = new Jedis("127.0.0.1", port)) {
            sha = j.scriptLoad(STEP);
            assertEquals("OK", j.set("text", "not a number"));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLongArray acked = new AtomicLongArray(WRITERS + 1);
        AtomicReference<String> wrongReply = new AtomicReference<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            clients.add(start(stepper(port, t, sha, keys.get(t), stop, acked, wrongReply)));
        }
        clients.add(start(failer(port, stop, acked, wrongReply)));

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (steps(acked) < 300 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(rnd.nextInt(1000));
        Process first = processes.get(0);
        first.destroyForcibly();
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        stop.set(true);
        for (Thread c : clients) {
            c.join(10_000);
        }
        assertNull(wrongReply.get());

        boolean always = fsync.equals("always");
        int port2 = DurabilityIT.startServer(dir, processes, fsync, shards);
        long lost = 0;
        try (Jedis j = new Jedis("127.0.0.1", port2)) {
            for (int t = 0; t < WRITERS; t++) {
                List<String> k = keys.get(t);
                long a = number(j.get(k.get(0)));
                List<String> l = j.lrange(k.get(2), 0, -1);
                assertEquals(a, number(j.get(k.get(1))), "half a script: " + k.get(0) + " != " + k.get(1));
                assertEquals(a, l.size(), "half a script: " + k.get(0) + " != LLEN " + k.get(2));
                for (int i = 0; i < l.size(); i++) {
                    assertEquals(Long.toString(i + 1), l.get(i), k.get(2) + " out of order");
                }
                long ack = acked.get(t);
                assertTrue(a <= ack + 1, k.get(0) + " is " + a + ": more steps than sent (acknowledged " + ack + ")");
                assertTrue(!always || a >= ack, k.get(0) + " is " + a + ", acknowledged steps " + ack);
                lost += Math.max(0, ack - a);
            }
            long partial = number(j.get("partial"));
            long errors = acked.get(FAILING);
            assertTrue(partial <= errors + 1, "partial is " + partial + ", failed scripts acknowledged " + errors);
            assertTrue(!always || partial >= errors, "partial is " + partial + ", failed scripts acknowledged " + errors);
            assertEquals("not a number", j.get("text"));
        }
        System.out.println("ScriptDurabilityIT seed " + seed + " shards " + shards + " " + fsync + ": "
                + steps(acked) + " acknowledged scripts (plus " + acked.get(FAILING) + " failed ones) checked after"
                + " kill -9, " + lost + " acknowledged but lost");
        assertTrue(steps(acked) >= 300, "too few scripts before the kill to mean anything: " + steps(acked));
    }

    /** A writer of {@link #STEP}: checks each reply is the next count, records it as acknowledged. */
    private static Runnable stepper(int port, int id, String sha, List<String> keys, AtomicBoolean stop,
                                    AtomicLongArray acked, AtomicReference<String> wrongReply) {
        return () -> {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                for (long n = 1; !stop.get(); n++) {
                    Object r = n % 3 == 0 ? j.eval(STEP, keys, List.of()) : j.evalsha(sha, keys, List.of());
                    if (!Long.valueOf(n).equals(r)) {
                        wrongReply.compareAndSet(null, "step " + n + " of writer " + id + " answered " + r);
                        return;
                    }
                    acked.set(id, n);
                }
            } catch (JedisException e) {
                // the server was killed: this script is unacknowledged
            }
        };
    }

    /** Runs {@link #FAILS_AFTER_A_WRITE}: each error reply acknowledges one more count of "partial". */
    private static Runnable failer(int port, AtomicBoolean stop, AtomicLongArray acked,
                                   AtomicReference<String> wrongReply) {
        return () -> {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                for (long n = 1; !stop.get(); n++) {
                    try {
                        Object r = j.eval(FAILS_AFTER_A_WRITE, List.of("partial", "text"), List.of());
                        wrongReply.compareAndSet(null, "the failing script answered " + r);
                        return;
                    } catch (JedisDataException e) {
                        if (!e.getMessage().startsWith("ERR value is not an integer or out of range script: ")) {
                            wrongReply.compareAndSet(null, "the failing script answered " + e.getMessage());
                            return;
                        }
                    }
                    acked.set(FAILING, n);
                }
            } catch (JedisException e) {
                // the server was killed
            }
        };
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }

    private static long steps(AtomicLongArray acked) {
        long n = 0;
        for (int i = 0; i < WRITERS; i++) {
            n += acked.get(i);
        }
        return n;
    }

    private static long number(String v) {
        return v == null ? 0 : Long.parseLong(v);
    }
}
