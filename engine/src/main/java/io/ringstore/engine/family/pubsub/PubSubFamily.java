package io.ringstore.engine.family.pubsub;

import io.ringstore.engine.pubsub.Subscriber;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.pubsub.PubSub;
import io.ringstore.engine.reply.Errors;

import java.util.List;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB CHANNELS / NUMSUB / NUMPAT
 * (Redis 7.0's pubsub.c). The rows are {@code all_shards}: they run where the one registry
 * ({@link PubSub}, in EngineContext) lives, on the only shard or at a barrier on shard 0, so a
 * PUBLISH sees exactly the subscriptions made before it in ring order. Subscribed mode (RESP2's
 * command restriction, PING's form) is connection state kept at ingress (command.PubSubIngress).
 * Shard-channel commands (SSUBSCRIBE & co.), keyspace notifications, output buffer limits and
 * client tracking are not built yet (docs/design-pubsub.md).
 */
public final class PubSubFamily {
    private static final String SUB = "pubsub noscript loading stale all_shards";

    private PubSubFamily() {
    }

    public static void register(CommandTable t) {
        t.group("pubsub");
        t.add("subscribe", -2, SUB, 0, 0, 0, c -> subscribe(c, false))
                .doc("2.0.0", "Listen for messages published to the given channels", "O(N) where N is the number of channels to subscribe to.");
        t.add("psubscribe", -2, SUB, 0, 0, 0, c -> subscribe(c, true))
                .doc("2.0.0", "Listen for messages published to channels matching the given patterns", "O(N) where N is the number of patterns the client is already subscribed to.");
        t.add("unsubscribe", -1, SUB, 0, 0, 0, c -> unsubscribe(c, false))
                .doc("2.0.0", "Stop listening for messages posted to the given channels", "O(N) where N is the number of clients already subscribed to a channel.");
        t.add("punsubscribe", -1, SUB, 0, 0, 0, c -> unsubscribe(c, true))
                .doc("2.0.0", "Stop listening for messages posted to channels matching the given patterns", "O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).");
        t.add("publish", 3, "pubsub loading stale fast may_replicate all_shards", 0, 0, 0, PubSubFamily::publish)
                .doc("2.0.0", "Post a message to a channel", "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).");
        t.container("pubsub", -2, "");
        t.sub("pubsub", "channels", -2, "pubsub loading stale all_shards", 0, 0, 0, PubSubFamily::channels)
                .doc("2.8.0", "List active channels", "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)");
        t.sub("pubsub", "numsub", -2, "pubsub loading stale all_shards", 0, 0, 0, PubSubFamily::numsub)
                .doc("2.8.0", "Get the count of subscribers for channels", "O(N) for the NUMSUB subcommand, where N is the number of requested channels");
        t.sub("pubsub", "numpat", 2, "pubsub loading stale all_shards", 0, 0, 0, c -> c.reply.integer(c.engine.pubsub.numpat()))
                .doc("2.8.0", "Get the count of unique patterns pattern subscriptions", "O(1)");
        t.sub("pubsub", "help", 2, "loading stale", 0, 0, 0, PubSubFamily::help)
                .doc("6.2.0", "Show helpful text about the different subcommands", "O(1)");
    }

    /**
     * (P)SUBSCRIBE: one confirmation per channel, each with the client's count after it. Allowed
     * inside MULTI, as in Redis 7.0.15 (the confirmations go into EXEC's array).
     */
    static void subscribe(CommandContext c, boolean pattern) {
        PubSub ps = c.engine.pubsub;
        Subscriber s = c.event.session;
        byte[] b = c.args.buf();
        for (int i = 1; i < c.args.count(); i++) {
            int n = pattern ? ps.psubscribe(s, b, c.args.off(i), c.args.len(i))
                    : ps.subscribe(s, b, c.args.off(i), c.args.len(i));
            c.reply.push(3).bulk(pattern ? "psubscribe" : "subscribe").bulk(b, c.args.off(i), c.args.len(i)).integer(n);
        }
    }

    /** (P)UNSUBSCRIBE [names]: every name given, or all the client has; a client with none gets one nil confirmation. */
    static void unsubscribe(CommandContext c, boolean pattern) {
        PubSub ps = c.engine.pubsub;
        Subscriber s = c.event.session;
        String kind = pattern ? "punsubscribe" : "unsubscribe";
        if (c.args.count() > 1) {
            byte[] b = c.args.buf();
            for (int i = 1; i < c.args.count(); i++) {
                int n = pattern ? ps.punsubscribe(s, b, c.args.off(i), c.args.len(i))
                        : ps.unsubscribe(s, b, c.args.off(i), c.args.len(i));
                c.reply.push(3).bulk(kind).bulk(b, c.args.off(i), c.args.len(i)).integer(n);
            }
            return;
        }
        List<byte[]> all = ps.subscribed(s, pattern);
        if (all.isEmpty()) {
            c.reply.push(3).bulk(kind).nullBulk().integer(ps.count(s));
            return;
        }
        for (byte[] name : all) {
            int n = pattern ? ps.punsubscribe(s, name, 0, name.length) : ps.unsubscribe(s, name, 0, name.length);
            c.reply.push(3).bulk(kind).bulk(name).integer(n);
        }
    }

    static void publish(CommandContext c) {
        // Messages ride the ring event (EXEC's or the script's when queued or called from Lua).
        // A message to the publisher itself precedes PUBLISH's reply; from a script it cannot go
        // into Lua's reply, so it follows the script's (Redis writes it before: a RESP3 edge).
        c.reply.integer(c.engine.pubsub.publish(c.ringEvent, c.event.fromScript ? null : c.event.session, c.reply, c.args.buf(),
                c.args.off(1), c.args.len(1), c.args.off(2), c.args.len(2)));
    }

    static void channels(CommandContext c) {
        if (c.args.count() > 3) {
            c.reply.error(Errors.unknownSubcommand(c.args.latin1(1, 128), "PUBSUB"));
            return;
        }
        List<byte[]> out = c.engine.pubsub.channels(c.args.count() == 3 ? c.args.copy(2) : null);
        c.reply.array(out.size());
        for (byte[] ch : out) {
            c.reply.bulk(ch);
        }
    }

    static void numsub(CommandContext c) {
        int n = c.args.count() - 2;
        c.reply.array(2L * n); // a flat array in RESP3 too, as Redis 7.0
        for (int i = 2; i < c.args.count(); i++) {
            c.reply.bulk(c.args.buf(), c.args.off(i), c.args.len(i));
            c.reply.integer(c.engine.pubsub.numsub(c.args.buf(), c.args.off(i), c.args.len(i)));
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
                "    pattern subscriptions(default: no channels).");
        // Redis 7.0 also lists SHARDCHANNELS and SHARDNUMSUB: shard channels are not built yet.
    }
}
