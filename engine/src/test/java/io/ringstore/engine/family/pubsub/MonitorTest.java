package io.ringstore.engine.family.pubsub;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Resp.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MONITOR on the in-process engine, on one and two shards: which commands are fed and in which
 * order, as redis-server 7.0.15 feeds them for the same commands (MULTI, the queued commands, then
 * EXEC; EVAL before its script's commands, which show "lua"; SELECT with its new db; refused and
 * admin commands not at all; AUTH redacted), the line format and escapes, RESET and a close
 * ending the feed. Lines carry the wall-clock time, so it is matched by pattern.
 */
@Timeout(60)
class MonitorTest {
    private static final String TIME = "\\+\\d{10}\\.\\d{6} ";

    private static List<String> lines(EmbeddedEngine e, ClientSession monitor, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String r = e.deferredReply(monitor, 2000);
            if (r == null) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    private static void assertLine(String expectedAfterTime, String actual) {
        assertTrue(actual.matches(TIME + java.util.regex.Pattern.quote(expectedAfterTime + "\r\n")),
                "expected <+time " + expectedAfterTime + "> but was <" + actual + ">");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFeedExecutedCommandsInRedisOrder(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            ClientSession mon = e.newSession();
            ClientSession c = e.newSession();
            assertEquals(OK, e.call(mon, "MONITOR"));
            e.call(c, "SET", "foo", "bar");
            e.call(c, "GET");                        // wrong arity: refused, not fed
            e.call(c, "NOSUCH", "x");                // unknown: not fed
            e.call(c, "CONFIG", "GET", "maxmemory"); // admin: not fed
            e.call(c, "EVAL", "return redis.call('set', KEYS[1], ARGV[1])", "1", "k", "v");
            e.call(c, "MULTI");
            e.call(c, "SET", "a", "1");
            e.call(c, "INCR", "a");
            e.call(c, "EXEC");
            e.call(c, "AUTH", "secret");
            e.call(c, "SELECT", "3");
            e.call(c, "SET", "x", "q\"\\\n\t\u0001\u007f");
            List<String> got = lines(e, mon, 11);
            String me = "[0 127.0.0.1:0] ";
            assertLine(me + "\"SET\" \"foo\" \"bar\"", got.get(0));
            assertLine(me + "\"EVAL\" \"return redis.call('set', KEYS[1], ARGV[1])\" \"1\" \"k\" \"v\"", got.get(1));
            assertLine("[0 lua] \"set\" \"k\" \"v\"", got.get(2));
            assertLine(me + "\"MULTI\"", got.get(3));
            assertLine(me + "\"SET\" \"a\" \"1\"", got.get(4));
            assertLine(me + "\"INCR\" \"a\"", got.get(5));
            assertLine(me + "\"EXEC\"", got.get(6));
            assertLine(me + "\"AUTH\" \"(redacted)\"", got.get(7));
            assertLine("[3 127.0.0.1:0] \"SELECT\" \"3\"", got.get(8));
            assertLine("[3 127.0.0.1:0] \"SET\" \"x\" \"q\\\"\\\\\\n\\t\\x01\\x7f\"", got.get(9));
            assertEquals(10, got.size(), "nothing else was fed: " + got);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldIgnoreASecondMonitorRefuseItInExecAndStopOnResetOrClose(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            ClientSession mon = e.newSession();
            ClientSession c = e.newSession();
            assertEquals(OK, e.call(c, "MULTI"));
            assertEquals("+QUEUED\r\n", e.call(c, "MONITOR"));
            assertEquals("*1\r\n-ERR MONITOR isn't allowed for DENY BLOCKING client\r\n", e.call(c, "EXEC"));
            e.call(mon, "MONITOR");
            e.call(c, "PING");
            assertLine("[0 127.0.0.1:0] \"PING\"", e.deferredReply(mon, 2000));
            assertNull(e.deferredReply(mon, 100), "the client that failed MONITOR in EXEC does not monitor");
            assertEquals("+PONG\r\n", e.call(mon, "PING"), "a monitor may run commands");
            assertLine("[0 127.0.0.1:0] \"PING\"", e.deferredReply(mon, 2000));
            assertEquals("+RESET\r\n", e.call(mon, "RESET"));
            e.call(c, "PING");
            assertNull(e.deferredReply(mon, 200), "RESET ended MONITOR");
            ClientSession mon2 = e.newSession();
            e.call(mon2, "MONITOR");
            e.disconnect(mon2);
            e.call(c, "PING");
            assertNull(e.deferredReply(mon2, 200), "a closed monitor is dropped");
        }
    }
}
