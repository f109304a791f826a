package io.ringstore.engine.family.bitmaps;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.StringValue;

/**
 * BITOP AND|OR|XOR|NOT destkey key [key ...] (bitopCommand): missing sources are empty strings
 * and shorter ones are zero-padded to the longest; the result is stored raw at destkey, whatever
 * destkey held, without a TTL ("set"), or destkey is deleted when every source is empty ("del").
 * Replies the result's length. Keys on several shards run at a barrier on shard 0, each looked up
 * in its own shard's database ({@link CommandContext#db}); otherwise on the keys' shard.
 */
final class BitOp {
    private static final int AND = 0;
    private static final int OR = 1;
    private static final int XOR = 2;
    private static final int NOT = 3;
    private static final byte[][] NAMES = {{'a', 'n', 'd'}, {'o', 'r'}, {'x', 'o', 'r'}, {'n', 'o', 't'}};

    private BitOp() {
    }

    static void bitop(CommandContext c) {
        int op = 0;
        while (op < NAMES.length && !c.argIs(1, NAMES[op])) {
            op++;
        }
        if (op == NAMES.length) {
            c.syntaxError();
            return;
        }
        int argc = c.args.count();
        if (op == NOT && argc != 4) {
            c.reply.error(Errors.BITOP_NOT_ONE_KEY);
            return;
        }
        int n = argc - 3;
        byte[][] src = new byte[n][];
        int[] len = new int[n];
        int maxLen = 0;
        for (int j = 0; j < n; j++) {
            Db db = c.db(3 + j);
            int slot = c.readKey(db, 3 + j);
            if (slot < 0) {
                continue;
            }
            if (db.type(slot) != ObjectType.STRING) {
                c.wrongType();
                return;
            }
            Dict d = db.dict();
            src[j] = StringValue.isInt(d, slot) ? StringValue.copy(d, slot) : StringValue.view(d, slot, null);
            len[j] = StringValue.length(d, slot);
            maxLen = Math.max(maxLen, len[j]);
        }
        if (maxLen > 0) {
            byte[] res;
            try {
                res = new byte[maxLen];
            } catch (OutOfMemoryError e) {
                c.reply.error(Errors.OOM);
                return;
            }
            compute(op, src, len, res);
            store(c, res);
        } else {
            Db db = c.db(2);
            int slot = c.writeKey(db, 2);
            if (slot >= 0) {
                db.delete(slot);
                c.signalModifiedKey(2);
                c.notify(NotifyFlags.GENERIC, "del", 2);
            }
        }
        c.reply.integer(maxLen);
    }

    /** The result byte by byte, a missing or short source reading as zeros. */
    private static void compute(int op, byte[][] src, int[] len, byte[] res) {
        int n = src.length;
        for (int i = 0; i < res.length; i++) {
            int out = i < len[0] ? src[0][i] : 0;
            if (op == NOT) {
                out = ~out;
            }
            for (int j = 1; j < n; j++) {
                int b = i < len[j] ? src[j][i] : 0;
                if (op == AND) {
                    out &= b;
                } else if (op == OR) {
                    out |= b;
                } else {
                    out ^= b;
                }
            }
            res[i] = (byte) out;
        }
    }

    /** setKey for destkey (argument 2): replaces any value and type, drops the TTL, stays raw. */
    private static void store(CommandContext c, byte[] res) {
        Db db = c.db(2);
        Dict d = db.dict();
        int slot = c.writeKey(db, 2);
        if (slot < 0) {
            slot = db.insert(c.args.copy(2), c.hash(2), ObjectType.STRING, ObjectType.ENC_RAW, c.now);
        }
        StringValue.storeOwned(d, slot, res, ObjectType.ENC_RAW);
        d.setExpire(slot, 0);
        c.signalModifiedKey(2);
        c.notify(NotifyFlags.STRING, "set", 2);
    }
}
