package io.ringstore.engine.util;

import java.util.Arrays;

/**
 * A key's bytes as a hash-map key (blocked clients' and WATCH's registries); one mutable instance
 * per registry serves as the allocation-free lookup probe. Owned by the registry's thread.
 */
public final class KeyName {
    public byte[] b;
    public int off;
    public int len;
    private int hash;

    public KeyName() {
    }

    public KeyName(byte[] b) {
        set(b, 0, b.length);
    }

    public KeyName set(byte[] b, int off, int len) {
        this.b = b;
        this.off = off;
        this.len = len;
        this.hash = ByteHash.hash(b, off, len);
        return this;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyName)) {
            return false;
        }
        KeyName k = (KeyName) o;
        return hash == k.hash && Arrays.equals(b, off, off + len, k.b, k.off, k.off + k.len);
    }
}
