package io.ringstore.engine.store;

/**
 * One shard's switch for {@link KeyListener} calls: every database of the shard reports to it, and
 * it forwards to the listener of the thread running on the shard's data now. That is the shard's
 * own thread, or shard 0's while it executes a barrier command over every shard (shard 0 binds
 * each shard's switch to its own listener there, and each shard binds its own again when released).
 * The field is plain: the barrier's arrival counter and done flag order the writes.
 */
public final class KeyEvents implements KeyListener {
    private KeyListener target = KeyListener.NONE;

    /** Routes this shard's key events to {@code l} from now on. */
    public void bind(KeyListener l) {
        target = l;
    }

    @Override
    public void keyAdded(Db db, byte[] k, int off, int len) {
        target.keyAdded(db, k, off, len);
    }

    @Override
    public void keyExpired(Db db, byte[] k, int off, int len) {
        target.keyExpired(db, k, off, len);
    }

    @Override
    public void keyMissed(Db db, byte[] k, int off, int len) {
        target.keyMissed(db, k, off, len);
    }
}
