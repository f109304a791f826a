package io.ringstore.engine.family.streams;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StreamId;
import io.ringstore.engine.store.StreamValue;

import java.nio.charset.StandardCharsets;

/**
 * Stream commands (Redis 7.0.15's t_stream.c): the rows, the shared helpers (typed lookup, id
 * parsing and replies), and the writes XADD, XDEL, XTRIM, XSETID plus XLEN. Reads live in
 * {@link StreamReads}, consumer groups in {@link StreamGroups}, XINFO in {@link StreamInfo}.
 * Arguments are checked in Redis's order so errors and WRONGTYPE win in the same cases. An emptied
 * stream is kept, as Redis keeps it. Auto ids come from the event's ingress time and the stream's
 * last id only, so replaying the journal rebuilds the same ids. Runs on the shard thread owning
 * the keys (shard 0 at a barrier for XREAD/XREADGROUP across shards).
 */
public final class StreamFamily {
    static final int WRONG = CommandContext.WRONG_TYPE;
    static final byte[] MAXLEN = lower("maxlen");
    static final byte[] MINID = lower("minid");
    static final byte[] LIMIT = lower("limit");
    static final byte[] NOMKSTREAM = lower("nomkstream");
    static final byte[] COUNT = lower("count");

    private StreamFamily() {
    }

    static byte[] lower(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    public static void register(CommandTable t) {
        t.group("stream");
        t.add("xadd", -5, "write denyoom fast", 1, 1, 1, StreamFamily::xadd)
                .doc("5.0.0", "Appends a new entry to a stream", "O(1) when adding a new entry, O(N) when trimming"
                        + " where N being the number of entries evicted.").tips("nondeterministic_output");
        t.add("xlen", 2, "readonly fast", 1, 1, 1, StreamFamily::xlen)
                .doc("5.0.0", "Return the number of entries in a stream", "O(1)");
        t.add("xdel", -3, "write fast", 1, 1, 1, StreamFamily::xdel)
                .doc("5.0.0", "Removes the specified entries from the stream. Returns the number of items actually"
                        + " deleted, that may be different from the number of IDs passed in case certain IDs do not"
                        + " exist.", "O(1) for each single item to delete in the stream, regardless of the stream"
                        + " size.");
        t.add("xtrim", -4, "write", 1, 1, 1, StreamFamily::xtrim)
                .doc("5.0.0", "Trims the stream to (approximately if '~' is passed) a certain size",
                        "O(N), with N being the number of evicted entries. Constant times are very small however,"
                        + " since entries are organized in macro nodes containing multiple entries that can be"
                        + " released with a single deallocation.").tips("nondeterministic_output");
        t.add("xsetid", -3, "write denyoom fast", 1, 1, 1, StreamFamily::xsetid)
                .doc("5.0.0", "An internal command for replicating stream values", "O(1)");
        t.add("xrange", -4, "readonly", 1, 1, 1, c -> StreamReads.xrange(c, false))
                .doc("5.0.0", "Return a range of elements in a stream, with IDs matching the specified IDs interval",
                        "O(N) with N being the number of elements being returned. If N is constant (e.g. always"
                        + " asking for the first 10 elements with COUNT), you can consider it O(1).");
        t.add("xrevrange", -4, "readonly", 1, 1, 1, c -> StreamReads.xrange(c, true))
                .doc("5.0.0", "Return a range of elements in a stream, with IDs matching the specified IDs interval,"
                        + " in reverse order (from greater to smaller IDs) compared to XRANGE",
                        "O(N) with N being the number of elements returned. If N is constant (e.g. always asking"
                        + " for the first 10 elements with COUNT), you can consider it O(1).");
        t.add("xread", -4, "readonly blocking", 0, 0, 0, c -> StreamReads.xread(c, false))
                .keys(StreamReads::xreadKeys)
                .blocks(StreamReads.XREAD_WAIT)
                .doc("5.0.0", "Return never seen elements in multiple streams, with IDs greater than the ones"
                        + " reported by the caller for each stream. Can block.", "For each stream mentioned:"
                        + " O(N) with N being the number of elements being returned, it means that XREAD-ing with"
                        + " a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M)"
                        + " time in order to serve the M clients blocked on the stream getting new data.");
        t.add("xreadgroup", -7, "write blocking", 0, 0, 0, c -> StreamReads.xread(c, true))
                .keys(StreamReads::xreadKeys)
                .blocks(StreamReads.XREADGROUP_WAIT)
                .doc("5.0.0", "Return new entries from a stream using a consumer group, or access the history of"
                        + " the pending entries for a given consumer. Can block.", "For each stream mentioned:"
                        + " O(M) with M being the number of elements returned. If M is constant (e.g. always"
                        + " asking for the first 10 elements with COUNT), you can consider it O(1). On the other"
                        + " side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N"
                        + " clients blocked on the stream getting new data.");
        StreamGroups.register(t);
        StreamInfo.register(t);
    }

    // ---- shared helpers

    /** Slot of key argument {@code i}, -1 when missing, {@link #WRONG} after replying WRONGTYPE. */
    static int lookup(CommandContext c, Db db, int i, boolean write) {
        return c.typedKey(db, i, ObjectType.STREAM, write);
    }

    static StreamValue stream(Db db, int slot) {
        return (StreamValue) db.dict().value(slot);
    }

    /** Creates an empty stream at key argument {@code i} (absent: the caller looked it up). */
    static StreamValue create(CommandContext c, Db db, int i) {
        StreamValue s = new StreamValue();
        int slot = db.insert(c.args.copy(i), c.hash(i), ObjectType.STREAM, ObjectType.ENC_STREAM, c.now);
        db.dict().setValue(slot, s);
        return s;
    }

    /**
     * Parses argument {@code i} as a stream id into out (ms, seq); replies Redis's "Invalid stream ID"
     * error and returns false when it is not one. {@code strict} rejects "-" and "+".
     */
    static boolean parseId(CommandContext c, int i, long missingSeq, boolean strict, boolean autoSeq, long[] out) {
        if (StreamId.parse(c.args.buf(), c.args.off(i), c.args.len(i), missingSeq, strict, autoSeq, out)
                == StreamId.INVALID) {
            c.reply.error(Errors.STREAM_INVALID_ID);
            return false;
        }
        return true;
    }

    /** Whether argument i is exactly the one-byte text {@code ch}. */
    static boolean isChar(CommandContext c, int i, char ch) {
        return c.args.len(i) == 1 && c.args.buf()[c.args.off(i)] == ch;
    }

    /** Replies an id as a bulk string "ms-seq". */
    static void replyId(CommandContext c, long ms, long seq) {
        byte[] text = StreamScratch.get().text;
        c.reply.bulk(text, 0, StreamId.format(ms, seq, text));
    }

    /** Replies one entry: [id, [field, value, ...]]. */
    static void replyEntry(CommandContext c, StreamValue s, long pos) {
        c.reply.array(2);
        replyId(c, s.ms(pos), s.seq(pos));
        byte[][] fv = s.fieldsValues(pos);
        c.reply.array(fv.length);
        for (byte[] b : fv) {
            c.reply.bulk(b);
        }
    }

    // ---- writes

    /** XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [...]. */
    static void xadd(CommandContext c) {
        long maxEntries = c.engine.options.streamNodeMaxEntries.number();
        StreamTrimArgs t = StreamScratch.get().trim;
        int idPos = t.parse(c, true, maxEntries);
        if (idPos < 0) {
            return;
        }
        int fieldPos = idPos + 1;
        int argc = c.args.count();
        if (argc - fieldPos < 2 || (argc - fieldPos) % 2 == 1) {
            c.reply.error(Errors.wrongArgs("xadd"));
            return;
        }
        if (t.idGiven && t.seqGiven && t.idMs == 0 && t.idSeq == 0) {
            c.reply.error(Errors.XADD_ID_ZERO);
            return;
        }
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        StreamValue s;
        if (slot < 0) {
            if (t.noMkStream) {
                c.reply.nullBulk();
                return;
            }
            s = create(c, db, 1);
        } else {
            s = stream(db, slot);
        }
        if (s.lastMs == StreamId.MAX && s.lastSeq == StreamId.MAX) {
            c.reply.error(Errors.STREAM_EXHAUSTED);
            return;
        }
        long ms;
        long seq;
        if (t.idGiven && t.seqGiven) {
            ms = t.idMs;
            seq = t.idSeq;
        } else if (t.idGiven) {
            if (s.lastMs == t.idMs) {
                if (s.lastSeq == StreamId.MAX) {
                    c.reply.error(Errors.STREAM_ELEMENTS_TOO_LARGE);
                    return;
                }
                ms = s.lastMs;
                seq = s.lastSeq + 1;
            } else {
                ms = t.idMs;
                seq = 0;
            }
        } else if (Long.compareUnsigned(c.now, s.lastMs) > 0) {
            ms = c.now;
            seq = 0;
        } else if (s.lastSeq == StreamId.MAX) {
            ms = s.lastMs + 1;
            seq = 0;
        } else {
            ms = s.lastMs;
            seq = s.lastSeq + 1;
        }
        if (StreamId.compare(ms, seq, s.lastMs, s.lastSeq) <= 0) {
            c.reply.error(Errors.XADD_ID_TOO_SMALL);
            return;
        }
        byte[][] fv = new byte[argc - fieldPos][];
        for (int i = fieldPos; i < argc; i++) {
            fv[i - fieldPos] = c.args.copy(i);
        }
        s.append(ms, seq, fv, c.engine.options.streamNodeMaxBytes.number(), maxEntries);
        replyId(c, ms, seq);
        c.signalModifiedKey(1); // xaddCommand signals before trimming; the trim is not signalled again
        c.notify(NotifyFlags.STREAM, "xadd", 1);
        if (t.strategy != StreamTrimArgs.NONE && trim(s, t) > 0) {
            c.notify(NotifyFlags.STREAM, "xtrim", 1);
        }
    }

    static long trim(StreamValue s, StreamTrimArgs t) {
        return s.trim(t.strategy == StreamTrimArgs.MINID, t.maxLen, t.minMs, t.minSeq, t.approx, t.limit);
    }

    static void xlen(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot != WRONG) {
            c.reply.integer(slot < 0 ? 0 : stream(db, slot).size());
        }
    }

    /** XDEL key id...: ids are all checked before any is deleted; a missing key answers 0 first. */
    static void xdel(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        long[] id = StreamScratch.get().id;
        int argc = c.args.count();
        for (int i = 2; i < argc; i++) {
            if (!parseId(c, i, 0, true, false, id)) {
                return;
            }
        }
        StreamValue s = stream(db, slot);
        long deleted = 0;
        boolean firstDeleted = false;
        for (int i = 2; i < argc; i++) {
            StreamId.parse(c.args.buf(), c.args.off(i), c.args.len(i), 0, true, false, id);
            if (s.delete(id[0], id[1])) {
                if (id[0] == s.firstMs && id[1] == s.firstSeq) {
                    firstDeleted = true;
                }
                if (StreamId.compare(id[0], id[1], s.maxDeletedMs, s.maxDeletedSeq) > 0) {
                    s.maxDeletedMs = id[0];
                    s.maxDeletedSeq = id[1];
                }
                deleted++;
            }
        }
        if (deleted > 0 && (s.size() == 0 || firstDeleted)) {
            s.refreshFirstId();
        }
        if (deleted > 0) {
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.STREAM, "xdel", 1);
        }
        c.reply.integer(deleted);
    }

    /** XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]: options first, then the key. */
    static void xtrim(CommandContext c) {
        StreamTrimArgs t = StreamScratch.get().trim;
        if (t.parse(c, false, c.engine.options.streamNodeMaxEntries.number()) < 0) {
            return;
        }
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        long deleted = slot < 0 ? 0 : trim(stream(db, slot), t);
        if (deleted > 0) {
            c.notify(NotifyFlags.STREAM, "xtrim", 1);
            c.signalModifiedKey(1);
        }
        c.reply.integer(deleted);
    }

    /** XSETID key last-id [ENTRIESADDED n] [MAXDELETEDID id] (7.0). */
    static void xsetid(CommandContext c) {
        StreamScratch sc = StreamScratch.get();
        long[] id = sc.id;
        if (!parseId(c, 2, 0, true, false, id)) {
            return;
        }
        long ms = id[0];
        long seq = id[1];
        long entriesAdded = -1;
        long delMs = 0;
        long delSeq = 0;
        int argc = c.args.count();
        for (int i = 3; i < argc; i += 2) {
            boolean more = i + 1 < argc;
            if (c.argIs(i, ENTRIESADDED) && more) {
                if (!c.longOrReply(i + 1)) {
                    return;
                }
                if (c.num < 0) {
                    c.reply.error(Errors.XSETID_ENTRIES_ADDED);
                    return;
                }
                entriesAdded = c.num;
            } else if (c.argIs(i, MAXDELETEDID) && more) {
                if (!parseId(c, i + 1, 0, true, false, sc.id2)) {
                    return;
                }
                delMs = sc.id2[0];
                delSeq = sc.id2[1];
                if (StreamId.compare(ms, seq, delMs, delSeq) < 0) {
                    c.reply.error(Errors.XSETID_BELOW_GIVEN_MAX_DELETED);
                    return;
                }
            } else {
                c.syntaxError();
                return;
            }
        }
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return;
        }
        StreamValue s = stream(db, slot);
        if (StreamId.compare(ms, seq, s.maxDeletedMs, s.maxDeletedSeq) < 0) {
            c.reply.error(Errors.XSETID_BELOW_MAX_DELETED);
            return;
        }
        if (s.size() > 0) {
            s.lastValidId(sc.id2);
            if (StreamId.compare(ms, seq, sc.id2[0], sc.id2[1]) < 0) {
                c.reply.error(Errors.XSETID_BELOW_TOP);
                return;
            }
            if (entriesAdded != -1 && s.size() > entriesAdded) {
                c.reply.error(Errors.XSETID_ENTRIES_BELOW_LENGTH);
                return;
            }
        }
        s.lastMs = ms;
        s.lastSeq = seq;
        if (entriesAdded != -1) {
            s.entriesAdded = entriesAdded;
        }
        if (delMs != 0 || delSeq != 0) {
            s.maxDeletedMs = delMs;
            s.maxDeletedSeq = delSeq;
        }
        c.notify(NotifyFlags.STREAM, "xsetid", 1);
        c.reply.ok();
    }

    static final byte[] ENTRIESADDED = lower("entriesadded");
    static final byte[] MAXDELETEDID = lower("maxdeletedid");
}
