package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.Clock;

import java.util.Locale;

/**
 * Prepares a filled ring slot before publish, on the publishing I/O thread: resolves the command
 * row, checks arity, applies the connection-state hook, stamps time, db and protocol, and routes
 * the event to the shard owning its keys (or to a barrier when they span shards). Rejected
 * commands become events of an error row so their replies keep ring order. Stateless apart from
 * the shared, immutable table; any publishing thread.
 */
public final class Ingress {
    /** Replies with the error text prepared at ingress. */
    public static final CommandSpec REJECTED = new CommandSpec("(rejected)", null, -1, 0, 0, 0, 0,
            c -> c.reply.errorLatin1(c.event.ingressError), "generic");

    private final EngineContext engine;
    private final CommandTable table;
    private final Clock clock;
    private final int shards;
    private final TransactionIngress transactions;
    private final ScriptIngress scripts;
    private final BusyScripts busyScript;
    private final PubSubIngress pubsub;
    private final ReplyIngress replies;
    private final TrackingIngress tracking;
    private final CommandSpec shutdown;
    private final CommandSpec functionStats;

    public Ingress(EngineContext engine, Clock clock) {
        this.engine = engine;
        this.table = engine.table;
        this.clock = clock;
        this.shards = engine.shards.length;
        this.transactions = new TransactionIngress(this, engine);
        this.scripts = new ScriptIngress(this, engine);
        this.busyScript = engine.busyScripts;
        this.pubsub = new PubSubIngress(table);
        this.replies = new ReplyIngress(table);
        this.tracking = new TrackingIngress(table, engine.sessions);
        this.shutdown = table.get("shutdown");
        CommandSpec function = table.get("function");
        this.functionStats = function == null ? null : function.subcommands().get("stats");
    }

    public Clock clock() {
        return clock;
    }

    /** Prepares a command event whose {@link RequestEvent#args} the caller has filled. */
    public void prepare(RequestEvent e, ClientSession s) {
        prepareCommand(e, s);
        replies.stamp(e, s); // after every outcome: CLIENT REPLY silences rejections too
        if (s.trackingCaching) {
            tracking.afterCommand(e, s); // CLIENT CACHING lasts one command
        }
    }

    private void prepareCommand(RequestEvent e, ClientSession s) {
        long now = clock.nowMs();
        e.kind = RequestEvent.KIND_COMMAND;
        e.session = s;
        e.timeMs = now;
        Args a = e.args;
        CommandSpec spec = table.lookup(a.buf(), a.off(0), a.len(0));
        if (spec == null) {
            rejectQueueing(e, s, unknownCommand(a));
            return;
        }
        if (spec.isContainer()) {
            if (a.count() >= 2) {
                CommandSpec sub = CommandTable.lookupSub(spec, a.buf(), a.off(1), a.len(1));
                if (sub == null) {
                    rejectQueueing(e, s, "ERR unknown subcommand '" + a.latin1(1, 128) + "'. Try "
                            + spec.name.toUpperCase(Locale.ROOT) + " HELP.");
                    return;
                }
                spec = sub;
            } else if (spec.handler == null) {
                // A pure container (CLIENT, CONFIG) needs a subcommand; COMMAND alone runs its own row.
                rejectQueueing(e, s, Errors.wrongArgs(spec.name));
                return;
            }
        }
        if (!spec.arityOk(a.count())) {
            if (transactions.isExec(spec)) {
                transactions.rejectExec(e, s, Errors.wrongArgs(spec.fullName).substring(4)); // without "ERR "
            } else {
                rejectQueueing(e, s, Errors.wrongArgs(spec.fullName));
            }
            return;
        }
        if (pubsub.refused(s, spec)) {
            if (transactions.isExec(spec)) {
                transactions.rejectExec(e, s, PubSubIngress.refusal(spec).substring(4)); // EXECABORT, as rejectCommand
            } else {
                rejectQueueing(e, s, PubSubIngress.refusal(spec));
            }
            return;
        }
        if (!e.replayed && busyScript.running() && busy(e, s, spec)) { // replay runs every record
            return;
        }
        if (pubsub.tracks(spec)) {
            pubsub.track(e, s, spec, s.tx != null && !spec.has(CommandFlags.NOQUEUE));
        } else if (s.tx != null && transactions.isExec(spec)) {
            pubsub.beforeExec(s);
        }
        if (s.tx != null && !spec.has(CommandFlags.NOQUEUE)) {
            transactions.queue(e, s, spec);
            return;
        }
        e.cmd = spec;
        e.journal = spec.has(CommandFlags.WRITE | CommandFlags.JOURNAL);
        if (spec.ingress != null) {
            spec.ingress.apply(s, e);
        }
        if (s.tracking != null || tracking.handles(spec)) {
            prepareTracking(e, s, spec);
        }
        if (transactions.handles(spec)) {
            transactions.prepare(e, s, spec);
            return;
        }
        if (scripts.handles(spec) && !scripts.prepare(e, s, spec)) {
            return;
        }
        stamp(e, s);
        route(e, e.cmd, s);
    }

    /**
     * A script is running: past busy-reply-threshold every command without {@code allow_busy}
     * is refused with -BUSY at once, as Redis's processCommand does (inside MULTI that dooms EXEC);
     * SHUTDOWN NOSAVE stops the script (its slot carries the marker the journal writes), SHUTDOWN
     * without NOSAVE is refused like the rest. Returns true when the event was rejected here.
     */
    private boolean busy(RequestEvent e, ClientSession s, CommandSpec spec) {
        if (!pastBusyThreshold()) {
            return false;
        }
        if (spec == shutdown && s.tx != null) {
            return false; // refused as no_multi, as Redis checks that first; the script keeps running
        }
        if (spec == shutdown && isPlainNosave(e.args)) {
            busyScript.abortAll(e); // the shards then run nothing but this SHUTDOWN (it carries the marker)
            return false;
        }
        if (spec.has(CommandFlags.ALLOW_BUSY) && spec != shutdown && spec != functionStats) {
            return false; // FUNCTION STATS would wait behind the script for its running_script: -BUSY now
        }
        rejectQueueing(e, s, busyScript.isEval() ? Errors.BUSY_EVAL : Errors.BUSY_FUNCTION);
        e.immediate = true;
        return true;
    }

    /**
     * {@code script-routing keys}: a script runs on the shard of its declared keys (at a barrier
     * when they span shards; on the client's home shard when it declares none) and fails an
     * access to another shard's key with Redis Cluster's error (ScriptRunner).
     */
    boolean scriptsByKeys() {
        return "keys".equals(engine.options.scriptRouting.value());
    }

    /** A script has run past busy-reply-threshold: Redis answers other clients between its instructions. */
    boolean pastBusyThreshold() {
        long ran = busyScript.busyNanos();
        return ran >= 0 && ran >= engine.options.busyReplyThreshold.number() * 1_000_000L;
    }

    /**
     * SHUTDOWN NOSAVE [NOW] [FORCE]: the only form that stops a busy script, checked in full here
     * (a SHUTDOWN refused later, for a syntax error or inside MULTI, must not have stopped it).
     */
    private static boolean isPlainNosave(Args a) {
        boolean nosave = false;
        for (int i = 1; i < a.count(); i++) {
            if (a.is(i, NOSAVE)) {
                nosave = true;
            } else if (!a.is(i, NOW) && !a.is(i, FORCE)) {
                return false;
            }
        }
        return nosave;
    }

    private static final byte[] NOSAVE = "nosave".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NOW = "now".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] FORCE = "force".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Whether {@code spec} is a CLIENT TRACKING-family row prepared at ingress. */
    boolean tracksAtIngress(CommandSpec spec) {
        return tracking.handles(spec);
    }

    /**
     * Client-side caching at ingress for command {@code e} (run now, or queued in MULTI): CLIENT
     * TRACKING/CACHING change the session, every command is stamped with whether its reads are
     * remembered (see TrackingIngress).
     */
    void prepareTracking(RequestEvent e, ClientSession s, CommandSpec spec) {
        if (tracking.handles(spec)) {
            tracking.prepare(e, s, spec);
        }
        tracking.stamp(e, s, spec);
    }

    /** A scripting command queued in MULTI (see ScriptIngress.prepareQueued). */
    void prepareScriptQueued(RequestEvent q, CommandSpec spec) {
        if (scripts.handles(spec)) {
            scripts.prepareQueued(q, spec);
        }
    }

    /** A command refused before it could run or be queued; inside MULTI it also dooms EXEC (flagTransaction). */
    private void rejectQueueing(RequestEvent e, ClientSession s, String message) {
        if (s.tx != null) {
            s.tx.rejected = true;
        }
        reject(e, s, message);
    }

    /** Opens a transaction on {@code s} as MULTI does (journal replay of EXEC and DISCARD records). */
    public void openTransaction(ClientSession s) {
        transactions.open(s);
    }

    /**
     * Queues a command of a journaled transaction for replay into {@code s}'s open transaction
     * (the session's db is the command's): the same preparation as when the client queued it.
     * Returns false when the row no longer exists or its arity does not match.
     */
    public boolean queueReplayed(ClientSession s, Args args) {
        if (s.tx == null) {
            transactions.open(s);
        }
        CommandSpec spec = table.lookup(args.buf(), args.off(0), args.len(0));
        if (spec != null && spec.isContainer() && args.count() >= 2) {
            spec = CommandTable.lookupSub(spec, args.buf(), args.off(1), args.len(1));
        }
        if (spec == null || !spec.arityOk(args.count())) {
            return false;
        }
        transactions.prepareQueued(s.tx.add(), s, spec, args, 0);
        return true;
    }

    /**
     * Prepares a journal record replayed at start-up: the command is resolved and routed as a
     * client's would be, but stamped with the record's db and original ingress time, so relative
     * TTLs resolve to the same deadlines as when the write was first served (invariant 3).
     */
    public void prepareReplay(RequestEvent e, ClientSession s, long seq, long timeMs, int db) {
        s.db = db;
        e.replayed = true; // before prepare: no -BUSY or kill decisions for a record being replayed
        prepare(e, s);
        e.timeMs = timeMs;
        e.replayed = true;
        e.replaySeq = seq;
    }

    /**
     * Prepares an error reply for client {@code s} in ring order, for a slot that could not be
     * prepared (RingPublisher); the connection stays open.
     */
    public void prepareError(RequestEvent e, ClientSession s, String message) {
        e.kind = RequestEvent.KIND_COMMAND;
        e.session = s;
        e.timeMs = clock.nowMs();
        reject(e, s, message);
        replies.stamp(e, s);
    }

    /** Prepares a protocol error: replied in ring order, then the connection closes. */
    public void prepareProtocolError(RequestEvent e, ClientSession s, String message) {
        e.kind = RequestEvent.KIND_COMMAND;
        e.session = s;
        e.timeMs = clock.nowMs();
        reject(e, s, message);
        replies.stamp(e, s);
        e.closeAfterReply = true;
    }

    /**
     * Prepares a tick: every shard runs its periodic work at this sequence. While blocked clients
     * wait on keys of several shards the tick is a barrier, so shard 0 can time them out and serve
     * them with every shard parked (see Blocking).
     */
    public void prepareTick(RequestEvent e) {
        prepareTick(e, clock.nowMs(), engine.crossShardWaiters > 0);
    }

    /** A tick with a given time and route (journal replay re-creates the journaled ones). */
    public void prepareTick(RequestEvent e, long timeMs, boolean barrier) {
        e.kind = RequestEvent.KIND_TICK;
        e.timeMs = timeMs;
        if (barrier) {
            barrier(e);
        } else {
            e.route = RequestEvent.ROUTE_ALL;
        }
    }

    /** Prepares the close of a client with a blocking command in flight: its waiters are dropped. */
    public void prepareClientClosed(RequestEvent e, ClientSession s, long clientId) {
        e.kind = RequestEvent.KIND_CLIENT_CLOSED;
        e.session = s;
        e.clientId = clientId;
        e.timeMs = clock.nowMs();
        barrier(e);
    }

    void reject(RequestEvent e, ClientSession s, String message) {
        e.cmd = REJECTED;
        e.ingressError = message;
        if (!e.replayed && busyScript.running() && pastBusyThreshold()) {
            e.immediate = true; // unknown command, wrong arity...: answered now, as Redis does while busy
        }
        stamp(e, s);
        e.route = home(s);
    }

    static void stamp(RequestEvent e, ClientSession s) {
        e.db = s.db;
        e.resp = s.resp;
        s.lastInteractionMs = e.timeMs;
    }

    int home(ClientSession s) {
        return shards == 1 ? 0 : (int) (s.id % shards);
    }

    void route(RequestEvent e, CommandSpec spec, ClientSession s) {
        if (shards == 1) {
            e.route = 0;
            return;
        }
        if (spec.has(CommandFlags.BLOCKING)) {
            routeBlocking(e, spec, s);
            return;
        }
        if (spec.has(CommandFlags.ALL_SHARDS) && !(spec.has(CommandFlags.RUNS_SCRIPT) && scriptsByKeys())) {
            barrier(e);
            return;
        }
        Args a = e.args;
        findKeys(e, spec);
        if (e.anyShardKeys) {
            barrier(e); // SORT BY/GET patterns: key names known only while it runs
            return;
        }
        if (e.keyCount == 0) {
            e.route = home(s);
            return;
        }
        int shard = -1;
        for (int k = 0; k < e.keyCount; k++) {
            int i = e.keyPos[k];
            int sh = engine.shardOfKey(a.buf(), a.off(i), a.len(i));
            if (shard < 0) {
                shard = sh;
            } else if (sh != shard) {
                barrier(e);
                return;
            }
        }
        e.route = shard;
    }

    /**
     * A blocking command whose keys span several hash slots runs at a barrier whatever the shard
     * count, because its waiter goes to the engine's cross-slot registry, which only shard 0
     * touches at barriers (see Blocking): the same rule on any shard count keeps journal replay
     * into another shard count exact.
     */
    private void routeBlocking(RequestEvent e, CommandSpec spec, ClientSession s) {
        Args a = e.args;
        findKeys(e, spec);
        if (e.keyCount == 0) {
            e.route = home(s);
            return;
        }
        int slot = -1;
        for (int k = 0; k < e.keyCount; k++) {
            int i = e.keyPos[k];
            int sl = io.ringstore.engine.util.Crc16.slot(a.buf(), a.off(i), a.len(i));
            if (slot < 0) {
                slot = sl;
            } else if (sl != slot) {
                barrier(e);
                return;
            }
        }
        e.route = engine.shardOfSlot(slot);
    }

    /** Fills the event's key positions from the row (key finder, or first/last/step). */
    public static void findKeys(RequestEvent e, CommandSpec spec) {
        e.anyShardKeys = false;
        int argc = e.args.count();
        if (spec.keyFinder != null) {
            spec.keyFinder.find(e);
        } else if (spec.firstKey > 0 && argc > spec.firstKey) {
            int last = spec.lastKey < 0 ? argc + spec.lastKey : Math.min(spec.lastKey, argc - 1);
            for (int i = spec.firstKey; i <= last; i += spec.keyStep) {
                e.addKeyPos(i);
            }
        }
    }

    static void barrier(RequestEvent e) {
        e.route = RequestEvent.ROUTE_BARRIER;
        e.armBarrier();
    }

    /**
     * Redis 7's text: "unknown command 'x', with args beginning with: 'a' 'b' ", arguments as raw
     * bytes ("%.*s": cut at NUL and at 128 bytes in all), Latin-1 so REJECTED writes them back unchanged.
     */
    static String unknownCommand(Args a) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < a.count() && args.length() < 128; i++) {
            int max = 128 - args.length(); // Redis computes the precision before the opening quote
            args.append('\'').append(a.latin1(i, max)).append("' ");
        }
        return "ERR unknown command '" + a.latin1(0, 128) + "', with args beginning with: " + args;
    }
}
