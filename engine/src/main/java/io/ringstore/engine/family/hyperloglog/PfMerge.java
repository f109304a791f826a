package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.StringValue;

/**
 * PFMERGE destkey [sourcekey ...] (pfmergeCommand): the register-wise maximum of every key given,
 * destkey included, written into destkey (created as an empty sparse HLL when missing, made
 * dense first when any input was dense, else set register by register through the sparse path,
 * which may promote it). Signals destkey and notifies "pfadd" even when nothing changed. Keys of
 * several shards at a barrier; otherwise on the keys' shard thread.
 */
final class PfMerge {
    private PfMerge() {
    }

    static void pfmerge(CommandContext c) {
        byte[] max = HllCount.get().clearMax();
        boolean useDense = false;
        int argc = c.args.count();
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
            byte[] b = StringValue.view(d, slot, null);
            useDense |= HllLayout.encoding(b) == HllLayout.DENSE;
            if (!HllCount.merge(max, b, StringValue.length(d, slot))) {
                c.reply.error(Errors.HLL_CORRUPTED);
                return;
            }
        }
        Db db = c.db(1);
        Dict d = db.dict();
        int slot = c.writeKey(db, 1);
        if (slot < 0) {
            slot = HllLookup.create(c, db, 1);
        }
        HllBuffer h = HllBuffer.get().load(d, slot);
        if (useDense && !HllSparse.toDense(h)) {
            h.store(d, slot);
            c.reply.error(Errors.HLL_CORRUPTED);
            return;
        }
        long maxBytes = c.engine.options.hllSparseMaxBytes.number();
        for (int j = 0; j < HllLayout.REGISTERS; j++) {
            if (max[j] == 0) {
                continue;
            }
            int enc = HllLayout.encoding(h.b);
            if (enc == HllLayout.DENSE) {
                HllLayout.denseSet(h.b, j, max[j]);
            } else if (enc == HllLayout.SPARSE) {
                HllSparse.set(h, j, max[j], maxBytes);
            }
        }
        HllLayout.invalidateCache(h.b);
        h.store(d, slot);
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.STRING, "pfadd", 1);
        c.reply.raw(Replies.OK);
    }
}
