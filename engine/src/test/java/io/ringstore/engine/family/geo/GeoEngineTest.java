package io.ringstore.engine.family.geo;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static io.ringstore.engine.testing.Fixtures.T0;

/**
 * Shared set-up of the geo family's engine tests: a real {@link EmbeddedEngine} on a manual
 * clock. The expected replies in the tests were taken from redis-server 7.0.15 for the same
 * commands (FLUSHALL between groups).
 */
@Timeout(60)
abstract class GeoEngineTest {
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

    /** Empties the keyspace between groups of checks, as the reference run did. */
    void flushall() {
        call("FLUSHALL");
    }
}
