package io.ringstore.engine.block;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.command.BlockedCommand;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.ReplyBuffer;

/**
 * One blocked client: its session, a copy of the command's arguments, the database and protocol it
 * was stamped with, its absolute deadline (0 = forever) and what serving it means. Allocated when a
 * command blocks (never on a path without blocked clients). Owned by the shard that registered it
 * (shard 0 at barriers for cross-shard waiters). Once completed, its reply buffer travels to the
 * reply stage through the completing event's delivery list ({@link #next}); nothing touches it after.
 */
public final class Waiter {
    public final ClientSession session;
    public final Args args;
    public final int db;
    public final long deadlineMs;
    public final BlockedCommand command;
    /** Key arguments: [firstKey, firstKey + keyCount). */
    public final int firstKey;
    public final int keyCount;
    /** Registered with shard 0 at barriers because its keys live on several shards. */
    public final boolean crossShard;
    /** The registry holding it: its shard's, or the engine's cross-shard one. */
    final WaiterRegistry owner;
    public final ReplyBuffer reply = new ReplyBuffer();
    /** The protocol (2 or 3) its reply is written in. */
    public final int resp;
    boolean done;
    /** Link in the completing event's delivery list (see RequestEvent#deliveries). */
    public Waiter next;

    Waiter(ClientSession session, Args args, int db, int resp, long deadlineMs, BlockedCommand command,
           int firstKey, int keyCount, boolean crossShard, WaiterRegistry owner) {
        this.session = session;
        this.args = args;
        this.db = db;
        this.resp = resp;
        this.deadlineMs = deadlineMs;
        this.command = command;
        this.firstKey = firstKey;
        this.keyCount = keyCount;
        this.crossShard = crossShard;
        this.owner = owner;
    }

    /** Whether its deadline passed at {@code nowMs} (Redis: timeout < now; 0 never expires). */
    boolean expired(long nowMs) {
        return deadlineMs != 0 && deadlineMs - nowMs < 0;
    }
}
