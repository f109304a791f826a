package io.ringstore.engine.family.scripting;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.reply.Errors;

import java.nio.charset.StandardCharsets;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD / EXISTS / FLUSH (Redis 7.0's eval.c). The
 * script cache is kept at ingress (command.ScriptIngress: EVALSHA arrives here as EVAL with the
 * body); the scripts run in the shard's Lua runtime (shard.ScriptRunner) through
 * {@link CommandContext#scripts}. The rows are {@code all_shards}: with several shards a script
 * runs at a barrier, since it may touch keys it did not declare; EVAL is journaled (its body, so
 * replay needs no cache), EVAL_RO is not.
 */
public final class ScriptingFamily {
    private static final String EVAL = "noscript stale skip_monitor may_replicate no_mandatory_keys all_shards runs_script";
    private static final String EVAL_RO = "noscript stale skip_monitor no_mandatory_keys readonly all_shards runs_script";
    private static final byte[] SYNC = "sync".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASYNC = "async".getBytes(StandardCharsets.US_ASCII);

    private ScriptingFamily() {
    }

    public static void register(CommandTable t) {
        t.group("scripting");
        t.add("eval", -3, EVAL + " journal", 0, 0, 0, c -> c.scripts.eval(c, false))
                .keys(e -> NumKeys.add(e, 2))
                .doc("2.6.0", "Execute a Lua script server side", "Depends on the script that is executed.");
        t.add("evalsha", -3, EVAL + " journal", 0, 0, 0, c -> c.scripts.eval(c, false))
                .keys(e -> NumKeys.add(e, 2))
                .doc("2.6.0", "Execute a Lua script server side", "Depends on the script that is executed.");
        t.add("eval_ro", -3, EVAL_RO, 0, 0, 0, c -> c.scripts.eval(c, true))
                .keys(e -> NumKeys.add(e, 2))
                .doc("7.0.0", "Execute a read-only Lua script server side", "Depends on the script that is executed.");
        t.add("evalsha_ro", -3, EVAL_RO, 0, 0, 0, c -> c.scripts.eval(c, true))
                .keys(e -> NumKeys.add(e, 2))
                .doc("7.0.0", "Execute a read-only Lua script server side", "Depends on the script that is executed.");
        t.container("script", -2, "");
        t.sub("script", "load", 3, "noscript stale all_shards", 0, 0, 0, c -> c.scripts.load(c))
                .doc("2.6.0", "Load a Lua script into the scripts cache, without executing it",
                        "O(N) with N being the length in bytes of the script body.");
        t.sub("script", "exists", -3, "noscript stale", 0, 0, 0, ScriptingFamily::exists)
                .doc("2.6.0", "Check existence of scripts in the script cache.",
                        "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation).");
        t.sub("script", "flush", -2, "noscript all_shards", 0, 0, 0, ScriptingFamily::flush)
                .doc("2.6.0", "Remove all the scripts from the script cache.",
                        "O(N) with N being the number of scripts in cache");
        t.sub("script", "kill", 2, "noscript allow_busy", 0, 0, 0, ScriptingFamily::kill)
                .doc("2.6.0", "Kill the script currently in execution.", "O(1)");
        t.sub("script", "help", 2, "loading stale", 0, 0, 0, ScriptingFamily::help)
                .doc("5.0.0", "Show helpful text about the different subcommands", "O(1)");
    }

    /** SCRIPT EXISTS sha [sha ...]: 1 or 0 each, decided at ingress (the extra last argument ScriptIngress adds). */
    static void exists(CommandContext c) {
        int last = c.args.count() - 1;
        int n = c.args.len(last);
        byte[] b = c.args.buf();
        int at = c.args.off(last);
        c.reply.array(n);
        for (int i = 0; i < n; i++) {
            c.reply.integer(b[at + i]);
        }
    }

    /**
     * SCRIPT KILL and FUNCTION KILL, decided at ingress the moment it arrived (command.ScriptIngress): the running
     * script was stopped (OK), or none ran (NOTBUSY). UNKILLABLE and a function running were
     * answered there. Queued in MULTI it arrives undecided: EXEC runs no script meanwhile.
     */
    public static void kill(CommandContext c) {
        if (c.args.count() == 3 && c.args.len(2) == 1 && c.args.buf()[c.args.off(2)] == 1) {
            c.reply.ok();
        } else {
            c.reply.error(Errors.NOTBUSY);
        }
    }

    /** SCRIPT HELP: Redis 7.0's text without SCRIPT DEBUG, which Ringstore does not have (no Lua debugger). */
    static void help(CommandContext c) {
        ServerHelp.reply(c, "SCRIPT",
                "EXISTS <sha1> [<sha1> ...]",
                "    Return information about the existence of the scripts in the script cache.",
                "FLUSH [ASYNC|SYNC]",
                "    Flush the Lua scripts cache. Very dangerous on replicas.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the scripts cache.",
                "    * SYNC: Synchronously flush the scripts cache.",
                "KILL",
                "    Kill the currently executing Lua script.",
                "LOAD <script>",
                "    Load a script into the scripts cache without executing it.");
    }

    /** SCRIPT FLUSH [ASYNC|SYNC]: the cache was emptied at ingress; this thread drops its compiled copies. */
    static void flush(CommandContext c) {
        if (c.args.count() > 3 || (c.args.count() == 3 && !c.argIs(2, SYNC) && !c.argIs(2, ASYNC))) {
            c.reply.error(Errors.SCRIPT_FLUSH_OPTION);
            return;
        }
        c.scripts.flush(c);
        c.reply.ok();
    }
}
