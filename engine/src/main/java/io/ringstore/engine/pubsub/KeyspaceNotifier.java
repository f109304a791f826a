package io.ringstore.engine.pubsub;

import io.ringstore.engine.reply.ReplyBuffer;

/**
 * Redis's notifyKeyspaceEvent after its class check (notify.c): publishes {@code event} to
 * {@code __keyspace@<db>__:<key>} when K is on and {@code key} to {@code __keyevent@<db>__:<event>}
 * when E is on, through a shard's registry copy, as PUBLISH would. The channel and the message are
 * built in one scratch array, and only when somebody subscribes to something, so a notification
 * nobody can receive allocates nothing. One per shard thread (each CommandContext has one).
 */
public final class KeyspaceNotifier {
    private static final int KEYSPACE = 1;
    private static final int KEYEVENT = 2;
    private static final byte[] SPACE = {'_', '_', 'k', 'e', 'y', 's', 'p', 'a', 'c', 'e', '@'};
    private static final byte[] EVENT = {'_', '_', 'k', 'e', 'y', 'e', 'v', 'e', 'n', 't', '@'};

    /** Channel then message: {@code __keyspace@0__:key} {@code event}. */
    private byte[] scratch = new byte[128];

    /**
     * Publishes one notification. {@code flags} is the option's value (its K and E bits decide the
     * channels; the caller checked the event's class). Messages to {@code self} (the client whose
     * reply is {@code selfOut}, or null) go into {@code selfOut} at once, as Redis writes them into
     * the running client's buffer; the others are appended to {@code sink}, behind the reply.
     */
    public void publish(PubSub registry, MessageSink sink, Subscriber self, ReplyBuffer selfOut,
                        long flags, String event, int db, byte[] k, int off, int len) {
        if (registry.isEmpty()) {
            return;
        }
        if ((flags & KEYSPACE) != 0) {
            int n = prefix(SPACE, db, len + event.length());
            System.arraycopy(k, off, scratch, n, len);
            int ch = n + len;
            ascii(event, ch);
            registry.publish(sink, self, selfOut, scratch, 0, ch, ch, event.length());
        }
        if ((flags & KEYEVENT) != 0) {
            int n = prefix(EVENT, db, event.length() + len);
            ascii(event, n);
            int ch = n + event.length();
            System.arraycopy(k, off, scratch, ch, len);
            registry.publish(sink, self, selfOut, scratch, 0, ch, ch, len);
        }
    }

    /** Writes {@code __key...@<db>__:} and makes room for {@code more} bytes after it; returns its length. */
    private int prefix(byte[] head, int db, int more) {
        int need = head.length + 11 + 3 + more;
        if (scratch.length < need) {
            scratch = new byte[Math.max(need, scratch.length * 2)];
        }
        byte[] b = scratch;
        System.arraycopy(head, 0, b, 0, head.length);
        int p = head.length;
        if (db == 0) {
            b[p++] = '0';
        } else {
            int start = p;
            for (int v = db; v > 0; v /= 10) {
                b[p++] = (byte) ('0' + v % 10);
            }
            for (int i = start, j = p - 1; i < j; i++, j--) {
                byte t = b[i];
                b[i] = b[j];
                b[j] = t;
            }
        }
        b[p++] = '_';
        b[p++] = '_';
        b[p++] = ':';
        return p;
    }

    private void ascii(String s, int at) {
        for (int i = 0; i < s.length(); i++) {
            scratch[at + i] = (byte) s.charAt(i);
        }
    }
}
