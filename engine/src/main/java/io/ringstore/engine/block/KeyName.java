package io.ringstore.engine.block;

import io.ringstore.engine.util.ByteHash;

import java.util.Arrays;

/** A key's bytes as a map key; one mutable instance per registry serves as the lookup probe. */
final class KeyName {
    byte[] b;
    int off;
    int len;
    private int hash;

    KeyName() {
    }

    KeyName(byte[] b) {
        set(b, 0, b.length);
    }

    KeyName set(byte[] b, int off, int len) {
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
