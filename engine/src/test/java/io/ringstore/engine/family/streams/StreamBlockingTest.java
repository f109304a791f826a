package io.ringstore.engine.family.streams;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.family.BlockingCommandsTest;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XREAD and XREADGROUP with BLOCK through the engine, several sessions, 1 and 2 shards: served by
 * a later XADD with only the stream that became ready, '$' meaning the last id when the client
 * blocked, a group read served with '>' (delivered and pending), writes that do not satisfy the
 * waiter leaving it blocked, and the timeout (null array) on ticks. Replies as redis-server 7.0.15's.
 */
@Timeout(30)
class StreamBlockingTest {
    private static final long T0 = 1_700_000_000_000L;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void xreadBlockShouldBeServedByTheNextXadd(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            e.call("XADD", "s", "1-1", "f", "old");
            ClientSession a = e.newSession();
            BlockingCommandsTest.blocks(e, a, "XREAD", "BLOCK", "0", "STREAMS", "other", "s", "0-0", "$");
            assertEquals("1", BlockingCommandsTest.info(e, "blocked_clients"));
            e.call("XADD", "unrelated", "1-1", "f", "v");
            e.call("XGROUP", "CREATE", "s", "g", "0"); // a write of s with nothing new after '$': still blocked
            assertNull(e.deferredReply(a, 0));
            e.call("XADD", "s", "2-1", "f", "new");
            e.tick(); // "other" and "s" are two slots: a cross-slot waiter is served on the next tick
            assertEquals("*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n2-1\r\n*2\r\n$1\r\nf\r\n$3\r\nnew\r\n",
                    e.deferredReply(a, BlockingCommandsTest.WAIT));
            assertEquals("0", BlockingCommandsTest.info(e, "blocked_clients"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void xreadgroupBlockShouldDeliverNewEntriesAndMakeThemPending(int shards) {
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, new ManualClock(T0))) {
            e.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            ClientSession a = e.newSession();
            ClientSession b = e.newSession();
            BlockingCommandsTest.blocks(e, a, "XREADGROUP", "GROUP", "g", "alice", "BLOCK", "0", "STREAMS", "s", ">");
            BlockingCommandsTest.blocks(e, b, "XREADGROUP", "GROUP", "g", "bob", "BLOCK", "0", "STREAMS", "s", ">");
            e.call("XADD", "s", "5-1", "f", "v");
            String first = e.deferredReply(a, BlockingCommandsTest.WAIT);
            assertEquals("*1\r\n*2\r\n$1\r\ns\r\n*1\r\n*2\r\n$3\r\n5-1\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n", first);
            assertNull(e.deferredReply(b, 0), "the entry went to the client that blocked first");
            e.call("XADD", "s", "6-1", "f", "w");
            assertTrue(e.deferredReply(b, BlockingCommandsTest.WAIT).contains("6-1"));
            assertEquals("*4\r\n:2\r\n$3\r\n5-1\r\n$3\r\n6-1\r\n*2\r\n*2\r\n$5\r\nalice\r\n$1\r\n1\r\n*2\r\n$3\r\nbob\r\n$1\r\n1\r\n",
                    e.call("XPENDING", "s", "g"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void xreadBlockShouldTimeOutWithANullArray(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, clock)) {
            ClientSession a = e.newSession();
            BlockingCommandsTest.blocks(e, a, "XREAD", "COUNT", "1", "BLOCK", "1500", "STREAMS", "s", "$");
            clock.advance(1000);
            e.tick();
            assertNull(e.deferredReply(a, 0));
            clock.advance(501);
            e.tick();
            assertEquals("*-1\r\n", e.deferredReply(a, BlockingCommandsTest.WAIT));
            e.call("XADD", "s", "1-1", "f", "v");
            assertEquals("0", BlockingCommandsTest.info(e, "blocked_clients"));
            assertEquals("*-1\r\n", e.call("XREAD", "STREAMS", "s", "$"), "no BLOCK: nothing new, at once");
        }
    }

    /**
     * Redis 7.0.15 tells a blocked group reader at once when its stream or group goes: DEL, an
     * overwrite by another type, FLUSHALL, RENAME, MOVE, SWAPDB and expiry (on the next tick here)
     * answer {@code -UNBLOCKED the stream key no longer exists}, XGROUP DESTROY
     * {@code -NOGROUP the consumer group this client was blocked on no longer exists}. A plain
     * XREAD waiter stays blocked through all of it. (Replies checked against redis-server 7.0.15.)
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void groupReadersShouldBeToldWhenTheirStreamOrGroupGoes(int shards) {
        ManualClock clock = new ManualClock(T0);
        String unblocked = "-UNBLOCKED the stream key no longer exists\r\n";
        try (EmbeddedEngine e = BlockingCommandsTest.engine(shards, clock)) {
            String[][] removals = {
                {"DEL", "s"}, {"SET", "s", "x"}, {"FLUSHALL"}, {"RENAME", "s", "s2"}, {"MOVE", "s", "1"},
                {"SWAPDB", "0", "1"}, {"UNLINK", "s"}};
            for (String[] removal : removals) {
                e.call("FLUSHALL");
                e.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
                e.call("XADD", "p", "1-1", "f", "v");
                ClientSession group = e.newSession();
                ClientSession plain = e.newSession();
                BlockingCommandsTest.blocks(e, group, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
                BlockingCommandsTest.blocks(e, plain, "XREAD", "BLOCK", "0", "STREAMS", "p", "$");
                e.call(removal);
                assertEquals(unblocked, e.deferredReply(group, BlockingCommandsTest.WAIT), String.join(" ", removal));
                assertNull(e.deferredReply(plain, 0), "a plain reader waits on: " + String.join(" ", removal));
                e.call("CLIENT", "UNBLOCK", Long.toString(plain.id));
            }

            e.call("FLUSHALL");
            e.call("XGROUP", "CREATE", "s", "g", "$", "MKSTREAM");
            ClientSession destroyed = e.newSession();
            BlockingCommandsTest.blocks(e, destroyed, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
            assertEquals(":1\r\n", e.call("XGROUP", "DESTROY", "s", "g"));
            assertEquals("-NOGROUP the consumer group this client was blocked on no longer exists\r\n",
                    e.deferredReply(destroyed, BlockingCommandsTest.WAIT));

            e.call("PEXPIRE", "s", "1000");
            e.call("XGROUP", "CREATE", "s", "g", "$");
            ClientSession expires = e.newSession();
            BlockingCommandsTest.blocks(e, expires, "XREADGROUP", "GROUP", "g", "c", "BLOCK", "0", "STREAMS", "s", ">");
            clock.advance(999);
            e.tick();
            assertNull(e.deferredReply(expires, 0));
            clock.advance(2);
            e.tick();
            assertEquals(unblocked, e.deferredReply(expires, BlockingCommandsTest.WAIT));
            assertEquals("0", BlockingCommandsTest.info(e, "blocked_clients"));
        }
    }
}
