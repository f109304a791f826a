package io.ringstore.engine.pubsub;

import io.ringstore.engine.util.Glob;
import io.ringstore.engine.util.KeyName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Redis's pubsub_channels / pubsub_patterns and each client's own lists (pubsub.c). Every pub/sub
 * row is {@code all_shards}, so this registry is touched only by the thread running them: the only
 * shard, or shard 0 at a barrier; the same holds for the close of a subscribed client (a barrier).
 * Messages are appended to the publishing event's message list, one per receiver, in the
 * receiver's protocol.
 */
public final class PubSub {
    private final Map<KeyName, LinkedHashSet<Subscriber>> channels = new HashMap<>();
    private final LinkedHashMap<KeyName, LinkedHashSet<Subscriber>> patterns = new LinkedHashMap<>();
    private final Map<Subscriber, Subs> clients = new HashMap<>();
    private final KeyName probe = new KeyName();

    /** One client's subscriptions, in subscription order (UNSUBSCRIBE without arguments replies in it). */
    private static final class Subs {
        final LinkedHashSet<KeyName> channels = new LinkedHashSet<>();
        final LinkedHashSet<KeyName> patterns = new LinkedHashSet<>();

        int count() {
            return channels.size() + patterns.size();
        }
    }

    private Subs subs(Subscriber s) {
        return clients.computeIfAbsent(s, k -> new Subs());
    }

    /** SUBSCRIBE of one channel; returns the client's subscription count after it. */
    public int subscribe(Subscriber s, byte[] b, int off, int len) {
        Subs subs = subs(s);
        KeyName ch = new KeyName(java.util.Arrays.copyOfRange(b, off, off + len));
        if (subs.channels.add(ch)) {
            channels.computeIfAbsent(ch, k -> new LinkedHashSet<>()).add(s);
        }
        return subs.count();
    }

    /** PSUBSCRIBE of one pattern; returns the count after it. */
    public int psubscribe(Subscriber s, byte[] b, int off, int len) {
        Subs subs = subs(s);
        KeyName p = new KeyName(java.util.Arrays.copyOfRange(b, off, off + len));
        if (subs.patterns.add(p)) {
            patterns.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(s);
        }
        return subs.count();
    }

    /** UNSUBSCRIBE of one channel (subscribed or not); returns the count after it. */
    public int unsubscribe(Subscriber s, byte[] b, int off, int len) {
        return remove(s, probe.set(b, off, len), false);
    }

    /** PUNSUBSCRIBE of one pattern; returns the count after it. */
    public int punsubscribe(Subscriber s, byte[] b, int off, int len) {
        return remove(s, probe.set(b, off, len), true);
    }

    private int remove(Subscriber s, KeyName name, boolean pattern) {
        Subs subs = clients.get(s);
        if (subs == null) {
            return 0;
        }
        if ((pattern ? subs.patterns : subs.channels).remove(name)) {
            Map<KeyName, LinkedHashSet<Subscriber>> index = pattern ? patterns : channels;
            LinkedHashSet<Subscriber> set = index.get(name);
            if (set != null) {
                set.remove(s);
                if (set.isEmpty()) {
                    index.remove(name);
                }
            }
        }
        int n = subs.count();
        if (n == 0) {
            clients.remove(s);
        }
        return n;
    }

    /** The client's channels (or patterns), in subscription order, as copies (UNSUBSCRIBE with no argument). */
    public List<byte[]> subscribed(Subscriber s, boolean pattern) {
        Subs subs = clients.get(s);
        List<byte[]> out = new ArrayList<>();
        if (subs != null) {
            for (KeyName k : pattern ? subs.patterns : subs.channels) {
                out.add(java.util.Arrays.copyOf(k.b, k.len));
            }
        }
        return out;
    }

    /** The client's count (channels plus patterns). */
    public int count(Subscriber s) {
        Subs subs = clients.get(s);
        return subs == null ? 0 : subs.count();
    }

    /** A closed or RESET client: every subscription goes. */
    public void drop(Subscriber s) {
        Subs subs = clients.remove(s);
        if (subs == null) {
            return;
        }
        for (KeyName ch : subs.channels) {
            removeFrom(channels, ch, s);
        }
        for (KeyName p : subs.patterns) {
            removeFrom(patterns, p, s);
        }
    }

    private static void removeFrom(Map<KeyName, LinkedHashSet<Subscriber>> index, KeyName k, Subscriber s) {
        LinkedHashSet<Subscriber> set = index.get(k);
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
     * at once, ahead of PUBLISH's reply, as Redis writes it. Returns the receivers as Redis counts
     * them (a client matched by a channel and two patterns counts three).
     */
    public int publish(MessageSink e, Subscriber self, io.ringstore.engine.reply.ReplyBuffer selfOut,
                       byte[] b, int chOff, int chLen, int msgOff, int msgLen) {
        int receivers = 0;
        LinkedHashSet<Subscriber> subs = channels.get(probe.set(b, chOff, chLen));
        if (subs != null) {
            for (Subscriber s : subs) {
                io.ringstore.engine.reply.ReplyBuffer out = s == self ? selfOut : send(e, s);
                out.push(3).bulk("message").bulk(b, chOff, chLen).bulk(b, msgOff, msgLen);
                receivers++;
            }
        }
        if (!patterns.isEmpty()) {
            for (Map.Entry<KeyName, LinkedHashSet<Subscriber>> p : patterns.entrySet()) {
                KeyName pat = p.getKey();
                if (!Glob.match(pat.b, 0, pat.len, b, chOff, chLen, false)) {
                    continue;
                }
                for (Subscriber s : p.getValue()) {
                    io.ringstore.engine.reply.ReplyBuffer out = s == self ? selfOut : send(e, s);
                    out.push(4).bulk("pmessage").bulk(pat.b, 0, pat.len).bulk(b, chOff, chLen).bulk(b, msgOff, msgLen);
                    receivers++;
                }
            }
        }
        return receivers;
    }

    /** A new message to {@code s} on {@code e}'s list; returns its buffer to encode into. */
    private static io.ringstore.engine.reply.ReplyBuffer send(MessageSink e, Subscriber s) {
        Message m = new Message(s, s.protocol());
        e.message(m);
        return m.reply;
    }

    /** PUBSUB CHANNELS [pattern]: active channels (at least one subscriber) matching it. */
    public List<byte[]> channels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (KeyName ch : channels.keySet()) {
            if (pattern == null || Glob.match(pattern, 0, pattern.length, ch.b, 0, ch.len, false)) {
                out.add(java.util.Arrays.copyOf(ch.b, ch.len));
            }
        }
        return out;
    }

    /** PUBSUB NUMSUB: subscribers of one channel. */
    public int numsub(byte[] b, int off, int len) {
        LinkedHashSet<Subscriber> subs = channels.get(probe.set(b, off, len));
        return subs == null ? 0 : subs.size();
    }

    /** PUBSUB NUMPAT: distinct patterns subscribed by anyone. */
    public int numpat() {
        return patterns.size();
    }
}
