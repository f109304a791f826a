package io.ringstore.engine.shard;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.BusyScript;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.command.Ingress;
import io.ringstore.engine.command.ScriptCache;
import io.ringstore.engine.command.ScriptIngress;
import io.ringstore.engine.command.Scripts;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.script.EvalScript;
import io.ringstore.engine.script.LibraryFunction;
import io.ringstore.engine.script.LuaRuntime;
import io.ringstore.engine.script.ScriptException;
import io.ringstore.engine.script.ScriptFlags;
import io.ringstore.engine.script.ScriptHost;
import io.ringstore.engine.script.ScriptKilled;

import java.util.ArrayList;

/**
 * EVAL on a shard thread: compiles cached scripts into this thread's {@link LuaRuntime} (created
 * at the first script) and runs them as the script's host. Scripts run where Ingress routed them,
 * on the only shard or, with several shards, at a barrier on shard 0 (EVAL rows are
 * {@code all_shards}: a script may touch keys it did not declare, which only a barrier makes
 * safe), so each {@code redis.call} reaches any key; it runs through {@link ShardHandler#run} like
 * a command EXEC runs, blocking commands answering their timeout at once. The script's PRNG is
 * seeded from the event's sequence, so journal replay of EVAL repeats its writes exactly. One
 * instance per shard handler; its thread only.
 */
final class ScriptRunner implements Scripts, ScriptHost {
    private static final System.Logger LOG = System.getLogger("ringstore");
    private final EngineContext engine;
    private final CommandContext ctx;
    private final ShardHandler shard;
    private final Blocking blocking;
    private final CommandTable table;
    private LuaRuntime lua;
    /** The command one redis.call runs (reused). */
    private final RequestEvent call = new RequestEvent();
    /** SELECT inside a script changes the script's db only: its ingress hook runs on this. */
    private final ClientSession selectScratch;
    /** Keys written while clients were blocked: served once the script ends. */
    private final ArrayList<byte[]> written = new ArrayList<>();
    // The script running now.
    private RequestEvent event;
    /**
     * script-routing keys: the slots of the running script's declared keys, the only ones its
     * redis.call may touch ({@code declaredCount} of them; -1 when the mode is off). Slots, not
     * shards, so the answer does not depend on the shard count a replay runs with.
     */
    private int[] declaredSlots = new int[8];
    private int declaredCount = -1;
    private int where;
    private boolean readOnly;
    private int db;
    private int calls;
    /** SCRIPT KILL, FUNCTION KILL, SHUTDOWN NOSAVE and -BUSY see the running script here. */
    private final BusyScript busy;
    /** The running script was stopped by a ScriptKilled this runner threw (else it ended first). */
    private boolean stopThrown;
    /** Journal replay: when the running script started, and when it last said so (progress lines). */
    private long replayStartNanos;
    private long replayNoticeNanos;
    /** The running script's journal sequence and place in EXEC's queue (-1 outside MULTI). */
    private long scriptSeq;
    private int scriptIndex;

    ScriptRunner(EngineContext engine, CommandContext ctx, ShardHandler shard, Blocking blocking) {
        this.engine = engine;
        this.ctx = ctx;
        this.shard = shard;
        this.blocking = blocking;
        this.table = engine.table;
        this.selectScratch = new ClientSession(-1, 0, engine.databases);
        this.busy = engine.busyScripts.of(shard.id());
    }

    private LuaRuntime lua() {
        if (lua == null) {
            lua = new LuaRuntime();
        }
        return lua;
    }

    @Override
    public void eval(CommandContext c, boolean readOnlyRow) {
        RequestEvent e = c.event;
        ReplyBuffer reply = c.reply; // the event's, or EXEC's array when queued in MULTI
        String bad = ScriptIngress.numKeysError(c.args);
        if (bad != null) {
            c.reply.error(bad);
            return;
        }
        c.parseLong(2);
        int numKeys = (int) c.num;
        if (e.script == null) {
            if (e.cmd.name.startsWith("evalsha")) { // queued in MULTI for a script the cache did not know
                c.reply.error(Errors.NOSCRIPT);
                return;
            }
            e.script = engine.scripts.add(c.args.buf(), c.args.off(1), c.args.len(1)); // EVAL queued in MULTI
        }
        EvalScript script = compiled(e.script, c.reply);
        if (script == null) {
            return;
        }
        run(c, reply, lua(), script, null, numKeys, readOnlyRow || (script.flags() & ScriptFlags.NO_WRITES) != 0);
    }

    /**
     * The run step EVAL and FCALL share: replay skips a script a journaled kill stopped; otherwise
     * the script runs with its PRNG seeded from the sequence, its declared slots noted
     * (script-routing keys), and its progress published to {@link BusyScript} for -BUSY and the
     * kills; blocked clients its writes made ready are served after it. {@code f} null runs
     * {@code script} (EVAL), else the function.
     */
    private void run(CommandContext c, ReplyBuffer reply, LuaRuntime rt, EvalScript script, LibraryFunction f,
                     int numKeys, boolean readOnlyRun) {
        RequestEvent e = c.event;
        long rng = c.nextRandom() & 0xFFFFFFFFFFFFL; // drawn even when skipped: later draws stay the same
        if (e.replayed && !engine.killedScripts.isEmpty()
                && engine.killedScripts.contains(EngineContext.killedKey(c.journalSeq, c.queuedIndex))) {
            reply.errorLatin1(Errors.SCRIPT_KILLED); // stopped before it wrote (or aborted): replay skips it
            return;
        }
        rt.random().setState(rng); // replay-exact, not process-lifetime state
        event = e;
        where = c.shardId();
        readOnly = readOnlyRun;
        db = e.db;
        calls = 0;
        long seq = c.sequence;
        int mark = reply.length();
        c.denyBlocking = true;
        stopThrown = false;
        replayStartNanos = e.replayed ? System.nanoTime() : 0;
        replayNoticeNanos = replayStartNanos;
        scriptSeq = c.journalSeq;
        scriptIndex = c.queuedIndex;
        if (f == null) {
            declare(e.args, 3, numKeys);
        } else {
            declaredCount = -1; // FCALL rows stay all_shards (the libraries are shard 0's): no slot rule
        }
        busy.begin(seq, c.queuedIndex, f == null);
        int stopped = 0;
        try {
            if (f == null) {
                rt.eval(script, e.args, 3, numKeys, this, reply);
            } else {
                rt.fcall(f, e.args, 3, numKeys, this, reply);
            }
        } finally {
            stopped = busy.end();
            c.denyBlocking = false;
            event = null;
            c.sequence = seq;
        }
        if (stopped != 0 && !stopThrown) {
            // Stopped as it ended: its kill is journaled, so it counts as killed (a killed script
            // wrote nothing: see BusyScript; an aborted one is never persisted).
            reply.truncate(mark);
            reply.errorLatin1(Errors.SCRIPT_KILLED);
        }
        if (stopped == BusyScript.STOPPED_BY_ABORT) {
            engine.halting = true; // SHUTDOWN NOSAVE: nothing more runs before that SHUTDOWN
        }
        if (!written.isEmpty()) {
            blocking.afterWrites(written, c.ringEvent, where); // served replies follow the ring event's (EXEC's)
            written.clear();
        }
    }

    @Override
    public void load(CommandContext c) {
        ScriptCache.Entry entry = c.event.script;
        if (compiled(entry, c.reply) != null) {
            c.reply.bulk(entry.sha);
        }
    }

    @Override
    public void flush(CommandContext c) {
        if (lua != null) {
            lua.flushCache();
        }
    }

    /**
     * FCALL / FCALL_RO (functions.c fcallCommandGeneric, script.c scriptPrepareForRun): the
     * function is looked up first, then numkeys checked, then a function without the no-writes
     * flag refused to FCALL_RO; it runs in the registry's runtime like EVAL in this thread's, with
     * this runner as its host. The other flags change nothing here: no cluster, no replicas, no
     * maxmemory yet (allow-oom, allow-stale, no-cluster, allow-cross-slot-keys).
     */
    @Override
    public void fcall(CommandContext c, boolean readOnlyRow) {
        RequestEvent e = c.event;
        ReplyBuffer reply = c.reply; // the event's, or EXEC's array when queued in MULTI
        LibraryFunction f = engine.functions.function(c.args.buf(), c.args.off(1), c.args.len(1));
        if (f == null) {
            reply.error(Errors.FUNCTION_NOT_FOUND);
            return;
        }
        if (!c.parseLong(2)) {
            reply.error(Errors.FCALL_BAD_NUMKEYS);
            return;
        }
        if (c.num > c.args.count() - 3) {
            reply.error(Errors.NUMKEYS_OVER_ARGS);
            return;
        }
        if (c.num < 0) {
            reply.error(Errors.NUMKEYS_NEGATIVE);
            return;
        }
        boolean noWrites = (f.flags() & ScriptFlags.NO_WRITES) != 0;
        if (readOnlyRow && !noWrites) {
            reply.error(Errors.SCRIPT_WRITE_FLAG_RO);
            return;
        }
        run(c, reply, engine.functions.runtime(), null, f, (int) c.num, readOnlyRow || noWrites);
    }

    /** The script compiled on this thread, or null after replying its compile error (then it is not cached). */
    private EvalScript compiled(ScriptCache.Entry entry, ReplyBuffer reply) {
        LuaRuntime rt = lua();
        EvalScript s = rt.cached(entry.id);
        if (s == null) {
            try {
                s = rt.compileEval(entry.body, 0, entry.body.length);
            } catch (ScriptException ex) {
                engine.scripts.remove(entry);
                reply.error(ex.getMessage());
                return null;
            }
            rt.cache(entry.id, s);
        }
        return s;
    }

    // ---- ScriptHost: one redis.call / redis.pcall

    @Override
    public void call(Args args, int resp, ReplyBuffer out) {
        CommandSpec spec = table.lookup(args.buf(), args.off(0), args.len(0));
        if (spec != null && spec.isContainer() && args.count() >= 2) {
            CommandSpec sub = CommandTable.lookupSub(spec, args.buf(), args.off(1), args.len(1));
            spec = sub != null ? sub : spec;
        }
        if (spec == null || (spec.isContainer() && spec.handler == null)) {
            out.error(Errors.SCRIPT_UNKNOWN_COMMAND);
            return;
        }
        if (!spec.arityOk(args.count())) {
            out.error(Errors.SCRIPT_WRONG_ARGS);
            return;
        }
        if (spec.has(CommandFlags.NOSCRIPT)) {
            out.error(Errors.SCRIPT_NOT_ALLOWED);
            return;
        }
        if (readOnly && spec.has(CommandFlags.WRITE | CommandFlags.MAY_REPLICATE)) { // PUBLISH too, as Redis's scriptCall
            out.error(Errors.SCRIPT_READ_ONLY);
            return;
        }
        if (spec.has(CommandFlags.WRITE) && !busy.write()) {
            stopThrown = true; // killed before its first write: it must not make one
            throw new ScriptKilled(ScriptKilled.KILLED);
        }
        RequestEvent q = call;
        q.clear();
        q.args.copyFrom(args);
        q.kind = RequestEvent.KIND_COMMAND;
        q.fromScript = true;
        q.session = event.session;
        q.cmd = spec;
        q.db = db;
        q.resp = resp;
        q.timeMs = event.timeMs;
        q.replayed = event.replayed;
        q.replaySeq = event.replaySeq;
        if (spec.ingress() != null) { // SELECT: the script's own db, not the client's
            selectScratch.db = db;
            spec.ingress().apply(selectScratch, q);
            db = selectScratch.db;
        }
        boolean local = declaredCount >= 0; // script-routing keys: the declared keys' slots only
        if (local || (spec.has(CommandFlags.WRITE) && blocking.any(where))) {
            Ingress.findKeys(q, spec);
        }
        if (local && !declaredSlotsOnly(q, spec)) {
            out.error(Errors.SCRIPT_NON_LOCAL_KEY);
            return;
        }
        ctx.bindQueued(q, out, ctx.sequence, where, calls++);
        shard.run(q, out, event.replayed);
        if (event.track == RequestEvent.TRACK_SCRIPT && spec.has(CommandFlags.READONLY)) {
            TrackingReads.remember(engine, event); // Redis 7.0 remembers the script's declared keys
        }
        if (spec.has(CommandFlags.WRITE) && blocking.any(where)) {
            for (int k = 0; k < q.keyCount; k++) {
                written.add(q.args.copy(q.keyPos[k]));
            }
        }
    }

    /**
     * A script routed by its declared keys may touch keys of their slots only: a command with a key
     * in another slot, or one that needs every shard (DBSIZE, KEYS, FLUSHALL, SORT with BY/GET
     * patterns...), is refused as Redis Cluster refuses a non-local key. Decided by slot, never by
     * shard, so a replay with another shard count (or at a barrier, when the declared keys span
     * shards) answers the same.
     */
    private boolean declaredSlotsOnly(RequestEvent q, CommandSpec spec) {
        if (spec.has(CommandFlags.ALL_SHARDS) || q.anyShardKeys) { // SORT BY/GET patterns: undeclared keys
            return false;
        }
        Args a = q.args;
        for (int k = 0; k < q.keyCount; k++) {
            int i = q.keyPos[k];
            int slot = io.ringstore.engine.util.Crc16.slot(a.buf(), a.off(i), a.len(i));
            boolean declared = false;
            for (int d = 0; d < declaredCount && !declared; d++) {
                declared = declaredSlots[d] == slot;
            }
            if (!declared) {
                return false;
            }
        }
        return true;
    }

    /** Records the declared keys' slots when script-routing is keys (else turns the check off). */
    private void declare(Args args, int firstKey, int numKeys) {
        if (!"keys".equals(engine.options.scriptRouting.value())) {
            declaredCount = -1;
            return;
        }
        if (declaredSlots.length < numKeys) {
            declaredSlots = new int[numKeys];
        }
        for (int k = 0; k < numKeys; k++) {
            int i = firstKey + k;
            declaredSlots[k] = io.ringstore.engine.util.Crc16.slot(args.buf(), args.off(i), args.len(i));
        }
        declaredCount = numKeys;
    }

    /**
     * Every {@link LuaRuntime#DEFAULT_BUSY_PERIOD} instructions: stops the script when SCRIPT KILL,
     * FUNCTION KILL or SHUTDOWN NOSAVE asked (command.BusyScript). In journal replay, where no
     * client can kill it, it says every 10 s which record is running so long.
     */
    @Override
    public void busy() {
        if (busy.stopped()) {
            stopThrown = true;
            throw new ScriptKilled(ScriptKilled.KILLED);
        }
        if (replayStartNanos != 0) {
            long now = System.nanoTime();
            if (now - replayNoticeNanos >= REPLAY_NOTICE_NANOS) {
                replayNoticeNanos = now;
                LOG.log(System.Logger.Level.WARNING, "journal replay: the script of journal record " + scriptSeq
                        + (scriptIndex >= 0 ? " (command " + scriptIndex + " of its transaction)" : "")
                        + " has run " + (now - replayStartNanos) / 1_000_000_000L + " s. If it was a runaway script"
                        + " the server lost (kill -9, a crash) before SCRIPT KILL, it will not end: stop this server"
                        + " and run scripts/ringstore-check-journal --skip-script " + scriptSeq
                        + (scriptIndex >= 0 ? ":" + scriptIndex : "") + " <dir>, as SCRIPT KILL would have.");
            }
        }
    }

    private static final long REPLAY_NOTICE_NANOS = 10_000_000_000L;

    @Override
    public void log(int level, String message) {
        System.Logger.Level l = level <= LuaRuntime.LOG_DEBUG ? System.Logger.Level.DEBUG
                : level == LuaRuntime.LOG_VERBOSE ? System.Logger.Level.DEBUG
                : level == LuaRuntime.LOG_NOTICE ? System.Logger.Level.INFO : System.Logger.Level.WARNING;
        LOG.log(l, message);
    }
}
