package io.ringstore.engine.family.dump;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.rdb.DumpPayload;
import io.ringstore.engine.rdb.RdbFormatException;
import io.ringstore.engine.rdb.RdbLimits;
import io.ringstore.engine.rdb.RdbValue;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;

/**
 * RESTORE key ttl serialized-value [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]
 * (restoreCommand of Redis 7.0), checked in Redis's order: the options (IDLETIME and FREQ exclude
 * each other: the second is a syntax error), then BUSYKEY without REPLACE, the TTL, the payload's
 * version and CRC, the object itself ("Bad data format"); only then is an old key deleted. A TTL
 * is relative to the event's time unless ABSTTL, so a journal replay restores the same deadline;
 * a deadline already past leaves no key (and a replaced one is deleted: "del"), replying OK as
 * Redis does. IDLETIME sets the LRU clock (objectSetLRUOrLFU); FREQ is validated and, with no LFU
 * policy (the only policy is noeviction), not stored, as in Redis. Runs on the key's shard thread.
 */
final class Restore {
    private static final byte[] REPLACE = Replies.b("replace");
    private static final byte[] ABSTTL = Replies.b("absttl");
    private static final byte[] IDLETIME = Replies.b("idletime");
    private static final byte[] FREQ = Replies.b("freq");

    private Restore() {
    }

    static void restore(CommandContext c) {
        boolean replace = false;
        boolean absttl = false;
        long idle = -1;
        long freq = -1;
        int argc = c.args.count();
        for (int j = 4; j < argc; j++) {
            boolean more = j + 1 < argc;
            if (c.argIs(j, REPLACE)) {
                replace = true;
            } else if (c.argIs(j, ABSTTL)) {
                absttl = true;
            } else if (c.argIs(j, IDLETIME) && more && freq == -1) {
                if (!c.longOrReply(j + 1)) {
                    return;
                }
                if (c.num < 0) {
                    c.reply.error(Errors.INVALID_IDLETIME);
                    return;
                }
                idle = c.num;
                j++;
            } else if (c.argIs(j, FREQ) && more && idle == -1) {
                if (!c.longOrReply(j + 1)) {
                    return;
                }
                if (c.num < 0 || c.num > 255) {
                    c.reply.error(Errors.INVALID_FREQ);
                    return;
                }
                freq = c.num;
                j++;
            } else {
                c.syntaxError();
                return;
            }
        }
        Db db = c.db(1);
        int slot = c.writeKey(db, 1);
        if (!replace && slot >= 0) {
            c.reply.error(Errors.BUSYKEY);
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        long ttl = c.num;
        if (ttl < 0) {
            c.reply.error(Errors.INVALID_TTL);
            return;
        }
        byte[] buf = c.args.buf();
        int off = c.args.off(3);
        int len = c.args.len(3);
        if (!DumpPayload.verify(buf, off, len)) {
            c.reply.error(Errors.DUMP_PAYLOAD_INVALID);
            return;
        }
        RdbValue v = new RdbValue();
        try {
            DumpFamily.CODEC.get().read(buf, off, len, RdbLimits.of(c.engine.options), v);
        } catch (RdbFormatException e) {
            c.reply.error(Errors.BAD_DATA_FORMAT);
            return;
        }
        boolean deleted = false;
        if (replace && slot >= 0) {
            db.delete(slot);
            deleted = true;
        }
        if (ttl != 0 && !absttl) {
            ttl += c.now; // wraps past 2^63 as Redis's long long does: a negative deadline, expired
        }
        if (ttl != 0 && ttl <= c.now) { // checkAlreadyExpired
            if (deleted) {
                c.signalModifiedKey(1);
                c.notify(NotifyFlags.GENERIC, "del", 1);
            }
            c.reply.ok();
            return;
        }
        slot = db.insert(c.args.copy(1), c.hash(1), v.type, v.encoding, c.now);
        Dict d = db.dict();
        d.setValue(slot, v.value);
        d.setNum(slot, v.num);
        d.setExpire(slot, ttl);
        if (idle >= 0) {
            d.setMeta(slot, ObjectType.withLru(d.meta(slot), lruFor(idle, c.now)));
        }
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.GENERIC, "restore", 1);
        c.reply.ok();
    }

    /**
     * objectSetLRUOrLFU's LRU for an idle time in seconds, as redis-server 7.0.15 computes it:
     * the clock minus lru_idle*1000/1000 (which wraps for huge values, as Redis's long long does),
     * plus LRU_CLOCK_MAX when that is negative, kept to the 24 bits of the field. Seen on
     * redis-server: IDLETIME 99999999999 reads back 99999999999 mod 2^24; 9223372036854775807
     * (-1 after the wrap) reads back 16777214.
     */
    static int lruFor(long idleSeconds, long nowMs) {
        long abs = ObjectType.lruClock(nowMs) - idleSeconds * 1000 / 1000;
        if (abs < 0) {
            abs += ObjectType.LRU_MASK;
        }
        return (int) (abs & ObjectType.LRU_MASK);
    }
}
