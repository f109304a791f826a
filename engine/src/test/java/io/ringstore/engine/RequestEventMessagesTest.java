package io.ringstore.engine;

import io.ringstore.engine.pubsub.Message;
import io.ringstore.engine.pubsub.Subscriber;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The messages a ring slot keeps for reuse: taken back in the order queued, at most 16 kept (so a
 * slot that once carried thousands holds a few KB), none holding a large buffer or a session, and
 * none handed out on a tick, which every shard executes at once.
 */
class RequestEventMessagesTest {
    private static final Subscriber S = () -> 2;

    /** Queues {@code n} messages of {@code bytes} each on {@code e}, as a shard would, then hands them back. */
    private static Set<Message> roundTrip(RequestEvent e, int n, int bytes) {
        Set<Message> made = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < n; i++) {
            Message m = e.newMessage();
            made.add(m);
            e.message(m);
            m.session = S;
            m.reply().raw(new byte[bytes]);
        }
        Message taken = e.takeMessages();
        int count = 0;
        for (Message m = taken; m != null; m = m.next) {
            count++;
        }
        assertEquals(n, count, "every queued message taken, oldest first");
        e.recycleMessages(taken);
        return made;
    }

    @Test
    void shouldKeepAtMostSixteenSmallMessagesPerSlot() {
        RequestEvent e = new RequestEvent();
        e.clear();
        Set<Message> first = roundTrip(e, 1000, 10);
        Set<Message> reused = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < 20; i++) {
            Message m = e.newMessage();
            assertNull(m.session, "a spare comes back cleared");
            if (first.contains(m)) {
                reused.add(m);
            }
        }
        assertEquals(16, reused.size(), "16 spares kept of the 1000 handed back");
    }

    @Test
    void shouldDropSparesHoldingLargeBuffers() {
        RequestEvent e = new RequestEvent();
        e.clear();
        Set<Message> big = roundTrip(e, 4, 100_000);
        for (int i = 0; i < 4; i++) {
            assertFalse(big.contains(e.newMessage()), "a message that held 100 KB is not kept");
        }
    }

    @Test
    void shouldNeverHandOutSparesOnATick() {
        RequestEvent e = new RequestEvent();
        e.clear();
        Set<Message> made = roundTrip(e, 4, 10);
        e.kind = RequestEvent.KIND_TICK;
        assertFalse(made.contains(e.newMessage()), "ticks allocate: every shard raises messages on them at once");
        e.kind = RequestEvent.KIND_COMMAND;
        assertTrue(made.contains(e.newMessage()));
    }
}
