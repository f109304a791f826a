package io.ringstore.engine.command;

/**
 * What the transaction rows (MULTI, EXEC, DISCARD, WATCH, UNWATCH, RESET) need from the shard
 * thread running them: running EXEC's queued commands at its one point of the ring order, and the
 * client's WATCH state on the shards the command was routed to. Implemented by the shard handler's
 * runner; reached through {@link CommandContext#transactions}.
 */
public interface Transactions {
    /** EXEC: checks WATCH, forgets the client's watches, then runs the queue (or replies why not). */
    void exec(CommandContext c);

    /** WATCH key [key ...] in the command's database. */
    void watch(CommandContext c);

    /** Forgets every key the client watches and its dirty flag (UNWATCH, DISCARD, RESET). Writes no reply. */
    void unwatch(CommandContext c);
}
