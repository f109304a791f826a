package io.ringstore.engine.shard;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.Ingress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The consumer of one shard: sees every ring event, executes those routed to its shard, runs its
 * periodic work on ticks, and joins barriers. At a barrier every other shard announces its arrival
 * and parks; shard 0 waits for them all, executes the command against every shard's data, and
 * releases them. Single-shard commands never touch the barrier. Runs on the shard's own thread.
 */
public final class ShardHandler implements EventHandler<RequestEvent> {
    private final EngineContext engine;
    private final ShardState state;
    private final int id;
    private final int others;
    private final CommandContext ctx;
    private final Blocking blocking;
    /** Handler failures (bugs): counted and reported, the loop goes on. */
    public static final AtomicLong ERRORS = new AtomicLong();

    public ShardHandler(EngineContext engine, int id) {
        this.engine = engine;
        this.id = id;
        this.state = engine.shards[id];
        this.others = engine.shards.length - 1;
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
            if (e.kind == RequestEvent.KIND_COMMAND) {
                execute(e, sequence, RequestEvent.ROUTE_BARRIER);
            } else if (e.kind == RequestEvent.KIND_TICK) {
                blocking.crossShardTick(e);
            } else {
                blocking.drop(e.clientId);
            }
            e.barrierDone = true; // volatile store: publishes every shard's changes to the waiters
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
        ctx.bind(e, sequence, shard);
        try {
            e.cmd.handler.execute(ctx);
        } catch (OutOfMemoryError ex) {
            // A reply too large for the heap (e.g. HRANDFIELD with a huge negative count): the
            // allocation failed as a whole, so the keyspace is intact; drop the reply, keep serving.
            ERRORS.incrementAndGet();
            e.reply.reset(e.resp);
            e.reply.error("ERR out of memory executing '" + e.cmd.fullName + "'");
            System.err.println("ringstore: out of memory executing " + e.cmd.fullName);
        } catch (RuntimeException | StackOverflowError ex) {
            ERRORS.incrementAndGet();
            e.reply.reset(e.resp);
            e.reply.error("ERR internal error executing '" + e.cmd.fullName + "': " + ex);
            System.err.println("ringstore: error executing " + e.cmd.fullName + ": " + ex);
            ex.printStackTrace();
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

    private long totalCommands() {
        long n = 0;
        for (ShardState s : engine.shards) {
            n += s.stats.commandsProcessed;
        }
        return n;
    }
}
