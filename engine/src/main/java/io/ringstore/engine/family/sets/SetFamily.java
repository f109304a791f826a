package io.ringstore.engine.family.sets;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.SetValue;

/**
 * Set commands (Redis 7.0.15's t_set.c): the rows, single-key reads and writes, SMOVE, SPOP and
 * SRANDMEMBER. The multi-key algebra (SINTER/SUNION/SDIFF and their STORE and CARD forms) lives in
 * {@link SetAlgebra}, SSCAN in {@link SetScan}. Every key's database comes from
 * {@link CommandContext#db(int)}, so the same code runs on one shard or at a barrier across shards.
 * An emptied set is deleted. Runs on the shard thread owning the keys (shard 0 at a barrier).
 */
public final class SetFamily {
    /** {@link #lookup} result after it replied WRONGTYPE. */
    static final int WRONG = CommandContext.WRONG_TYPE;

    private SetFamily() {
    }

    public static void register(CommandTable t) {
        t.group("set");
        t.add("sadd", -3, "write denyoom fast", 1, 1, 1, SetFamily::sadd);
        t.add("srem", -3, "write fast", 1, 1, 1, SetFamily::srem);
        t.add("scard", 2, "readonly fast", 1, 1, 1, SetFamily::scard);
        t.add("sismember", 3, "readonly fast", 1, 1, 1, SetFamily::sismember);
        t.add("smismember", -3, "readonly fast", 1, 1, 1, SetFamily::smismember);
        t.add("smembers", 2, "readonly", 1, 1, 1, c -> SetAlgebra.inter(c, 1, 2, -1, false, 0))
                .tips("nondeterministic_output_order");
        t.add("srandmember", -2, "readonly", 1, 1, 1, SetFamily::srandmember)
                .tips("nondeterministic_output");
        t.add("spop", -2, "write fast", 1, 1, 1, SetFamily::spop)
                .tips("nondeterministic_output");
        t.add("smove", 4, "write fast", 1, 2, 1, SetFamily::smove);
        t.add("sinter", -2, "readonly", 1, -1, 1, c -> SetAlgebra.inter(c, 1, c.args.count(), -1, false, 0))
                .tips("nondeterministic_output_order");
        t.add("sintercard", -3, "readonly", 0, 0, 0, SetAlgebra::sintercard).keys(NumKeys::atOne);
        t.add("sinterstore", -3, "write denyoom", 1, -1, 1, c -> SetAlgebra.inter(c, 2, c.args.count(), 1, false, 0));
        t.add("sunion", -2, "readonly", 1, -1, 1, c -> SetAlgebra.unionDiff(c, 1, -1, false))
                .tips("nondeterministic_output_order");
        t.add("sunionstore", -3, "write denyoom", 1, -1, 1, c -> SetAlgebra.unionDiff(c, 2, 1, false));
        t.add("sdiff", -2, "readonly", 1, -1, 1, c -> SetAlgebra.unionDiff(c, 1, -1, true))
                .tips("nondeterministic_output_order");
        t.add("sdiffstore", -3, "write denyoom", 1, -1, 1, c -> SetAlgebra.unionDiff(c, 2, 1, true));
        t.add("sscan", -3, "readonly", 1, 1, 1, SetScan::sscan)
                .tips("nondeterministic_output");
    }

    /**
     * Looks up key argument {@code i} of {@code db} for a set command: the slot, -1 when missing, or
     * {@link #WRONG} after replying WRONGTYPE.
     */
    static int lookup(CommandContext c, Db db, int i, boolean write) {
        return c.typedKey(db, i, ObjectType.SET, write);
    }

    static SetValue set(Db db, int slot) {
        return (SetValue) db.dict().value(slot);
    }

    static long maxIntset(CommandContext c) {
        return c.engine.options.setMaxIntsetEntries.number();
    }

    /** Stores {@code s} at key argument {@code i} (absent: the caller looked it up) and returns its slot. */
    static int insert(CommandContext c, Db db, int i, SetValue s) {
        return insert(c, db, i, s, false);
    }

    /** {@link #insert}; {@code replacing} when the command just deleted the key (an overwrite: no {@code new} event). */
    static int insert(CommandContext c, Db db, int i, SetValue s, boolean replacing) {
        int slot = replacing
                ? db.reinsert(c.args.copy(i), c.hash(i), ObjectType.SET, s.encoding(), c.now)
                : db.insert(c.args.copy(i), c.hash(i), ObjectType.SET, s.encoding(), c.now);
        db.dict().setValue(slot, s);
        return slot;
    }

    /** Brings the key's meta encoding up to date after adds that may have converted the set. */
    static void syncEncoding(Db db, int slot, SetValue s) {
        db.dict().setMeta(slot, ObjectType.withEncoding(db.dict().meta(slot), s.encoding()));
    }

    /** A new set for a first member, as setTypeCreate: intset when the member is an integer. */
    static SetValue createFor(CommandContext c, byte[] first) {
        return SetValue.isInteger(first, c.scratchLong()) ? new SetValue() : SetValue.hashtable();
    }

    /** SADD key member...: how many were new. */
    static void sadd(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        SetValue s;
        if (slot < 0) {
            s = createFor(c, c.args.copy(2));
            slot = insert(c, db, 1, s);
        } else {
            s = set(db, slot);
        }
        long max = maxIntset(c);
        long added = 0;
        for (int i = 2; i < c.args.count(); i++) {
            if (s.add(c.args.buf(), c.args.off(i), c.args.len(i), max)) {
                added++;
            }
        }
        syncEncoding(db, slot, s);
        if (added > 0) {
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.SET, "sadd", 1);
        }
        c.reply.integer(added);
    }

    /** SREM key member...: how many were removed; an emptied set is deleted. */
    static void srem(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        SetValue s = set(db, slot);
        long removed = 0;
        for (int i = 2; i < c.args.count() && !s.isEmpty(); i++) {
            if (s.remove(c.args.buf(), c.args.off(i), c.args.len(i))) {
                removed++;
            }
        }
        boolean deleted = s.isEmpty();
        if (deleted) {
            db.delete(slot);
        }
        if (removed > 0) {
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.SET, "srem", 1);
            if (deleted) {
                c.notify(NotifyFlags.GENERIC, "del", 1);
            }
        }
        c.reply.integer(removed);
    }

    static void scard(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        c.reply.integer(slot < 0 ? 0 : set(db, slot).size());
    }

    static void sismember(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        boolean in = slot >= 0 && set(db, slot).contains(c.args.buf(), c.args.off(2), c.args.len(2));
        c.reply.raw(in ? Replies.ONE : Replies.ZERO);
    }

    static void smismember(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        SetValue s = slot < 0 ? null : set(db, slot);
        c.reply.array(c.args.count() - 2);
        for (int i = 2; i < c.args.count(); i++) {
            boolean in = s != null && s.contains(c.args.buf(), c.args.off(i), c.args.len(i));
            c.reply.raw(in ? Replies.ONE : Replies.ZERO);
        }
    }

    /**
     * SMOVE source destination member (smoveCommand): a missing source replies 0 before the
     * destination's type is checked; source equal to destination only tests membership. The source
     * is deleted when emptied before the destination is looked up again (a delete shifts slots).
     */
    static void smove(CommandContext c) {
        Db sdb = c.db(1);
        Db ddb = c.db(2);
        int s = c.writeKey(sdb, 1);
        int d = c.writeKey(ddb, 2);
        if (s < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        if (sdb == ddb) {
            s = c.peekKey(sdb, 1); // the destination's lookup may have expired a key and shifted slots
        }
        if (sdb.type(s) != ObjectType.SET || (d >= 0 && ddb.type(d) != ObjectType.SET)) {
            c.wrongType();
            return;
        }
        SetValue src = set(sdb, s);
        if (sdb == ddb && s == d) {
            boolean in = src.contains(c.args.buf(), c.args.off(3), c.args.len(3));
            c.reply.raw(in ? Replies.ONE : Replies.ZERO);
            return;
        }
        if (!src.remove(c.args.buf(), c.args.off(3), c.args.len(3))) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        c.notify(NotifyFlags.SET, "srem", 1);
        if (src.isEmpty()) {
            sdb.delete(s);
            c.notify(NotifyFlags.GENERIC, "del", 1);
        }
        byte[] m = c.args.copy(3);
        d = c.writeKey(ddb, 2);
        SetValue dst;
        if (d < 0) {
            dst = createFor(c, m);
            d = insert(c, ddb, 2, dst);
        } else {
            dst = set(ddb, d);
        }
        c.signalModifiedKey(1);
        if (dst.add(m, maxIntset(c))) {
            c.signalModifiedKey(2); // only when the member is new there, as smoveCommand
            c.notify(NotifyFlags.SET, "sadd", 2);
        }
        syncEncoding(ddb, d, dst);
        c.reply.raw(Replies.ONE);
    }

    /** SPOP key [count] (spopCommand / spopWithCountCommand). */
    static void spop(CommandContext c) {
        int argc = c.args.count();
        if (argc > 3) {
            c.syntaxError();
            return;
        }
        if (argc == 3) {
            spopCount(c);
            return;
        }
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.nullBulk();
            return;
        }
        SetValue s = set(db, slot);
        byte[] popped = s.pop(c.nextRandom());
        c.notify(NotifyFlags.SET, "spop", 1);
        c.reply.bulk(popped);
        if (s.isEmpty()) {
            db.delete(slot);
            c.notify(NotifyFlags.GENERIC, "del", 1);
        }
        c.signalModifiedKey(1);
    }

    private static void spopCount(CommandContext c) {
        if (!c.parseLong(2) || c.num < 0) {
            c.reply.error(Errors.OUT_OF_RANGE_POSITIVE);
            return;
        }
        long count = c.num;
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0 || count == 0) {
            c.reply.set(0);
            return;
        }
        SetValue s = set(db, slot);
        c.notify(NotifyFlags.SET, "spop", 1);
        if (count >= s.size()) {
            byte[][] all = s.toArray();
            db.delete(slot);
            c.signalModifiedKey(1);
            c.reply.set(all.length);
            for (byte[] m : all) {
                c.reply.bulk(m);
            }
            c.notify(NotifyFlags.GENERIC, "del", 1);
            return;
        }
        c.reply.set(count);
        for (long k = 0; k < count; k++) {
            c.reply.bulk(s.pop(c.nextRandom()));
        }
        c.signalModifiedKey(1);
    }

    /** Replies the member {@link SetValue#random} picks; an intset's is written from its value, no copy. */
    private static void randomMember(CommandContext c, SetValue s, long random) {
        if (s.intsetWidth() > 0) {
            c.reply.bulkLong(s.intAt((int) Long.remainderUnsigned(random, s.size())));
        } else {
            c.reply.bulk(s.random(random));
        }
    }

    /** SRANDMEMBER key [count] (srandmemberCommand / srandmemberWithCountCommand). */
    static void srandmember(CommandContext c) {
        int argc = c.args.count();
        if (argc > 3) {
            c.syntaxError();
            return;
        }
        if (argc == 2) {
            Db db = c.db(1);
            int slot = lookup(c, db, 1, false);
            if (slot == WRONG) {
                return;
            }
            if (slot < 0) {
                c.reply.nullBulk();
            } else {
                randomMember(c, set(db, slot), c.nextRandom());
            }
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        if (c.num == Long.MIN_VALUE) {
            c.reply.error(Errors.LONG_RANGE);
            return;
        }
        boolean unique = c.num >= 0;
        long count = Math.abs(c.num);
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0 || count == 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        SetValue s = set(db, slot);
        if (!unique || count == 1) {
            c.reply.array(count);
            for (long k = 0; k < count; k++) {
                randomMember(c, s, c.nextRandom());
            }
            return;
        }
        byte[][] all = s.toArray();
        int n = (int) Math.min(count, all.length);
        // partial Fisher-Yates: the first n entries become n distinct random members
        if (n < all.length) {
            for (int k = 0; k < n; k++) {
                int j = k + (int) Long.remainderUnsigned(c.nextRandom(), all.length - k);
                byte[] t = all[k];
                all[k] = all[j];
                all[j] = t;
            }
        }
        c.reply.array(n);
        for (int k = 0; k < n; k++) {
            c.reply.bulk(all[k]);
        }
    }
}
