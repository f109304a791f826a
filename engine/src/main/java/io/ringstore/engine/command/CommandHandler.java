package io.ringstore.engine.command;

/**
 * Executes one command on a shard thread (or on shard 0 at a barrier). Reads its arguments from
 * the context, changes the keyspace through the shard's structures and writes its reply.
 */
@FunctionalInterface
public interface CommandHandler {
    void execute(CommandContext c);
}
