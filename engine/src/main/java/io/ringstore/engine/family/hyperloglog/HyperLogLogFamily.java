package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;

/**
 * HyperLogLog commands (Redis's hyperloglog.c): the command rows, and PFADD itself. An HLL is a
 * string value in Redis 7.0's layout ({@link HllLayout}), so GET, SET, DUMP and replication see
 * the same bytes as redis-server. Sparse edits live in {@link HllSparse}, the estimator in
 * {@link HllCount}, PFCOUNT in {@link PfCount}, PFMERGE in {@link PfMerge}, the debugging
 * commands in {@link PfDebug} and {@link PfSelfTest}. Runs on the shard thread that owns the key
 * (PFCOUNT and PFMERGE over keys of several shards at a barrier).
 */
public final class HyperLogLogFamily {
    private HyperLogLogFamily() {
    }

    public static void register(CommandTable t) {
        t.group("hyperloglog");
        t.add("pfadd", -2, "write denyoom fast", 1, 1, 1, HyperLogLogFamily::pfadd)
                .doc("2.8.9", "Adds the specified elements to the specified HyperLogLog.", "O(1) to add every element.");
        // Read-only in Redis, yet it writes the cached cardinality back: journaled so replay does too.
        t.add("pfcount", -2, "readonly journal", 1, -1, 1, PfCount::pfcount)
                .doc("2.8.9", "Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).",
                        "O(1) with a very small average constant time when called with a single key. O(N) with N"
                                + " being the number of keys, and much bigger constant times, when called with multiple"
                                + " keys.");
        t.add("pfmerge", -2, "write denyoom", 1, -1, 1, PfMerge::pfmerge)
                .doc("2.8.9", "Merge N different HyperLogLogs into a single one.",
                        "O(N) to merge N HyperLogLogs, but with high constant times.");
        t.add("pfselftest", 1, "admin", 0, 0, 0, PfSelfTest::pfselftest)
                .doc("2.8.9", "An internal command for testing HyperLogLog values", "N/A");
        t.add("pfdebug", 3, "write denyoom admin", 2, 2, 1, PfDebug::pfdebug)
                .doc("2.8.9", "Internal commands for debugging HyperLogLog values", "N/A");
    }

    /**
     * PFADD key [element ...]: creates the key as an empty sparse HLL when missing (which counts
     * as an update even with no element), then raises each element's register. Replies 1 when
     * the key was created or a register changed, then signals, notifies "pfadd" and invalidates
     * the cached cardinality; 0 otherwise. A corrupt sparse value replies INVALIDOBJ, keeping
     * the registers the earlier elements raised (as Redis edits in place).
     */
    static void pfadd(CommandContext c) {
        Db db = c.db(1);
        Dict d = db.dict();
        int slot = c.writeKey(db, 1);
        int updated = 0;
        if (slot < 0) {
            slot = HllLookup.create(c, db, 1);
            updated++;
        } else if (!HllLookup.isHll(c, db, slot)) {
            return;
        }
        HllBuffer h = HllBuffer.get().load(d, slot);
        long maxBytes = c.engine.options.hllSparseMaxBytes.number();
        byte[] args = c.args.buf();
        int argc = c.args.count();
        for (int j = 2; j < argc; j++) {
            int r = add(h, MurmurHash64A.patLen(args, c.args.off(j), c.args.len(j)), maxBytes);
            if (r < 0) {
                h.store(d, slot);
                c.reply.error(Errors.HLL_CORRUPTED);
                return;
            }
            updated += r;
        }
        if (updated > 0) {
            HllLayout.invalidateCache(h.b);
        }
        h.store(d, slot);
        if (updated > 0) {
            c.signalModifiedKey(1);
            c.notify(NotifyFlags.STRING, "pfadd", 1);
        }
        c.reply.raw(updated > 0 ? Replies.ONE : Replies.ZERO);
    }

    /** hllAdd: an element's register raised in the value's encoding; 1 changed, 0 not, -1 corrupt. */
    static int add(HllBuffer h, long pat, long maxBytes) {
        int enc = HllLayout.encoding(h.b);
        if (enc == HllLayout.DENSE) {
            return HllLayout.denseSet(h.b, MurmurHash64A.index(pat), MurmurHash64A.count(pat));
        }
        if (enc == HllLayout.SPARSE) {
            return HllSparse.set(h, MurmurHash64A.index(pat), MurmurHash64A.count(pat), maxBytes);
        }
        return -1;
    }
}
