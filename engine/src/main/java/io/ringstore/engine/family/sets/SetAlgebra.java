package io.ringstore.engine.family.sets;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.SetValue;

import java.util.Arrays;
import java.util.Comparator;

/**
 * SMEMBERS, SINTER, SINTERCARD, SINTERSTORE, SUNION(STORE), SDIFF(STORE): Redis 7.0.15's
 * sinterGenericCommand and sunionDiffGenericCommand. Every key is looked up (and type-checked)
 * before any work, so WRONGTYPE wins over a missing key wherever it stands. Results are built
 * with {@link SetValue#add}, so a stored result's encoding follows setTypeAdd as in Redis (intset
 * while all members are integers). A STORE with an empty result deletes the destination. Runs on
 * the shard thread owning the keys, or shard 0 at a barrier.
 */
final class SetAlgebra {
    private static final byte[] LIMIT = Replies.b("limit");

    private SetAlgebra() {
    }

    /**
     * The sets of key arguments [from, to): null entries for missing keys; null after WRONGTYPE.
     * Read lookups for the STORE forms too, as 7.0.15 (a missing source counts a keyspace miss
     * and raises {@code keymiss}).
     */
    private static SetValue[] sets(CommandContext c, int from, int to) {
        SetValue[] sets = new SetValue[to - from];
        for (int i = from; i < to; i++) {
            Db db = c.db(i);
            int slot = SetFamily.lookup(c, db, i, false);
            if (slot == SetFamily.WRONG) {
                return null;
            }
            sets[i - from] = slot < 0 ? null : SetFamily.set(db, slot);
        }
        return sets;
    }

    /**
     * SINTER/SMEMBERS (keys [from, to)), SINTERSTORE (dst = 1) and SINTERCARD (cardinalityOnly,
     * stopping at {@code limit} when positive).
     */
    static void inter(CommandContext c, int from, int to, int dst, boolean cardinalityOnly, long limit) {
        SetValue[] sets = sets(c, from, to);
        if (sets == null) {
            return;
        }
        boolean empty = false;
        for (SetValue s : sets) {
            empty |= s == null;
        }
        if (empty) {
            if (dst > 0) {
                if (deleteKey(c, dst)) {
                    c.signalModifiedKey(dst);
                    c.notify(NotifyFlags.GENERIC, "del", dst);
                }
                c.reply.raw(Replies.ZERO);
            } else if (cardinalityOnly) {
                c.reply.raw(Replies.ZERO);
            } else {
                c.reply.set(0);
            }
            return;
        }
        if (sets.length == 1 && dst < 0 && !cardinalityOnly && sets[0].intsetWidth() > 0) {
            // SMEMBERS (or SINTER of one key) on an intset: its values written as digits, ascending
            SetValue s = sets[0];
            int n = (int) s.size();
            c.reply.set(n);
            for (int i = 0; i < n; i++) {
                c.reply.bulkLong(s.intAt(i));
            }
            return;
        }
        Arrays.sort(sets, Comparator.comparingLong(SetValue::size));
        byte[][] first = sets[0].toArray();
        long max = SetFamily.maxIntset(c);
        SetValue result = dst > 0 ? new SetValue() : null;
        int kept = 0;
        for (byte[] m : first) {
            boolean all = true;
            for (int k = 1; k < sets.length && all; k++) {
                all = sets[k] == sets[0] || sets[k].contains(m);
            }
            if (!all) {
                continue;
            }
            if (result != null) {
                result.add(m, max);
            }
            first[kept++] = m;
            if (cardinalityOnly && limit > 0 && kept >= limit) {
                break;
            }
        }
        if (cardinalityOnly) {
            c.reply.integer(kept);
        } else if (result != null) {
            store(c, dst, result, "sinterstore");
        } else {
            c.reply.set(kept);
            for (int k = 0; k < kept; k++) {
                c.reply.bulk(first[k]);
            }
        }
    }

    /** SINTERCARD numkeys key... [LIMIT limit] (sinterCardCommand). */
    static void sintercard(CommandContext c) {
        int argc = c.args.count();
        if (!c.parseLong(1) || c.num < 1) {
            c.reply.error(Errors.NUMKEYS_NOT_POSITIVE);
            return;
        }
        long numkeys = c.num;
        if (numkeys > argc - 2) {
            c.reply.error(Errors.NUMKEYS_OVER_ARGS);
            return;
        }
        long limit = 0;
        for (int j = 2 + (int) numkeys; j < argc; j++) {
            if (c.argIs(j, LIMIT) && j + 1 < argc) {
                j++;
                if (!c.parseLong(j) || c.num < 0) {
                    c.reply.error(Errors.LIMIT_NEGATIVE);
                    return;
                }
                limit = c.num;
            } else {
                c.syntaxError();
                return;
            }
        }
        inter(c, 2, 2 + (int) numkeys, -1, true, limit);
    }

    /** SUNION/SDIFF (keys from {@code from} on) and their STORE forms (dst = 1). */
    static void unionDiff(CommandContext c, int from, int dst, boolean diff) {
        SetValue[] sets = sets(c, from, c.args.count());
        if (sets == null) {
            return;
        }
        long max = SetFamily.maxIntset(c);
        SetValue result = new SetValue();
        if (!diff) {
            for (SetValue s : sets) {
                if (s != null) {
                    s.forEach(m -> result.add(m, max));
                }
            }
        } else if (sets[0] != null) {
            diffInto(sets, result, max);
        }
        if (dst > 0) {
            store(c, dst, result, diff ? "sdiffstore" : "sunionstore");
            return;
        }
        c.reply.set(result.size());
        result.forEach(c.reply::bulk);
    }

    /**
     * SDIFF with Redis's choice of algorithm, which decides a stored result's encoding: (1) keep
     * the members of the first set found in no other, or (2) copy the first set and remove the
     * others' members, stopping when empty.
     */
    private static void diffInto(SetValue[] sets, SetValue result, long max) {
        long one = 0;
        long two = 0;
        for (SetValue s : sets) {
            if (s != null) {
                one += sets[0].size();
                two += s.size();
            }
        }
        one /= 2;
        if (one <= two) {
            sets[0].forEach(m -> {
                for (int k = 1; k < sets.length; k++) {
                    if (sets[k] != null && (sets[k] == sets[0] || sets[k].contains(m))) {
                        return;
                    }
                }
                result.add(m, max);
            });
            return;
        }
        sets[0].forEach(m -> result.add(m, max));
        for (int k = 1; k < sets.length && !result.isEmpty(); k++) {
            if (sets[k] != null) {
                for (byte[] m : sets[k].toArray()) {
                    result.remove(m);
                }
            }
        }
    }

    /**
     * Replaces key argument {@code dst} with {@code result} (no TTL), or deletes it when empty.
     * Signals the key as Redis does: always after a store (setKey), after an empty result only
     * when a key was there to delete. Notifies {@code event} after the reply, or {@code del} when
     * the empty result removed the key.
     */
    private static void store(CommandContext c, int dst, SetValue result, String event) {
        boolean deleted = deleteKey(c, dst);
        if (!result.isEmpty()) {
            SetFamily.insert(c, c.db(dst), dst, result, deleted);
        }
        if (deleted || !result.isEmpty()) {
            c.signalModifiedKey(dst);
        }
        c.reply.integer(result.size());
        if (!result.isEmpty()) {
            c.notify(NotifyFlags.SET, event, dst);
        } else if (deleted) {
            c.notify(NotifyFlags.GENERIC, "del", dst);
        }
    }

    /** Deletes key argument {@code i}; whether it existed. */
    private static boolean deleteKey(CommandContext c, int i) {
        Db db = c.db(i);
        int slot = c.writeKey(db, i);
        if (slot >= 0) {
            db.delete(slot);
            return true;
        }
        return false;
    }
}
