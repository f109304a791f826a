package io.ringstore.transport.diff;

import io.ringstore.transport.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What both differential tests share: one redis-server and two in-process Ringstore servers (1 and
 * 2 shards) per test class, the run matrix from system properties, and the reporting. Properties
 * (pass them to Maven with -D):
 * <ul>
 *   <li>{@code diff.seeds}: comma-separated seeds, or {@code random:N} for N fresh ones (default 1,2,3)</li>
 *   <li>{@code diff.shards}: Ringstore shard counts to test, from 1 and 2 (default 1,2)</li>
 *   <li>{@code diff.commands}: commands per stream (default 2000)</li>
 *   <li>{@code diff.trace}: print every command with both replies (default false)</li>
 *   <li>{@code diff.all}: ignore NOT_YET_IMPLEMENTED and KNOWN_DIVERGENCES (exploration only)</li>
 * </ul>
 */
abstract class DifferentialHarness {
    static RedisProcess redis;
    static TestServer one;
    static TestServer two;
    static Tally total;

    @BeforeAll
    static void startServers() throws Exception {
        redis = RedisProcess.startOrSkip();
        one = TestServer.start();
        two = TestServer.start("shards", "2");
        total = new Tally();
        System.out.println("differential: reference redis-server " + redis.version() + " on port " + redis.port
                + "; Ringstore 1 shard on " + one.port() + ", 2 shards on " + two.port());
        if (all()) {
            System.out.println("differential: diff.all=true: generating every recipe, listed or not");
        }
        System.out.println("differential: generating " + new CommandGenerator(0, all()).activeNames());
        System.out.println("differential: NOT_YET_IMPLEMENTED, not generated: " + CommandGenerator.skippedNames());
        for (Map.Entry<String, String> d : CommandGenerator.KNOWN_DIVERGENCES.entrySet()) {
            System.out.println("differential: KNOWN DIVERGENCE, not generated: " + d.getKey() + ": " + d.getValue());
        }
    }

    @AfterAll
    static void stopServers() {
        try {
            if (total != null) {
                System.out.println("differential (" + mode() + ", seeds " + seedsProperty() + ", shards "
                        + shardsProperty() + ", " + commands() + " commands per stream):");
                total.summary("differential").forEach(System.out::println);
            }
        } finally {
            if (one != null) {
                one.close();
            }
            if (two != null) {
                two.close();
            }
            if (redis != null) {
                redis.close();
            }
            one = null;
            two = null;
            redis = null;
        }
    }

    static String currentMode = "";

    static String mode() {
        return currentMode;
    }

    /** The Ringstore server with {@code shards} shards. */
    static int ringPort(int shards) {
        return (shards == 1 ? one : two).port();
    }

    /** The (shards, seed) matrix. */
    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (String s : shardsProperty().split(",")) {
            int shards = Integer.parseInt(s.trim());
            if (shards != 1 && shards != 2) {
                throw new IllegalArgumentException("diff.shards: 1 and/or 2, not " + s);
            }
            for (long seed : seeds()) {
                out.add(Arguments.of(shards, seed));
            }
        }
        return out.stream();
    }

    private static final List<Long> SEEDS = parseSeeds(System.getProperty("diff.seeds", "1,2,3"));

    static List<Long> seeds() {
        return SEEDS;
    }

    private static List<Long> parseSeeds(String p) {
        List<Long> out = new ArrayList<>();
        if (p.startsWith("random:")) {
            java.util.Random r = new java.util.Random();
            for (int i = Integer.parseInt(p.substring(7)); i > 0; i--) {
                out.add(r.nextLong() & 0xFFFFFFFFL);
            }
            return out;
        }
        for (String s : p.split(",")) {
            out.add(Long.parseLong(s.trim()));
        }
        return out;
    }

    static String seedsProperty() {
        return SEEDS.toString();
    }

    static String shardsProperty() {
        return System.getProperty("diff.shards", "1,2");
    }

    static int commands() {
        return Integer.getInteger("diff.commands", 2000);
    }

    /** Generate every recipe, listed or not: to preview a family's mismatches before unlisting it. */
    static boolean all() {
        return Boolean.getBoolean("diff.all");
    }

    static boolean trace() {
        return Boolean.getBoolean("diff.trace");
    }

    /** One body of a run: sends the stream through the given DiffRun. */
    interface Body {
        void run(DiffRun run, List<GeneratedCommand> stream) throws Exception;
    }

    /**
     * Resets both servers, generates the seed's stream, runs it through {@code body}, compares the
     * final keyspace, prints the outcome and fails on any mismatch with a replay line.
     */
    void runAndAssert(String mode, String testClass, int shards, long seed, Body body) throws Exception {
        runAndAssert(mode, testClass, shards, seed, new CommandGenerator(seed, all()), body);
    }

    /** As above, with a generator of the caller's (SubscribedStreamDifferentialTest adds the pub/sub recipes). */
    void runAndAssert(String mode, String testClass, int shards, long seed, CommandGenerator generator, Body body)
            throws Exception {
        currentMode = mode;
        TestServer ringstore = shards == 1 ? one : two;
        String label = mode + " shards=" + shards;
        Tally tally = new Tally();
        DiffRun run = new DiffRun(label, generator, seed, redis.port, ringstore.port(), tally, trace());
        List<GeneratedCommand> stream = generator.generate(commands());
        long t0 = System.nanoTime();
        run.reset();
        body.run(run, stream);
        run.snapshot();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        total.addAll(tally);
        System.out.println(String.format(Locale.ROOT, "differential %s seed=%d: %d commands in %d ms, %d mismatches",
                label, seed, stream.size(), ms, tally.mismatchCount()));
        if (tally.mismatchCount() > 0) {
            StringBuilder sb = new StringBuilder();
            sb.append(tally.mismatchCount()).append(" replies differ from redis-server (").append(label)
                    .append(", seed ").append(seed).append("). First ").append(tally.mismatches().size()).append(":\n");
            for (Tally.Mismatch m : tally.mismatches()) {
                sb.append("  ").append(m).append('\n');
            }
            sb.append("Replay: mvn -q -B -o test -pl transport -am -Dsurefire.failIfNoSpecifiedTests=false -Dtest=")
                    .append(testClass).append(" -Ddiff.seeds=").append(seed).append(" -Ddiff.shards=").append(shards)
                    .append(" -Ddiff.commands=").append(commands()).append(" -Ddiff.trace=true");
            System.out.println(sb);
            fail(sb.toString());
        }
    }
}
