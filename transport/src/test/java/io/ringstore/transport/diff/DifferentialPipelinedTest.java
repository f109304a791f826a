package io.ringstore.transport.diff;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The same seeded streams as {@link DifferentialTest}, pipelined: batches of 1..64 commands are
 * written at once and their replies read afterwards, so the replies' order (across shards, across
 * barriers, across SELECT/HELLO/RESET that change the connection mid-batch) is checked against
 * Redis's. Batch sizes come from the seed too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DifferentialPipelinedTest extends DifferentialHarness {
    static final int MAX_BATCH = 64;

    @ParameterizedTest(name = "shards={0} seed={1}")
    @MethodSource("runs")
    void shouldAnswerPipelinedCommandsInRedisOrder(int shards, long seed) throws Exception {
        runAndAssert("pipelined", "DifferentialPipelinedTest", shards, seed,
                (run, stream) -> run.pipelined(stream, new Random(~seed), MAX_BATCH));
    }
}
