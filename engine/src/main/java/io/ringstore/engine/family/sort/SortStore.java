package io.ringstore.engine.family.sort;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;

/**
 * SORT ... STORE destination: the sorted elements (or their GET patterns' values, a missing one
 * stored as an empty string) become a new list at the destination, replacing whatever it held and
 * its TTL (setKey: signalled, then "sortstore"); an empty result deletes the destination instead
 * ("del", signalled only when a key was there). Both are notified before the reply, the count of
 * stored elements. Runs where SORT runs.
 */
final class SortStore {
    private static final byte[] EMPTY = new byte[0];

    private SortStore() {
    }

    static void store(CommandContext c, SortOptions o, SortVector v, SortPattern patterns, int start, int end,
                      long outputLen) {
        int dst = o.store;
        ListValue list = null;
        if (outputLen > 0) {
            list = new ListValue(c.engine.options.listMaxListpackSize.number());
            for (int j = start; j <= end; j++) {
                byte[] elem = v.at(j);
                if (o.getCount == 0) {
                    list.push(elem, false);
                }
                for (int k = 0; k < o.getCount; k++) {
                    byte[] val = patterns.lookup(o.gets[k], elem);
                    list.push(val == null ? EMPTY : val, false);
                }
            }
        }
        Db db = c.db(dst);
        int slot = c.writeKey(db, dst);
        if (slot >= 0) {
            db.delete(slot);
        }
        if (list != null) {
            int at = slot >= 0
                    ? db.reinsert(c.args.copy(dst), c.hash(dst), ObjectType.LIST, ObjectType.ENC_QUICKLIST, c.now)
                    : db.insert(c.args.copy(dst), c.hash(dst), ObjectType.LIST, ObjectType.ENC_QUICKLIST, c.now);
            db.dict().setValue(at, list);
            c.signalModifiedKey(dst);
            c.notify(NotifyFlags.LIST, "sortstore", dst);
        } else if (slot >= 0) {
            c.signalModifiedKey(dst);
            c.notify(NotifyFlags.GENERIC, "del", dst);
        }
        c.reply.integer(outputLen);
    }
}
