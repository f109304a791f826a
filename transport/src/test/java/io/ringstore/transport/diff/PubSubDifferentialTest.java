package io.ringstore.transport.diff;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The pub/sub scenarios of {@link PubSubScenarios}, each against redis-server 7.0.15 and Ringstore
 * with every shard count of {@code diff.shards}: every frame each connection receives (replies,
 * confirmations, messages, pushes) compared in order. A scenario needing commands Ringstore lacks,
 * or covered by a KNOWN_DIVERGENCES entry, is skipped by assumption with the reason.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PubSubDifferentialTest extends DifferentialHarness {

    static Stream<Arguments> scenarios() {
        List<Arguments> out = new ArrayList<>();
        for (PubSubScript s : PubSubScenarios.all()) {
            for (String shards : shardsProperty().split(",")) {
                out.add(Arguments.of(s.name, Integer.parseInt(shards.trim())));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, shards={1}")
    @MethodSource("scenarios")
    void shouldDeliverEveryFrameAsRedisDoes(String name, int shards) throws Exception {
        currentMode = "pub/sub scenarios";
        PubSubScript script = PubSubScenarios.all().stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
        Tally tally = new Tally();
        PubSubRun run = new PubSubRun(name + " (shards=" + shards + ")", redis.port, (shards == 1 ? one : two).port(),
                tally, trace());
        String skip = run.skipReason(script, all());
        if (skip != null) {
            System.out.println("differential pub/sub: SKIPPED " + name + ": " + skip);
            Assumptions.abort(skip);
        }
        run.run(script);
        total.addAll(tally);
        if (tally.mismatchCount() > 0) {
            StringBuilder sb = new StringBuilder(tally.mismatchCount() + " frame lists differ from redis-server:\n");
            tally.mismatches().forEach(m -> sb.append("  ").append(m).append('\n'));
            sb.append("Replay: mvn -q -B -o test -pl transport -am -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dtest=PubSubDifferentialTest -Ddiff.shards=").append(shards).append(" -Ddiff.trace=true");
            System.out.println(sb);
            fail(sb.toString());
        }
    }
}
