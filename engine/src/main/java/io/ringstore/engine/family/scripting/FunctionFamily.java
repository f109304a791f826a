package io.ringstore.engine.family.scripting;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.family.shared.ServerHelp;

/**
 * FCALL, FCALL_RO and FUNCTION LOAD / DELETE / FLUSH / RESTORE / LIST / DUMP / STATS / HELP (Redis
 * 7.0's functions.c). The libraries live where scripts run (shard.FunctionRunner over the engine's
 * script.FunctionRegistry, reached through {@link CommandContext#functions}; FCALL through the
 * script runner, {@link CommandContext#scripts}), so every row but HELP is {@code all_shards}: one
 * point of the ring order. Functions are data: LOAD, DELETE, FLUSH and RESTORE are journaled
 * writes, FCALL is journaled like EVAL (FCALL_RO is not), and snapshots carry the libraries.
 */
public final class FunctionFamily {
    private static final String FCALL = "noscript stale skip_monitor may_replicate no_mandatory_keys all_shards";
    private static final String FCALL_RO = "noscript stale skip_monitor no_mandatory_keys readonly all_shards";

    private FunctionFamily() {
    }

    public static void register(CommandTable t) {
        t.group("scripting");
        t.add("fcall", -3, FCALL + " journal", 0, 0, 0, c -> c.scripts.fcall(c, false))
                .keys(e -> NumKeys.add(e, 2))
                .doc("7.0.0", "Invoke a function", "Depends on the function that is executed.");
        t.add("fcall_ro", -3, FCALL_RO, 0, 0, 0, c -> c.scripts.fcall(c, true))
                .keys(e -> NumKeys.add(e, 2))
                .doc("7.0.0", "Invoke a read-only function", "Depends on the function that is executed.");
        t.container("function", -2, "").doc("7.0.0", "A container for function commands", "Depends on subcommand.");
        t.sub("function", "load", -3, "write denyoom noscript all_shards", 0, 0, 0, c -> c.functions.load(c))
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .doc("7.0.0", "Create a function with the given arguments (name, code, description)",
                        "O(1) (considering compilation time is redundant)");
        t.sub("function", "delete", 3, "write noscript all_shards", 0, 0, 0, c -> c.functions.delete(c))
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .doc("7.0.0", "Delete a function by name", "O(1)");
        t.sub("function", "flush", -2, "write noscript all_shards", 0, 0, 0, c -> c.functions.flush(c))
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .doc("7.0.0", "Deleting all functions", "O(N) where N is the number of functions deleted");
        t.sub("function", "restore", -3, "write denyoom noscript all_shards", 0, 0, 0, c -> c.functions.restore(c))
                .tips("request_policy:all_shards", "response_policy:all_succeeded")
                .doc("7.0.0", "Restore all the functions on the given payload",
                        "O(N) where N is the number of functions on the payload");
        t.sub("function", "list", -2, "noscript all_shards", 0, 0, 0, c -> c.functions.list(c))
                .tips("nondeterministic_output_order")
                .doc("7.0.0", "List information about all the functions", "O(N) where N is the number of functions");
        t.sub("function", "dump", 2, "noscript all_shards", 0, 0, 0, c -> c.functions.dump(c))
                .doc("7.0.0", "Dump all functions into a serialized binary payload",
                        "O(N) where N is the number of functions");
        // FUNCTION STATS answers nil for running_script: a command runs only when no script does;
        // while one runs past busy-reply-threshold STATS is answered -BUSY at ingress (Ingress.busy).
        t.sub("function", "kill", 2, "noscript allow_busy", 0, 0, 0, ScriptingFamily::kill)
                .tips("request_policy:all_shards", "response_policy:one_succeeded")
                .doc("7.0.0", "Kill the function currently in execution.", "O(1)");
        t.sub("function", "stats", 2, "noscript allow_busy all_shards", 0, 0, 0, c -> c.functions.stats(c))
                .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
                .doc("7.0.0", "Return information about the function currently running (name, description, duration)",
                        "O(1)");
        t.sub("function", "help", 2, "loading stale", 0, 0, 0, FunctionFamily::help)
                .doc("7.0.0", "Show helpful text about the different subcommands", "O(1)");
    }

    /** FUNCTION HELP: Redis 7.0.15's text. */
    static void help(CommandContext c) {
        ServerHelp.reply(c, "FUNCTION",
                "LOAD [REPLACE] <FUNCTION CODE>",
                "    Create a new library with the given library name and code.",
                "DELETE <LIBRARY NAME>",
                "    Delete the given library.",
                "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
                "    Return general information on all the libraries:",
                "    * Library name",
                "    * The engine used to run the Library",
                "    * Library description",
                "    * Functions list",
                "    * Library code (if WITHCODE is given)",
                "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
                "STATS",
                "    Return information about the current function running:",
                "    * Function name",
                "    * Command used to run the function",
                "    * Duration in MS that the function is running",
                "    If no function is running, return nil",
                "    In addition, returns a list of available engines.",
                "KILL",
                "    Kill the current running function.",
                "FLUSH [ASYNC|SYNC]",
                "    Delete all the libraries.",
                "    When called without the optional mode argument, the behavior is determined by the",
                "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
                "    * ASYNC: Asynchronously flush the libraries.",
                "    * SYNC: Synchronously flush the libraries.",
                "DUMP",
                "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
                "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
                "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
                "    control how to handle existing libraries (default APPEND):",
                "    * FLUSH: delete all existing libraries.",
                "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
                "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
                "      libraries with the new libraries (notice that even on this option there is a chance of failure",
                "      in case of functions name collision with another library).");
    }
}
