package io.ringstore.engine.shard;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.StageRecovery;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.Ingress;

/**
 * The consumer of one shard: sees every ring event, executes those routed to its shard, runs its
 * periodic work on ticks, and joins barriers. At a barrier every other shard announces its arrival
 * and parks; shard 0 waits for them all, executes the command against every shard's data, and
 * releases them. Single-shard commands never touch the barrier. A command that throws is answered
 * with an error and counted (PipelineErrors); an event the journal refused ({@code e.failure}) is
 * answered with that error and not executed. Runs on the shard's own thread.
 */
public final class ShardHandler implements EventHandler<RequestEvent>, StageRecovery {
    private final EngineContext engine;
    private final ShardState state;
    private final int id;
    private final int others;
    private final CommandContext ctx;
    private final Blocking blocking;
    private final String stageName;

    public ShardHandler(EngineContext engine, int id) {
        this.engine = engine;
        this.id = id;
        this.state = engine.shards[id];
        this.others = engine.shards.length - 1;
        this.stageName = "shard-" + id;
        this.ctx = new CommandContext(engine);
        this.blocking = new Blocking(engine, ctx);
        ctx.blocking = blocking;
    }

    @Override
    public void onEvent(RequestEvent e, long sequence, boolean endOfBatch) {
        if (e.kind == RequestEvent.KIND_TICK) {
            if (!e.replayed) { // a journaled tick replays only its blocked-client timeouts
                state.tick(e.timeMs);
                if (id == 0) {
                    engine.serverStats.sample(e.timeMs, totalCommands());
                }
            }
            blocking.timeouts(state.waiters, e);
            if (e.route == RequestEvent.ROUTE_BARRIER) {
                barrier(e, sequence);
            }
            return;
        }
        if (e.kind == RequestEvent.KIND_CLIENT_CLOSED) {
            barrier(e, sequence);
            return;
        }
        if (e.kind == RequestEvent.KIND_SNAPSHOT) {
            engine.saves.onEvent(e.snapshotJob, e.snapshotOp, e.snapshotStep, e.timeMs, state);
            return;
        }
        if (e.kind != RequestEvent.KIND_COMMAND) {
            return;
        }
        int route = e.route;
        if (route == id) {
            execute(e, sequence, id);
        } else if (route == RequestEvent.ROUTE_BARRIER) {
            barrier(e, sequence);
        }
    }

    private void barrier(RequestEvent e, long sequence) {
        if (id == 0) {
            for (int round = 0; e.barrierArrived.get() < others; round++) {
                BarrierIdle.idle(round);
            }
            try {
                if (e.kind == RequestEvent.KIND_COMMAND) {
                    execute(e, sequence, RequestEvent.ROUTE_BARRIER);
                } else if (e.kind == RequestEvent.KIND_TICK) {
                    blocking.crossShardTick(e);
                } else {
                    blocking.drop(e.clientId);
                }
            } finally {
                // Released whatever happened: a failure here must not park the other shards forever.
                e.barrierDone = true; // volatile store: publishes every shard's changes to the waiters
            }
        } else {
            e.barrierArrived.incrementAndGet(); // publishes this shard's prior writes to shard 0
            for (int round = 0; !e.barrierDone; round++) {
                BarrierIdle.idle(round);
            }
        }
    }

    private void execute(RequestEvent e, long sequence, int shard) {
        e.reply.reset(e.resp);
        if (e.cmd != Ingress.REJECTED && e.session != null && e.session.lastCommand != e.cmd.fullName) {
            // CLIENT LIST cmd=: the last command executed, as Redis's lastcmd. Written only on change,
            // so a connection repeating one command does not bounce the session's cache line.
            e.session.lastCommand = e.cmd.fullName;
        }
        if (e.failure != null) {
            e.reply.error(e.failure); // refused by the journal stage (-MISCONF): not executed
            state.stats.errors.count(e.reply.array(), e.reply.length());
            return;
        }
        ctx.bind(e, sequence, shard);
        try {
            e.cmd.handler.execute(ctx);
        } catch (OutOfMemoryError ex) {
            // A reply too large for the heap (e.g. HRANDFIELD with a huge negative count): the
            // allocation failed as a whole, so the keyspace is intact; drop the reply, keep serving.
            engine.errors.stageFailed(stageName, e.cmd.fullName, sequence, ex);
            e.reply.reset(e.resp);
            e.reply.error("ERR out of memory executing '" + e.cmd.fullName + "'");
        } catch (RuntimeException | StackOverflowError ex) {
            engine.errors.stageFailed(stageName, e.cmd.fullName, sequence, ex);
            e.reply.reset(e.resp);
            e.reply.error(internalError(e));
        }
        if (e.cmd.has(CommandFlags.WRITE) && blocking.any(shard)) {
            blocking.afterWrite(e, shard); // Redis's handleClientsBlockedOnKeys, before the next command
        }
        if (e.cmd != Ingress.REJECTED) {
            state.stats.commandsProcessed++;
        }
        if (e.reply.length() > 0 && e.reply.array()[0] == '-') {
            state.stats.errors.count(e.reply.array(), e.reply.length());
        } else if (!e.replayed && e.cmd.has(CommandFlags.WRITE)) {
            state.stats.changesSinceSave++;
        }
    }

    /**
     * An exception escaped {@link #onEvent} (outside a command's own execution, which is handled
     * above): a client whose command got no reply gets an error, so its connection does not wait
     * for a reply that will never come.
     */
    @Override
    public void recover(RequestEvent e, Throwable failure) {
        if (e.kind == RequestEvent.KIND_COMMAND && e.session != null && e.cmd != null && e.reply.length() == 0
                && (e.route == id || (id == 0 && e.route == RequestEvent.ROUTE_BARRIER))) {
            e.reply.reset(e.resp);
            e.reply.error(internalError(e));
        }
    }

    private static String internalError(RequestEvent e) {
        return "ERR internal error executing '" + e.cmd.fullName + "' (see the server log)";
    }

    private long totalCommands() {
        long n = 0;
        for (ShardState s : engine.shards) {
            n += s.stats.commandsProcessed;
        }
        return n;
    }
}
