package io.ringstore.engine.family.streams;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.StreamConsumer;
import io.ringstore.engine.store.StreamGroup;
import io.ringstore.engine.store.StreamId;
import io.ringstore.engine.store.StreamNack;
import io.ringstore.engine.store.StreamValue;

import java.util.Iterator;

/**
 * XINFO STREAM [FULL [COUNT n]], GROUPS, CONSUMERS and HELP, in Redis 7.0.15's shapes (maps in
 * RESP3, flat arrays in RESP2; no "inactive" or "active-time", which arrive in 7.2). Idle times
 * are measured against the command's ingress time. Runs on the shard thread owning the key.
 */
final class StreamInfo {
    static final byte[] FULL = StreamFamily.lower("full");

    private StreamInfo() {
    }

    static void register(CommandTable t) {
        t.container("xinfo", -2, "").doc("5.0.0", "A container for stream introspection commands",
                "Depends on subcommand.");
        t.sub("xinfo", "stream", -3, "readonly", 2, 2, 1, StreamInfo::stream)
                .doc("5.0.0", "Get information about a stream", "O(1)");
        t.sub("xinfo", "groups", 3, "readonly", 2, 2, 1, StreamInfo::groups)
                .doc("5.0.0", "List the consumer groups of a stream", "O(1)");
        t.sub("xinfo", "consumers", 4, "readonly", 2, 2, 1, StreamInfo::consumers)
                .doc("5.0.0", "List the consumers in a consumer group", "O(1)").tips("nondeterministic_output");
        t.sub("xinfo", "help", 2, "loading stale", 0, 0, 0, StreamInfo::help)
                .doc("5.0.0", "Show helpful text about the different subcommands", "O(1)");
    }

    static void help(CommandContext c) {
        ServerHelp.reply(c, "XINFO",
                "CONSUMERS <key> <groupname>",
                "    Show consumers of <groupname>.",
                "GROUPS <key>",
                "    Show the stream consumer groups.",
                "STREAM <key> [FULL [COUNT <count>]",
                "    Show information about the stream.");
    }

    /** The stream at key argument 2, or null after replying "no such key" or WRONGTYPE. */
    private static StreamValue lookup(CommandContext c) {
        Db db = c.db(2);
        int slot = StreamFamily.lookup(c, db, 2, false);
        if (slot == StreamFamily.WRONG) {
            return null;
        }
        if (slot < 0) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return null;
        }
        return StreamFamily.stream(db, slot);
    }

    static void stream(CommandContext c) {
        StreamValue s = lookup(c);
        if (s == null) {
            return;
        }
        int argc = c.args.count();
        int optc = argc - 3;
        boolean full = optc > 0;
        long count = 10;
        if (full) {
            if ((optc != 1 && optc != 3) || !c.argIs(3, FULL)) {
                StreamGroups.subcommandSyntax(c, "XINFO");
                return;
            }
            if (optc == 3) {
                if (!c.argIs(4, StreamFamily.COUNT)) {
                    StreamGroups.subcommandSyntax(c, "XINFO");
                    return;
                }
                if (!c.longOrReply(5)) {
                    return;
                }
                count = c.num < 0 ? 10 : c.num;
            }
        }
        c.reply.map(full ? 9 : 10);
        c.reply.bulk("length");
        c.reply.integer(s.size());
        c.reply.bulk("radix-tree-keys");
        c.reply.integer(s.nodeCount());
        c.reply.bulk("radix-tree-nodes");
        c.reply.integer(s.radixTreeNodes());
        c.reply.bulk("last-generated-id");
        StreamFamily.replyId(c, s.lastMs, s.lastSeq);
        c.reply.bulk("max-deleted-entry-id");
        StreamFamily.replyId(c, s.maxDeletedMs, s.maxDeletedSeq);
        c.reply.bulk("entries-added");
        c.reply.integer(s.entriesAdded);
        c.reply.bulk("recorded-first-entry-id");
        StreamFamily.replyId(c, s.firstMs, s.firstSeq);
        if (!full) {
            c.reply.bulk("groups");
            c.reply.integer(s.groupCount());
            c.reply.bulk("first-entry");
            edge(c, s, s.seek(0, 0));
            c.reply.bulk("last-entry");
            edge(c, s, s.seekLast(StreamId.MAX, StreamId.MAX));
            return;
        }
        c.reply.bulk("entries");
        StreamReads.replyRange(c, s, 0, 0, StreamId.MAX, StreamId.MAX, count, false);
        c.reply.bulk("groups");
        c.reply.array(s.groupCount());
        if (s.groups() == null) {
            return;
        }
        final long perList = count;
        s.groups().forEach((name, g) -> fullGroup(c, s, name, g, perList));
    }

    private static void edge(CommandContext c, StreamValue s, long pos) {
        if (pos < 0) {
            c.reply.nullBulk();
        } else {
            StreamFamily.replyEntry(c, s, pos);
        }
    }

    private static void lag(CommandContext c, StreamValue s, StreamGroup g) {
        long lag = s.lag(g);
        if (lag == StreamValue.NO_LAG) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(lag);
        }
    }

    private static void entriesRead(CommandContext c, StreamGroup g) {
        if (g.entriesRead == StreamGroup.INVALID_ENTRIES_READ) {
            c.reply.nullBulk();
        } else {
            c.reply.integer(g.entriesRead);
        }
    }

    private static void fullGroup(CommandContext c, StreamValue s, byte[] name, StreamGroup g, long count) {
        c.reply.map(7);
        c.reply.bulk("name");
        c.reply.bulk(name);
        c.reply.bulk("last-delivered-id");
        StreamFamily.replyId(c, g.lastMs, g.lastSeq);
        c.reply.bulk("entries-read");
        entriesRead(c, g);
        c.reply.bulk("lag");
        lag(c, s, g);
        c.reply.bulk("pel-count");
        c.reply.integer(g.pel.size());
        c.reply.bulk("pending");
        long n = count == 0 ? g.pel.size() : Math.min(count, g.pel.size());
        c.reply.array(n);
        Iterator<StreamNack> it = g.pel.iterator();
        for (long i = 0; i < n; i++) {
            StreamNack x = it.next();
            c.reply.array(4);
            StreamFamily.replyId(c, x.ms, x.seq);
            c.reply.bulk(x.consumer.name);
            c.reply.integer(x.deliveryTime);
            c.reply.integer(x.deliveryCount);
        }
        c.reply.bulk("consumers");
        c.reply.array(g.consumers.size());
        for (StreamConsumer consumer : g.consumers.values()) {
            c.reply.map(4);
            c.reply.bulk("name");
            c.reply.bulk(consumer.name);
            c.reply.bulk("seen-time");
            c.reply.integer(consumer.seenTime);
            c.reply.bulk("pel-count");
            c.reply.integer(consumer.pel.size());
            c.reply.bulk("pending");
            long m = count == 0 ? consumer.pel.size() : Math.min(count, consumer.pel.size());
            c.reply.array(m);
            Iterator<StreamNack> ci = consumer.pel.iterator();
            for (long i = 0; i < m; i++) {
                StreamNack x = ci.next();
                c.reply.array(3);
                StreamFamily.replyId(c, x.ms, x.seq);
                c.reply.integer(x.deliveryTime);
                c.reply.integer(x.deliveryCount);
            }
        }
    }

    static void groups(CommandContext c) {
        StreamValue s = lookup(c);
        if (s == null) {
            return;
        }
        c.reply.array(s.groupCount());
        if (s.groups() == null) {
            return;
        }
        s.groups().forEach((name, g) -> {
            c.reply.map(6);
            c.reply.bulk("name");
            c.reply.bulk(name);
            c.reply.bulk("consumers");
            c.reply.integer(g.consumers.size());
            c.reply.bulk("pending");
            c.reply.integer(g.pel.size());
            c.reply.bulk("last-delivered-id");
            StreamFamily.replyId(c, g.lastMs, g.lastSeq);
            c.reply.bulk("entries-read");
            entriesRead(c, g);
            c.reply.bulk("lag");
            lag(c, s, g);
        });
    }

    static void consumers(CommandContext c) {
        StreamValue s = lookup(c);
        if (s == null) {
            return;
        }
        StreamGroup g = s.group(c.args.buf(), c.args.off(3), c.args.len(3));
        if (g == null) {
            c.reply.errorLatin1(Errors.noSuchGroup(c.args.latin1(3, Integer.MAX_VALUE),
                    c.args.latin1(2, Integer.MAX_VALUE)));
            return;
        }
        c.reply.array(g.consumers.size());
        for (StreamConsumer consumer : g.consumers.values()) {
            c.reply.map(3);
            c.reply.bulk("name");
            c.reply.bulk(consumer.name);
            c.reply.bulk("pending");
            c.reply.integer(consumer.pel.size());
            c.reply.bulk("idle");
            c.reply.integer(Math.max(0, c.now - consumer.seenTime));
        }
    }
}
