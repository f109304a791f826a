package io.ringstore.engine.tracking;

import io.ringstore.engine.pubsub.MessageSink;
import io.ringstore.engine.pubsub.PubSub;
import io.ringstore.engine.pubsub.Subscriber;
import io.ringstore.engine.pubsub.Message;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.util.KeyName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One shard's part of Redis's client-side caching (tracking.c). Two kinds of state:
 *
 * <ul>
 * <li>Copies, the same on every shard and changed only in ring order (CLIENT TRACKING, RESET and
 * the close of a tracking client are {@code all_shards}: they run on the only shard, or on shard 0
 * at a barrier, which updates every shard's copy while the others are parked): the tracking
 * clients with their options, and Redis's PrefixTable of BCAST prefixes.</li>
 * <li>This shard's own: Redis's TrackingTable for the keys the shard owns (key → ids of the clients
 * that read it), and the BCAST keys modified since the shard's last batch end.</li>
 * </ul>
 *
 * <p>Invalidations are messages on the executing ring event ({@link #bind}), written by the reply
 * stage after that event's reply: a client writing a key it tracks gets its reply first, as Redis
 * 7.0's pending invalidations do. BCAST invalidations are gathered per prefix and sent at the
 * shard's batch end ({@link #broadcast}), as Redis sends them before sleeping: one message per
 * prefix with the keys sorted and each key once. Touched only by its shard's thread, or by shard
 * 0's while this shard is parked at a barrier.
 */
public final class Tracking {
    private static final byte[] INVALIDATE = "invalidate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] REDIR_BROKEN = "tracking-redir-broken".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "__redis__:invalidate".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "message".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL2 = "$-1\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NULL3 = "_\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The writer of a key no tracking client changed (a script's client, expiry's NULL). */
    private static final Subscriber NO_CLIENT = () -> 2;

    /** A tracking client as the copies hold it. */
    static final class Tracked {
        final TrackingClient session;
        TrackingOptions options;

        Tracked(TrackingClient session) {
            this.session = session;
        }
    }

    /** One BCAST prefix: its clients (in registration order) and the keys modified since the last broadcast, with their last writer. */
    static final class Prefix {
        final byte[] prefix;
        final List<Tracked> clients = new ArrayList<>(2);
        final TreeMap<byte[], Subscriber> keys = new TreeMap<>(Arrays::compareUnsigned);

        Prefix(byte[] prefix) {
            this.prefix = prefix;
        }
    }

    private final ClientDirectory directory;
    private final PubSub pubsub;
    /** tracking-table-max-keys, shared out over the shards. */
    private final io.ringstore.engine.config.Config.Option maxKeys;
    private final int shards;
    /** Copy: tracking clients by id (ordered by id: a flush notifies them in that order). */
    private final TreeMap<Long, Tracked> clients = new TreeMap<>();
    /** Copy: BCAST prefixes, sorted as Redis's rax. */
    private final TreeMap<byte[], Prefix> prefixes = new TreeMap<>(Arrays::compareUnsigned);
    /** Own: key → ids of the clients that may cache it. */
    private final HashMap<KeyName, TrackedIds> table = new HashMap<>();
    private final KeyName probe = new KeyName();
    /** Ids stored over all keys (tracking_total_items); read by INFO from any thread, a stale value is fine. */
    private long items;
    private boolean broadcastPending;
    /** The event being executed and its client (Redis's current_client; null on ticks). */
    private MessageSink sink;
    private final io.ringstore.engine.pubsub.FreshMessages fresh = new io.ringstore.engine.pubsub.FreshMessages();
    private Subscriber current;

    /**
     * @param directory finds REDIRECT targets by id
     * @param pubsub    the same shard's pub/sub copy (a RESP2 redirect target must be subscribed)
     * @param maxKeys   tracking-table-max-keys (this shard's share of it is its limit)
     * @param shards    how many shards share that limit
     */
    public Tracking(ClientDirectory directory, PubSub pubsub, io.ringstore.engine.config.Config.Option maxKeys, int shards) {
        this.directory = directory;
        this.pubsub = pubsub;
        this.maxKeys = maxKeys;
        this.shards = shards;
    }

    /** The event whose reply invalidations follow, and the client running it (null for ticks). */
    public void bind(MessageSink sink, Subscriber current) {
        this.sink = sink;
        this.current = current;
    }

    /** Whether a write has anything to do here: one branch when nobody tracks. */
    public boolean active() {
        return !table.isEmpty() || !prefixes.isEmpty();
    }

    // ---- the copies (ring order, every shard) ----

    /** CLIENT TRACKING on: Redis's enableTracking (BCAST prefixes are added to those the client has). */
    public void enable(TrackingClient s, TrackingOptions o) {
        Long id = s.clientId();
        Tracked t = clients.get(id);
        if (t == null) {
            t = new Tracked(s);
            clients.put(id, t);
        }
        t.options = o;
        if (o.has(TrackingOptions.BCAST)) {
            for (byte[] p : o.prefixes) {
                Prefix px = prefixes.computeIfAbsent(p, Prefix::new);
                if (!px.clients.contains(t)) {
                    px.clients.add(t);
                }
            }
        }
    }

    /** CLIENT TRACKING off, RESET, close: Redis's disableTracking (its ids in the table go lazily). */
    public void disable(TrackingClient s) {
        Tracked t = clients.remove(s.clientId());
        if (t == null) {
            return;
        }
        for (byte[] p : t.options.prefixes) {
            Prefix px = prefixes.get(p);
            if (px != null) {
                px.clients.remove(t);
                if (px.clients.isEmpty()) {
                    prefixes.remove(p);
                }
            }
        }
    }

    /** tracking_clients. */
    public int clients() {
        return clients.size();
    }

    /** tracking_total_prefixes. */
    public int prefixCount() {
        return prefixes.size();
    }

    // ---- this shard's table ----

    /** Redis's trackingRememberKeys for one key: client {@code s} may now cache it. */
    public void remember(TrackingClient s, byte[] b, int off, int len) {
        TrackedIds ids = table.get(probe.set(b, off, len));
        if (ids == null) {
            ids = new TrackedIds();
            KeyName key = new KeyName(Arrays.copyOfRange(b, off, off + len));
            table.put(key, ids);
            limit(key);
        }
        if (ids.add(s.clientId())) {
            items++;
        }
    }

    /**
     * Redis's trackingLimitUsedSlots: past tracking-table-max-keys (this shard's share, at least
     * one key), other keys are forgotten, their clients told as if the keys had changed. Redis
     * picks them by a random walk; here they are the first the table iterates (it never touches the
     * keyspace, so replay does not care).
     */
    private void limit(KeyName added) {
        long max = maxKeys.number();
        if (max == 0) {
            return;
        }
        long share = Math.max(1, max / shards);
        while (table.size() > share) {
            KeyName victim = null;
            for (KeyName k : table.keySet()) {
                if (k != added) {
                    victim = k;
                    break;
                }
            }
            if (victim == null) {
                return;
            }
            invalidateTracked(victim.b, victim.off, victim.len);
        }
    }

    /** tracking_total_keys on this shard. */
    public int keys() {
        return table.size();
    }

    /** tracking_total_items on this shard. */
    public long items() {
        return items;
    }

    /**
     * Redis's trackingInvalidateKey for a key of this shard that was modified, deleted or expired:
     * BCAST prefixes matching it remember it (with its writer, for NOLOOP), and every client that
     * may cache it is told, except a NOLOOP writer; the key leaves the table.
     */
    public void invalidate(byte[] b, int off, int len, boolean byScript) {
        // BCAST's NOLOOP compares with the writer Redis 7.0 passes: a script's own client for a
        // script's write (so its caller is told), else the current client.
        invalidate(b, off, len, byScript ? NO_CLIENT : current);
    }

    /**
     * An expired key (lazy or active): Redis passes no client, so every BCAST client is told, but
     * the per-key NOLOOP check still compares with the current client (the reader that found it
     * expired).
     */
    public void expired(byte[] b, int off, int len) {
        if (active()) {
            invalidate(b, off, len, NO_CLIENT);
        }
    }

    private void invalidate(byte[] b, int off, int len, Subscriber bcastWriter) {
        if (!prefixes.isEmpty()) {
            rememberForBroadcast(b, off, len, bcastWriter);
        }
        if (!table.isEmpty()) {
            invalidateTracked(b, off, len);
        }
    }

    /** trackingInvalidateKey without the BCAST part: the key's clients are told, the key forgotten. */
    private void invalidateTracked(byte[] b, int off, int len) {
        KeyName k = probe.set(b, off, len);
        TrackedIds ids = table.remove(k);
        if (ids == null) {
            return;
        }
        items -= ids.size();
        for (int i = 0; i < ids.size(); i++) {
            Tracked t = clients.get(ids.get(i));
            if (t == null || t.options.has(TrackingOptions.BCAST)) {
                continue;
            }
            if (t.options.has(TrackingOptions.NOLOOP) && t.session == current) {
                continue;
            }
            ReplyBuffer out = open(t);
            if (out != null) {
                out.array(1).bulk(b, off, len);
            }
        }
    }

    private void rememberForBroadcast(byte[] b, int off, int len, Subscriber writer) {
        for (Prefix px : prefixes.values()) {
            byte[] p = px.prefix;
            if (p.length <= len && Arrays.equals(p, 0, p.length, b, off, off + p.length)) {
                px.keys.put(Arrays.copyOfRange(b, off, off + len), writer);
                broadcastPending = true;
            }
        }
    }

    /**
     * Redis's trackingInvalidateKeysOnFlush, once per FLUSHDB/FLUSHALL (at its barrier, or on the
     * only shard): a null invalidation to every tracking client, in id order.
     */
    public void flushed() {
        for (Tracked t : clients.values()) {
            ReplyBuffer out = open(t);
            if (out != null) {
                out.raw(t.session.protocol() > 2 ? NULL3 : NULL2); // the tracking client's null, as Redis
            }
        }
    }

    /** A flush empties the table of every shard (FLUSHDB too: tracking is not per database). */
    public void clearTable() {
        table.clear();
        items = 0;
    }

    /** Whether BCAST keys wait for {@link #broadcast}. */
    public boolean broadcastPending() {
        return broadcastPending;
    }

    /**
     * Redis's trackingBroadcastInvalidationMessages at this shard's batch end: per prefix (sorted),
     * the keys modified since the last call (sorted, each once) to every client of the prefix; a
     * NOLOOP client does not get the keys it was the last to write, nor a message when none is left.
     */
    public void broadcast(MessageSink e) {
        broadcastPending = false;
        MessageSink saved = sink;
        sink = fresh.on(e); // e may be another shard's event, running now: never its spare messages
        for (Prefix px : prefixes.values()) {
            if (px.keys.isEmpty()) {
                continue;
            }
            for (Tracked t : px.clients) {
                boolean noloop = t.options.has(TrackingOptions.NOLOOP);
                int n = 0;
                for (Subscriber w : px.keys.values()) {
                    if (!noloop || w != t.session) {
                        n++;
                    }
                }
                if (n == 0) {
                    continue;
                }
                ReplyBuffer out = open(t);
                if (out == null) {
                    continue;
                }
                out.array(n);
                for (Map.Entry<byte[], Subscriber> k : px.keys.entrySet()) {
                    if (!noloop || k.getValue() != t.session) {
                        out.bulk(k.getKey());
                    }
                }
            }
            px.keys.clear();
        }
        sink = saved;
    }

    /**
     * Redis's sendTrackingMessage up to the payload: the buffer of a new message to {@code t} (or
     * its REDIRECT target) with the invalidation header written, or null when nothing can be sent
     * (a RESP2 client without redirect; a RESP2 target not in pub/sub mode). A REDIRECT target that
     * is gone marks the client broken and, in RESP3, tells it so instead.
     */
    private ReplyBuffer open(Tracked t) {
        Subscriber to = t.session;
        long redirect = t.options.redirect;
        if (redirect != 0) {
            Subscriber r = directory.client(redirect);
            if (r == null) {
                t.session.redirectBroken(true);
                if (t.session.protocol() > 2) {
                    PubSub.send(sink, t.session).push(2).bulk(REDIR_BROKEN).integer(redirect);
                }
                return null;
            }
            to = r;
        }
        if (to.protocol() > 2) {
            return PubSub.send(sink, to).push(2).bulk(INVALIDATE);
        }
        if (redirect != 0 && pubsub.subscribedAny(to)) {
            return PubSub.send(sink, to).push(3).bulk(MESSAGE).bulk(CHANNEL);
        }
        return null;
    }
}
