package io.ringstore.engine.family;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.NULL_ARRAY;
import static io.ringstore.engine.testing.Resp.WRONGTYPE;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The blocking commands through the engine with several sessions, on one and two shards: replies
 * at once with data, blocking without, serving in FIFO order on writes, chains, timeouts on ticks
 * (ManualClock), CLIENT UNBLOCK, disconnects and INFO. Expected replies are redis-server 7.0.15's.
 */
@Timeout(30)
public class BlockingCommandsTest {
    public static final long WAIT = 2000;

    /**
     * An engine whose ticks come only from the test ({@code e.tick()}): with the real ticker a tick
     * could land between a write and the assertion that a cross-slot waiter is not served yet.
     */
    public static EmbeddedEngine engine(int shards, io.ringstore.engine.util.Clock clock) {
        return new EmbeddedEngine(shards, clock, new io.ringstore.engine.config.Config(), (ev, s, b) -> { }, false);
    }

    public static String info(EmbeddedEngine e, String field) {
        for (String line : e.call("INFO", "clients").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field);
    }

    /** A blocking command that blocked: no reply now, nothing deferred yet. */
    public static void blocks(EmbeddedEngine e, ClientSession s, String... cmd) {
        assertEquals("", e.call(s, cmd));
        assertNull(e.deferredReply(s, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyAtOnceWhenAKeyHasData(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            e.call("RPUSH", "l", "a", "b", "c");
            assertEquals(arr("l", "a"), e.call("BLPOP", "nx", "l", "0"));
            assertEquals(arr("l", "c"), e.call("BRPOP", "l", "0"));
            assertEquals(bulk("b"), e.call("BLMOVE", "l", "d", "LEFT", "RIGHT", "0"));
            assertEquals(num(0), e.call("EXISTS", "l"));
            e.call("RPUSH", "l", "x", "y", "z");
            assertEquals("*2\r\n" + bulk("l") + arr("x", "y"), e.call("BLMPOP", "0", "2", "nx", "l", "LEFT", "COUNT", "2"));
            assertEquals(bulk("z"), e.call("BRPOPLPUSH", "l", "d", "0"));
            e.call("ZADD", "z", "1", "a", "2", "b", "3", "c");
            assertEquals(arr("z", "a", "1"), e.call("BZPOPMIN", "z", "0"));
            assertEquals(arr("z", "c", "3"), e.call("BZPOPMAX", "nx", "z", "0"));
            assertEquals("*2\r\n" + bulk("z") + "*1\r\n" + arr("b", "2"), e.call("BZMPOP", "0", "1", "z", "MIN", "COUNT", "5"));
            assertEquals("0", info(e, "blocked_clients"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRejectBadArgumentsAsRedis(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            e.call("SET", "s", "x");
            assertEquals(WRONGTYPE, e.call("BLPOP", "s", "0"));
            assertEquals(WRONGTYPE, e.call("BLPOP", "nx", "s", "0"));
            assertEquals(WRONGTYPE, e.call("BZPOPMIN", "s", "0"));
            e.call("RPUSH", "l", "a");
            assertEquals(WRONGTYPE, e.call("BLMOVE", "l", "s", "LEFT", "RIGHT", "0"));
            assertEquals(num(1), e.call("LLEN", "l"));
            assertEquals("-ERR timeout is negative\r\n", e.call("BLPOP", "k", "-1"));
            assertEquals("-ERR timeout is negative\r\n", e.call("BLPOP", "k", "1e16"));
            assertEquals("-ERR timeout is negative\r\n", e.call("BLPOP", "k", "inf"));
            assertEquals("-ERR timeout is negative\r\n", e.call("BLPOP", "k", "-0.0015")); // ceil(-1.5 ms) = -1
            assertEquals("-ERR timeout is not a float or out of range\r\n", e.call("BLPOP", "k", "abc"));
            assertEquals("-ERR timeout is not a float or out of range\r\n", e.call("BLPOP", "k", "nan"));
            assertEquals("-ERR timeout is not a float or out of range\r\n", e.call("BLPOP", "k", " 1"));
            assertEquals("-ERR numkeys should be greater than 0\r\n", e.call("BLMPOP", "0", "0", "k", "LEFT"));
            assertEquals("-ERR syntax error\r\n", e.call("BLMPOP", "0", "2", "k", "LEFT"));
            assertEquals("-ERR syntax error\r\n", e.call("BLMPOP", "0", "1", "k", "UP"));
            assertEquals("-ERR count should be greater than 0\r\n", e.call("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "0"));
            assertEquals("-ERR timeout is not a float or out of range\r\n", e.call("BLMPOP", "x", "1", "k", "LEFT"));
            assertEquals("-ERR numkeys should be greater than 0\r\n", e.call("BZMPOP", "0", "0", "k", "MIN"));
            assertEquals("-ERR syntax error\r\n", e.call("BLMOVE", "l", "d", "UP", "RIGHT", "0"));
            assertEquals("-ERR wrong number of arguments for 'blpop' command\r\n", e.call("BLPOP", "k"));
            assertEquals(num(0), e.call("CLIENT", "UNBLOCK", "999"));
            assertEquals("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n", e.call("CLIENT", "UNBLOCK", "999", "foo"));
            assertEquals("-ERR value is not an integer or out of range\r\n", e.call("CLIENT", "UNBLOCK", "abc"));
            assertEquals("-ERR unknown subcommand or wrong number of arguments for 'unBLOCK'. Try CLIENT HELP.\r\n",
                    e.call("CLIENT", "unBLOCK", "1", "timeout", "x"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeThreeWaitersInTheOrderTheyBlocked(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            ClientSession c = e.newSession();
            blocks(e, a, "BLPOP", "q", "0");
            blocks(e, b, "BRPOP", "q", "0");
            blocks(e, c, "BLPOP", "q", "0");
            assertEquals("3", info(e, "blocked_clients"));
            assertEquals("0", info(e, "clients_in_timeout_table"));
            assertEquals(num(1), e.call("RPUSH", "q", "1"));
            assertEquals(arr("q", "1"), e.deferredReply(a, WAIT));
            assertNull(e.deferredReply(b, 0));
            e.call("RPUSH", "q", "2");
            e.call("RPUSH", "q", "3");
            assertEquals(arr("q", "2"), e.deferredReply(b, WAIT));
            assertEquals(arr("q", "3"), e.deferredReply(c, WAIT));
            assertEquals(num(0), e.call("EXISTS", "q"));
            assertEquals("0", info(e, "blocked_clients"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeSeveralWaitersFromOnePushAndLeaveTheRest(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            blocks(e, a, "BLPOP", "q", "0");
            blocks(e, b, "BLMPOP", "0", "1", "q", "RIGHT", "COUNT", "2");
            // the push replies its length before serving (Redis: served after the command)
            assertEquals(num(4), e.call("RPUSH", "q", "1", "2", "3", "4"));
            assertEquals(arr("q", "1"), e.deferredReply(a, WAIT));
            assertEquals("*2\r\n" + bulk("q") + arr("4", "3"), e.deferredReply(b, WAIT));
            assertEquals(arr("2"), e.call("LRANGE", "q", "0", "-1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldChainBlmoveIntoTheDestinationsWaiters(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            ClientSession c = e.newSession();
            blocks(e, a, "BLMOVE", "{t}src", "{t}mid", "RIGHT", "LEFT", "0");
            blocks(e, b, "BRPOPLPUSH", "{t}mid", "{t}dst", "0");
            blocks(e, c, "BLPOP", "{t}dst", "0");
            e.call("LPUSH", "{t}src", "v");
            assertEquals(bulk("v"), e.deferredReply(a, WAIT));
            assertEquals(bulk("v"), e.deferredReply(b, WAIT));
            assertEquals(arr("{t}dst", "v"), e.deferredReply(c, WAIT));
            assertEquals(num(0), e.call("EXISTS", "{t}src", "{t}mid", "{t}dst"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyWrongTypeToABlmoveWhoseDestinationChanged(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            blocks(e, a, "BLMOVE", "{t}src", "{t}dst", "LEFT", "LEFT", "0");
            blocks(e, b, "BLPOP", "{t}src", "0");
            e.call("SET", "{t}dst", "string");
            e.call("RPUSH", "{t}src", "v");
            assertEquals(WRONGTYPE, e.deferredReply(a, WAIT));
            assertEquals(arr("{t}src", "v"), e.deferredReply(b, WAIT));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeSortedSetWaiters(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            ClientSession c = e.newSession();
            blocks(e, a, "BZPOPMIN", "z", "0");
            blocks(e, b, "BZMPOP", "0", "1", "z", "MAX", "COUNT", "2");
            blocks(e, c, "BZPOPMAX", "z", "0");
            e.call("RPUSH", "z2", "x"); // another key, another type: nobody wakes
            assertNull(e.deferredReply(a, 0));
            e.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
            assertEquals(arr("z", "a", "1"), e.deferredReply(a, WAIT));
            assertEquals("*2\r\n" + bulk("z") + "*2\r\n" + arr("d", "4") + arr("c", "3"), e.deferredReply(b, WAIT));
            assertEquals(arr("z", "b", "2"), e.deferredReply(c, WAIT));
            assertEquals(num(0), e.call("EXISTS", "z"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldNotServeAListWaiterFromASortedSetNorAnotherDb(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            blocks(e, a, "BLPOP", "k", "0");
            e.call("ZADD", "k", "1", "m");
            e.call("SELECT", "1");
            e.call("RPUSH", "k", "other-db");
            assertNull(e.deferredReply(a, 50));
            e.call("MOVE", "k", "0"); // fails: k exists in db 0 (a zset)
            e.call("SELECT", "0");
            e.call("DEL", "k");
            e.call("SELECT", "1");
            assertEquals(num(1), e.call("MOVE", "k", "0")); // the list arrives in db 0: ready there
            assertEquals(arr("k", "other-db"), e.deferredReply(a, WAIT));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldTimeOutOnTicksAndTreatZeroAsForever(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, clock)) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            ClientSession c = e.newSession();
            blocks(e, a, "BLPOP", "k1", "0.5");
            blocks(e, b, "BZPOPMIN", "k2", "0");
            blocks(e, c, "BLPOP", "k3", "0.0001"); // ceil(0.1 ms) = 1 ms
            ClientSession d = e.newSession();
            blocks(e, d, "BLPOP", "k4", "-0.001"); // the long double product rounds up to ceil -0: forever
            assertEquals("2", info(e, "clients_in_timeout_table"));
            clock.advance(1);
            e.tick();
            assertNull(e.deferredReply(c, 0)); // deadline = now: not yet (Redis: timeout < now)
            clock.advance(1);
            e.tick();
            assertEquals(NULL_ARRAY, e.deferredReply(c, WAIT));
            clock.advance(498);
            e.tick();
            assertNull(e.deferredReply(a, 0));
            clock.advance(1);
            e.tick();
            assertEquals(NULL_ARRAY, e.deferredReply(a, WAIT));
            clock.advance(1_000_000);
            e.tick();
            assertNull(e.deferredReply(b, 0));
            assertNull(e.deferredReply(d, 0));
            assertEquals("2", info(e, "blocked_clients"));
            e.call("RPUSH", "k1", "x"); // the timed-out waiter is gone
            assertEquals(num(1), e.call("LLEN", "k1"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldUnblockWithTimeoutOrError(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            e.call(b, "HELLO", "3");
            blocks(e, a, "BLPOP", "k", "0");
            blocks(e, b, "BZPOPMAX", "k", "0");
            assertTrue(e.call("CLIENT", "LIST").contains("id=" + a.id + " ") );
            assertTrue(e.call("CLIENT", "LIST").contains("flags=b "));
            assertEquals(num(1), e.call("CLIENT", "UNBLOCK", String.valueOf(a.id)));
            assertEquals(NULL_ARRAY, e.deferredReply(a, WAIT));
            assertEquals(num(1), e.call("CLIENT", "UNBLOCK", String.valueOf(b.id), "ERROR"));
            assertEquals("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n", e.deferredReply(b, WAIT));
            assertEquals(num(0), e.call("CLIENT", "UNBLOCK", String.valueOf(b.id)));
            ClientSession c = e.newSession();
            e.call(c, "HELLO", "3");
            blocks(e, c, "BLPOP", "k", "0");
            assertEquals(num(1), e.call("CLIENT", "UNBLOCK", String.valueOf(c.id), "TIMEOUT"));
            assertEquals("_\r\n", e.deferredReply(c, WAIT)); // RESP3 null
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldForgetTheWaitersOfAClosedClient(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            blocks(e, a, "BLPOP", "k", "0");
            blocks(e, b, "BLPOP", "k", "0");
            e.disconnect(a);
            assertEquals("1", info(e, "blocked_clients"));
            e.call("RPUSH", "k", "v");
            assertEquals(arr("k", "v"), e.deferredReply(b, WAIT));
            assertNull(e.deferredReply(a, 0));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeWaitersOnKeysOfSeveralSlotsAtTheNextTick(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, clock)) {
            String k0 = shards == 1 ? "a" : keyOnShard(e, "a", 0); // different slots either way
            String k1 = shards == 1 ? "b" : keyOnShard(e, "b", 1);
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            blocks(e, a, "BLPOP", k0, k1, "0");
            blocks(e, b, "BZMPOP", "1", "2", k0, k1, "MIN");
            assertEquals("2", info(e, "blocked_clients"));
            e.call("RPUSH", k1, "v"); // a cross-slot waiter is served on the next tick, not at once
            assertNull(e.deferredReply(a, 0));
            assertEquals(num(1), e.call("LLEN", k1));
            e.tick();
            assertEquals(arr(k1, "v"), e.deferredReply(a, WAIT));
            e.call("MSET", k0, "x", k1, "y"); // a barrier write: no zset, nobody served
            e.call("DEL", k0, k1);
            e.call("ZADD", k0, "5", "m");
            e.call("DEL", "nothing", k1);
            assertNull(e.deferredReply(b, 0));
            e.tick();
            assertEquals("*2\r\n" + bulk(k0) + "*1\r\n" + arr("m", "5"), e.deferredReply(b, WAIT));
            ClientSession c = e.newSession();
            blocks(e, c, "BLPOP", k0, k1, "1");
            clock.advance(1001);
            e.tick();
            assertEquals(NULL_ARRAY, e.deferredReply(c, WAIT));
            assertEquals("0", info(e, "blocked_clients"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldServeAfterSwapdb(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            ClientSession a = e.newSession();
            blocks(e, a, "BLPOP", "k", "0");
            e.call("SELECT", "1");
            e.call("RPUSH", "k", "from-db1");
            e.call("SWAPDB", "0", "1");
            assertEquals(arr("k", "from-db1"), e.deferredReply(a, WAIT));
        }
    }
}
