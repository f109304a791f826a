package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.StringValue;

/**
 * PFCOUNT key [key ...] (pfcountCommand). Several keys: the count of their union, computed in a
 * scratch of raw registers, nothing written (missing keys are empty HLLs; keys of several shards
 * at a barrier). One key: the cached cardinality when the header says it is valid, else the
 * count, written back into the header (the key signalled, no event): the value becomes raw
 * either way, as dbUnshareStringValue. Runs on the shard thread that owns the keys.
 */
final class PfCount {
    private PfCount() {
    }

    static void pfcount(CommandContext c) {
        int argc = c.args.count();
        if (argc > 2) {
            union(c, argc);
            return;
        }
        Db db = c.db(1);
        int slot = c.readKey(db, 1);
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        if (!HllLookup.isHll(c, db, slot)) {
            return;
        }
        Dict d = db.dict();
        byte[] b = StringValue.growZero(d, slot, 0); // dbUnshareStringValue: raw, edited in place
        long card;
        if (HllLayout.validCache(b)) {
            card = HllLayout.cachedCard(b);
        } else {
            card = HllCount.get().count(b, StringValue.length(d, slot));
            if (card < 0) {
                c.reply.error(Errors.HLL_CORRUPTED);
                return;
            }
            HllLayout.storeCard(b, card);
            c.signalModifiedKey(1);
        }
        c.reply.integer(card);
    }

    private static void union(CommandContext c, int argc) {
        HllCount counter = HllCount.get();
        byte[] max = counter.clearMax();
        for (int j = 1; j < argc; j++) {
            Db db = c.db(j);
            int slot = c.readKey(db, j);
            if (slot < 0) {
                continue;
            }
            if (!HllLookup.isHll(c, db, slot)) {
                return;
            }
            Dict d = db.dict();
            if (!HllCount.merge(max, StringValue.view(d, slot, null), StringValue.length(d, slot))) {
                c.reply.error(Errors.HLL_CORRUPTED);
                return;
            }
        }
        c.reply.integer(counter.countMax());
    }
}
