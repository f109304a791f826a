package io.ringstore.engine.family.strings;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.LongDouble;
import io.ringstore.engine.util.LongDoubleParser;

/**
 * The counter commands of t_string.c: INCR, DECR, INCRBY, DECRBY (64-bit integers, stored with
 * the "int" encoding and allocation-free once the key exists) and INCRBYFLOAT (80-bit long double
 * arithmetic, emulated exactly by {@link LongDouble}, stored as text). Every one keeps the key's
 * TTL. Runs on the shard thread that owns the key.
 */
final class StringCounters {
    private StringCounters() {
    }

    static void incr(CommandContext c) {
        replyInteger(c, opIncrBy(c, 1, 1));
    }

    static void decr(CommandContext c) {
        replyInteger(c, opIncrBy(c, 1, -1));
    }

    static void incrby(CommandContext c) {
        if (c.longOrReply(2)) {
            replyInteger(c, opIncrBy(c, 1, c.num));
        }
    }

    static void decrby(CommandContext c) {
        if (!c.longOrReply(2)) {
            return;
        }
        if (c.num == Long.MIN_VALUE) {
            c.reply.error(Errors.DECR_OVERFLOW); // its negation does not fit
            return;
        }
        replyInteger(c, opIncrBy(c, 1, -c.num));
    }

    static void incrbyfloat(CommandContext c) {
        int slot = opIncrByFloat(c, 1, 2);
        if (slot < 0) {
            StringStatus.replyError(c, -slot);
        } else {
            StringValue.reply(c.reply, c.db(1).dict(), slot);
        }
    }

    private static void replyInteger(CommandContext c, int slot) {
        if (slot < 0) {
            StringStatus.replyError(c, -slot);
        } else {
            c.reply.integer(c.db(1).dict().num(slot));
        }
    }

    /**
     * Adds {@code incr} to the integer at key argument {@code keyArg} (a missing key counts as 0),
     * as incrDecrCommand: the value must parse as a strict 64-bit integer and the sum must not
     * overflow. Returns the key's slot, holding the new value with "int" encoding, or a negated
     * {@link StringStatus}.
     */
    static int opIncrBy(CommandContext c, int keyArg, long incr) {
        Db db = c.db(keyArg);
        int slot = c.writeKey(db, keyArg);
        long value = 0;
        if (slot >= 0) {
            if (db.type(slot) != ObjectType.STRING) {
                return -StringStatus.WRONG_TYPE;
            }
            long[] parsed = c.scratchLong();
            if (!StringValue.toLong(db.dict(), slot, parsed)) {
                return -StringStatus.NOT_INTEGER;
            }
            value = parsed[0];
        }
        if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
                || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
            return -StringStatus.OVERFLOW;
        }
        value += incr;
        if (slot < 0) {
            slot = db.insert(c.args.copy(keyArg), c.hash(keyArg), ObjectType.STRING, ObjectType.ENC_INT, c.now);
        }
        StringValue.storeLong(db.dict(), slot, value);
        c.signalModifiedKey(keyArg);
        c.notify(NotifyFlags.STRING, "incrby", keyArg);
        return slot;
    }

    /**
     * INCRBYFLOAT's op: the key's value (0 when missing) plus argument {@code incrArg}, both read
     * as long doubles, stored as the "%.17Lf"-style text Redis writes (embstr or raw, never int).
     * The key is type-checked before either number is parsed, as Redis does. Returns the key's
     * slot or a negated {@link StringStatus}.
     */
    static int opIncrByFloat(CommandContext c, int keyArg, int incrArg) {
        Db db = c.db(keyArg);
        int slot = c.writeKey(db, keyArg);
        LongDouble value = LongDouble.ZERO;
        if (slot >= 0) {
            if (db.type(slot) != ObjectType.STRING) {
                return -StringStatus.WRONG_TYPE;
            }
            Dict d = db.dict();
            if (StringValue.isInt(d, slot)) {
                value = LongDouble.of(d.num(slot));
            } else {
                byte[] text = StringValue.bytes(d, slot);
                value = LongDoubleParser.parse(text, 0, text.length);
                if (value == null) {
                    return -StringStatus.NOT_FLOAT;
                }
            }
        }
        LongDouble incr = LongDoubleParser.parse(c.args.buf(), c.args.off(incrArg), c.args.len(incrArg));
        if (incr == null) {
            return -StringStatus.NOT_FLOAT;
        }
        if (value.isInfinite() || incr.isInfinite()) {
            return -StringStatus.NAN_OR_INFINITY; // inf + x is inf, inf - inf is NaN
        }
        LongDouble sum = value.add(incr);
        if (sum.isInfinite()) {
            return -StringStatus.NAN_OR_INFINITY;
        }
        byte[] text = sum.toHumanBytes();
        if (slot < 0) {
            slot = db.insert(c.args.copy(keyArg), c.hash(keyArg), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
        }
        int enc = text.length <= ObjectType.EMBSTR_LIMIT ? ObjectType.ENC_EMBSTR : ObjectType.ENC_RAW;
        StringValue.storeOwned(db.dict(), slot, text, enc);
        c.signalModifiedKey(keyArg);
        c.notify(NotifyFlags.STRING, "incrbyfloat", keyArg);
        return slot;
    }
}
