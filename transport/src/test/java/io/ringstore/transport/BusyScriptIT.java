package io.ringstore.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A runaway script through real clients (Jedis), as against redis-server 7.0.15: past
 * busy-reply-threshold other clients get -BUSY at once, SCRIPT KILL stops a script that has not
 * written (its caller gets Redis's error), a script that wrote is UNKILLABLE, SHUTDOWN NOSAVE stops
 * it and the server, and a restart from the journal neither hangs on the stopped script nor applies
 * its writes. Texts were taken from redis-server 7.0.15 with the same commands.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BusyScriptIT {
    private static final String LOOP = "local i = 0 while true do i = i + 1 end";
    private static final String BUSY = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    private static final String KILLED = "ERR Script killed by user with SCRIPT KILL...";

    @TempDir
    Path dir;

    /** Runs EVAL on its own connection; the future holds the reply or the error text. */
    private static CompletableFuture<Object> evalAsync(TestServer s, String script) {
        return CompletableFuture.supplyAsync(() -> {
            try (Jedis j = new Jedis("127.0.0.1", s.port(), 60_000)) {
                return j.eval(script);
            } catch (JedisDataException ex) {
                return ex.getMessage();
            }
        });
    }

    /**
     * Waits until the script runs, then until the server answers -BUSY (past the threshold). A
     * command sent before the script starts waits behind it in the ring (docs/scripting.md), so the
     * probes start once it runs.
     */
    private static void awaitBusy(TestServer s, Jedis j) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (s.server.engine().context().busyScripts.busyNanos() < TimeUnit.MILLISECONDS.toNanos(5)) {
            assertTrue(System.nanoTime() < deadline, "the script never started");
            Thread.sleep(5);
        }
        while (true) {
            try {
                j.get("probe");
            } catch (JedisDataException ex) {
                if (ex.getMessage().equals(BUSY)) {
                    return;
                }
                throw ex;
            }
            assertTrue(System.nanoTime() < deadline, "the script never became busy");
            Thread.sleep(20);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAnswerBusyAndKillAScriptThatHasNotWritten(int shards) throws Exception {
        try (TestServer s = TestServer.start("shards", Integer.toString(shards), "busy-reply-threshold", "100");
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("k", "v");
            CompletableFuture<Object> eval = evalAsync(s, "redis.call('GET', 'k') " + LOOP);
            awaitBusy(s, j);
            assertEquals(BUSY, assertThrows(JedisDataException.class, () -> j.set("k", "w")).getMessage());
            assertEquals(BUSY, assertThrows(JedisDataException.class, j::ping).getMessage());
            assertEquals("OK", new String((byte[]) j.sendCommand(Protocol.Command.SCRIPT, "KILL")));
            String reply = (String) eval.get(20, TimeUnit.SECONDS);
            assertTrue(reply.startsWith(KILLED + " script: "), reply);
            assertTrue(reply.endsWith(", on @user_script:1."), reply);
            assertEquals("NOTBUSY No scripts in execution right now.", assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SCRIPT, "KILL")).getMessage());
            assertEquals("PONG", j.ping());
            assertEquals("v", j.get("k"));
            assertEquals(6L, j.eval("return 6"), "the next script runs as usual");
        }
    }

    @Test
    void shouldRefuseToKillAScriptThatWroteAndStopItWithShutdownNosave() throws Exception {
        TestServer s = TestServer.start("dir", dir.toString(), "appendonly", "yes", "busy-reply-threshold", "100");
        try (Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.set("before", "1");
            CompletableFuture<Object> eval = evalAsync(s, "redis.call('SET', 'partial', '1') " + LOOP);
            awaitBusy(s, j);
            assertEquals("UNKILLABLE Sorry the script already executed write commands against the dataset. You can"
                    + " either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE"
                    + " command.", assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SCRIPT, "KILL")).getMessage());
            assertEquals(BUSY, assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SHUTDOWN)).getMessage(), "SHUTDOWN needs NOSAVE while busy");
            assertThrows(JedisConnectionException.class, () -> j.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE"));
            s.server.awaitClose();
            eval.get(20, TimeUnit.SECONDS); // its connection closed or it got the kill error: either way it ended
        }
        try (TestServer s2 = TestServer.start("dir", dir.toString(), "appendonly", "yes");
             Jedis j = new Jedis("127.0.0.1", s2.port())) {
            assertEquals("1", j.get("before"));
            assertNull(j.get("partial"), "a script stopped by SHUTDOWN NOSAVE never finished: replay skips it");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldKillAScriptInsideExecAndReplayTheRestOfTheTransaction(int shards) throws Exception {
        TestServer s = TestServer.start("dir", dir.toString(), "appendonly", "yes", "shards", Integer.toString(shards),
                "busy-reply-threshold", "100");
        try (Jedis j = new Jedis("127.0.0.1", s.port())) {
            CompletableFuture<List<Object>> exec = CompletableFuture.supplyAsync(() -> {
                try (Jedis t = new Jedis("127.0.0.1", s.port(), 60_000)) {
                    Transaction tx = t.multi();
                    tx.set("x", "1");
                    tx.eval("redis.call('GET', 'x') " + LOOP);
                    tx.set("y", "2");
                    return tx.exec();
                }
            });
            awaitBusy(s, j);
            assertEquals("OK", new String((byte[]) j.sendCommand(Protocol.Command.SCRIPT, "KILL")));
            List<Object> replies = exec.get(20, TimeUnit.SECONDS);
            assertEquals("OK", replies.get(0));
            JedisDataException killed = assertInstanceOf(JedisDataException.class, replies.get(1));
            assertTrue(killed.getMessage().startsWith(KILLED), killed.getMessage());
            assertEquals("OK", replies.get(2));
            j.set("after", "3");
            assertThrows(JedisConnectionException.class, () -> j.sendCommand(Protocol.Command.SHUTDOWN));
            s.server.awaitClose();
        }
        try (TestServer s2 = TestServer.start("dir", dir.toString(), "appendonly", "yes", "shards", Integer.toString(shards));
             Jedis j = new Jedis("127.0.0.1", s2.port())) {
            // Replay ran the transaction again and skipped the killed script (else start-up would hang).
            assertEquals(List.of("1", "2", "3"), j.mget("x", "y", "after"));
        }
    }

    @Test
    void shouldNotStopTheScriptForARefusedShutdown() throws Exception {
        try (TestServer s = TestServer.start("busy-reply-threshold", "100");
             Jedis j = new Jedis("127.0.0.1", s.port()); Jedis m = new Jedis("127.0.0.1", s.port())) {
            assertEquals("OK", new String((byte[]) m.sendCommand(Protocol.Command.MULTI))); // in MULTI before the script
            CompletableFuture<Object> eval = evalAsync(s, "redis.call('GET', 'k') " + LOOP);
            awaitBusy(s, j);
            assertEquals("ERR Command not allowed inside a transaction", assertThrows(JedisDataException.class,
                    () -> m.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE")).getMessage(), "as redis-server 7.0.15");
            assertEquals(BUSY, assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SHUTDOWN, "NOSAVE", "ABORT")).getMessage());
            assertEquals("OK", new String((byte[]) j.sendCommand(Protocol.Command.SCRIPT, "KILL")),
                    "the refused SHUTDOWNs left the script running and the server serving");
            assertTrue(((String) eval.get(20, TimeUnit.SECONDS)).startsWith(KILLED));
            assertEquals("PONG", j.ping());
            assertEquals("EXECABORT Transaction discarded because of previous errors.", assertThrows(
                    JedisDataException.class, () -> m.sendCommand(Protocol.Command.EXEC)).getMessage());
        }
    }

    @Test
    void shouldKillARunawayFunctionWithFunctionKillOnly() throws Exception {
        String busyFunction = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
        try (TestServer s = TestServer.start("busy-reply-threshold", "100");
             Jedis j = new Jedis("127.0.0.1", s.port())) {
            j.functionLoad("#!lua name=spinlib\nredis.register_function('spin', function(keys, args)\n"
                    + "  local i = 0 while true do i = i + 1 end\nend)");
            CompletableFuture<Object> fcall = CompletableFuture.supplyAsync(() -> {
                try (Jedis t = new Jedis("127.0.0.1", s.port(), 60_000)) {
                    return t.fcall("spin", List.of(), List.of());
                } catch (JedisDataException ex) {
                    return ex.getMessage();
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try {
                    j.get("probe");
                } catch (JedisDataException ex) {
                    if (ex.getMessage().equals(busyFunction)) {
                        break;
                    }
                    throw ex;
                }
                assertTrue(System.nanoTime() < deadline, "the function never became busy");
                Thread.sleep(20);
            }
            assertEquals(busyFunction, assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.SCRIPT, "KILL")).getMessage(), "SCRIPT KILL cannot stop a function");
            assertEquals(busyFunction, assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.FUNCTION, "STATS")).getMessage(),
                    "Ringstore answers -BUSY rather than the running function's name (docs/scripting.md)");
            assertEquals("OK", new String((byte[]) j.sendCommand(Protocol.Command.FUNCTION, "KILL")));
            assertEquals("ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:3.",
                    fcall.get(20, TimeUnit.SECONDS), "as redis-server 7.0.15");
            assertEquals("NOTBUSY No scripts in execution right now.", assertThrows(JedisDataException.class,
                    () -> j.sendCommand(Protocol.Command.FUNCTION, "KILL")).getMessage());
            assertEquals("PONG", j.ping());
        }
    }

    @Test
    void shouldAnswerScriptKillInsideMultiWithNotBusyAndShowScriptHelp() throws Exception {
        try (TestServer s = TestServer.start(); Jedis j = new Jedis("127.0.0.1", s.port())) {
            Transaction tx = j.multi();
            tx.sendCommand(Protocol.Command.SCRIPT, "KILL");
            List<Object> r = tx.exec();
            assertEquals("NOTBUSY No scripts in execution right now.", ((JedisDataException) r.get(0)).getMessage());
            @SuppressWarnings("unchecked")
            List<byte[]> help = (List<byte[]>) j.sendCommand(Protocol.Command.SCRIPT, "HELP");
            assertEquals("SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", new String(help.get(0)));
            assertEquals("KILL", new String(help.get(9)));
        }
    }
}
