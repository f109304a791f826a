package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * isHLLObjectOrReply for a found key, and the creation of a fresh HLL (createHLLObject + dbAdd).
 * Stateless; the shard thread that owns the key.
 */
final class HllLookup {
    private HllLookup() {
    }

    /**
     * True when the value at {@code slot} is a string holding a valid HLL header. Otherwise
     * replies WRONGTYPE (Redis's plain text for another type, "Key is not a valid HyperLogLog
     * string value." for a string, int-encoded ones included) and returns false.
     */
    static boolean isHll(CommandContext c, Db db, int slot) {
        if (db.type(slot) != ObjectType.STRING) {
            c.wrongType();
            return false;
        }
        Dict d = db.dict();
        if (StringValue.isInt(d, slot) || !HllLayout.valid(StringValue.view(d, slot, null), StringValue.length(d, slot))) {
            c.reply.error(Errors.HLL_NOT_HLL);
            return false;
        }
        return true;
    }

    /** Adds key argument {@code i} holding an empty sparse HLL (raw); returns its slot. */
    static int create(CommandContext c, Db db, int i) {
        int slot = db.insert(c.args.copy(i), c.hash(i), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
        StringValue.storeOwned(db.dict(), slot, HllLayout.newSparse(), ObjectType.ENC_RAW);
        return slot;
    }
}
