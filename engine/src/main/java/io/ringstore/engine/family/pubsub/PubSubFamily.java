package io.ringstore.engine.family.pubsub;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.pubsub.PubSub;
import io.ringstore.engine.pubsub.Subscriber;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.ReplyBuffer;

import java.util.List;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, SSUBSCRIBE, SUNSUBSCRIBE, PUBLISH, SPUBLISH and
 * PUBSUB's subcommands (Redis 7.0's pubsub.c). Every shard holds a copy of the registry
 * ({@link PubSub}, in ShardState). The subscribe family is {@code all_shards}: it runs on the only
 * shard, or at a barrier, where it updates every shard's copy while they are parked. PUBLISH and
 * the PUBSUB queries run on one shard (the client's home; SPUBLISH the channel's) and read that
 * shard's copy, which holds exactly the subscriptions made before them in ring order. Subscribed
 * mode (RESP2's command restriction, PING's form) is connection state kept at ingress
 * (command.PubSubIngress).
 */
public final class PubSubFamily {
    private static final String SUB = "pubsub noscript loading stale all_shards";
    private static final String[] SUBSCRIBE = {"subscribe", "psubscribe", "ssubscribe"};
    private static final String[] UNSUBSCRIBE = {"unsubscribe", "punsubscribe", "sunsubscribe"};

    private PubSubFamily() {
    }

    public static void register(CommandTable t) {
        t.group("pubsub");
        t.add("subscribe", -2, SUB, 0, 0, 0, c -> subscribe(c, PubSub.CHANNEL))
                .doc("2.0.0", "Listen for messages published to the given channels", "O(N) where N is the number of channels to subscribe to.");
        t.add("psubscribe", -2, SUB, 0, 0, 0, c -> subscribe(c, PubSub.PATTERN))
                .doc("2.0.0", "Listen for messages published to channels matching the given patterns", "O(N) where N is the number of patterns the client is already subscribed to.");
        t.add("ssubscribe", -2, SUB + " channel_keys", 1, -1, 1, c -> subscribe(c, PubSub.SHARD))
                .doc("7.0.0", "Listen for messages published to the given shard channels", "O(N) where N is the number of shard channels to subscribe to.");
        t.add("unsubscribe", -1, SUB, 0, 0, 0, c -> unsubscribe(c, PubSub.CHANNEL))
                .doc("2.0.0", "Stop listening for messages posted to the given channels", "O(N) where N is the number of clients already subscribed to a channel.");
        t.add("punsubscribe", -1, SUB, 0, 0, 0, c -> unsubscribe(c, PubSub.PATTERN))
                .doc("2.0.0", "Stop listening for messages posted to channels matching the given patterns", "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).");
        t.add("sunsubscribe", -1, SUB + " channel_keys", 1, -1, 1, c -> unsubscribe(c, PubSub.SHARD))
                .doc("7.0.0", "Stop listening for messages posted to the given shard channels", "O(N) where N is the number of clients already subscribed to a shard channel.");
        t.add("publish", 3, "pubsub loading stale fast may_replicate", 0, 0, 0, c -> publish(c, false))
                .doc("2.0.0", "Post a message to a channel", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).");
        t.add("spublish", 3, "pubsub loading stale fast may_replicate channel_keys", 1, 1, 1, c -> publish(c, true))
                .doc("7.0.0", "Post a message to a shard channel", "O(N) where N is the number of clients subscribed to the receiving shard channel.");
        t.container("pubsub", -2, "");
        t.sub("pubsub", "channels", -2, "pubsub loading stale", 0, 0, 0, c -> channels(c, PubSub.CHANNEL))
                .doc("2.8.0", "List active channels", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)");
        t.sub("pubsub", "numsub", -2, "pubsub loading stale", 0, 0, 0, c -> numsub(c, PubSub.CHANNEL))
                .doc("2.8.0", "Get the count of subscribers for channels", "O(N) for the NUMSUB subcommand, where N is the number of requested channels");
        t.sub("pubsub", "numpat", 2, "pubsub loading stale", 0, 0, 0, c -> c.reply.integer(c.pubsub().numpat()))
                .doc("2.8.0", "Get the count of unique patterns pattern subscriptions", "O(1)");
        t.sub("pubsub", "shardchannels", -2, "pubsub loading stale", 0, 0, 0, c -> channels(c, PubSub.SHARD))
                .doc("7.0.0", "List active shard channels", "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).");
        t.sub("pubsub", "shardnumsub", -2, "pubsub loading stale", 0, 0, 0, c -> numsub(c, PubSub.SHARD))
                .doc("7.0.0", "Get the count of subscribers for shard channels", "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels");
        t.sub("pubsub", "help", 2, "loading stale", 0, 0, 0, PubSubFamily::help)
                .doc("6.2.0", "Show helpful text about the different subcommands", "O(1)");
        t.group("server");
        t.add("monitor", 1, "admin noscript loading stale all_shards", 0, 0, 0, PubSubFamily::monitor)
                .ingress((s, e) -> s.monitoring = true) // outside MULTI only: a queued MONITOR fails in EXEC
                .doc("1.0.0", "Listen for all requests received by the server in real time", "");
    }

    /**
     * (P|S)SUBSCRIBE: one confirmation per name, each with the client's count after it. SUBSCRIBE
     * and PSUBSCRIBE are allowed inside MULTI (the confirmations go into EXEC's array); SSUBSCRIBE
     * is not, as Redis 7.0 refuses it for a client that must not block.
     */
    static void subscribe(CommandContext c, int kind) {
        if (kind == PubSub.SHARD && c.denyBlocking) {
            c.reply.error(Errors.SSUBSCRIBE_DENY_BLOCKING);
            return;
        }
        Subscriber s = c.event.session;
        byte[] b = c.args.buf();
        for (int i = 1; i < c.args.count(); i++) {
            int off = c.args.off(i);
            int len = c.args.len(i);
            int n = 0;
            for (PubSub ps : copies(c)) {
                n = ps.subscribe(kind, s, b, off, len);
            }
            c.reply.push(3).bulk(SUBSCRIBE[kind]).bulk(b, off, len).integer(n);
        }
    }

    /** (P|S)UNSUBSCRIBE [names]: every name given, or all the client has; a client with none gets one nil confirmation. */
    static void unsubscribe(CommandContext c, int kind) {
        Subscriber s = c.event.session;
        PubSub local = c.pubsub();
        if (c.args.count() > 1) {
            byte[] b = c.args.buf();
            for (int i = 1; i < c.args.count(); i++) {
                c.reply.push(3).bulk(UNSUBSCRIBE[kind]).bulk(b, c.args.off(i), c.args.len(i))
                        .integer(unsubscribeEverywhere(c, kind, s, b, c.args.off(i), c.args.len(i)));
            }
            return;
        }
        List<byte[]> all = local.subscribed(s, kind);
        if (all.isEmpty()) {
            c.reply.push(3).bulk(UNSUBSCRIBE[kind]).nullBulk().integer(local.count(s, kind));
            return;
        }
        for (byte[] name : all) {
            c.reply.push(3).bulk(UNSUBSCRIBE[kind]).bulk(name).integer(unsubscribeEverywhere(c, kind, s, name, 0, name.length));
        }
    }

    private static int unsubscribeEverywhere(CommandContext c, int kind, Subscriber s, byte[] b, int off, int len) {
        int n = 0;
        for (PubSub ps : copies(c)) {
            n = ps.unsubscribe(kind, s, b, off, len);
        }
        return n;
    }

    /**
     * The registry copies a subscribe-family command updates: every shard's at a barrier (the
     * others are parked there), else the only shard's. The rows' {@code all_shards} flag
     * guarantees one of the two.
     */
    private static PubSub[] copies(CommandContext c) {
        PubSub[] all = c.engine.pubsub;
        if (c.shardId() >= 0 && all.length > 1) {
            throw new IllegalStateException("a subscribe-family command ran on one shard of " + all.length);
        }
        return all;
    }

    /**
     * MONITOR: the client joins every copy's monitors and gets +OK; a client already monitoring
     * gets no reply at all, as Redis 7.0 ignores the command; inside EXEC it is refused.
     */
    static void monitor(CommandContext c) {
        if (c.denyBlocking) {
            c.reply.error(Errors.MONITOR_DENY_BLOCKING);
            return;
        }
        boolean added = false;
        for (PubSub ps : copies(c)) {
            added = ps.addMonitor(c.event.session);
        }
        if (added) {
            c.reply.ok();
        }
    }

    /** A closed or RESET subscriber leaves every copy (at a barrier, or on the only shard). */
    public static void dropEverywhere(CommandContext c, Subscriber s) {
        for (PubSub ps : copies(c)) {
            ps.drop(s);
        }
    }

    static void publish(CommandContext c, boolean shard) {
        // Messages ride the ring event (EXEC's or the script's when queued or called from Lua).
        // A message to the publisher itself precedes PUBLISH's reply; from a script it cannot go
        // into Lua's reply, so it is marked to go ahead of the script's reply.
        PubSub ps = c.pubsub();
        Subscriber self = c.event.session;
        ReplyBuffer selfOut = c.event.fromScript || c.ringEvent.replyOff ? null : c.reply; // a push is never silenced
        byte[] b = c.args.buf();
        int n = shard
                ? ps.spublish(c.ringEvent, self, selfOut, b, c.args.off(1), c.args.len(1), c.args.off(2), c.args.len(2))
                : ps.publish(c.ringEvent, self, selfOut, b, c.args.off(1), c.args.len(1), c.args.off(2), c.args.len(2));
        c.reply.integer(n);
    }

    static void channels(CommandContext c, int kind) {
        if (c.args.count() > 3) {
            c.reply.error(Errors.unknownSubcommand(c.args.latin1(1, 128), "PUBSUB"));
            return;
        }
        List<byte[]> out = c.pubsub().channels(kind, c.args.count() == 3 ? c.args.copy(2) : null);
        c.reply.array(out.size());
        for (byte[] ch : out) {
            c.reply.bulk(ch);
        }
    }

    static void numsub(CommandContext c, int kind) {
        int n = c.args.count() - 2;
        c.reply.array(2L * n); // a flat array in RESP3 too, as Redis 7.0
        for (int i = 2; i < c.args.count(); i++) {
            c.reply.bulk(c.args.buf(), c.args.off(i), c.args.len(i));
            c.reply.integer(c.pubsub().numsub(kind, c.args.buf(), c.args.off(i), c.args.len(i)));
        }
    }

    static void help(CommandContext c) {
        ServerHelp.reply(c, "PUBSUB",
                "CHANNELS [<pattern>]",
                "    Return the currently active channels matching a <pattern> (default: '*').",
                "NUMPAT",
                "    Return number of subscriptions to patterns.",
                "NUMSUB [<channel> ...]",
                "    Return the number of subscribers for the specified channels, excluding",
                "    pattern subscriptions(default: no channels).",
                "SHARDCHANNELS [<pattern>]",
                "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                "SHARDNUMSUB [<shardchannel> ...]",
                "    Return the number of subscribers for the specified shard level channel(s)");
    }
}
