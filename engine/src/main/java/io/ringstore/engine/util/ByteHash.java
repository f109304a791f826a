package io.ringstore.engine.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The in-shard hash of a byte range (independent of the cluster slot function, which only picks the
 * shard). Eight bytes a step, murmur3's 64-bit finaliser. Stateless; any thread.
 */
public final class ByteHash {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0x9E3779B97F4A7C15L;

    private ByteHash() {
    }

    public static int hash(byte[] b, int off, int len) {
        long h = 0x243F6A8885A308D3L ^ (len * M);
        int i = off;
        final int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long k = (long) LONGS.get(b, i);
            h = Long.rotateLeft(h ^ (k * M), 29) * 0xBF58476D1CE4E5B9L;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (b[i] & 0xFFL) << shift;
        }
        h ^= tail * M;
        return (int) fmix64(h);
    }

    public static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
