package io.ringstore.engine.shard;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.command.Args;
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
    private int where;
    private boolean readOnly;
    private int db;
    private int calls;

    ScriptRunner(EngineContext engine, CommandContext ctx, ShardHandler shard, Blocking blocking) {
        this.engine = engine;
        this.ctx = ctx;
        this.shard = shard;
        this.blocking = blocking;
        this.table = engine.table;
        this.selectScratch = new ClientSession(-1, 0, engine.databases);
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
        LuaRuntime rt = lua();
        rt.random().setState(c.nextRandom() & 0xFFFFFFFFFFFFL); // replay-exact, not process-lifetime state
        event = e;
        where = c.shardId();
        readOnly = readOnlyRow || (script.flags() & ScriptFlags.NO_WRITES) != 0;
        db = e.db;
        calls = 0;
        long seq = c.sequence;
        c.denyBlocking = true;
        try {
            rt.eval(script, e.args, 3, numKeys, this, reply);
        } finally {
            c.denyBlocking = false;
            event = null;
            c.sequence = seq;
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
        int numKeys = (int) c.num;
        LuaRuntime rt = engine.functions.runtime();
        rt.random().setState(c.nextRandom() & 0xFFFFFFFFFFFFL); // replay-exact, as EVAL's
        event = e;
        where = c.shardId();
        readOnly = readOnlyRow || noWrites;
        db = e.db;
        calls = 0;
        long seq = c.sequence;
        c.denyBlocking = true;
        try {
            rt.fcall(f, e.args, 3, numKeys, this, reply);
        } finally {
            c.denyBlocking = false;
            event = null;
            c.sequence = seq;
        }
        if (!written.isEmpty()) {
            blocking.afterWrites(written, c.ringEvent, where); // served replies follow the ring event's (EXEC's)
            written.clear();
        }
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
        if (readOnly && spec.has(CommandFlags.WRITE)) {
            out.error(Errors.SCRIPT_READ_ONLY);
            return;
        }
        RequestEvent q = call;
        q.clear();
        q.args.copyFrom(args);
        q.kind = RequestEvent.KIND_COMMAND;
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
        ctx.bindQueued(q, out, ctx.sequence, where, calls++);
        shard.run(q, out, event.replayed);
        if (spec.has(CommandFlags.WRITE) && blocking.any(where)) {
            Ingress.findKeys(q, spec);
            for (int k = 0; k < q.keyCount; k++) {
                written.add(q.args.copy(q.keyPos[k]));
            }
        }
    }

    @Override
    public void busy() {
        // SCRIPT KILL and -BUSY replies to other clients are not built yet (docs/status.md).
    }

    @Override
    public void log(int level, String message) {
        System.Logger.Level l = level <= LuaRuntime.LOG_DEBUG ? System.Logger.Level.DEBUG
                : level == LuaRuntime.LOG_VERBOSE ? System.Logger.Level.DEBUG
                : level == LuaRuntime.LOG_NOTICE ? System.Logger.Level.INFO : System.Logger.Level.WARNING;
        LOG.log(l, message);
    }
}
