package io.ringstore.engine.family.sort;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.ringstore.engine.testing.Fixtures.T0;

/**
 * Shared set-up of the SORT engine tests: a real {@link EmbeddedEngine} on a manual clock. The
 * expected replies in the tests were recorded from redis-server 7.0.15 (started with LANG=C.UTF-8,
 * whose collation is strcmp) for the same commands, FLUSHALL between groups.
 */
@Timeout(60)
abstract class SortEngineTest {
    final ManualClock clock = new ManualClock(T0);
    private final List<EmbeddedEngine> engines = new ArrayList<>();
    EmbeddedEngine e;

    @AfterEach
    void closeEngines() {
        engines.forEach(EmbeddedEngine::close);
    }

    EmbeddedEngine start(int shards) {
        EmbeddedEngine engine = new EmbeddedEngine(shards, clock, new Config());
        engines.add(engine);
        e = engine;
        return engine;
    }

    String call(String... args) {
        return e.call(args);
    }

    /** A call whose arguments are bytes written as ISO-8859-1 characters (NUL, 0x80-0xff). */
    String bcall(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return new String(e.callBytes(e.session(), b), StandardCharsets.ISO_8859_1);
    }

    /** Empties the keyspace between groups of checks, as the reference run did. */
    void flushall() {
        call("FLUSHALL");
    }
}
