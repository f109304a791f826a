package io.ringstore.engine.script;

/**
 * What a running script's redis.call/pcall reaches: runs one command for the script. Implemented by
 * the wiring (the shard that runs EVAL/FCALL); called on that shard's thread while the script runs.
 */
public interface ScriptHost {
    /**
     * Runs the command in {@code args} (argument 0 is the name) as the script's client, writing its
     * reply into {@code out} in protocol {@code resp} (2 or 3, redis.setresp). Command-level refusals
     * (unknown command, wrong arity, a command not allowed from scripts, a write from a read-only
     * script) are written as error replies with Redis's texts, by the host.
     */
    void call(io.ringstore.engine.command.Args args, int resp, io.ringstore.engine.reply.ReplyBuffer out);

    /** Called every N instructions: return normally to go on, or throw ScriptKilled. */
    void busy();

    /** redis.log(level, msg); level is one of {@link LuaRuntime#LOG_DEBUG}..{@link LuaRuntime#LOG_WARNING}. */
    void log(int level, String message);

    /**
     * redis.acl_check_cmd: 1 when the script's user may run the command in {@code args}, 0 when
     * not, -1 when there is no such command. The default allows everything (no ACLs yet).
     */
    default int aclCheckCmd(io.ringstore.engine.command.Args args) {
        return 1;
    }
}
