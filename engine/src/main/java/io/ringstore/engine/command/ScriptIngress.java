package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.Transaction;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.Sha1;

import java.util.Arrays;

/**
 * EVAL's script cache at ingress, on the publishing I/O thread: EVAL and SCRIPT LOAD add their
 * body, SCRIPT FLUSH empties the cache, and EVALSHA is resolved here in the connection's order:
 * answered NOSCRIPT, or rewritten into EVAL (EVALSHA_RO into EVAL_RO) with the body in place of the
 * SHA1, so the shards, the journal and replay only ever see EVAL. Stateless beyond the table's rows;
 * any publishing thread.
 */
public final class ScriptIngress {
    private static final byte[] SYNC = "sync".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] ASYNC = "async".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final Ingress ingress;
    private final ScriptCache cache;
    private final CommandSpec eval;
    private final CommandSpec evalRo;
    private final CommandSpec evalsha;
    private final CommandSpec evalshaRo;
    private final CommandSpec load;
    private final CommandSpec flush;
    private final CommandSpec exists;
    private final CommandSpec kill;
    private final CommandSpec functionKill;
    private final BusyScripts busy;
    private final Ingress ingressRef;

    ScriptIngress(Ingress ingress, EngineContext engine) { // built by Ingress
        this.ingress = ingress;
        this.cache = engine.scripts;
        CommandTable t = engine.table;
        this.eval = t.get("eval");
        this.evalRo = t.get("eval_ro");
        this.evalsha = t.get("evalsha");
        this.evalshaRo = t.get("evalsha_ro");
        CommandSpec script = t.get("script");
        this.load = script == null ? null : script.subcommands().get("load");
        this.flush = script == null ? null : script.subcommands().get("flush");
        this.exists = script == null ? null : script.subcommands().get("exists");
        this.kill = script == null ? null : script.subcommands().get("kill");
        CommandSpec function = t.get("function");
        this.functionKill = function == null ? null : function.subcommands().get("kill");
        this.busy = engine.busyScripts;
        this.ingressRef = ingress;
    }

    boolean handles(CommandSpec spec) {
        return spec != null && (spec == eval || spec == evalRo || spec == evalsha || spec == evalshaRo || spec == load
                || spec == flush || spec == exists || spec == kill || spec == functionKill);
    }

    /**
     * Prepares one of the rows {@link #handles} accepts; returns false when the event was rejected
     * here (NOSCRIPT), true when the caller goes on routing it.
     */
    boolean prepare(RequestEvent e, ClientSession s, CommandSpec spec) {
        Args a = e.args;
        if (spec == load || ((spec == eval || spec == evalRo) && numKeysError(a) == null)) {
            // EVAL with a bad numkeys fails before its script is cached (evalGenericCommand)
            e.script = cache.add(a.buf(), a.off(spec == load ? 2 : 1), a.len(spec == load ? 2 : 1));
        } else if (spec == evalsha || spec == evalshaRo) {
            ScriptCache.Entry entry = cache.get(a.buf(), a.off(1), a.len(1));
            if (entry == null) {
                String bad = numKeysError(a);
                ingress.reject(e, s, bad != null ? bad : Errors.NOSCRIPT); // evalGenericCommand checks numkeys first
                return false;
            }
            CommandSpec to = spec == evalsha ? eval : evalRo;
            e.keepEvalshaHead(a); // MONITOR shows the command as sent
            a.set(0, to.nameBytes);
            a.set(1, entry.body);
            e.cmd = to;
            e.journal = to.has(CommandFlags.WRITE | CommandFlags.JOURNAL);
            e.script = entry;
        } else if (spec == flush && flushArgsOk(a)) {
            cache.flush();
        } else if (spec == exists) {
            existsAnswer(a);
        } else if (spec == kill || spec == functionKill) {
            return killScript(e, s, spec == kill);
        }
        return true;
    }

    /**
     * SCRIPT KILL ({@code byEval}) or FUNCTION KILL, decided now, not when the slot runs (it would
     * run after the script): the running script is stopped, and the slot carries the marker the
     * journal writes and the outcome (an appended byte, 1 OK, 0 NOTBUSY) its handler replies in
     * ring order. UNKILLABLE, or a script of the other kind, is answered at once (-BUSY's path).
     * Returns false when rejected here.
     */
    boolean killScript(RequestEvent e, ClientSession s, boolean byEval) {
        // Redis reads SCRIPT KILL only once the script is past busy-reply-threshold: before that it
        // waits its turn, behind the script, and finds none running (a short script is never killed).
        int outcome = e.replayed || !ingressRef.pastBusyThreshold() ? BusyScript.NOT_BUSY : busy.kill(byEval, e);
        if (outcome == BusyScript.UNKILLABLE || outcome == BusyScript.WRONG_KIND) {
            ingress.reject(e, s, outcome == BusyScript.UNKILLABLE ? Errors.UNKILLABLE
                    : busy.isEval() ? Errors.BUSY_EVAL : Errors.BUSY_FUNCTION);
            e.immediate = true;
            return false;
        }
        Args a = e.args;
        int at = a.add(1);
        a.buf()[at] = (byte) (outcome == BusyScript.KILL_OK ? 1 : 0);
        return true;
    }

    /**
     * SCRIPT EXISTS is answered from the cache as it stands at this point of the connection's
     * order (a SCRIPT FLUSH or EVAL after it must not change the answer): one byte per SHA1, 1 or 0,
     * appended as an extra last argument for the handler to reply.
     */
    private void existsAnswer(Args a) {
        int n = a.count() - 2;
        int at = a.add(n);
        byte[] b = a.buf();
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (cache.get(b, a.off(2 + i), a.len(2 + i)) != null ? 1 : 0);
        }
    }

    /** EVAL's numkeys checks (evalGenericCommand): the error text, or null when numkeys is valid. */
    public static String numKeysError(Args a) {
        long[] v = new long[1];
        if (!io.ringstore.engine.util.Numbers.parseLong(a.buf(), a.off(2), a.len(2), v)) {
            return Errors.NOT_INTEGER;
        }
        if (v[0] > a.count() - 3) {
            return Errors.NUMKEYS_OVER_ARGS;
        }
        if (v[0] < 0) {
            return Errors.NUMKEYS_NEGATIVE;
        }
        return null;
    }

    /**
     * A scripting command queued in MULTI: EVALSHA becomes EVAL when the cache knows the SHA1, or
     * when an EVAL queued before it in the same transaction has that body (else it stays EVALSHA
     * and answers NOSCRIPT inside EXEC), so the transaction's journal record holds bodies, not
     * SHA1s. A queued EVAL caches its body only when EXEC runs it (ScriptRunner): a discarded or
     * aborted transaction caches nothing, as in Redis.
     */
    void prepareQueued(RequestEvent q, CommandSpec spec) {
        Args a = q.args;
        if (spec == evalsha || spec == evalshaRo) {
            ScriptCache.Entry entry = cache.get(a.buf(), a.off(1), a.len(1));
            byte[] body = entry != null ? entry.body : evaledBefore(q.session.tx, a);
            if (body != null) {
                CommandSpec to = spec == evalsha ? eval : evalRo;
                q.keepEvalshaHead(a);
                a.set(0, to.nameBytes);
                a.set(1, body);
                q.cmd = to;
                q.script = entry; // null for a body from the queue: cached when EXEC runs it, as that EVAL
            }
        } else if (spec == load) {
            q.script = cache.add(a.buf(), a.off(2), a.len(2));
        } else if (spec == flush && flushArgsOk(a)) {
            cache.flush();
        } else if (spec == exists) {
            existsAnswer(a);
        }
    }

    /**
     * The body of an EVAL (or EVAL_RO) queued in {@code t} before the EVALSHA being queued (its
     * last command), whose SHA1 is that EVALSHA's argument 1; null if none, or if a SCRIPT FLUSH
     * was queued after it. Redis runs the queue in order at EXEC, so by the time the EVALSHA runs
     * that EVAL has cached its script: node-redis's multi() sends a script's first use as EVAL and
     * the next ones as EVALSHA. Called only when the cache misses.
     */
    private byte[] evaledBefore(Transaction t, Args evalsha) {
        if (evalsha.len(1) != 40) {
            return null;
        }
        String sha = evalsha.string(1);
        for (int i = t.count() - 2; i >= 0; i--) {
            RequestEvent q = t.get(i);
            Args a = q.args;
            if (q.cmd == flush && flushArgsOk(a)) {
                return null;
            }
            if ((q.cmd == eval || q.cmd == evalRo) && numKeysError(a) == null
                    && sha.equalsIgnoreCase(Sha1.hex(a.buf(), a.off(1), a.len(1)))) {
                return Arrays.copyOfRange(a.buf(), a.off(1), a.off(1) + a.len(1));
            }
        }
        return null;
    }

    private static boolean flushArgsOk(Args a) {
        return a.count() == 2 || (a.count() == 3 && (a.is(2, SYNC) || a.is(2, ASYNC)));
    }
}
