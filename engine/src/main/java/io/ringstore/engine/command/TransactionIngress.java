package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.Transaction;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Watcher;

/**
 * MULTI/EXEC as connection state, on the publishing I/O thread (Redis's processCommand and
 * multi.c, the part that needs no data): queues commands between MULTI and EXEC into the
 * session's {@link Transaction} (each answers +QUEUED in ring order), flags the queue when a
 * command is rejected, decides the misuse errors, and routes EXEC, DISCARD, WATCH, UNWATCH and
 * RESET: EXEC to the one shard holding every key of its queue and every key the client watches, or
 * to a barrier; the others to the shards holding the client's watched keys. It also decides which
 * of these the journal records: everything that changes WATCH state while the client watches, so
 * replay rebuilds it and aborts exactly the EXECs that aborted live. Stateless beyond the table's
 * rows; any publishing thread.
 */
final class TransactionIngress {
    /** Answers +QUEUED for a command MULTI queued. */
    static final CommandSpec QUEUED = new CommandSpec("(queued)", null, -1, 0, 0, 0, 0,
            c -> c.reply.raw(Replies.QUEUED), "transactions");

    private final Ingress ingress;
    private final EngineContext engine;
    private final CommandSpec multi;
    private final CommandSpec exec;
    private final CommandSpec discard;
    private final CommandSpec watch;
    private final CommandSpec unwatch;
    private final CommandSpec reset;

    TransactionIngress(Ingress ingress, EngineContext engine) {
        this.ingress = ingress;
        this.engine = engine;
        CommandTable t = engine.table;
        this.multi = t.get("multi");
        this.exec = t.get("exec");
        this.discard = t.get("discard");
        this.watch = t.get("watch");
        this.unwatch = t.get("unwatch");
        this.reset = t.get("reset");
    }

    /** Whether {@code spec} is one of the rows this class routes (checked after the row's ingress hook). */
    boolean handles(CommandSpec spec) {
        return spec == multi || spec == exec || spec == discard || spec == watch || spec == unwatch
                || spec == reset;
    }

    /**
     * Queues command {@code spec} (whose arguments are in {@code e}) into the session's open
     * transaction; {@code e} itself becomes the +QUEUED reply. A command Redis refuses inside MULTI
     * is rejected and flags the queue instead.
     */
    void queue(RequestEvent e, ClientSession s, CommandSpec spec) {
        Transaction t = s.tx;
        if (spec.has(CommandFlags.NO_MULTI)) {
            t.rejected = true;
            ingress.reject(e, s, Errors.NOT_ALLOWED_IN_MULTI);
            return;
        }
        String denied = engine.journal.writeDenied;
        if (denied != null && spec.has(CommandFlags.WRITE)) {
            t.rejected = true; // processCommand refuses writes on a disk error, queued or not
            ingress.reject(e, s, denied);
            return;
        }
        recycle(s, e);
        if (!t.rejected) { // an aborted queue keeps nothing (queueMultiCommand), but still answers QUEUED
            prepareQueued(t.add(), s, spec, e.args, e.timeMs);
            s.multiCount = t.count();
        }
        e.cmd = QUEUED;
        e.queued = spec;
        Ingress.stamp(e, s);
        e.route = ingress.home(s);
    }

    /** Fills queued event {@code q}: arguments, row, the row's ingress hook (SELECT), db and keys. */
    void prepareQueued(RequestEvent q, ClientSession s, CommandSpec spec, Args args, long timeMs) {
        q.args.copyFrom(args);
        q.kind = RequestEvent.KIND_COMMAND;
        q.session = s;
        q.cmd = spec;
        q.timeMs = timeMs;
        if (spec.ingress != null) {
            spec.ingress.apply(s, q); // SELECT inside MULTI: the commands queued after it use the new db
        }
        q.db = s.db;
        q.resp = s.resp;
        ingress.prepareScriptQueued(q, spec);
        q.track = 0;
        q.tracking = null;
        if (s.tracking != null || ingress.tracksAtIngress(spec)) {
            ingress.prepareTracking(q, s, spec); // applies at queue time to the commands queued after it
            if (ingress.tracksAtIngress(spec)) {
                s.tx.changesConnection = true; // a WATCH abort must put the options back (fenced EXEC)
            }
        }
        Ingress.findKeys(q, q.cmd);
        s.tx.queued(q);
    }

    /** Prepares MULTI, EXEC, DISCARD, WATCH, UNWATCH or RESET ({@link #handles}); the hook already ran. */
    void prepare(RequestEvent e, ClientSession s, CommandSpec spec) {
        if (spec == multi) {
            if (s.tx != null) {
                ingress.reject(e, s, Errors.MULTI_NESTED);
                return;
            }
            recycle(s, e);
            open(s);
            routeHome(e, s, spec);
        } else if (spec == exec) {
            prepareExec(e, s);
        } else if (spec == discard) {
            if (s.tx == null) {
                ingress.reject(e, s, Errors.DISCARD_WITHOUT_MULTI);
                return;
            }
            close(s, true);
            routeToWatches(e, s, spec);
        } else if (spec == watch) {
            if (s.tx != null) {
                ingress.reject(e, s, Errors.WATCH_IN_MULTI);
                return;
            }
            if (s.watcher == null) {
                s.watcher = new Watcher(engine.shards.length, s.id);
            }
            e.cmd = spec;
            e.journal = true;
            Ingress.stamp(e, s);
            ingress.route(e, spec, s);
            s.watchRoute = merge(s.watchRoute, e.route);
        } else {
            if (spec == reset && s.tx != null) {
                close(s, false); // the hook already reset db and protocol
            }
            boolean dropSubscriptions = spec == reset && PubSubIngress.reset(s);
            boolean dropTracking = spec == reset && TrackingIngress.reset(s);
            routeToWatches(e, s, spec); // UNWATCH (outside MULTI) and RESET forget the watches
            if ((dropSubscriptions || dropTracking) && engine.shards.length > 1) {
                Ingress.barrier(e); // where the pub/sub and tracking copies live (and every shard's watches)
            }
            e.subscribedMode = dropSubscriptions;
            e.trackingReset = dropTracking;
        }
    }

    /** Whether {@code spec} is EXEC (refusing it aborts the transaction: {@link #rejectExec}). */
    boolean isExec(CommandSpec spec) {
        return spec == exec;
    }

    /**
     * EXEC refused before it runs (wrong arity): as Redis's rejectCommand, the transaction is
     * discarded and the watches forgotten, in MULTI or not, and EXEC answers "EXECABORT
     * Transaction discarded because of: {@code reason}".
     */
    void rejectExec(RequestEvent e, ClientSession s, String reason) {
        if (s.tx == null) {
            open(s);
        }
        s.tx.rejected = true;
        s.tx.abortReason = reason;
        prepareExec(e, s);
    }

    private void prepareExec(RequestEvent e, ClientSession s) {
        Transaction t = s.tx;
        if (t == null) {
            ingress.reject(e, s, Errors.EXEC_WITHOUT_MULTI);
            return;
        }
        s.tx = null;
        s.multiCount = -1;
        if (t.rejected) {
            s.db = t.dbAtMulti; // nothing queued runs: a queued SELECT or HELLO never happened
            s.currentDb = s.db;
            s.resp = t.respAtMulti;
            s.tracking = t.trackingAtMulti; // nor a queued CLIENT TRACKING or CACHING
            s.trackingCaching = t.cachingAtMulti;
        }
        e.cmd = exec;
        e.tx = t;
        recycle(s, e);
        boolean watching = s.watchRoute != ClientSession.NO_WATCH;
        e.journal = watching || t.journaled();
        if (watching && !t.rejected && t.changesConnection) {
            // A queued SELECT/HELLO already moved the connection at queue time; if WATCH aborts
            // EXEC it never ran. Only the shard knows: hold the connection's next commands until
            // EXEC's reply, when the I/O thread puts db and protocol back if it was aborted.
            e.fence = true;
            s.execAbortedByWatch = false;
            s.dbBeforeExec = t.dbAtMulti;
            s.respBeforeExec = t.respAtMulti;
            s.trackingBeforeExec = t.trackingAtMulti;
        }
        if (e.journal) {
            t.encode();
        }
        Ingress.stamp(e, s);
        e.resp = t.respAtMulti; // EXEC itself answers in the protocol before any queued HELLO
        int route = s.watchRoute;
        s.watchRoute = ClientSession.NO_WATCH;
        if (!t.rejected) {
            for (int i = 0; i < t.count() && route != RequestEvent.ROUTE_BARRIER; i++) {
                route = merge(route, routeOf(t.get(i)));
            }
        }
        toRoute(e, s, route);
    }

    /** Where one queued command must run: a shard, the barrier, or NO_WATCH when anywhere will do. */
    private int routeOf(RequestEvent q) {
        if (engine.shards.length == 1) {
            return 0;
        }
        if (q.cmd.has(CommandFlags.ALL_SHARDS) && !(q.cmd.has(CommandFlags.RUNS_SCRIPT) && ingress.scriptsByKeys())) {
            return RequestEvent.ROUTE_BARRIER;
        }
        if (q.anyShardKeys) {
            return RequestEvent.ROUTE_BARRIER;
        }
        int r = ClientSession.NO_WATCH;
        Args a = q.args;
        for (int k = 0; k < q.keyCount && r != RequestEvent.ROUTE_BARRIER; k++) {
            int i = q.keyPos[k];
            r = merge(r, engine.shardOfKey(a.buf(), a.off(i), a.len(i)));
        }
        return r;
    }

    private void routeToWatches(RequestEvent e, ClientSession s, CommandSpec spec) {
        e.cmd = spec;
        boolean watching = s.watchRoute != ClientSession.NO_WATCH;
        e.journal = watching;
        Ingress.stamp(e, s);
        toRoute(e, s, s.watchRoute);
        s.watchRoute = ClientSession.NO_WATCH;
    }

    private void routeHome(RequestEvent e, ClientSession s, CommandSpec spec) {
        e.cmd = spec;
        Ingress.stamp(e, s);
        e.route = ingress.home(s);
    }

    private void toRoute(RequestEvent e, ClientSession s, int route) {
        if (route == ClientSession.NO_WATCH) {
            e.route = ingress.home(s);
        } else if (route == RequestEvent.ROUTE_BARRIER) {
            Ingress.barrier(e);
        } else {
            e.route = route;
        }
    }

    /** Two routes combined: either alone, the same shard, or a barrier when they differ. */
    static int merge(int a, int b) {
        if (a == ClientSession.NO_WATCH) {
            return b;
        }
        if (b == ClientSession.NO_WATCH || a == b) {
            return a;
        }
        return RequestEvent.ROUTE_BARRIER;
    }

    /** MULTI: a cleared queue, reusing the one a ring slot handed back. */
    void open(ClientSession s) {
        Transaction t = s.txFree;
        s.txFree = null;
        if (t == null) {
            t = new Transaction();
        }
        t.reset(s.db, s.resp);
        t.trackingAtMulti = s.tracking;
        t.cachingAtMulti = s.trackingCaching;
        s.tx = t;
        s.multiCount = 0;
    }

    /** DISCARD, RESET: the queue is thrown away; unless RESET set them, db and protocol go back. */
    private void close(ClientSession s, boolean restore) {
        Transaction t = s.tx;
        s.tx = null;
        s.multiCount = -1;
        if (restore) {
            s.db = t.dbAtMulti;
            s.currentDb = s.db;
            s.resp = t.respAtMulti;
            s.tracking = t.trackingAtMulti;
            s.trackingCaching = t.cachingAtMulti;
        }
        s.txFree = t;
    }

    /**
     * The transaction a reused slot carried last time is free: a session inside MULTI (or at its
     * EXEC) without a spare takes it for its next MULTI. Sessions pick spares up from any slot they
     * claim, so the transactions in circulation stay about one per transacting connection plus
     * those in flight, and steady MULTI/EXEC traffic allocates none.
     */
    static void recycle(ClientSession s, RequestEvent e) {
        if (e.txSpare != null && s.txFree == null) {
            s.txFree = e.txSpare;
            e.txSpare = null;
        }
    }
}
