package io.ringstore.engine.command;

/**
 * What a blocked command does when one of its keys holds data of its type: the per-type "serve a
 * waiter" callback (lists: BLPOP/BRPOP/BLMPOP/BLMOVE; sorted sets: BZPOP*; streams plug in here).
 * {@link #serve} runs on the shard owning the key (shard 0 at a barrier) with the context rebound
 * to the waiter: its own copied arguments, database, protocol and reply buffer.
 */
public interface BlockedCommand {
    /**
     * Returned by {@link #serve} to decline: the key holds data of the type but nothing this
     * waiter wants (a stream without entries after the waiter's ID). It stays blocked; its reply
     * buffer is discarded.
     */
    int NOT_SERVED = -2;

    /**
     * The reply when the command would wait but may not (inside MULTI/EXEC or a script: Redis's
     * CLIENT_DENY_BLOCKING treats it as an immediate timeout): a null array, as Redis gives most
     * blocking commands; BLMOVE and BRPOPLPUSH answer a null bulk.
     */
    default void denied(io.ringstore.engine.reply.ReplyBuffer reply) {
        reply.nullArray();
    }

    /** The ObjectType whose data wakes this waiter. */
    int type();

    /**
     * Whether a write to a waited key that leaves it missing or of another type serves this waiter
     * too (its {@link #serve} then replies an error): XREADGROUP, which Redis 7.0 answers
     * {@code -UNBLOCKED the stream key no longer exists} when its stream goes.
     */
    default boolean wakesOnMissing() {
        return false;
    }

    /**
     * Serves the waiter from key argument {@code keyArg}, which holds data of {@link #type()}: pops,
     * writes the reply (or an error, such as WRONGTYPE for a BLMOVE destination) into
     * {@code c.reply}. Returns the argument index of a key this serve pushed to (BLMOVE's
     * destination, which may wake other waiters), -1, or {@link #NOT_SERVED} to stay blocked.
     */
    int serve(CommandContext c, int keyArg);
}
