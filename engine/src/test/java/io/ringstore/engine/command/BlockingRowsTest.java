package io.ringstore.engine.command;

import io.ringstore.engine.family.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The blocked-command behaviour is a column of the command table: every row flagged
 * {@code blocking} names what its waiters do (what {@code Blocking.block} registers and what a
 * snapshot's waiter record is re-created with), and no other row names one.
 */
@Timeout(10)
class BlockingRowsTest {
    @Test
    void everyBlockingRowShouldNameItsBlockedCommandAndNoOtherRow() {
        CommandTable t = Commands.table();
        List<CommandSpec> rows = new ArrayList<>();
        for (CommandSpec s : t.commands().values()) {
            rows.add(s);
            rows.addAll(s.subcommands().values());
        }
        int blocking = 0;
        for (CommandSpec s : rows) {
            if (s.has(CommandFlags.BLOCKING)) {
                assertNotNull(s.blocked(), s.fullName + " is blocking but names no blocked-command behaviour");
                blocking++;
            } else {
                assertNull(s.blocked(), s.fullName + " is not blocking but names a blocked-command behaviour");
            }
        }
        // BLPOP BRPOP BLMOVE BRPOPLPUSH BLMPOP BZPOPMIN BZPOPMAX BZMPOP XREAD XREADGROUP
        assertEquals(10, blocking);
    }

    @Test
    void shouldFindTheBehaviourByNameInAnyCase() {
        CommandTable t = Commands.table();
        byte[] name = "bLpOp".getBytes(StandardCharsets.US_ASCII);
        assertSame(t.get("blpop").blocked(), t.lookup(name, 0, name.length).blocked());
        assertNotNull(t.get("blpop").blocked());
    }

    @Test
    void shouldRefuseABehaviourOnARowNotFlaggedBlocking() {
        CommandTable t = new CommandTable();
        CommandSpec row = t.add("lpop", -2, "write fast", 1, 1, 1, c -> { });
        BlockedCommand any = new BlockedCommand() {
            @Override
            public int type() {
                return 0;
            }

            @Override
            public int serve(CommandContext c, int keyArg) {
                return -1;
            }
        };
        assertThrows(IllegalStateException.class, () -> row.blocks(any));
    }
}
