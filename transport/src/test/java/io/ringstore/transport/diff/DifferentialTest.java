package io.ringstore.transport.diff;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;

/**
 * Sends seeded random command streams to a real redis-server and to Ringstore (1 and 2 shards),
 * one command at a time, and requires every reply and the final keyspace to be the same. See
 * docs/testing.md for how to replay a seed and what {@link CommandGenerator#NOT_YET_IMPLEMENTED}
 * is for.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DifferentialTest extends DifferentialHarness {

    @ParameterizedTest(name = "shards={0} seed={1}")
    @MethodSource("runs")
    void shouldAnswerEveryCommandAsRedisDoes(int shards, long seed) throws Exception {
        runAndAssert("sequential", "DifferentialTest", shards, seed, (run, stream) -> run.sequential(stream));
    }
}
