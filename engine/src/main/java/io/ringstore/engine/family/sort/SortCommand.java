package io.ringstore.engine.family.sort;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.util.Strtod;

/**
 * SORT and SORT_RO (sortCommandGeneric): options first ({@link SortOptions}), then the key, which
 * must be a list, set or sorted set (missing: an empty list). The elements are loaded into a
 * {@link SortVector} ({@link SortInput}), weighted by themselves or by a BY pattern
 * ({@link SortPattern}), ordered ({@link SortOrder}), cut by LIMIT, and replied, each with its GET
 * patterns' values, or stored as a list at the STORE destination ({@link SortStore}). Runs on the
 * shard thread owning the keys, or on shard 0 at a barrier when patterns or the destination reach
 * other shards.
 */
final class SortCommand {
    private static final ThreadLocal<Strtod> STRTOD = ThreadLocal.withInitial(Strtod::new);

    private SortCommand() {
    }

    static void sort(CommandContext c, boolean readonly) {
        SortOptions o = new SortOptions();
        int parsed = o.parse(c.args, readonly);
        if (parsed == SortOptions.NOT_INTEGER) {
            c.reply.raw(Errors.NOT_INTEGER_REPLY);
            return;
        }
        if (parsed == SortOptions.SYNTAX) {
            c.syntaxError();
            return;
        }
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        int type = slot < 0 ? ObjectType.LIST : db.type(slot);
        if (type != ObjectType.LIST && type != ObjectType.SET && type != ObjectType.ZSET) {
            c.wrongType();
            return;
        }
        int sortBy = o.by;
        boolean dontSort = o.dontSort;
        boolean alpha = o.alpha;
        if (dontSort && type == ObjectType.SET && (o.store >= 0 || c.event.fromScript)) {
            dontSort = false; // a set's order must be the same on replicas and in scripts: ALPHA
            alpha = true;
            sortBy = -1;
        }
        if (slot >= 0 && type == ObjectType.ZSET) {
            SortInput.toSkiplist(db, slot); // zsetConvert: destructive, as Redis
        }
        long n = slot < 0 ? 0 : SortInput.size(db, slot);
        long start = Math.min(Math.max(o.limitStart, 0), n);
        long count = Math.min(Math.max(o.limitCount, -1), n);
        long end = count < 0 ? n - 1 : start + count - 1;
        if (start >= n) {
            start = n - 1;
            end = n - 2;
        }
        if (end >= n) {
            end = n - 1;
        }
        SortVector v;
        if (dontSort && type != ObjectType.SET) {
            // lists and sorted sets keep their order: load just the range, in the wanted direction
            long len = end >= start ? end - start + 1 : 0;
            v = new SortVector((int) len);
            if (len > 0) {
                SortInput.range(db, slot, type, start, o.desc, v);
                end -= start;
                start = 0;
            }
        } else {
            v = new SortVector((int) n);
            if (n > 0) {
                SortInput.all(db, slot, type, v);
            }
        }
        SortPattern patterns = new SortPattern(c);
        boolean conversionError = false;
        if (!dontSort) {
            conversionError = weigh(c, v, patterns, sortBy, alpha);
            v.desc = o.desc;
            v.alpha = alpha;
            v.byPattern = sortBy >= 0;
            v.store = o.store >= 0;
            if (sortBy >= 0 && (start != 0 || end != v.size - 1)) {
                SortOrder.partial(v, start, end);
            } else {
                SortOrder.stable(v);
            }
        }
        long outputLen = (o.getCount > 0 ? o.getCount : 1) * (end - start + 1);
        if (conversionError) {
            c.reply.error(Errors.SORT_SCORES);
        } else if (o.store < 0) {
            reply(c, o, v, patterns, (int) start, (int) end, outputLen);
        } else {
            SortStore.store(c, o, v, patterns, (int) start, (int) end, outputLen);
        }
    }

    /**
     * Loads each element's score, or its BY value for ALPHA; an element whose BY key is missing
     * keeps score 0 (and no BY value). Returns whether a value failed strtod: trailing bytes
     * other than a NUL, overflow or underflow (ERANGE), or NaN.
     */
    private static boolean weigh(CommandContext c, SortVector v, SortPattern patterns, int sortBy, boolean alpha) {
        Strtod strtod = STRTOD.get();
        boolean error = false;
        for (int j = 0; j < v.size; j++) {
            byte[] val;
            if (sortBy >= 0) {
                val = patterns.lookup(sortBy, v.obj[j]);
                if (val == null) {
                    continue;
                }
            } else {
                val = v.obj[j];
            }
            if (alpha) {
                if (sortBy >= 0) {
                    v.by[j] = val;
                }
            } else {
                int stop = strtod.parse(val, 0, val.length);
                v.score[j] = strtod.value;
                if ((stop < val.length && val[stop] != 0) || strtod.erange || Double.isNaN(strtod.value)) {
                    error = true;
                }
            }
        }
        return error;
    }

    /** The reply: each element of [start, end] in order, or in its place its GET patterns' values. */
    private static void reply(CommandContext c, SortOptions o, SortVector v, SortPattern patterns, int start, int end,
                              long outputLen) {
        c.reply.array(outputLen);
        for (int j = start; j <= end; j++) {
            byte[] elem = v.at(j);
            if (o.getCount == 0) {
                c.reply.bulk(elem);
            }
            for (int k = 0; k < o.getCount; k++) {
                byte[] val = patterns.lookup(o.gets[k], elem);
                if (val == null) {
                    c.reply.nullBulk();
                } else {
                    c.reply.bulk(val);
                }
            }
        }
    }
}
