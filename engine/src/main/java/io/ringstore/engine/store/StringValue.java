package io.ringstore.engine.store;

import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.util.Numbers;

import java.util.Arrays;

/**
 * How a string value sits in a {@link Dict} slot, with Redis's encodings: "int" (the long in the
 * slot's num field, no bytes), "embstr" (up to 44 bytes) or "raw" (longer, or modified in place by
 * APPEND/SETRANGE). Shard-thread only, like the dict.
 */
public final class StringValue {

    private StringValue() {
    }

    /**
     * Stores bytes copied from {@code src} with Redis's tryObjectEncoding choice: int when the text
     * is a canonical long of at most 20 chars, else embstr/raw by length. Keeps type STRING and the LRU.
     */
    public static void store(Dict d, int slot, byte[] src, int off, int len, long[] scratch) {
        int meta = d.meta(slot);
        if (len <= 20 && Numbers.parseLong(src, off, len, scratch)) {
            d.setValue(slot, null);
            d.setNum(slot, scratch[0]);
            d.setMeta(slot, ObjectType.meta(ObjectType.STRING, ObjectType.ENC_INT, ObjectType.lru(meta)));
            return;
        }
        Object old = d.value(slot);
        byte[] b;
        if (old instanceof byte[] && ((byte[]) old).length == len && ObjectType.type(meta) == ObjectType.STRING) {
            b = (byte[]) old; // same size: overwrite in place, no allocation
        } else {
            b = new byte[len];
        }
        System.arraycopy(src, off, b, 0, len);
        d.setValue(slot, b);
        d.setNum(slot, 0);
        int enc = len <= ObjectType.EMBSTR_LIMIT ? ObjectType.ENC_EMBSTR : ObjectType.ENC_RAW;
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, enc, ObjectType.lru(meta)));
    }

    /** Stores an integer value (INCR family): "int" encoding, no bytes. */
    public static void storeLong(Dict d, int slot, long v) {
        d.setValue(slot, null);
        d.setNum(slot, v);
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, ObjectType.ENC_INT, ObjectType.lru(d.meta(slot))));
    }

    /** Stores bytes the caller hands over, with an explicit encoding (raw after APPEND/SETRANGE). */
    public static void storeOwned(Dict d, int slot, byte[] owned, int encoding) {
        d.setValue(slot, owned);
        d.setNum(slot, 0);
        d.setMeta(slot, ObjectType.meta(ObjectType.STRING, encoding, ObjectType.lru(d.meta(slot))));
    }

    public static boolean isInt(Dict d, int slot) {
        return ObjectType.encoding(d.meta(slot)) == ObjectType.ENC_INT;
    }

    public static int length(Dict d, int slot) {
        if (isInt(d, slot)) {
            return Numbers.longLength(d.num(slot));
        }
        return ((byte[]) d.value(slot)).length;
    }

    /** Writes the value as a bulk string reply without allocating. */
    public static void reply(ReplyBuffer r, Dict d, int slot) {
        if (isInt(d, slot)) {
            r.bulkLong(d.num(slot));
        } else {
            r.bulk((byte[]) d.value(slot));
        }
    }

    /** The value's bytes (a new array for int encoding; the stored array otherwise: do not modify). */
    public static byte[] bytes(Dict d, int slot) {
        if (isInt(d, slot)) {
            return Numbers.toBytes(d.num(slot));
        }
        return (byte[]) d.value(slot);
    }

    /** A private copy of the value's bytes, for COPY and RENAME across databases. */
    public static byte[] copy(Dict d, int slot) {
        byte[] b = bytes(d, slot);
        return isInt(d, slot) ? b : Arrays.copyOf(b, b.length);
    }

}
