package io.ringstore.engine.testing;

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
 * Shared set-up of a command family's engine tests: real {@link EmbeddedEngine}s (closed after each
 * test) on a manual clock, calls on the test thread. The families' expected replies are taken from
 * redis-server 7.0.15 for the same commands, FLUSHALL between groups.
 */
@Timeout(60)
public abstract class FamilyEngineTest {
    protected final ManualClock clock = new ManualClock(T0);
    private final List<EmbeddedEngine> engines = new ArrayList<>();
    protected EmbeddedEngine e;

    @AfterEach
    void closeEngines() {
        engines.forEach(EmbeddedEngine::close);
    }

    protected EmbeddedEngine start(int shards) {
        EmbeddedEngine engine = new EmbeddedEngine(shards, clock, new Config());
        engines.add(engine);
        e = engine;
        return engine;
    }

    protected String call(String... args) {
        return e.call(args);
    }

    /** A call whose arguments are bytes written as ISO-8859-1 characters (NUL, 0x80-0xff), and its reply read back alike. */
    protected String bcall(String... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        return new String(e.callBytes(e.session(), b), StandardCharsets.ISO_8859_1);
    }

    /** Empties the keyspace between groups of checks, as the reference run did. */
    protected void flushall() {
        call("FLUSHALL");
    }
}
