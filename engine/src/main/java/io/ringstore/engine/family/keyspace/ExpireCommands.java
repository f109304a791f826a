package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.family.shared.ExpireArgs;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;

/**
 * EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX/XX/GT/LT; TTL, PTTL, EXPIRETIME, PEXPIRETIME; PERSIST
 * (Redis's expire.c). Relative times are turned into absolute deadlines from the event's ingress
 * time, so a replay sets the same deadline (invariant 3). A deadline at or before that time deletes
 * the key at once, as Redis does on a master. Runs on the shard thread that owns the key.
 */
final class ExpireCommands {
    static final int SECONDS = 0;
    static final int MS = 1;

    static final int NX = 1;
    static final int XX = 2;
    static final int GT = 4;
    static final int LT = 8;
    /** Returned by {@link #parseFlags} after it replied with an error. */
    static final int FLAGS_ERROR = -1;

    private static final byte[] NX_ARG = Replies.b("nx");
    private static final byte[] XX_ARG = Replies.b("xx");
    private static final byte[] GT_ARG = Replies.b("gt");
    private static final byte[] LT_ARG = Replies.b("lt");

    static final int NOT_SET = 0;
    static final int SET = 1;
    static final int DELETED = 2;

    private ExpireCommands() {
    }

    /**
     * EXPIRE-family handler: parses the flags (first, as Redis does), then the time, checks for
     * overflow with Redis's error text, then runs the shard op. Replies 1 when the deadline was set
     * or the key deleted, 0 when the key is missing or a flag condition failed.
     */
    static void expire(CommandContext c, int unit, boolean absolute, String command) {
        int flags = parseFlags(c);
        if (flags == FLAGS_ERROR) {
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        long when = c.num;
        if (unit == SECONDS) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                c.reply.error(ExpireArgs.invalid(command));
                return;
            }
            when *= 1000;
        }
        long base = absolute ? 0 : c.now;
        if (when > Long.MAX_VALUE - base) {
            c.reply.error(ExpireArgs.invalid(command));
            return;
        }
        when += base;
        c.reply.raw(opExpire(c, when, flags) == NOT_SET ? Replies.ZERO : Replies.ONE);
    }

    /** NX/XX/GT/LT from argument 3 on (parseExtendedExpireArgumentsOrReply), or FLAGS_ERROR. */
    static int parseFlags(CommandContext c) {
        int flags = 0;
        for (int i = 3; i < c.args.count(); i++) {
            if (c.argIs(i, NX_ARG)) {
                flags |= NX;
            } else if (c.argIs(i, XX_ARG)) {
                flags |= XX;
            } else if (c.argIs(i, GT_ARG)) {
                flags |= GT;
            } else if (c.argIs(i, LT_ARG)) {
                flags |= LT;
            } else {
                c.reply.error("ERR Unsupported option " + c.args.string(i));
                return FLAGS_ERROR;
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            c.reply.error(Errors.EXPIRE_NX_AND_XX_GT_LT);
            return FLAGS_ERROR;
        }
        if ((flags & GT) != 0 && (flags & LT) != 0) {
            c.reply.error(Errors.EXPIRE_GT_AND_LT);
            return FLAGS_ERROR;
        }
        return flags;
    }

    /**
     * The expire shard op: sets the absolute deadline {@code whenMs} on key argument 1 under the
     * flag conditions (no deadline counts as infinite: GT never passes, LT always does), or deletes
     * the key when the deadline is not after the event's time. Returns NOT_SET, SET or DELETED.
     */
    static int opExpire(CommandContext c, long whenMs, int flags) {
        Db db = c.db(1);
        int slot = c.writeKey(db, 1);
        if (slot < 0) {
            return NOT_SET;
        }
        Dict d = db.dict();
        long current = d.expire(slot);
        boolean hasTtl = current != 0;
        if ((flags & NX) != 0 && hasTtl) {
            return NOT_SET;
        }
        if ((flags & XX) != 0 && !hasTtl) {
            return NOT_SET;
        }
        if ((flags & GT) != 0 && (!hasTtl || whenMs <= current)) {
            return NOT_SET;
        }
        if ((flags & LT) != 0 && hasTtl && whenMs >= current) {
            return NOT_SET;
        }
        if (whenMs <= c.now) { // plain compare: whenMs may be far negative, a difference could overflow
            db.delete(slot);
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.GENERIC, "del", 1);
            return DELETED;
        }
        d.setExpire(slot, whenMs);
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.GENERIC, "expire", 1);
        return SET;
    }

    /**
     * TTL, PTTL, EXPIRETIME, PEXPIRETIME (ttlGenericCommand): -2 for a missing key, -1 for a key
     * without deadline, else the remaining time or the absolute deadline, in seconds rounded to the
     * nearest (Redis's (ms+500)/1000, computed here without overflow) or in ms.
     */
    static void ttl(CommandContext c, boolean ms, boolean absolute) {
        Db db = c.db(1);
        int slot = KeyFamily.readNoTouch(c, db, 1);
        if (slot < 0) {
            c.reply.raw(Replies.MINUS_TWO);
            return;
        }
        long deadline = db.dict().expire(slot);
        if (deadline == 0) {
            c.reply.raw(Replies.MINUS_ONE);
            return;
        }
        long t = absolute ? deadline : Math.max(0, deadline - c.now);
        c.reply.integer(ms ? t : t / 1000 + (t % 1000 + 500) / 1000);
    }

    /** PERSIST key: 1 if a deadline was removed, 0 if the key is missing or has none. */
    static void persist(CommandContext c) {
        Db db = c.db(1);
        int slot = c.writeKey(db, 1);
        if (slot < 0 || db.dict().expire(slot) == 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        db.dict().setExpire(slot, 0);
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.GENERIC, "persist", 1);
        c.reply.raw(Replies.ONE);
    }
}
