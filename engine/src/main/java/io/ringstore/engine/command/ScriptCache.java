package io.ringstore.engine.command;

import io.ringstore.engine.util.KeyName;
import io.ringstore.engine.util.Sha1;

import java.nio.charset.StandardCharsets;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The EVAL script cache (Redis's lua_scripts dict): script bodies by SHA1. Kept at ingress, where
 * EVAL adds its body, SCRIPT LOAD adds one, SCRIPT FLUSH empties it and EVALSHA is resolved (or
 * answered NOSCRIPT) in the order the connection sent them; EVALSHA then travels, and is
 * journaled, as EVAL with the body, so neither the shards' compiled copies nor journal replay
 * depend on this cache. Written and read by every I/O thread (a concurrent map: script loads are
 * rare, lookups lock-free); the shards only remove a body that did not compile.
 */
public final class ScriptCache {
    /** One cached script: its SHA1 (lower-case hex), body, and an id the shards' runtimes key compiled functions by. */
    public static final class Entry {
        public final String sha;
        public final byte[] body;
        public final long id;

        Entry(String sha, byte[] body, long id) {
            this.sha = sha;
            this.body = body;
            this.id = id;
        }
    }

    private final ConcurrentHashMap<KeyName, Entry> bySha = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** Each I/O thread's lookup probe: the SHA1 lower-cased into its own bytes, no allocation. */
    private static final ThreadLocal<KeyName> PROBE = ThreadLocal.withInitial(() -> new KeyName(new byte[40]));

    /** EVAL, SCRIPT LOAD: the entry for this body, added if new. */
    public Entry add(byte[] b, int off, int len) {
        String sha = Sha1.hex(b, off, len);
        KeyName key = new KeyName(sha.getBytes(StandardCharsets.US_ASCII));
        Entry e = bySha.get(key);
        if (e != null) {
            return e;
        }
        Entry fresh = new Entry(sha, Arrays.copyOfRange(b, off, off + len), ids.incrementAndGet());
        e = bySha.putIfAbsent(key, fresh);
        return e != null ? e : fresh;
    }

    /** EVALSHA: the entry named by a SHA1 (any case), or null (NOSCRIPT). */
    public Entry get(byte[] b, int off, int len) {
        if (len != 40) {
            return null;
        }
        KeyName probe = PROBE.get();
        byte[] lower = probe.b;
        for (int i = 0; i < 40; i++) {
            byte c = b[off + i];
            lower[i] = c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
        }
        return bySha.get(probe.set(lower, 0, 40));
    }

    /** A body that failed to compile is not kept (as Redis, which caches only compiled scripts). */
    public void remove(Entry e) {
        bySha.remove(new KeyName(e.sha.getBytes(StandardCharsets.US_ASCII)), e);
    }

    /** SCRIPT FLUSH. */
    public void flush() {
        bySha.clear();
    }
}
