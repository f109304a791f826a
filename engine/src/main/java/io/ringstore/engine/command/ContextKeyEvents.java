package io.ringstore.engine.command;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.KeyListener;

/**
 * The store's key events for whatever a {@link CommandContext} runs (a command, a served waiter,
 * a tick's active expiry): Redis's {@code new} event from dbAdd, {@code expired} from
 * deleteExpiredKeyAndPropagate and {@code keymiss} from lookupKey, raised as keyspace notifications delivered after the context's
 * ring event. One per context; the shard binds its databases' {@code KeyEvents} switch to it.
 */
public final class ContextKeyEvents implements KeyListener {
    private final CommandContext c;

    ContextKeyEvents(CommandContext c) {
        this.c = c;
    }

    @Override
    public void keyAdded(Db db, byte[] k, int off, int len) {
        c.notify(NotifyFlags.NEW, "new", db.index(), k, off, len);
    }

    @Override
    public void keyExpired(Db db, byte[] k, int off, int len) {
        c.notify(NotifyFlags.EXPIRED, "expired", db.index(), k, off, len);
    }

    /** lookupKey's {@code keymiss} (class m), raised where a read counts a keyspace miss. */
    @Override
    public void keyMissed(Db db, byte[] k, int off, int len) {
        c.notify(NotifyFlags.KEY_MISS, "keymiss", db.index(), k, off, len);
    }
}
