package io.ringstore.journal;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.JournalStatus;
import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A journal that cannot write: its directory is deleted under it, so the next segment rotation
 * fails for real (no mock). Under everysec the server goes on serving reads and refuses writes,
 * and PING, with Redis's -MISCONF error, instead of acknowledging writes it cannot journal;
 * under always it exits, as Redis does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalFailureTest {
    private static final long SEGMENT = 4096;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("journal-failure");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (Files.exists(dir)) {
            JournalFiles.deleteTree(dir);
        }
    }

    /** Writes until the journal fails (its directory is gone, so rotation cannot open a segment). */
    private static String writeUntilRefused(EmbeddedEngine e) {
        String value = "x".repeat(200);
        for (int i = 0; i < 1000; i++) {
            String reply = e.call("SET", "k" + i, value);
            if (!reply.equals("+OK\r\n")) {
                return reply;
            }
        }
        return "+OK\r\n";
    }

    private final JournalStatus status = new JournalStatus();
    /** How often the journal stage asked to exit (the server passes Runtime.halt(1)). */
    private final AtomicInteger exits = new AtomicInteger();

    /** An engine journaling to {@code dir} with small segments, so rotations come soon. */
    private EmbeddedEngine engine(int shards, String fsync) throws Exception {
        Journal j = new Journal(dir, JournalFiles.PREFIX, SEGMENT, fsync,
                JournalRecovery.check(dir, JournalFiles.PREFIX, System.err), status, ex -> { });
        return new EmbeddedEngine(shards, System::currentTimeMillis, new Config(),
                new JournalStage(j, exits::incrementAndGet), false);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRefuseWritesWithMisconfAfterAJournalFailureUnderEverysec(int shards) throws Exception {
        try (EmbeddedEngine e = engine(shards, "everysec")) {
            assertEquals("+OK\r\n", e.call("SET", "before", "1"));
            JournalFiles.deleteTree(dir);

            String refused = writeUntilRefused(e);
            assertTrue(refused.startsWith("-MISCONF Errors writing to the AOF file: "), refused);
            assertFalse(status.lastWriteOk);
            assertEquals(0, exits.get());

            // From now on: writes and PING refused, not executed; reads served.
            assertTrue(e.call("SET", "after", "1").startsWith("-MISCONF Errors writing to the AOF file: "));
            assertTrue(e.call("INCR", "before").startsWith("-MISCONF "));
            assertTrue(e.call("PING").startsWith("-MISCONF "));
            assertEquals("$1\r\n1\r\n", e.call("GET", "before"));
            assertEquals("$-1\r\n", e.call("GET", "after"));
            assertEquals(":0\r\n", e.call("EXISTS", "after"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldExitAfterAJournalFailureUnderAlways(int shards) throws Exception {
        try (EmbeddedEngine e = engine(shards, "always")) {
            JournalFiles.deleteTree(dir);
            writeUntilRefused(e);
            // The server passes Runtime.halt(1): the batch's replies never leave the process.
            assertEquals(1, exits.get());
            assertFalse(status.lastWriteOk);
        }
    }
}
