package io.ringstore.engine.docs;

import io.ringstore.engine.family.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class CommandsDocTest {
    @Test
    void shouldKeepDocsCommandsInSyncWithTheTable() throws Exception {
        Path doc = Path.of("..", "docs", "commands.md");
        String committed = Files.readString(doc, StandardCharsets.UTF_8);
        assertEquals(CommandsDoc.render(Commands.table()), committed,
                "docs/commands.md is stale: run scripts/gen-docs and commit it");
    }
}
