package io.ringstore.engine.pubsub;

import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.util.Glob;
import io.ringstore.engine.util.KeyName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One shard's copy of Redis's pubsub_channels, pubsub_patterns and pubsubshard_channels, with each
 * client's own lists (pubsub.c). Every shard keeps a full copy, so whichever shard runs a PUBLISH
 * (or, later, a write raising a keyspace notification) reads the subscriptions made before it in
 * ring order without touching another shard's memory. The copies change only at one point of the
 * ring: the subscribe family's rows are {@code all_shards}, so they run on the only shard, or on
 * shard 0 at a barrier, which then updates every shard's copy while the others are parked (as the
 * close of a subscribed client does). Touched only by its shard's thread, or by shard 0's while
 * this shard is parked.
 *
 * <p>A PUBLISH queues one fan-out message per matching channel or pattern on the publishing
 * event, each encoding made once and shared by its receivers (see {@link Message}).
 */
public final class PubSub {
    /** Subscription kinds: SUBSCRIBE channels, PSUBSCRIBE patterns, SSUBSCRIBE shard channels. */
    public static final int CHANNEL = 0;
    public static final int PATTERN = 1;
    public static final int SHARD = 2;

    /** Per kind: name → its subscribers, in subscription order. Patterns iterate in first-subscription order. */
    @SuppressWarnings("unchecked")
    private final Map<KeyName, Subscribers>[] index = new Map[] {
        new HashMap<>(), new LinkedHashMap<>(), new HashMap<>()
    };
    private final Map<Subscriber, Subs> clients = new HashMap<>();
    /** MONITOR clients, in the order they started (Redis's server.monitors). */
    private final LinkedHashSet<Subscriber> monitors = new LinkedHashSet<>();
    private final KeyName probe = new KeyName();
    private static final byte[] MESSAGE = "message".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] PMESSAGE = "pmessage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SMESSAGE = "smessage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** One client's subscriptions per kind, in subscription order (UNSUBSCRIBE without arguments replies in it). */
    private static final class Subs {
        @SuppressWarnings("unchecked")
        final LinkedHashSet<KeyName>[] names = new LinkedHashSet[] {
            new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>()
        };

        /** Redis's counts: channels plus patterns (clientSubscriptionsCount), or shard channels alone. */
        int count(int kind) {
            return kind == SHARD ? names[SHARD].size() : names[CHANNEL].size() + names[PATTERN].size();
        }

        boolean empty() {
            return names[CHANNEL].isEmpty() && names[PATTERN].isEmpty() && names[SHARD].isEmpty();
        }
    }

    /** (P|S)SUBSCRIBE of one name; returns the client's count of that kind after it (Redis's reply). */
    public int subscribe(int kind, Subscriber s, byte[] b, int off, int len) {
        Subs subs = clients.computeIfAbsent(s, k -> new Subs());
        KeyName name = new KeyName(Arrays.copyOfRange(b, off, off + len));
        if (subs.names[kind].add(name)) {
            index[kind].computeIfAbsent(name, k -> new Subscribers()).add(s);
        }
        return subs.count(kind);
    }

    /** (P|S)UNSUBSCRIBE of one name (subscribed or not); returns the count of that kind after it. */
    public int unsubscribe(int kind, Subscriber s, byte[] b, int off, int len) {
        Subs subs = clients.get(s);
        if (subs == null) {
            return 0;
        }
        KeyName name = probe.set(b, off, len);
        if (subs.names[kind].remove(name)) {
            removeFrom(index[kind], name, s);
        }
        int n = subs.count(kind);
        if (subs.empty()) {
            clients.remove(s);
        }
        return n;
    }

    /** The client's names of one kind, in subscription order, as copies (UNSUBSCRIBE with no argument). */
    public List<byte[]> subscribed(Subscriber s, int kind) {
        Subs subs = clients.get(s);
        List<byte[]> out = new ArrayList<>();
        if (subs != null) {
            for (KeyName k : subs.names[kind]) {
                out.add(Arrays.copyOf(k.b, k.len));
            }
        }
        return out;
    }

    /** The client's count as a (P|S)(UN)SUBSCRIBE reply of {@code kind} states it. */
    public int count(Subscriber s, int kind) {
        Subs subs = clients.get(s);
        return subs == null ? 0 : subs.count(kind);
    }

    /** Redis's CLIENT_PUBSUB: the client has any channel, pattern or shard channel subscription. */
    public boolean subscribedAny(Subscriber s) {
        return clients.containsKey(s);
    }


    /** MONITOR: {@code s} receives every executed command from now on; false if it already does. */
    public boolean addMonitor(Subscriber s) {
        return monitors.add(s);
    }

    /** Whether anyone monitors (the feed costs one branch otherwise). */
    public boolean hasMonitors() {
        return !monitors.isEmpty();
    }

    /** The monitors, in the order they started. */
    public Iterable<Subscriber> monitors() {
        return monitors;
    }

    /** A closed or RESET client: every subscription of every kind goes, and its MONITOR. */
    public void drop(Subscriber s) {
        monitors.remove(s);
        Subs subs = clients.remove(s);
        if (subs == null) {
            return;
        }
        for (int kind = CHANNEL; kind <= SHARD; kind++) {
            for (KeyName name : subs.names[kind]) {
                removeFrom(index[kind], name, s);
            }
        }
    }

    private static void removeFrom(Map<KeyName, Subscribers> index, KeyName k, Subscriber s) {
        Subscribers set = index.get(k);
        if (set != null) {
            set.remove(s);
            if (set.isEmpty()) {
                index.remove(k);
            }
        }
    }

    /**
     * PUBLISH: a message to every subscriber of the channel, then a pmessage to every subscriber of
     * each matching pattern (Redis's order), appended to {@code e}'s messages; a message to the
     * publisher itself (a RESP3 client may publish to its own channel) goes into {@code selfOut}
     * at once, ahead of PUBLISH's reply, as Redis writes it (with no {@code selfOut}, from a
     * script, it is a message marked to go ahead of the event's reply). Each message is encoded once per
     * protocol and shared by its receivers. Returns the receivers as Redis counts them (a client
     * matched by a channel and two patterns counts three).
     */
    public int publish(MessageSink e, Subscriber self, ReplyBuffer selfOut,
                       byte[] b, int chOff, int chLen, int msgOff, int msgLen) {
        int receivers = fanOut(e, self, selfOut, index[CHANNEL].get(probe.set(b, chOff, chLen)),
                MESSAGE, null, b, chOff, chLen, msgOff, msgLen);
        Map<KeyName, Subscribers> patterns = index[PATTERN];
        if (!patterns.isEmpty()) {
            for (Map.Entry<KeyName, Subscribers> p : patterns.entrySet()) {
                KeyName pat = p.getKey();
                if (Glob.match(pat.b, 0, pat.len, b, chOff, chLen, false)) {
                    receivers += fanOut(e, self, selfOut, p.getValue(), PMESSAGE, pat, b, chOff, chLen, msgOff, msgLen);
                }
            }
        }
        return receivers;
    }

    /** SPUBLISH: an {@code smessage} to every subscriber of the shard channel (patterns do not apply). */
    public int spublish(MessageSink e, Subscriber self, ReplyBuffer selfOut,
                        byte[] b, int chOff, int chLen, int msgOff, int msgLen) {
        return fanOut(e, self, selfOut, index[SHARD].get(probe.set(b, chOff, chLen)),
                SMESSAGE, null, b, chOff, chLen, msgOff, msgLen);
    }

    /**
     * One message to each of {@code subs}: {@code kind} (message, smessage, or pmessage with
     * {@code pattern}) encoded once per protocol its receivers use, queued as one fan-out over the
     * set's snapshot array; the publisher's own copy is written into {@code selfOut} (or, from a
     * script, queued on its own ahead of the reply). Returns how many received it.
     */
    private static int fanOut(MessageSink e, Subscriber self, ReplyBuffer selfOut, Subscribers subs,
                              byte[] kind, KeyName pattern, byte[] b, int chOff, int chLen, int msgOff, int msgLen) {
        if (subs == null) {
            return 0;
        }
        Subscriber[] targets = subs.snapshot();
        boolean resp2 = false;
        boolean resp3 = false;
        boolean selfToo = false;
        for (Subscriber s : targets) {
            if (s == self) {
                selfToo = true;
            } else if (s.protocol() == 3) {
                resp3 = true;
            } else {
                resp2 = true;
            }
        }
        if (selfToo) {
            if (selfOut != null) {
                encode(selfOut, kind, pattern, b, chOff, chLen, msgOff, msgLen);
            } else {
                Message m = e.newMessage();
                encode(m.single(self), kind, pattern, b, chOff, chLen, msgOff, msgLen);
                m.beforeReply = true; // from a script: ahead of the script's reply, as Redis writes it
                e.message(m);
            }
        }
        if (resp2 || resp3) {
            Message m = e.newMessage();
            m.targets = targets;
            m.skip = selfToo ? self : null;
            if (resp2) {
                encode(m.encoding(2), kind, pattern, b, chOff, chLen, msgOff, msgLen);
            }
            if (resp3) {
                encode(m.encoding(3), kind, pattern, b, chOff, chLen, msgOff, msgLen);
            }
            e.message(m);
        }
        return targets.length;
    }

    private static ReplyBuffer encode(ReplyBuffer r, byte[] kind, KeyName pattern,
                                      byte[] b, int chOff, int chLen, int msgOff, int msgLen) {
        if (pattern == null) {
            r.push(3).bulk(kind).bulk(b, chOff, chLen).bulk(b, msgOff, msgLen);
        } else {
            r.push(4).bulk(kind).bulk(pattern.b, 0, pattern.len).bulk(b, chOff, chLen).bulk(b, msgOff, msgLen);
        }
        return r;
    }

    /** A new message to {@code s} alone, queued on {@code e}; returns its buffer to encode into. */
    public static ReplyBuffer send(MessageSink e, Subscriber s) {
        Message m = e.newMessage();
        ReplyBuffer r = m.single(s);
        e.message(m);
        return r;
    }

    /** PUBSUB CHANNELS / SHARDCHANNELS [pattern]: active channels (at least one subscriber) matching it. */
    public List<byte[]> channels(int kind, byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (KeyName ch : index[kind].keySet()) {
            if (pattern == null || Glob.match(pattern, 0, pattern.length, ch.b, 0, ch.len, false)) {
                out.add(Arrays.copyOf(ch.b, ch.len));
            }
        }
        return out;
    }

    /** PUBSUB NUMSUB / SHARDNUMSUB: subscribers of one channel. */
    public int numsub(int kind, byte[] b, int off, int len) {
        Subscribers subs = index[kind].get(probe.set(b, off, len));
        return subs == null ? 0 : subs.size();
    }

    /** PUBSUB NUMPAT: distinct patterns subscribed by anyone. */
    public int numpat() {
        return index[PATTERN].size();
    }

    /** Whether nobody subscribes to anything (a notification or publish can stop at one branch). */
    public boolean isEmpty() {
        return clients.isEmpty();
    }
}
