package io.ringstore.engine.command;

/**
 * What the FUNCTION rows need from the thread that runs scripts, which owns the function
 * libraries: LOAD, DELETE, FLUSH and RESTORE change them, LIST, DUMP and STATS read them (FCALL
 * runs through {@link Scripts#fcall}). Implemented by the shard handler's function runner; reached
 * through {@link CommandContext#functions}. Each method parses the arguments and replies.
 */
public interface Functions {
    void load(CommandContext c);

    void delete(CommandContext c);

    void flush(CommandContext c);

    void restore(CommandContext c);

    void list(CommandContext c);

    void dump(CommandContext c);

    void stats(CommandContext c);
}
