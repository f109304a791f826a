package io.ringstore.engine.store;

import io.ringstore.engine.util.KeyName;

/**
 * One key one client WATCHes in one database: Redis's watchedKey. Lives in two lists, the
 * database's list of watchers of the key ({@link WatchedKeys}) and the client's list on the shard
 * ({@link Watcher#on}); both are touched only by the shard that owns the key (or shard 0 at a barrier).
 */
public final class WatchedKey {
    final Watcher watcher;
    /** The key's bytes, shared by every watcher of the key (the registry's map key). */
    final KeyName name;
    /** The database's registry the key is watched in. */
    final WatchedKeys home;
    /** The shard holding the key. */
    final int shard;
    /** The key was already logically expired when WATCH ran (Redis's {@code wk->expired}). */
    boolean expired;

    WatchedKey(Watcher watcher, KeyName name, WatchedKeys home, int shard, boolean expired) {
        this.watcher = watcher;
        this.name = name;
        this.home = home;
        this.shard = shard;
        this.expired = expired;
    }
}
