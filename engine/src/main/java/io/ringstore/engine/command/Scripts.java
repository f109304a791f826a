package io.ringstore.engine.command;

/**
 * What the scripting rows (EVAL, EVAL_RO, SCRIPT LOAD/FLUSH, FCALL, FCALL_RO) need from the shard
 * thread running them: its Lua runtime and its host for redis.call. Implemented by the shard
 * handler's runner; reached through {@link CommandContext#scripts}.
 */
public interface Scripts {
    /** EVAL / EVAL_RO (EVALSHA arrives as EVAL): runs the event's cached script. */
    void eval(CommandContext c, boolean readOnly);

    /** SCRIPT LOAD: compiles the event's script, replying its SHA1 or the compile error. */
    void load(CommandContext c);

    /** SCRIPT FLUSH: drops this thread's compiled scripts (the cache was emptied at ingress). */
    void flush(CommandContext c);

    /** FCALL / FCALL_RO: runs the named library function (the libraries are this thread's, see {@link Functions}). */
    void fcall(CommandContext c, boolean readOnly);
}
