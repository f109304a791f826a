package io.ringstore.engine.family.hashes;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.HashValue;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.util.LongDouble;
import io.ringstore.engine.util.LongDoubleParser;
import io.ringstore.engine.util.Numbers;

/**
 * Hash commands (Redis 7.0's t_hash.c): the rows, sets, reads, deletes and counters. HRANDFIELD
 * and HSCAN live in {@link HashScans}. Arguments are checked in Redis's order so errors and
 * WRONGTYPE win in the same cases; an emptied hash is deleted; the key's meta encoding follows
 * the value's form (listpack, then hashtable for good). Runs on the shard thread owning the key.
 */
public final class HashFamily {
    static final int WRONG = CommandContext.WRONG_TYPE;

    private HashFamily() {
    }

    public static void register(CommandTable t) {
        t.group("hash");
        t.add("hset", -4, "write denyoom fast", 1, 1, 1, c -> hset(c, false));
        t.add("hmset", -4, "write denyoom fast", 1, 1, 1, c -> hset(c, true));
        t.add("hsetnx", 4, "write denyoom fast", 1, 1, 1, HashFamily::hsetnx);
        t.add("hget", 3, "readonly fast", 1, 1, 1, HashFamily::hget);
        t.add("hmget", -3, "readonly fast", 1, 1, 1, HashFamily::hmget);
        t.add("hdel", -3, "write fast", 1, 1, 1, HashFamily::hdel);
        t.add("hlen", 2, "readonly fast", 1, 1, 1, HashFamily::hlen);
        t.add("hstrlen", 3, "readonly fast", 1, 1, 1, HashFamily::hstrlen);
        t.add("hexists", 3, "readonly fast", 1, 1, 1, HashFamily::hexists);
        t.add("hkeys", 2, "readonly", 1, 1, 1, c -> hgetall(c, true, false));
        t.add("hvals", 2, "readonly", 1, 1, 1, c -> hgetall(c, false, true));
        t.add("hgetall", 2, "readonly", 1, 1, 1, c -> hgetall(c, true, true));
        t.add("hincrby", 4, "write denyoom fast", 1, 1, 1, HashFamily::hincrby);
        t.add("hincrbyfloat", 4, "write denyoom fast", 1, 1, 1, HashFamily::hincrbyfloat);
        t.add("hrandfield", -2, "readonly", 1, 1, 1, HashScans::hrandfield);
        t.add("hscan", -3, "readonly", 1, 1, 1, HashScans::hscan);
    }

    /** Slot of key argument {@code i}, -1 when missing, {@link #WRONG} after replying WRONGTYPE. */
    static int lookup(CommandContext c, Db db, int i, boolean write) {
        return c.typedKey(db, i, ObjectType.HASH, write);
    }

    static HashValue hash(Db db, int slot) {
        return (HashValue) db.dict().value(slot);
    }

    /** The hash at key argument 1, created empty when missing; null after replying WRONGTYPE. */
    static HashValue lookupOrCreate(CommandContext c, Db db) {
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return null;
        }
        if (slot >= 0) {
            return hash(db, slot);
        }
        HashValue h = new HashValue();
        slot = db.insert(c.args.copy(1), c.hash(1), ObjectType.HASH, ObjectType.ENC_LISTPACK, c.now);
        db.dict().setValue(slot, h);
        return h;
    }

    /**
     * Sets field argument {@code i} to argument {@code i + 1}, converting per the config
     * thresholds; true when the field is new. The hash copies the argument bytes in.
     */
    static boolean set(CommandContext c, HashValue h, int i) {
        return set(c, h, i, c.args.buf(), c.args.off(i + 1), c.args.len(i + 1));
    }

    /** Sets field argument {@code i} to {@code value[off, off + len)}; true when new. */
    static boolean set(CommandContext c, HashValue h, int i, byte[] value, int off, int len) {
        return h.set(c.args.buf(), c.args.off(i), c.args.len(i), value, off, len,
                c.engine.options.hashMaxListpackEntries.number(),
                c.engine.options.hashMaxListpackValue.number());
    }

    /** Re-stamps the key's meta encoding after a write that may have converted the hash. */
    static void syncEncoding(CommandContext c, Db db, HashValue h) {
        int slot = c.peekKey(db, 1);
        if (slot >= 0) {
            db.dict().setMeta(slot, ObjectType.withEncoding(db.dict().meta(slot), h.encoding()));
        }
    }

    /** HSET/HMSET key field value [field value ...]: the number of new fields, or OK. */
    static void hset(CommandContext c, boolean hmset) {
        int argc = c.args.count();
        if (argc % 2 == 1) {
            c.reply.error(Errors.wrongArgs(hmset ? "hmset" : "hset"));
            return;
        }
        Db db = c.db(1);
        HashValue h = lookupOrCreate(c, db);
        if (h == null) {
            return;
        }
        long created = 0;
        for (int i = 2; i < argc; i += 2) {
            if (set(c, h, i)) {
                created++;
            }
        }
        syncEncoding(c, db, h);
        c.signalModifiedKey(1);
        if (hmset) {
            c.reply.ok();
        } else {
            c.reply.integer(created);
        }
        c.notify(NotifyFlags.HASH, "hset", 1); // after the reply, as hsetCommand
    }

    static void hsetnx(CommandContext c) {
        Db db = c.db(1);
        HashValue h = lookupOrCreate(c, db);
        if (h == null) {
            return;
        }
        if (find(h, c, 2) >= 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        set(c, h, 2);
        syncEncoding(c, db, h);
        c.signalModifiedKey(1);
        c.reply.raw(Replies.ONE);
        c.notify(NotifyFlags.HASH, "hset", 1);
    }

    /** The position of field argument {@code i} in {@code h} (null: a missing key), or -1. */
    static int find(HashValue h, CommandContext c, int i) {
        return h == null ? -1 : h.find(c.args.buf(), c.args.off(i), c.args.len(i));
    }

    /** Replies the field of the pair at position {@code p}, from the hash's own bytes. */
    static void bulkField(CommandContext c, HashValue h, int p) {
        c.reply.bulk(h.array(p), h.fieldOff(p), h.fieldLen(p));
    }

    /** Replies the value of the pair at position {@code p}, from the hash's own bytes. */
    static void bulkValue(CommandContext c, HashValue h, int p) {
        c.reply.bulk(h.array(p), h.valueOff(p), h.valueLen(p));
    }

    /** The hash at key argument 1 for a read, null when missing; WRONG_VALUE after WRONGTYPE. */
    static final HashValue WRONG_VALUE = new HashValue();

    static HashValue read(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return WRONG_VALUE;
        }
        return slot < 0 ? null : hash(db, slot);
    }

    static void hget(CommandContext c) {
        HashValue h = read(c);
        if (h == WRONG_VALUE) {
            return;
        }
        int p = find(h, c, 2);
        if (p < 0) {
            c.reply.nullBulk();
        } else {
            bulkValue(c, h, p);
        }
    }

    static void hmget(CommandContext c) {
        HashValue h = read(c);
        if (h == WRONG_VALUE) {
            return;
        }
        int argc = c.args.count();
        c.reply.array(argc - 2);
        for (int i = 2; i < argc; i++) {
            int p = find(h, c, i);
            if (p < 0) {
                c.reply.nullBulk();
            } else {
                bulkValue(c, h, p);
            }
        }
    }

    static void hdel(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        HashValue h = hash(db, slot);
        long deleted = 0;
        boolean removed = false;
        for (int i = 2; i < c.args.count(); i++) {
            if (h.remove(c.args.buf(), c.args.off(i), c.args.len(i))) {
                deleted++;
                if (h.size() == 0) {
                    db.delete(slot);
                    removed = true;
                    break;
                }
            }
        }
        if (deleted > 0) {
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.HASH, "hdel", 1);
            if (removed) {
                c.notify(NotifyFlags.GENERIC, "del", 1);
            }
        }
        c.reply.integer(deleted);
    }

    static void hlen(CommandContext c) {
        HashValue h = read(c);
        if (h != WRONG_VALUE) {
            c.reply.integer(h == null ? 0 : h.size());
        }
    }

    static void hstrlen(CommandContext c) {
        HashValue h = read(c);
        if (h != WRONG_VALUE) {
            int p = find(h, c, 2);
            c.reply.integer(p < 0 ? 0 : h.valueLen(p));
        }
    }

    static void hexists(CommandContext c) {
        HashValue h = read(c);
        if (h != WRONG_VALUE) {
            c.reply.raw(find(h, c, 2) < 0 ? Replies.ZERO : Replies.ONE);
        }
    }

    /** HKEYS/HVALS/HGETALL: HGETALL is a map in RESP3; a missing key an empty array/map. */
    static void hgetall(CommandContext c, boolean fields, boolean values) {
        HashValue h = read(c);
        if (h == WRONG_VALUE) {
            return;
        }
        long n = h == null ? 0 : h.size();
        if (fields && values) {
            c.reply.map(n);
        } else {
            c.reply.array(n);
        }
        if (h != null) {
            for (int p = h.first(); p >= 0; p = h.next(p)) {
                if (fields) {
                    bulkField(c, h, p);
                }
                if (values) {
                    bulkValue(c, h, p);
                }
            }
        }
    }

    /** HINCRBY key field increment: the increment parses before the lookup, as in Redis. */
    static void hincrby(CommandContext c) {
        if (!c.longOrReply(3)) {
            return;
        }
        long incr = c.num;
        Db db = c.db(1);
        HashValue h = lookupOrCreate(c, db);
        if (h == null) {
            return;
        }
        long value = 0;
        int p = find(h, c, 2);
        if (p >= 0) {
            long[] parsed = c.scratchLong();
            if (!Numbers.parseLong(h.array(p), h.valueOff(p), h.valueLen(p), parsed)) {
                c.reply.error(Errors.HASH_NOT_INTEGER);
                return;
            }
            value = parsed[0];
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
                || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            c.reply.error(Errors.OVERFLOW);
            return;
        }
        value += incr;
        byte[] digits = Numbers.toBytes(value);
        set(c, h, 2, digits, 0, digits.length);
        syncEncoding(c, db, h);
        c.signalModifiedKey(1);
        c.reply.integer(value);
        c.notify(NotifyFlags.HASH, "hincrby", 1);
    }

    /** HINCRBYFLOAT key field increment, in long double arithmetic as INCRBYFLOAT. */
    static void hincrbyfloat(CommandContext c) {
        LongDouble incr = LongDoubleParser.parse(c.args.buf(), c.args.off(3), c.args.len(3));
        if (incr == null) {
            c.reply.error(Errors.NOT_FLOAT);
            return;
        }
        if (incr.isInfinite()) {
            c.reply.error(Errors.NAN_OR_INFINITY);
            return;
        }
        Db db = c.db(1);
        HashValue h = lookupOrCreate(c, db);
        if (h == null) {
            return;
        }
        LongDouble value = LongDouble.ZERO;
        int p = find(h, c, 2);
        if (p >= 0) {
            value = LongDoubleParser.parse(h.array(p), h.valueOff(p), h.valueLen(p));
            if (value == null) {
                c.reply.error(Errors.HASH_NOT_FLOAT);
                return;
            }
        }
        if (value.isInfinite()) {
            c.reply.error(Errors.NAN_OR_INFINITY_RESULT);
            return;
        }
        LongDouble sum = value.add(incr);
        if (sum.isInfinite()) {
            c.reply.error(Errors.NAN_OR_INFINITY_RESULT);
            return;
        }
        byte[] text = sum.toHumanBytes();
        set(c, h, 2, text, 0, text.length);
        syncEncoding(c, db, h);
        c.signalModifiedKey(1);
        c.reply.bulk(text);
        c.notify(NotifyFlags.HASH, "hincrbyfloat", 1);
    }
}
