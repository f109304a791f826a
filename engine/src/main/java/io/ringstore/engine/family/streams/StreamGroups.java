package io.ringstore.engine.family.streams;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.StreamConsumer;
import io.ringstore.engine.store.StreamGroup;
import io.ringstore.engine.store.StreamId;
import io.ringstore.engine.store.StreamNack;
import io.ringstore.engine.store.StreamValue;

/**
 * Consumer-group commands (Redis 7.0.15's t_stream.c): XGROUP and its subcommands, XACK, XPENDING,
 * XCLAIM and XAUTOCLAIM. XREADGROUP shares XREAD's code in {@link StreamReads}. Delivery times are
 * the command's ingress time ({@code c.now}), so idle times replay deterministically. Runs on the
 * shard thread owning the key.
 */
final class StreamGroups {
    static final byte[] MKSTREAM = StreamFamily.lower("mkstream");
    static final byte[] ENTRIESREAD = StreamFamily.lower("entriesread");
    static final byte[] IDLE = StreamFamily.lower("idle");
    static final byte[] TIME = StreamFamily.lower("time");
    static final byte[] RETRYCOUNT = StreamFamily.lower("retrycount");
    static final byte[] FORCE = StreamFamily.lower("force");
    static final byte[] JUSTID = StreamFamily.lower("justid");
    static final byte[] LASTID = StreamFamily.lower("lastid");
    static final byte[] CREATE = StreamFamily.lower("create");
    static final byte[] SETID = StreamFamily.lower("setid");

    private StreamGroups() {
    }

    static void register(CommandTable t) {
        t.container("xgroup", -2, "").doc("5.0.0", "A container for consumer groups commands",
                "Depends on subcommand.");
        t.sub("xgroup", "create", -5, "write denyoom", 2, 2, 1, StreamGroups::xgroup)
                .doc("5.0.0", "Create a consumer group.", "O(1)");
        t.sub("xgroup", "setid", -5, "write", 2, 2, 1, StreamGroups::xgroup)
                .doc("5.0.0", "Set a consumer group to an arbitrary last delivered ID value.", "O(1)");
        t.sub("xgroup", "destroy", 4, "write", 2, 2, 1, StreamGroups::xgroup)
                .doc("5.0.0", "Destroy a consumer group.",
                        "O(N) where N is the number of entries in the group's pending entries list (PEL).");
        t.sub("xgroup", "createconsumer", 5, "write denyoom", 2, 2, 1, StreamGroups::xgroup)
                .doc("6.2.0", "Create a consumer in a consumer group.", "O(1)");
        t.sub("xgroup", "delconsumer", 5, "write", 2, 2, 1, StreamGroups::xgroup)
                .doc("5.0.0", "Delete a consumer from a consumer group.", "O(1)");
        t.sub("xgroup", "help", 2, "loading stale", 0, 0, 0, StreamGroups::help)
                .doc("5.0.0", "Show helpful text about the different subcommands", "O(1)");
        t.add("xack", -4, "write fast", 1, 1, 1, StreamGroups::xack)
                .doc("5.0.0", "Marks a pending message as correctly processed, effectively removing it from the"
                        + " pending entries list of the consumer group. Return value of the command is the number"
                        + " of messages successfully acknowledged, that is, the IDs we were actually able to"
                        + " resolve in the PEL.", "O(1) for each message ID processed.");
        t.add("xpending", -3, "readonly", 1, 1, 1, StreamGroups::xpending)
                .doc("5.0.0", "Return information and entries from a stream consumer group pending entries list,"
                        + " that are messages fetched but never acknowledged.", "O(N) with N being the number of"
                        + " elements returned, so asking for a small fixed number of entries per call is O(1)."
                        + " O(M), where M is the total number of entries scanned when used with the IDLE filter."
                        + " When the command returns just the summary and the list of consumers is small, it runs"
                        + " in O(1) time; otherwise, an additional O(N) time for iterating every consumer.")
                .tips("nondeterministic_output");
        t.add("xclaim", -6, "write fast", 1, 1, 1, StreamGroups::xclaim)
                .doc("5.0.0", "Changes (or acquires) ownership of a message in a consumer group, as if the message"
                        + " was delivered to the specified consumer.", "O(log N) with N being the number of"
                        + " messages in the PEL of the consumer group.").tips("nondeterministic_output");
        t.add("xautoclaim", -6, "write fast", 1, 1, 1, StreamGroups::xautoclaim)
                .doc("6.2.0", "Changes (or acquires) ownership of messages in a consumer group, as if the messages"
                        + " were delivered to the specified consumer.", "O(1) if COUNT is small.")
                .tips("nondeterministic_output");
    }

    static void help(CommandContext c) {
        ServerHelp.reply(c, "XGROUP",
                "CREATE <key> <groupname> <id|$> [option]",
                "    Create a new consumer group. Options are:",
                "    * MKSTREAM",
                "      Create the empty stream if it does not exist.",
                "    * ENTRIESREAD entries_read",
                "      Set the group's entries_read counter (internal use).",
                "CREATECONSUMER <key> <groupname> <consumer>",
                "    Create a new consumer in the specified group.",
                "DELCONSUMER <key> <groupname> <consumer>",
                "    Remove the specified consumer.",
                "DESTROY <key> <groupname>",
                "    Remove the specified group.",
                "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
                "    Set the current group ID and entries_read counter.");
    }

    static void subcommandSyntax(CommandContext c, String container) {
        c.reply.errorLatin1(Errors.unknownSubcommand(c.args.latin1(1, 128), container));
    }

    static String noGroup(CommandContext c, int keyArg, int groupArg) {
        return Errors.noSuchKeyOrGroup(c.args.latin1(keyArg, Integer.MAX_VALUE),
                c.args.latin1(groupArg, Integer.MAX_VALUE));
    }

    /** XGROUP CREATE/SETID/DESTROY/CREATECONSUMER/DELCONSUMER, as Redis's one xgroupCommand. */
    static void xgroup(CommandContext c) {
        int argc = c.args.count();
        boolean create = c.argIs(1, CREATE);
        boolean setid = c.argIs(1, SETID);
        boolean mkstream = false;
        long entriesRead = StreamGroup.INVALID_ENTRIES_READ;
        for (int i = 5; i < argc; ) {
            if (create && c.argIs(i, MKSTREAM)) {
                mkstream = true;
                i++;
            } else if ((create || setid) && c.argIs(i, ENTRIESREAD) && i + 1 < argc) {
                if (!c.longOrReply(i + 1)) {
                    return;
                }
                if (c.num < 0 && c.num != StreamGroup.INVALID_ENTRIES_READ) {
                    c.reply.error(Errors.XGROUP_ENTRIES_READ);
                    return;
                }
                entriesRead = c.num;
                i += 2;
            } else {
                subcommandSyntax(c, "XGROUP");
                return;
            }
        }
        Db db = c.db(2);
        int slot = StreamFamily.lookup(c, db, 2, true);
        if (slot == StreamFamily.WRONG) {
            return;
        }
        StreamValue s = slot < 0 ? null : StreamFamily.stream(db, slot);
        StreamGroup g = null;
        if (!mkstream) {
            if (s == null) {
                c.reply.error(Errors.XGROUP_NO_KEY);
                return;
            }
            g = s.group(c.args.buf(), c.args.off(3), c.args.len(3));
            if (g == null && !create && !c.argIs(1, DESTROY)) {
                c.reply.errorLatin1(Errors.noSuchGroup(c.args.latin1(3, Integer.MAX_VALUE),
                        c.args.latin1(2, Integer.MAX_VALUE)));
                return;
            }
        }
        long[] id = StreamScratch.get().id;
        if (create && argc >= 5 && argc <= 8) {
            if (StreamFamily.isChar(c, 4, '$')) {
                id[0] = s == null ? 0 : s.lastMs;
                id[1] = s == null ? 0 : s.lastSeq;
            } else if (!StreamFamily.parseId(c, 4, 0, true, false, id)) {
                return;
            }
            if (s == null) {
                s = StreamFamily.create(c, db, 2);
                c.signalModifiedKey(2); // MKSTREAM: the only XGROUP change Redis 7.0 signals
            }
            if (s.createGroup(c.args.copy(3), id[0], id[1], entriesRead) != null) {
                c.reply.ok();
                c.notify(NotifyFlags.STREAM, "xgroup-create", 2);
            } else {
                c.reply.error(Errors.BUSYGROUP);
            }
        } else if (setid && (argc == 5 || argc == 7)) {
            if (StreamFamily.isChar(c, 4, '$')) {
                id[0] = s.lastMs;
                id[1] = s.lastSeq;
            } else if (!StreamFamily.parseId(c, 4, 0, false, false, id)) {
                return;
            }
            g.lastMs = id[0];
            g.lastSeq = id[1];
            g.entriesRead = entriesRead;
            c.reply.ok();
            c.notify(NotifyFlags.STREAM, "xgroup-setid", 2);
        } else if (c.argIs(1, DESTROY) && argc == 4) {
            boolean destroyed = g != null && s.destroyGroup(c.args.buf(), c.args.off(3), c.args.len(3));
            c.reply.raw(destroyed ? Replies.ONE : Replies.ZERO);
            if (destroyed) {
                c.notify(NotifyFlags.STREAM, "xgroup-destroy", 2);
            }
        } else if (c.argIs(1, CREATECONSUMER) && argc == 5) {
            boolean created = g.createConsumer(c.args.copy(4), c.now) != null;
            if (created) {
                c.notify(NotifyFlags.STREAM, "xgroup-createconsumer", 2); // streamCreateConsumer, before the reply
            }
            c.reply.raw(created ? Replies.ONE : Replies.ZERO);
        } else if (c.argIs(1, DELCONSUMER) && argc == 5) {
            StreamConsumer consumer = g.consumer(c.args.buf(), c.args.off(4), c.args.len(4));
            c.reply.integer(consumer == null ? 0 : g.deleteConsumer(consumer));
            if (consumer != null) {
                c.notify(NotifyFlags.STREAM, "xgroup-delconsumer", 2);
            }
        } else {
            subcommandSyntax(c, "XGROUP");
        }
    }

    static final byte[] DESTROY = StreamFamily.lower("destroy");
    static final byte[] CREATECONSUMER = StreamFamily.lower("createconsumer");
    static final byte[] DELCONSUMER = StreamFamily.lower("delconsumer");

    /** The stream at key argument 1 and its group named by argument 2, or null (replying nothing). */
    private static StreamGroup group(StreamValue s, CommandContext c, int groupArg) {
        return s == null ? null : s.group(c.args.buf(), c.args.off(groupArg), c.args.len(groupArg));
    }

    /** XACK key group id...: 0 for a missing key or group, ids all checked before any is acknowledged. */
    static void xack(CommandContext c) {
        Db db = c.db(1);
        int slot = StreamFamily.lookup(c, db, 1, false);
        if (slot == StreamFamily.WRONG) {
            return;
        }
        StreamGroup g = group(slot < 0 ? null : StreamFamily.stream(db, slot), c, 2);
        if (g == null) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        long[] id = StreamScratch.get().id;
        int argc = c.args.count();
        for (int i = 3; i < argc; i++) {
            if (!StreamFamily.parseId(c, i, 0, true, false, id)) {
                return;
            }
        }
        long acked = 0;
        for (int i = 3; i < argc; i++) {
            StreamId.parse(c.args.buf(), c.args.off(i), c.args.len(i), 0, true, false, id);
            StreamNack n = g.pel.get(id[0], id[1]);
            if (n != null) {
                g.ack(n);
                acked++;
            }
        }
        c.reply.integer(acked);
    }

    /** XPENDING key group [[IDLE min-idle] start end count [consumer]]. */
    static void xpending(CommandContext c) {
        int argc = c.args.count();
        boolean summary = argc == 3;
        if (argc != 3 && (argc < 6 || argc > 9)) {
            c.syntaxError();
            return;
        }
        StreamScratch sc = StreamScratch.get();
        long[] start = sc.id;
        long[] end = sc.id2;
        long minIdle = 0;
        long count = 0;
        int consumerArg = -1;
        if (argc >= 6) {
            int startIdx = 3;
            if (c.argIs(3, IDLE)) {
                if (!c.longOrReply(4)) {
                    return;
                }
                minIdle = c.num;
                if (argc < 8) {
                    c.syntaxError();
                    return;
                }
                startIdx += 2;
            }
            if (!c.longOrReply(startIdx + 2)) {
                return;
            }
            count = Math.max(0, c.num);
            if (!StreamReads.parseBound(c, startIdx, true, start) || !StreamReads.parseBound(c, startIdx + 1, false, end)) {
                return;
            }
            if (startIdx + 3 < argc) {
                consumerArg = startIdx + 3;
            }
        }
        Db db = c.db(1);
        int slot = StreamFamily.lookup(c, db, 1, false);
        if (slot == StreamFamily.WRONG) {
            return;
        }
        StreamGroup g = group(slot < 0 ? null : StreamFamily.stream(db, slot), c, 2);
        if (g == null) {
            c.reply.errorLatin1(noGroup(c, 1, 2));
            return;
        }
        if (summary) {
            c.reply.array(4);
            c.reply.integer(g.pel.size());
            if (g.pel.size() == 0) {
                c.reply.nullBulk();
                c.reply.nullBulk();
                c.reply.nullArray();
                return;
            }
            StreamNack first = g.pel.first();
            StreamNack last = g.pel.last();
            StreamFamily.replyId(c, first.ms, first.seq);
            StreamFamily.replyId(c, last.ms, last.seq);
            int withPending = 0;
            for (StreamConsumer x : g.consumers.values()) {
                if (x.pel.size() > 0) {
                    withPending++;
                }
            }
            c.reply.array(withPending);
            for (StreamConsumer x : g.consumers.values()) {
                if (x.pel.size() > 0) {
                    c.reply.array(2);
                    c.reply.bulk(x.name);
                    c.reply.bulkLong(x.pel.size());
                }
            }
            return;
        }
        io.ringstore.engine.store.StreamPel pel = g.pel;
        if (consumerArg > 0) {
            StreamConsumer consumer = g.consumer(c.args.buf(), c.args.off(consumerArg), c.args.len(consumerArg));
            if (consumer == null) {
                c.reply.raw(Replies.EMPTY_ARRAY);
                return;
            }
            pel = consumer.pel;
        }
        long n = 0;
        long left = count;
        for (StreamNack x = pel.ceiling(start[0], start[1]); left > 0 && x != null
                && StreamId.compare(x.ms, x.seq, end[0], end[1]) <= 0; x = pel.higher(x.ms, x.seq)) {
            if (minIdle != 0 && c.now - x.deliveryTime < minIdle) {
                continue;
            }
            n++;
            left--;
        }
        c.reply.array(n);
        for (StreamNack x = pel.ceiling(start[0], start[1]); n > 0; x = pel.higher(x.ms, x.seq)) {
            if (minIdle != 0 && c.now - x.deliveryTime < minIdle) {
                continue;
            }
            n--;
            c.reply.array(4);
            StreamFamily.replyId(c, x.ms, x.seq);
            c.reply.bulk(x.consumer.name);
            c.reply.integer(Math.max(0, c.now - x.deliveryTime));
            c.reply.integer(x.deliveryCount);
        }
    }

    /** The consumer named by argument {@code i}, refreshed or created as Redis does when claiming. */
    private static StreamConsumer claimant(CommandContext c, StreamGroup g, int i) {
        StreamConsumer consumer = g.consumer(c.args.buf(), c.args.off(i), c.args.len(i));
        if (consumer == null) {
            return g.createConsumer(c.args.copy(i), c.now);
        }
        consumer.seenTime = c.now;
        return consumer;
    }

    /** Moves a pending entry to {@code consumer}. */
    private static void reassign(StreamNack n, StreamConsumer consumer) {
        if (n.consumer != consumer) {
            if (n.consumer != null) {
                n.consumer.pel.remove(n.ms, n.seq);
            }
            consumer.pel.add(n);
            n.consumer = consumer;
        }
    }

    /**
     * XCLAIM key group consumer min-idle-time id... [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID]
     * [LASTID id]: ids run up to the first argument that is not one; the rest are options.
     */
    static void xclaim(CommandContext c) {
        Db db = c.db(1);
        int slot = StreamFamily.lookup(c, db, 1, false);
        if (slot == StreamFamily.WRONG) {
            return;
        }
        StreamValue s = slot < 0 ? null : StreamFamily.stream(db, slot);
        StreamGroup g = group(s, c, 2);
        if (g == null) {
            c.reply.errorLatin1(noGroup(c, 1, 2));
            return;
        }
        if (!c.parseLong(4)) {
            c.reply.error(Errors.XCLAIM_MIN_IDLE);
            return;
        }
        long minIdle = Math.max(0, c.num);
        StreamScratch sc = StreamScratch.get();
        long[] id = sc.id;
        int argc = c.args.count();
        int j = 5;
        while (j < argc && StreamId.parse(c.args.buf(), c.args.off(j), c.args.len(j), 0, true, false, id)
                != StreamId.INVALID) {
            j++;
        }
        int lastIdArg = j - 1;
        long now = c.now;
        long retryCount = -1;
        long deliveryTime = -1;
        boolean force = false;
        boolean justId = false;
        long lastMs = 0;
        long lastSeq = 0;
        for (; j < argc; j++) {
            boolean more = argc - 1 - j > 0;
            if (c.argIs(j, FORCE)) {
                force = true;
            } else if (c.argIs(j, JUSTID)) {
                justId = true;
            } else if (c.argIs(j, IDLE) && more) {
                j++;
                if (!c.parseLong(j)) {
                    c.reply.error(Errors.XCLAIM_IDLE);
                    return;
                }
                deliveryTime = now - c.num;
            } else if (c.argIs(j, TIME) && more) {
                j++;
                if (!c.parseLong(j)) {
                    c.reply.error(Errors.XCLAIM_TIME);
                    return;
                }
                deliveryTime = c.num;
            } else if (c.argIs(j, RETRYCOUNT) && more) {
                j++;
                if (!c.parseLong(j)) {
                    c.reply.error(Errors.XCLAIM_RETRYCOUNT);
                    return;
                }
                retryCount = c.num;
            } else if (c.argIs(j, LASTID) && more) {
                j++;
                if (!StreamFamily.parseId(c, j, 0, true, false, sc.id2)) {
                    return;
                }
                lastMs = sc.id2[0];
                lastSeq = sc.id2[1];
            } else {
                c.reply.errorLatin1("ERR Unrecognized XCLAIM option '" + c.args.latin1(j, Integer.MAX_VALUE) + "'");
                return;
            }
        }
        if (StreamId.compare(lastMs, lastSeq, g.lastMs, g.lastSeq) > 0) {
            g.lastMs = lastMs;
            g.lastSeq = lastSeq;
        }
        if (deliveryTime != -1) {
            if (deliveryTime < 0 || deliveryTime > now) {
                deliveryTime = now;
            }
        } else {
            deliveryTime = now;
        }
        // The reply's length is known only after claiming: build it after a mark, then prefix it.
        int mark = c.reply.length();
        long claimed = 0;
        StreamConsumer consumer = null;
        for (int k = 5; k <= lastIdArg; k++) {
            StreamId.parse(c.args.buf(), c.args.off(k), c.args.len(k), 0, true, false, id);
            StreamNack n = g.pel.get(id[0], id[1]);
            long p = s.find(id[0], id[1]);
            if (p < 0) {
                if (n != null) {
                    g.ack(n);
                }
                continue;
            }
            if (force && n == null) {
                n = new StreamNack(id[0], id[1], null, now, 1);
                g.pel.add(n);
            }
            if (n == null) {
                continue;
            }
            if (n.consumer != null && minIdle != 0 && now - n.deliveryTime < minIdle) {
                continue;
            }
            if (consumer == null) {
                consumer = claimant(c, g, 3);
            }
            n.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                n.deliveryCount = retryCount;
            } else if (!justId) {
                n.deliveryCount++;
            }
            reassign(n, consumer);
            if (justId) {
                StreamFamily.replyId(c, id[0], id[1]);
            } else {
                StreamFamily.replyEntry(c, s, p);
            }
            claimed++;
        }
        prefixArray(c, mark, claimed);
    }

    /** Inserts an array header of {@code n} before the reply bytes written since {@code mark}. */
    static void prefixArray(CommandContext c, int mark, long n) {
        byte[] body = java.util.Arrays.copyOfRange(c.reply.array(), mark, c.reply.length());
        c.reply.truncate(mark);
        c.reply.array(n);
        c.reply.raw(body);
    }

    /** XAUTOCLAIM key group consumer min-idle-time start [COUNT n] [JUSTID]: [cursor, claimed, deleted ids]. */
    static void xautoclaim(CommandContext c) {
        if (!c.parseLong(4)) {
            c.reply.error(Errors.XAUTOCLAIM_MIN_IDLE);
            return;
        }
        long minIdle = Math.max(0, c.num);
        StreamScratch sc = StreamScratch.get();
        long[] start = sc.id;
        if (!StreamReads.parseBound(c, 5, true, start)) {
            return;
        }
        long count = 100;
        boolean justId = false;
        int argc = c.args.count();
        for (int j = 6; j < argc; j++) {
            boolean more = argc - 1 - j > 0;
            if (c.argIs(j, StreamFamily.COUNT) && more) {
                if (!c.parseLong(j + 1) || c.num < 1 || c.num > Long.MAX_VALUE / 16) {
                    c.reply.error(Errors.XAUTOCLAIM_COUNT);
                    return;
                }
                count = c.num;
                j++;
            } else if (c.argIs(j, JUSTID)) {
                justId = true;
            } else {
                c.syntaxError();
                return;
            }
        }
        Db db = c.db(1);
        int slot = StreamFamily.lookup(c, db, 1, false);
        if (slot == StreamFamily.WRONG) {
            return;
        }
        StreamValue s = slot < 0 ? null : StreamFamily.stream(db, slot);
        StreamGroup g = group(s, c, 2);
        if (g == null) {
            c.reply.errorLatin1(noGroup(c, 1, 2));
            return;
        }
        long now = c.now;
        long attempts = count * 10;
        java.util.ArrayList<long[]> deleted = null;
        int mark = c.reply.length();
        long claimed = 0;
        StreamConsumer consumer = null;
        StreamNack n = g.pel.ceiling(start[0], start[1]);
        while (attempts-- > 0 && count > 0 && n != null) {
            long ms = n.ms;
            long seq = n.seq;
            long p = s.find(ms, seq);
            if (p < 0) {
                g.ack(n);
                if (deleted == null) {
                    deleted = new java.util.ArrayList<>();
                }
                deleted.add(new long[] {ms, seq});
                count--;
                n = g.pel.higher(ms, seq);
                continue;
            }
            if (minIdle != 0 && now - n.deliveryTime < minIdle) {
                n = g.pel.higher(ms, seq);
                continue;
            }
            if (consumer == null) {
                consumer = claimant(c, g, 3);
            }
            reassign(n, consumer);
            n.deliveryTime = now;
            if (!justId) {
                n.deliveryCount++;
            }
            if (justId) {
                StreamFamily.replyId(c, ms, seq);
            } else {
                StreamFamily.replyEntry(c, s, p);
            }
            claimed++;
            count--;
            n = g.pel.higher(ms, seq);
        }
        byte[] body = java.util.Arrays.copyOfRange(c.reply.array(), mark, c.reply.length());
        c.reply.truncate(mark);
        c.reply.array(3);
        if (n == null) {
            StreamFamily.replyId(c, 0, 0);
        } else {
            StreamFamily.replyId(c, n.ms, n.seq);
        }
        c.reply.array(claimed);
        c.reply.raw(body);
        c.reply.array(deleted == null ? 0 : deleted.size());
        if (deleted != null) {
            for (long[] d : deleted) {
                StreamFamily.replyId(c, d[0], d[1]);
            }
        }
    }
}
