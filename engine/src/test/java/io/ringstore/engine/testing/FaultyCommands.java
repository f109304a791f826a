package io.ringstore.engine.testing;

import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.Commands;

/**
 * The real command table plus rows that fail on purpose, for the failure-injection tests of the
 * engine (PipelineFailureTest) and the server (FailureIsolationIT): FAILPREPARE throws while its
 * ring slot is prepared (its ingress hook), FAILEXECUTE throws while executing, FAILSTAGE runs
 * normally (a test stage throws on it).
 */
public final class FaultyCommands {
    private FaultyCommands() {
    }

    public static CommandTable table() {
        CommandTable t = Commands.table();
        t.add("failprepare", 1, "fast", 0, 0, 0, c -> c.reply.ok())
                .ingress((s, e) -> {
                    throw new IllegalStateException("injected failure while preparing");
                });
        t.add("failexecute", 1, "fast", 0, 0, 0, c -> {
            throw new IllegalStateException("injected failure while executing");
        });
        t.add("failstage", 1, "fast", 0, 0, 0, c -> c.reply.simple("EXECUTED"));
        return t.build();
    }
}
