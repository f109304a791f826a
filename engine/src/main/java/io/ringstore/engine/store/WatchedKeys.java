package io.ringstore.engine.store;

import io.ringstore.engine.util.KeyName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;

/**
 * The clients WATCHing keys of one database on one shard (Redis's {@code db->watched_keys}) with
 * multi.c's rules: a touched key makes its watchers dirty, except a watcher that watched the key
 * already expired while the key is now gone (no logical change); FLUSHDB, FLUSHALL and SWAPDB touch
 * every watched key they remove or replace. Empty unless someone watches, so {@link Db#touch} costs
 * one branch on the write path. Owned by the shard's thread.
 */
public final class WatchedKeys {
    private final HashMap<KeyName, ArrayList<WatchedKey>> byKey = new HashMap<>();
    private final KeyName probe = new KeyName();

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** What a snapshot records of each watch: see {@link #forEach}. */
    public interface Visitor {
        void watch(byte[] key, long clientId, boolean expired, boolean dirty);
    }

    /** Every (key, watcher) pair of this database, for a snapshot's cut. */
    public void forEach(Visitor v) {
        for (ArrayList<WatchedKey> list : byKey.values()) {
            for (WatchedKey wk : list) {
                KeyName n = wk.name;
                v.watch(n.len == n.b.length ? n.b : Arrays.copyOf(n.b, n.len), wk.watcher.clientId, wk.expired,
                        wk.watcher.dirty(wk.shard));
            }
        }
    }

    /** Forgets every watcher (the end of journal replay: the clients it re-created are gone). */
    public void clear() {
        byKey.clear();
    }

    /** Keys watched, by anyone. */
    public int size() {
        return byKey.size();
    }

    /**
     * WATCH: adds {@code w} as a watcher of the key on {@code shard} unless it already watches it
     * here; {@code expired} says whether the key is logically expired now.
     */
    public void watch(Watcher w, int shard, byte[] b, int off, int len, boolean expired) {
        ArrayList<WatchedKey> mine = w.on(shard);
        for (WatchedKey k : mine) {
            if (k.home == this && Arrays.equals(k.name.b, 0, k.name.len, b, off, off + len)) {
                return;
            }
        }
        KeyName key = new KeyName(Arrays.copyOfRange(b, off, off + len));
        ArrayList<WatchedKey> list = byKey.computeIfAbsent(key, k -> new ArrayList<>(2));
        WatchedKey wk = new WatchedKey(w, list.isEmpty() ? key : list.get(0).name, this, shard, expired);
        list.add(wk);
        mine.add(wk);
    }

    /**
     * Removes every key {@code w} watches on {@code shard} and clears its dirty flag there (UNWATCH,
     * EXEC, DISCARD, a closed client).
     */
    public static void unwatchAll(Watcher w, int shard) {
        w.clean(shard);
        if (w.count(shard) == 0) {
            return;
        }
        ArrayList<WatchedKey> mine = w.on(shard);
        for (WatchedKey k : mine) {
            WatchedKeys home = k.home;
            ArrayList<WatchedKey> list = home.byKey.get(k.name);
            if (list != null) {
                list.remove(k);
                if (list.isEmpty()) {
                    home.byKey.remove(k.name);
                }
            }
        }
        mine.clear();
    }

    /**
     * Whether a key {@code w} watches on {@code shard} has expired since it was watched (Redis's
     * isWatchedKeyExpired): EXEC fails then, even if nobody touched the key.
     */
    public static boolean anyExpired(Watcher w, int shard, long nowMs) {
        if (w.count(shard) == 0) {
            return false;
        }
        for (WatchedKey k : w.on(shard)) {
            if (!k.expired && k.home.db.keyIsExpired(k.name.b, 0, k.name.len, k.name.hashCode(), nowMs)) {
                return true;
            }
        }
        return false;
    }

    Db db;

    /** signalModifiedKey: the key was written, deleted or expired (call after the change). */
    void touch(byte[] b, int off, int len) {
        ArrayList<WatchedKey> list = byKey.get(probe.set(b, off, len));
        if (list == null) {
            return;
        }
        for (WatchedKey wk : list) {
            if (wk.watcher.dirty(wk.shard)) {
                continue; // Redis unwatches a client it marks dirty: its entries are gone by now
            }
            if (wk.expired) {
                if (db.dict().find(b, off, len, probe.hashCode()) < 0) {
                    wk.expired = false; // the already expired key is deleted: no logical change
                    continue;
                }
                break; // as multi.c's touchWatchedKey: the clients after it are left alone
            }
            wk.watcher.markDirty(wk.shard);
        }
    }

    /**
     * FLUSHDB / FLUSHALL ({@code replacedWith} null) or SWAPDB: before the change, marks dirty the
     * watchers of every watched key that exists here or in {@code replacedWith} (Redis's
     * touchAllWatchedKeysInDb, with its rules for keys that were or become expired).
     */
    void touchAll(Db replacedWith, long nowMs) {
        for (ArrayList<WatchedKey> list : byKey.values()) {
            KeyName key = list.get(0).name;
            int h = key.hashCode();
            boolean existsHere = db.dict().find(key.b, 0, key.len, h) >= 0;
            boolean existsThere = replacedWith != null && replacedWith.dict().find(key.b, 0, key.len, h) >= 0;
            if (!existsHere && !existsThere) {
                continue;
            }
            for (WatchedKey wk : list) {
                if (wk.watcher.dirty(wk.shard)) {
                    continue;
                }
                if (wk.expired) {
                    if (!existsThere) {
                        wk.expired = false; // expired key now deleted: no logical change
                        continue;
                    } else if (replacedWith.keyIsExpired(key.b, 0, key.len, h, nowMs)) {
                        continue; // expired key remains expired
                    }
                } else if (!existsHere && replacedWith.keyIsExpired(key.b, 0, key.len, h, nowMs)) {
                    wk.expired = true; // a missing key replaced with an expired one
                    continue;
                }
                wk.watcher.markDirty(wk.shard);
            }
        }
    }
}
