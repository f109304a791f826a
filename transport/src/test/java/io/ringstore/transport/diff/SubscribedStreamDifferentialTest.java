package io.ringstore.transport.diff;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeded random streams of DifferentialTest, sent one by one, with subscriber connections
 * (RESP2 and RESP3, {@link StreamSubscribers}) beside them whose frames are compared after every
 * command of the stream:
 * <ul>
 *   <li>with PUBLISH and PUBSUB drawn too ({@link PubSubRecipes}), subscribers of channels and
 *       patterns get the same messages in the same order, and PUBSUB NUMSUB/NUMPAT/CHANNELS see them;
 *       sent one by one, and in pipelined batches (subscribers drained after each batch);</li>
 *   <li>with {@code notify-keyspace-events KEA}, subscribers of {@code __key*__:*} get the same
 *       keyspace and keyevent notifications for every write of the stream. Skipped by assumption
 *       while Ringstore refuses that CONFIG SET (notifications are being built).</li>
 * </ul>
 * Neither passes on an empty comparison: redis-server must have delivered messages.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SubscribedStreamDifferentialTest extends DifferentialHarness {
    private static final String[] EVENTS_ON = {"CONFIG", "SET", "notify-keyspace-events", "KEA"};
    private static final String[] EVENTS_OFF = {"CONFIG", "SET", "notify-keyspace-events", ""};

    @ParameterizedTest(name = "shards={0} seed={1}")
    @MethodSource("runs")
    void shouldDeliverPublishedMessagesAsRedisDoesDuringARandomStream(int shards, long seed) throws Exception {
        publishStream("subscribed stream", shards, seed, false);
    }

    /** The same with the stream in pipelined batches (DifferentialPipelinedTest's sizes), subscribers drained after each. */
    @ParameterizedTest(name = "shards={0} seed={1}")
    @MethodSource("runs")
    void shouldDeliverPublishedMessagesAsRedisDoesDuringAPipelinedStream(int shards, long seed) throws Exception {
        publishStream("subscribed pipelined stream", shards, seed, true);
    }

    private void publishStream(String mode, int shards, long seed, boolean pipelined) throws Exception {
        CommandGenerator generator = CommandGenerator.withSubscribers(seed, all(), PubSubRecipes.all());
        runAndAssert(mode, "SubscribedStreamDifferentialTest", shards, seed, generator, (run, stream) -> {
            try (StreamSubscribers subs = new StreamSubscribers(run, "pubsub messages", redis.port, ringPort(shards))) {
                subs.add("s2", 2, prepend("SUBSCRIBE", PubSubRecipes.CHANNELS), prepend("PSUBSCRIBE", PubSubRecipes.PATTERNS));
                subs.add("s3", 3, new String[] {"SUBSCRIBE", "chat", "hallo"}, new String[] {"PSUBSCRIBE", "news.*", "*"});
                subs.add("s2-pattern-only", 2, new String[] {"PSUBSCRIBE", "c?"});
                if (generator.supported("spublish")) {
                    subs.add("s2-shard", 2, prepend("SSUBSCRIBE", PubSubRecipes.CHANNELS));
                }
                run.afterEachCommand(subs::afterCommand);
                if (pipelined) {
                    run.pipelined(stream, new java.util.Random(~seed), DifferentialPipelinedTest.MAX_BATCH);
                } else {
                    run.sequential(stream);
                }
                assertTrue(subs.redisMessages() > 0, "redis-server delivered no message during the stream: nothing was compared");
                System.out.println("differential " + mode + " shards=" + shards + " seed=" + seed + ": "
                        + subs.redisMessages() + " messages compared");
            }
        });
    }

    @ParameterizedTest(name = "shards={0} seed={1}")
    @MethodSource("runs")
    void shouldNotifyKeyspaceEventsAsRedisDoesDuringARandomStream(int shards, long seed) throws Exception {
        int ringPort = ringPort(shards);
        try (RespClient r = RespClient.connect(redis.port); RespClient rs = RespClient.connect(ringPort)) {
            Reply want = r.call(EVENTS_ON);
            if (!want.canonical().equals("+OK")) {
                throw new IllegalStateException("redis-server answered " + String.join(" ", EVENTS_ON) + " with " + want);
            }
            Reply got = rs.call(EVENTS_ON);
            if (got.isError()) {
                r.call(EVENTS_OFF);
                String why = "keyspace notifications are not built yet: Ringstore answered " + String.join(" ", EVENTS_ON)
                        + " with -" + got.text() + "; this test runs once it accepts it";
                System.out.println("differential keyspace notifications: SKIPPED: " + why);
                Assumptions.abort(why);
            }
        }
        try {
            runAndAssert("keyspace notifications", "SubscribedStreamDifferentialTest", shards, seed,
                    CommandGenerator.withSubscribers(seed, all(), java.util.List.of()), (run, stream) -> {
                try (StreamSubscribers subs = new StreamSubscribers(run, "keyspace notifications", redis.port, ringPort)) {
                    subs.add("s2", 2, new String[] {"PSUBSCRIBE", "__key*__:*"});
                    subs.add("s3", 3, new String[] {"PSUBSCRIBE", "__keyevent@*__:*"},
                            new String[] {"SUBSCRIBE", "__keyspace@0__:{t}1", "__keyevent@0__:set"});
                    run.afterEachCommand(subs::afterCommand);
                    run.sequential(stream);
                    assertTrue(subs.redisMessages() > 0,
                            "redis-server sent no notification during the stream: nothing was compared");
                    System.out.println("differential keyspace notifications shards=" + shards + " seed=" + seed + ": "
                            + subs.redisMessages() + " notifications compared");
                }
            });
        } finally {
            for (int port : new int[] {redis.port, ringPort}) {
                try (RespClient c = RespClient.connect(port)) {
                    c.call(EVENTS_OFF);
                }
            }
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
