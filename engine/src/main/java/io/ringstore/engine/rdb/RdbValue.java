package io.ringstore.engine.rdb;

import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.util.Numbers;

/**
 * A value loaded by {@link RdbObjectReader}, in the shape a Dict slot holds it: type and encoding
 * ({@link ObjectType}), the value object and the slot's number (an int string's value, else 0).
 * Reused per load; one thread.
 */
public final class RdbValue {
    public int type;
    public int encoding;
    public Object value;
    public long num;
    private final long[] scratch = new long[1];

    /** tryObjectEncoding's choice for a loaded string: int, embstr or raw. */
    void string(byte[] b) {
        type = ObjectType.STRING;
        if (b.length <= 20 && Numbers.parseLong(b, 0, b.length, scratch)) {
            encoding = ObjectType.ENC_INT;
            value = null;
            num = scratch[0];
            return;
        }
        encoding = b.length <= ObjectType.EMBSTR_LIMIT ? ObjectType.ENC_EMBSTR : ObjectType.ENC_RAW;
        value = b;
        num = 0;
    }

    void collection(int type, int encoding, Object value) {
        this.type = type;
        this.encoding = encoding;
        this.value = value;
        this.num = 0;
    }
}
