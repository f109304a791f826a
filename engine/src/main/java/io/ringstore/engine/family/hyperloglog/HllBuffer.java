package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.StringValue;

import java.util.Arrays;

/**
 * The HLL string being edited, as Redis's sds: {@link #b} holds the value in its first
 * {@link #len} bytes, zeros after them (the sds terminator and spare). Loaded from a dict slot
 * (which makes the value raw, as dbUnshareStringValue) and stored back after the edit. One per
 * shard thread ({@link #get}), reused by every command on it.
 */
final class HllBuffer {
    private static final ThreadLocal<HllBuffer> BUFFER = ThreadLocal.withInitial(HllBuffer::new);

    byte[] b;
    int len;
    /** hllSparseSet's scratch for an opcode split (at most XZERO-VAL-XZERO: 5 bytes). */
    final byte[] seq = new byte[5];

    static HllBuffer get() {
        return BUFFER.get();
    }

    /** dbUnshareStringValue, then takes the stored array to edit in place. */
    HllBuffer load(Dict d, int slot) {
        b = StringValue.growZero(d, slot, 0);
        len = StringValue.length(d, slot);
        return this;
    }

    /** Wraps a fresh exact array (createHLLObject's value). */
    HllBuffer wrap(byte[] fresh) {
        b = fresh;
        len = fresh.length;
        return this;
    }

    /** Stores the edited bytes back as the slot's raw value and drops the reference. */
    void store(Dict d, int slot) {
        if (b == null) {
            return;
        }
        StringValue.storeRaw(d, slot, b, len);
        b = null;
    }

    /** sdsMakeRoomFor: room for {@code extra} bytes past {@link #len}, growing greedily as sds. */
    void makeRoomFor(int extra) {
        if (len + extra > b.length) {
            b = Arrays.copyOf(b, StringValue.capacityFor(len + extra));
        }
    }
}
