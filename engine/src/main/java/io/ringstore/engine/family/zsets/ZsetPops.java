package io.ringstore.engine.family.zsets;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ZsetValue;

/**
 * ZPOPMIN, ZPOPMAX and ZMPOP (zpopMinMaxCommand, zmpopGenericCommand). {@link #pop} is Redis's
 * genericZpopCommand with its four reply shapes, kept apart from argument parsing so the blocking
 * forms (BZPOPMIN/BZPOPMAX/BZMPOP) can call it when they serve a waiter. Runs on the shard thread
 * owning the keys (shard 0 at a barrier).
 */
public final class ZsetPops {
    private static final byte[] MIN = Replies.b("min");
    private static final byte[] MAX = Replies.b("max");
    private static final byte[] COUNT = Replies.b("count");

    private ZsetPops() {
    }

    static void register(CommandTable t) {
        t.add("zpopmin", -2, "write fast", 1, 1, 1, c -> zpopMinMax(c, true));
        t.add("zpopmax", -2, "write fast", 1, 1, 1, c -> zpopMinMax(c, false));
        t.add("zmpop", -4, "write", 0, 0, 0, ZsetPops::zmpop).keys(NumKeys::atOne);
    }

    /** ZPOPMIN/ZPOPMAX key [count]: RESP3 nests pairs only when a count was given. */
    static void zpopMinMax(CommandContext c, boolean min) {
        if (c.args.count() > 3) {
            c.syntaxError();
            return;
        }
        long count = -1;
        if (c.args.count() == 3) {
            if (!c.parseLong(2) || c.num < 0) {
                c.reply.error(Errors.OUT_OF_RANGE_POSITIVE);
                return;
            }
            count = c.num;
        }
        pop(c, 1, 1, min, false, count, c.reply.resp() > 2 && count != -1, false);
    }

    /** ZMPOP numkeys key... MIN|MAX [COUNT count]. */
    static void zmpop(CommandContext c) {
        int argc = c.args.count();
        if (!c.parseLong(1) || c.num < 1) {
            c.reply.error(Errors.NUMKEYS_NOT_POSITIVE);
            return;
        }
        long numkeys = c.num;
        if (numkeys >= argc - 2) {
            c.syntaxError();
            return;
        }
        int where = 2 + (int) numkeys;
        boolean min;
        if (c.argIs(where, MIN)) {
            min = true;
        } else if (c.argIs(where, MAX)) {
            min = false;
        } else {
            c.syntaxError();
            return;
        }
        long count = -1;
        for (int j = where + 1; j < argc; j++) {
            if (count == -1 && c.argIs(j, COUNT) && j + 1 < argc) {
                j++;
                if (!c.parseLong(j) || c.num < 1) {
                    c.reply.error(Errors.COUNT_NOT_POSITIVE);
                    return;
                }
                count = c.num;
            } else {
                c.syntaxError();
                return;
            }
        }
        pop(c, 2, (int) numkeys, min, true, count == -1 ? 1 : count, true, true);
    }

    /**
     * genericZpopCommand: pops up to {@code count} (-1: one, unnested) members from the first
     * non-empty key of arguments [first, first + keys), WRONGTYPE stopping the search. Shapes: flat
     * pairs (ZPOP* in RESP2, or without count), nested pairs (ZPOP* with count in RESP3), the key
     * then flat pairs (BZPOP*), the key then nested pairs (ZMPOP/BZMPOP). With no candidate: nil
     * array when {@code nilWhenEmpty}, else an empty array. Returns whether a key was popped from.
     */
    public static boolean pop(CommandContext c, int first, int keys, boolean min, boolean emitKey, long count,
            boolean nested, boolean nilWhenEmpty) {
        Db db = null;
        int slot = -1;
        int keyArg = first;
        for (int i = first; i < first + keys; i++) {
            db = c.db(i);
            slot = ZsetFamily.lookup(c, db, i, true);
            if (slot == ZsetFamily.WRONG) {
                return false;
            }
            if (slot >= 0) {
                keyArg = i;
                break;
            }
        }
        if (slot < 0) {
            if (nilWhenEmpty) {
                c.reply.nullArray();
            } else {
                c.reply.raw(Replies.EMPTY_ARRAY);
            }
            return false;
        }
        if (count == 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return false;
        }
        if (count == -1) {
            count = 1;
        }
        ZsetValue z = ZsetFamily.zset(db, slot);
        long n = Math.min(count, z.size());
        if (!nested && !emitKey) {
            c.reply.array(n * 2);
        } else if (nested && !emitKey) {
            c.reply.array(n);
        } else if (!nested) {
            c.reply.array(n * 2 + 1);
            c.reply.bulk(c.args.buf(), c.args.off(keyArg), c.args.len(keyArg));
        } else {
            c.reply.array(2);
            c.reply.bulk(c.args.buf(), c.args.off(keyArg), c.args.len(keyArg));
            c.reply.array(n);
        }
        for (long k = 0; k < n; k++) {
            long rank = min ? 0 : z.size() - 1;
            z.seek(rank);
            if (nested) {
                c.reply.array(2);
            }
            c.reply.bulk(z.memberArray(), z.memberOffset(), z.memberLength());
            ZsetFamily.score(c, z.score());
            z.removeRanks(rank, rank);
        }
        c.notify(NotifyFlags.ZSET, min ? "zpopmin" : "zpopmax", keyArg);
        if (z.isEmpty()) {
            db.delete(slot);
            c.notify(NotifyFlags.GENERIC, "del", keyArg);
        }
        c.signalModifiedKey(keyArg); // served blocked pops too: Redis serves them through genericZpopCommand
        return true;
    }
}
