package io.ringstore.engine.family.streams;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.BlockedCommand;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.store.StreamConsumer;
import io.ringstore.engine.store.StreamGroup;
import io.ringstore.engine.store.StreamId;
import io.ringstore.engine.store.StreamNack;
import io.ringstore.engine.store.StreamValue;

/**
 * Stream reads: XRANGE/XREVRANGE and XREAD/XREADGROUP (Redis 7.0.15's xrangeGenericCommand and
 * xreadCommand), plus the STREAMS key finder. {@link #tryServe} is the "serve now" half of XREAD:
 * it answers what the streams hold and returns false when nothing could be served.
 *
 * <p>BLOCK: what the streams hold is served at once; with nothing to serve the command blocks
 * ({@link Blocking}, timeout in ms, 0 = forever, null array on timeout) and every later write of
 * a key it waits on (XADD, XGROUP SETID...) offers it that key again ({@code Wait}), which serves
 * that stream's new entries or declines.
 *
 * <p>Every key's database comes from {@link CommandContext#db(int)}, so XREAD/XREADGROUP over keys
 * of several shards run at a ring barrier. Runs on the shard thread owning the keys.
 */
public final class StreamReads {
    static final byte[] BLOCK = StreamFamily.lower("block");
    static final byte[] STREAMS = StreamFamily.lower("streams");
    static final byte[] GROUP = StreamFamily.lower("group");
    static final byte[] NOACK = StreamFamily.lower("noack");

    private StreamReads() {
    }

    /**
     * Key positions of XREAD/XREADGROUP (Redis's xreadGetKeys): the first half of what follows the
     * STREAMS option, options before it skipped; none when the layout is malformed (the handler
     * then replies the error). Runs on an I/O thread; no allocation.
     */
    static void xreadKeys(RequestEvent e) {
        Args a = e.args;
        int argc = a.count();
        int streamsPos = -1;
        for (int i = 1; i < argc; i++) {
            if (a.is(i, BLOCK) || a.is(i, StreamFamily.COUNT)) {
                i++;
            } else if (a.is(i, GROUP)) {
                i += 2;
            } else if (a.is(i, NOACK)) {
                continue;
            } else if (a.is(i, STREAMS)) {
                streamsPos = i;
                break;
            } else {
                break;
            }
        }
        int num = argc - streamsPos - 1;
        if (streamsPos < 0 || num == 0 || num % 2 != 0) {
            return;
        }
        for (int i = streamsPos + 1; i <= streamsPos + num / 2; i++) {
            e.addKeyPos(i);
        }
    }

    /**
     * Parses an interval bound at argument i into out: "(" excludes (strict id, then moved one up for
     * a start, one down for an end); replies the error and returns false when invalid.
     */
    static boolean parseBound(CommandContext c, int i, boolean start, long[] out) {
        Args a = c.args;
        int len = a.len(i);
        boolean exclude = len > 1 && a.buf()[a.off(i)] == '(';
        long missing = start ? 0 : StreamId.MAX;
        if (exclude) {
            if (StreamId.parse(a.buf(), a.off(i) + 1, len - 1, missing, true, false, out) == StreamId.INVALID) {
                c.reply.error(Errors.STREAM_INVALID_ID);
                return false;
            }
            if (start ? !incr(out) : !decr(out)) {
                c.reply.error(start ? Errors.XRANGE_INVALID_START : Errors.XRANGE_INVALID_END);
                return false;
            }
            return true;
        }
        return StreamFamily.parseId(c, i, missing, false, false, out);
    }

    /** streamIncrID: false (and 0-0) past the largest id. */
    static boolean incr(long[] id) {
        if (id[1] == StreamId.MAX) {
            if (id[0] == StreamId.MAX) {
                id[0] = 0;
                id[1] = 0;
                return false;
            }
            id[0]++;
            id[1] = 0;
        } else {
            id[1]++;
        }
        return true;
    }

    /** streamDecrID: false below 0-0. */
    static boolean decr(long[] id) {
        if (id[1] == 0) {
            if (id[0] == 0) {
                return false;
            }
            id[0]--;
            id[1] = StreamId.MAX;
        } else {
            id[1]--;
        }
        return true;
    }

    /** XRANGE key start end [COUNT n] / XREVRANGE key end start [COUNT n]. */
    static void xrange(CommandContext c, boolean rev) {
        StreamScratch sc = StreamScratch.get();
        long[] start = sc.id;
        long[] end = sc.id2;
        if (!parseBound(c, rev ? 3 : 2, true, start) || !parseBound(c, rev ? 2 : 3, false, end)) {
            return;
        }
        long count = -1;
        int argc = c.args.count();
        for (int j = 4; j < argc; j++) {
            if (c.argIs(j, StreamFamily.COUNT) && argc - j - 1 >= 1) {
                if (!c.longOrReply(j + 1)) {
                    return;
                }
                count = Math.max(0, c.num);
                j++;
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
        if (slot < 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        if (count == 0) {
            c.reply.nullArray();
            return;
        }
        replyRange(c, StreamFamily.stream(db, slot), start[0], start[1], end[0], end[1], count < 0 ? 0 : count, rev);
    }

    /** Replies the live entries in [start, end] (at most count, 0 = all), forward or reverse. */
    static void replyRange(CommandContext c, StreamValue s, long sMs, long sSeq, long eMs, long eSeq, long count,
                           boolean rev) {
        long n = 0;
        long first = rev ? s.seekLast(eMs, eSeq) : s.seek(sMs, sSeq);
        for (long p = first; p >= 0 && (count == 0 || n < count); p = rev ? s.prev(p) : s.next(p)) {
            if (rev ? StreamId.compare(s.ms(p), s.seq(p), sMs, sSeq) < 0
                    : StreamId.compare(s.ms(p), s.seq(p), eMs, eSeq) > 0) {
                break;
            }
            n++;
        }
        c.reply.array(n);
        long p = first;
        for (long i = 0; i < n; i++, p = rev ? s.prev(p) : s.next(p)) {
            StreamFamily.replyEntry(c, s, p);
        }
    }

    /** The parsed form of one XREAD/XREADGROUP call, kept per thread. */
    static final class ReadArgs {
        boolean group;
        long count;
        long timeoutMs;
        boolean noAck;
        int streamsArg;
        int streams;
        int groupArg;
        long[] ids;
    }

    private static final ThreadLocal<ReadArgs> READ_ARGS = ThreadLocal.withInitial(ReadArgs::new);

    /** XREAD [COUNT n] [BLOCK ms] STREAMS key... id... / XREADGROUP GROUP g c [COUNT n] [BLOCK ms] [NOACK] STREAMS .... */
    static void xread(CommandContext c, boolean group) {
        ReadArgs r = READ_ARGS.get();
        if (!parse(c, group, r)) {
            return;
        }
        if (tryServe(c, r)) {
            return;
        }
        if (r.timeoutMs < 0) {
            c.reply.nullArray(); // no BLOCK: nothing to read
            return;
        }
        // BLOCK with nothing to serve: wait. '$' means the last id at this moment, so the waiter
        // keeps the explicit ids (the journal keeps '$': replay resolves it against the same state).
        if (!group) {
            resolveDollars(c, r);
        }
        Blocking.block(c, r.streamsArg, r.streams,
                r.timeoutMs == 0 ? 0 : c.now + r.timeoutMs);
    }

    public static final BlockedCommand XREAD_WAIT = new Wait(false);
    public static final BlockedCommand XREADGROUP_WAIT = new Wait(true);

    /**
     * A blocked XREAD/XREADGROUP, served when a key it waits on is written: replies only that
     * stream's new entries ([[key, entries]], as Redis serves the key that became ready), or
     * declines while the stream has nothing after the waiter's id (or, for a group, after the
     * group's last-delivered id).
     */
    private static final class Wait implements BlockedCommand {
        private final boolean group;

        Wait(boolean group) {
            this.group = group;
        }

        @Override
        public int type() {
            return ObjectType.STREAM;
        }

        /** A group reader is told when its stream or group goes (Redis 7.0); a plain reader waits on. */
        @Override
        public boolean wakesOnMissing() {
            return group;
        }

        /**
         * Serves the stream at {@code keyArg} only (other keys of the waiter are not looked at, as
         * in Redis's serveClientsBlockedOnStreamKey). A group reader whose key was deleted or
         * replaced by another type gets {@code -UNBLOCKED the stream key no longer exists}, one
         * whose group was destroyed {@code -NOGROUP the consumer group this client was blocked on
         * no longer exists}.
         */
        @Override
        public int serve(CommandContext c, int keyArg) {
            ReadArgs r = READ_ARGS.get();
            if (!parseOptions(c, group, r)) {
                return -1; // cannot happen: the same arguments parsed when the client blocked
            }
            int k = keyArg - r.streamsArg;
            if (k < 0 || k >= r.streams) {
                return NOT_SERVED;
            }
            if (group && !groupStillThere(c, r, keyArg)) {
                return -1;
            }
            r.ids = StreamScratch.get().ids(r.streams);
            if (!parseKey(c, r, k)) {
                return -1;
            }
            if (!serveStream(c, r, k, true)) {
                return NOT_SERVED;
            }
            header(c, 1);
            serveStream(c, r, k, false);
            return -1;
        }

        /** Whether the group reader's key still holds a stream with its group; replies the error if not. */
        private static boolean groupStillThere(CommandContext c, ReadArgs r, int keyArg) {
            Args a = c.args;
            Db db = c.db(keyArg);
            int slot = db.lookup(a.buf(), a.off(keyArg), a.len(keyArg),
                    ByteHash.hash(a.buf(), a.off(keyArg), a.len(keyArg)), c.now);
            if (slot < 0 || db.type(slot) != ObjectType.STREAM) {
                c.reply.error(Errors.XREADGROUP_STREAM_GONE);
                return false;
            }
            if (StreamFamily.stream(db, slot).group(a.buf(), a.off(r.groupArg), a.len(r.groupArg)) == null) {
                c.reply.error(Errors.XREADGROUP_GROUP_GONE);
                return false;
            }
            return true;
        }
    }

    /** Rewrites every '$' id argument as the explicit id parse resolved it to. */
    private static void resolveDollars(CommandContext c, ReadArgs r) {
        boolean any = false;
        for (int k = 0; k < r.streams && !any; k++) {
            any = StreamFamily.isChar(c, r.streamsArg + r.streams + k, '$');
        }
        if (!any) {
            return;
        }
        Args a = c.args;
        byte[][] argv = new byte[a.count()][];
        for (int i = 0; i < argv.length; i++) {
            int k = i - r.streamsArg - r.streams;
            argv[i] = k >= 0 && StreamFamily.isChar(c, i, '$')
                    ? (Long.toUnsignedString(r.ids[2 * k]) + "-" + Long.toUnsignedString(r.ids[2 * k + 1]))
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII)
                    : a.copy(i);
        }
        a.reset();
        for (byte[] v : argv) {
            a.add(v);
        }
    }

    /** Parses options, then looks up every key (WRONGTYPE, NOGROUP) and parses its id; false after an error. */
    static boolean parse(CommandContext c, boolean group, ReadArgs r) {
        if (!parseOptions(c, group, r)) {
            return false;
        }
        r.ids = StreamScratch.get().ids(r.streams);
        for (int k = 0; k < r.streams; k++) {
            if (!parseKey(c, r, k)) {
                return false;
            }
        }
        return true;
    }

    /** The options up to STREAMS (COUNT, BLOCK, GROUP, NOACK) and the number of streams; false after an error. */
    private static boolean parseOptions(CommandContext c, boolean group, ReadArgs r) {
        r.group = group;
        r.count = 0;
        r.timeoutMs = -1;
        r.noAck = false;
        r.streamsArg = 0;
        r.streams = 0;
        r.groupArg = 0;
        int argc = c.args.count();
        for (int i = 1; i < argc; i++) {
            int more = argc - i - 1;
            if (c.argIs(i, BLOCK) && more > 0) {
                i++;
                if (!c.parseLong(i)) {
                    c.reply.error(Errors.TIMEOUT_NOT_INTEGER);
                    return false;
                }
                if (c.num < 0) {
                    c.reply.error(Errors.TIMEOUT_NEGATIVE);
                    return false;
                }
                r.timeoutMs = c.num;
            } else if (c.argIs(i, StreamFamily.COUNT) && more > 0) {
                i++;
                if (!c.longOrReply(i)) {
                    return false;
                }
                r.count = Math.max(0, c.num);
            } else if (c.argIs(i, STREAMS) && more > 0) {
                r.streamsArg = i + 1;
                int n = argc - r.streamsArg;
                if (n % 2 != 0) {
                    c.reply.error(Errors.XREAD_UNBALANCED);
                    return false;
                }
                r.streams = n / 2;
                break;
            } else if (c.argIs(i, GROUP) && more >= 2) {
                if (!group) {
                    c.reply.error(Errors.XREAD_GROUP_OPTION);
                    return false;
                }
                r.groupArg = i + 1;
                i += 2;
            } else if (c.argIs(i, NOACK)) {
                if (!group) {
                    c.reply.error(Errors.XREAD_NOACK_OPTION);
                    return false;
                }
                r.noAck = true;
            } else {
                c.syntaxError();
                return false;
            }
        }
        if (r.streamsArg == 0) {
            c.syntaxError();
            return false;
        }
        if (group && r.groupArg == 0) {
            c.reply.error(Errors.XREADGROUP_NO_GROUP);
            return false;
        }
        return true;
    }

    /**
     * Stream {@code k}: looks its key up (WRONGTYPE; NOGROUP for a group read) and parses its id
     * into {@code r.ids} ('$' = the stream's last id, '>' = new entries only); false after an error.
     */
    private static boolean parseKey(CommandContext c, ReadArgs r, int k) {
        boolean group = r.group;
        long[] ids = r.ids;
        int keyArg = r.streamsArg + k;
        int idArg = keyArg + r.streams;
        Db db = c.db(keyArg);
        int slot = StreamFamily.lookup(c, db, keyArg, false);
        if (slot == StreamFamily.WRONG) {
            return false;
        }
        StreamValue s = slot < 0 ? null : StreamFamily.stream(db, slot);
        if (group && (s == null || s.group(c.args.buf(), c.args.off(r.groupArg), c.args.len(r.groupArg)) == null)) {
            c.reply.errorLatin1(Errors.noSuchKeyOrGroup(c.args.latin1(keyArg, Integer.MAX_VALUE),
                    c.args.latin1(r.groupArg, Integer.MAX_VALUE)) + " in XREADGROUP with GROUP option");
            return false;
        }
        if (StreamFamily.isChar(c, idArg, '$')) {
            if (group) {
                c.reply.error(Errors.XREADGROUP_DOLLAR);
                return false;
            }
            ids[2 * k] = s == null ? 0 : s.lastMs;
            ids[2 * k + 1] = s == null ? 0 : s.lastSeq;
            return true;
        } else if (StreamFamily.isChar(c, idArg, '>')) {
            if (!group) {
                c.reply.error(Errors.XREAD_GT_ID);
                return false;
            }
            ids[2 * k] = StreamId.MAX;
            ids[2 * k + 1] = StreamId.MAX;
            return true;
        }
        long[] id = StreamScratch.get().id;
        if (!StreamFamily.parseId(c, idArg, 0, true, false, id)) {
            return false;
        }
        ids[2 * k] = id[0];
        ids[2 * k + 1] = id[1];
        return true;
    }

    /**
     * Serves what the streams hold now (the synchronous part of xreadCommand): replies and returns
     * true when at least one stream had something for the caller, else replies nothing and returns
     * false. Blocking calls it again when a key it waits on changes.
     */
    static boolean tryServe(CommandContext c, ReadArgs r) {
        if (!duplicateKeys(c, r)) {
            int served = 0;
            for (int k = 0; k < r.streams; k++) {
                if (serveStream(c, r, k, true)) {
                    served++;
                }
            }
            if (served == 0) {
                return false;
            }
            header(c, served);
            for (int k = 0; k < r.streams; k++) {
                serveStream(c, r, k, false);
            }
            return true;
        }
        // A key named twice: whether its second mention is served depends on the first one's
        // delivery, so serve into the buffer and put the header in front afterwards.
        int mark = c.reply.length();
        int served = 0;
        for (int k = 0; k < r.streams; k++) {
            if (serveStream(c, r, k, false)) {
                served++;
            }
        }
        if (served == 0) {
            return false;
        }
        byte[] body = java.util.Arrays.copyOfRange(c.reply.array(), mark, c.reply.length());
        c.reply.truncate(mark);
        header(c, served);
        c.reply.raw(body);
        return true;
    }

    private static void header(CommandContext c, int served) {
        if (c.reply.resp() == 3) {
            c.reply.map(served);
        } else {
            c.reply.array(served);
        }
    }

    private static boolean duplicateKeys(CommandContext c, ReadArgs r) {
        Args a = c.args;
        for (int i = 0; i < r.streams; i++) {
            for (int j = i + 1; j < r.streams; j++) {
                int x = r.streamsArg + i;
                int y = r.streamsArg + j;
                if (a.len(x) == a.len(y) && java.util.Arrays.equals(a.buf(), a.off(x), a.off(x) + a.len(x),
                        a.buf(), a.off(y), a.off(y) + a.len(y))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Decides whether stream k can be served now and, unless {@code dryRun}, replies its part
     * (key, entries) and records deliveries. Returns whether it was (or would be) served.
     */
    private static boolean serveStream(CommandContext c, ReadArgs r, int k, boolean dryRun) {
        int keyArg = r.streamsArg + k;
        Db db = c.db(keyArg);
        int slot = c.readKey(db, keyArg);
        if (slot < 0) {
            return false;
        }
        StreamValue s = StreamFamily.stream(db, slot);
        StreamScratch sc = StreamScratch.get();
        long[] start = sc.id;
        start[0] = r.ids[2 * k];
        start[1] = r.ids[2 * k + 1];
        StreamGroup g = null;
        boolean history = false;
        if (r.group) {
            g = s.group(c.args.buf(), c.args.off(r.groupArg), c.args.len(r.groupArg));
            if (start[0] != StreamId.MAX || start[1] != StreamId.MAX) {
                history = true;
            } else {
                if (s.size() == 0) {
                    return false;
                }
                s.lastValidId(sc.id2);
                if (StreamId.compare(sc.id2[0], sc.id2[1], g.lastMs, g.lastSeq) <= 0) {
                    return false;
                }
                start[0] = g.lastMs;
                start[1] = g.lastSeq;
            }
        } else {
            if (s.size() == 0) {
                return false;
            }
            s.lastValidId(sc.id2);
            if (StreamId.compare(sc.id2[0], sc.id2[1], start[0], start[1]) <= 0) {
                return false;
            }
        }
        if (dryRun) {
            return true;
        }
        incr(start);
        if (c.reply.resp() != 3) {
            c.reply.array(2);
        }
        c.reply.bulk(c.args.buf(), c.args.off(keyArg), c.args.len(keyArg));
        if (g == null) {
            replyRange(c, s, start[0], start[1], StreamId.MAX, StreamId.MAX, r.count, false);
            return true;
        }
        int nameArg = r.groupArg + 1;
        StreamConsumer consumer = g.consumer(c.args.buf(), c.args.off(nameArg), c.args.len(nameArg));
        if (consumer == null) {
            consumer = g.createConsumer(c.args.copy(nameArg), c.now);
            c.notifyAfterReply(NotifyFlags.STREAM, "xgroup-createconsumer", keyArg);
        } else {
            consumer.seenTime = c.now;
        }
        if (history) {
            replyHistory(c, s, consumer, start[0], start[1], r.count);
        } else {
            replyNew(c, s, g, consumer, start[0], start[1], r.count, r.noAck);
        }
        return true;
    }

    /** New entries for a group: delivered, moved past last-delivered-id and (unless NOACK) made pending. */
    private static void replyNew(CommandContext c, StreamValue s, StreamGroup g, StreamConsumer consumer,
                                 long sMs, long sSeq, long count, boolean noAck) {
        long n = 0;
        long first = s.seek(sMs, sSeq);
        for (long p = first; p >= 0 && (count == 0 || n < count); p = s.next(p)) {
            n++;
        }
        c.reply.array(n);
        long p = first;
        for (long i = 0; i < n; i++, p = s.next(p)) {
            long ms = s.ms(p);
            long seq = s.seq(p);
            s.deliver(g, ms, seq);
            StreamFamily.replyEntry(c, s, p);
            if (noAck) {
                continue;
            }
            StreamNack nack = g.pel.get(ms, seq);
            if (nack == null) {
                nack = new StreamNack(ms, seq, consumer, c.now, 1);
                g.pel.add(nack);
                consumer.pel.add(nack);
            } else {
                nack.consumer.pel.remove(ms, seq);
                nack.consumer = consumer;
                nack.deliveryTime = c.now;
                nack.deliveryCount = 1;
                consumer.pel.add(nack);
            }
        }
    }

    /** A consumer's own pending entries from start: entries re-delivered, deleted ones as [id, nil]. */
    private static void replyHistory(CommandContext c, StreamValue s, StreamConsumer consumer, long sMs, long sSeq,
                                     long count) {
        long n = 0;
        for (StreamNack x = consumer.pel.ceiling(sMs, sSeq); x != null && (count == 0 || n < count);
                x = consumer.pel.higher(x.ms, x.seq)) {
            n++;
        }
        c.reply.array(n);
        StreamNack x = consumer.pel.ceiling(sMs, sSeq);
        for (long i = 0; i < n; i++, x = consumer.pel.higher(x.ms, x.seq)) {
            long p = s.find(x.ms, x.seq);
            if (p < 0) {
                c.reply.array(2);
                StreamFamily.replyId(c, x.ms, x.seq);
                c.reply.nullArray();
            } else {
                StreamFamily.replyEntry(c, s, p);
                x.deliveryTime = c.now;
                x.deliveryCount++;
            }
        }
    }
}
