package io.ringstore.engine.shard;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.StageRecovery;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.Ingress;
import io.ringstore.engine.reply.ReplyBuffer;

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

    /** The shard this handler runs. */
    int id() {
        return id;
    }

    private final int others;
    private final CommandContext ctx;
    private final Blocking blocking;
    private final String stageName;
    private final io.ringstore.engine.tracking.Tracking tracking;

    public ShardHandler(EngineContext engine, int id) {
        this.engine = engine;
        this.id = id;
        this.state = engine.shards[id];
        this.tracking = engine.tracking[id];
        this.others = engine.shards.length - 1;
        this.stageName = "shard-" + id;
        this.ctx = new CommandContext(engine);
        this.blocking = new Blocking(engine, ctx);
        ctx.blocking = blocking;
        ctx.transactions = new TransactionRunner(engine, ctx, this, blocking);
        ctx.scripts = new ScriptRunner(engine, ctx, this, blocking);
        ctx.functions = new FunctionRunner(engine.functions);
        state.keyEvents.bind(ctx.keyEvents);
    }

    @Override
    public void onEvent(RequestEvent e, long sequence, boolean endOfBatch) {
        handle(e, sequence);
        if (endOfBatch && tracking.broadcastPending()) {
            tracking.broadcast(e); // BCAST invalidations gathered in this batch, after its replies (Redis's beforeSleep)
        }
    }

    private void handle(RequestEvent e, long sequence) {
        if (e.kind == RequestEvent.KIND_TICK) {
            ctx.bindTick(e, id); // what active expiry and timeouts raise follows the tick
            tracking.bind(e, null); // active expiry invalidates on behalf of no client
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
            if (engine.halting) {
                return; // SHUTDOWN NOSAVE stopped a script mid-way: no snapshot may record its partial writes
            }
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
            bindKeyEvents();
            try {
                if (e.kind == RequestEvent.KIND_COMMAND) {
                    execute(e, sequence, RequestEvent.ROUTE_BARRIER);
                } else if (e.kind == RequestEvent.KIND_TICK) {
                    bindTracking(e, null);
                    blocking.crossShardTick(e);
                } else {
                    blocking.drop(e.clientId);
                    dropWatches(e);
                    if (e.session != null && e.clientId != -1) {
                        for (io.ringstore.engine.pubsub.PubSub copy : engine.pubsub) {
                            copy.drop(e.session); // a closed subscriber leaves every shard's copy
                        }
                        for (io.ringstore.engine.tracking.Tracking copy : engine.tracking) {
                            copy.disable(e.session); // and a closed tracking client every tracking copy
                        }
                    }
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
            state.keyEvents.bind(ctx.keyEvents); // shard 0 had it while it ran on this shard's data
        }
    }

    /** At a barrier, shard 0 runs on every shard's data: their key events come to its context. */
    private void bindKeyEvents() {
        for (ShardState s : engine.shards) {
            s.keyEvents.bind(ctx.keyEvents);
        }
    }

    /** A closed client's watches go with it; client -1 (end of journal replay): everyone's. */
    private void dropWatches(RequestEvent e) {
        if (e.clientId == -1) {
            for (ShardState s : engine.shards) {
                for (int db = 0; db < s.databases(); db++) {
                    s.db(db).watched().clear();
                }
            }
        } else if (e.session != null) {
            TransactionRunner.drop(engine, e.session);
        }
    }

    private void execute(RequestEvent e, long sequence, int shard) {
        e.reply.reset(e.resp);
        if (engine.halting && e.killSeq < 0) {
            return; // SHUTDOWN NOSAVE stopped a script: only that SHUTDOWN (it names the script) runs now
        }
        if (e.failure != null) {
            noteCommand(e);
            e.reply.error(e.failure); // refused by the journal stage (-MISCONF): not executed
            state.stats.errors.count(e.reply.array(), e.reply.length());
            return;
        }
        noteCommand(e);
        ctx.bind(e, sequence, shard);
        ctx.ringEvent = e;
        if (shard >= 0) {
            tracking.bind(e, e.session);
        } else {
            bindTracking(e, e.session);
        }
        run(e, e.reply, e.replayed);
        if (e.cmd.has(CommandFlags.WRITE) && blocking.any(shard)) {
            blocking.afterWrite(e, e, shard); // Redis's handleClientsBlockedOnKeys, before the next command
        }
    }

    /**
     * Runs command {@code q} with the context already bound to it, replying into {@code out}:
     * {@code q} is a ring event replying into its own buffer, or a command EXEC (later: a script)
     * runs for its client, replying into EXEC's array (those leave CLIENT LIST's cmd= at exec, as
     * Redis's lastcmd). A failure replaces only this command's reply with an error. Counts the
     * command, its error, or (unless {@code replayed}) a change for the save rules.
     */
    void run(RequestEvent q, ReplyBuffer out, boolean replayed) {
        int mark = out.length();
        io.ringstore.engine.pubsub.PubSub registry = ctx.pubsub();
        boolean monitored = registry.hasMonitors() && MonitorFeed.feeds(q, replayed);
        if (monitored && MonitorFeed.before(q)) {
            MonitorFeed.feed(registry, ctx.ringEvent, q);
            monitored = false;
        }
        try {
            q.cmd.handler.execute(ctx);
        } catch (OutOfMemoryError ex) {
            // A reply too large for the heap (e.g. HRANDFIELD with a huge negative count): the
            // allocation failed as a whole, so the keyspace is intact; drop the reply, keep serving.
            engine.errors.stageFailed(stageName, q.cmd.fullName, ctx.sequence, ex);
            out.truncate(mark);
            out.error("ERR out of memory executing '" + q.cmd.fullName + "'");
        } catch (RuntimeException | StackOverflowError ex) {
            engine.errors.stageFailed(stageName, q.cmd.fullName, ctx.sequence, ex);
            out.truncate(mark);
            out.error(internalError(q));
        }
        if (q.track == RequestEvent.TRACK_READ) {
            TrackingReads.remember(engine, q); // trackingRememberKeys, after the read
        }
        if (q.cmd != Ingress.REJECTED) {
            state.stats.commandsProcessed++;
        }
        if (monitored) {
            MonitorFeed.feed(registry, ctx.ringEvent, q); // after the command, as Redis's call() feeds
        }
        if (out.length() > mark && out.array()[mark] == '-') {
            state.stats.errors.count(out.array(), mark, out.length());
        } else if (!replayed && q.cmd.has(CommandFlags.WRITE)) {
            state.stats.changesSinceSave++;
        }
    }

    /** At a barrier every shard's tracking state invalidates on behalf of this event (the others are parked). */
    private void bindTracking(RequestEvent e, io.ringstore.engine.pubsub.Subscriber current) {
        for (io.ringstore.engine.tracking.Tracking t : engine.tracking) {
            t.bind(e, current);
        }
    }

    /** CLIENT LIST cmd=: the last command executed, as Redis's lastcmd. */
    private static void noteCommand(RequestEvent q) {
        CommandSpec c = q.queued != null ? q.queued : q.cmd; // a queued command counts as itself
        if (c != Ingress.REJECTED && q.session != null && q.session.lastCommand != c.fullName) {
            // Written only on change, so a connection repeating one command does not bounce the
            // session's cache line.
            q.session.lastCommand = c.fullName;
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
