package io.ringstore.bench;

import com.lmax.disruptor.EventHandler;
import io.ringstore.engine.ClientSession;
import io.ringstore.engine.Engine;
import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.RingPublisher;
import io.ringstore.engine.SessionRegistry;
import io.ringstore.engine.ThreadProfile;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.Commands;
import io.ringstore.engine.pubsub.Message;
import io.ringstore.engine.util.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * PUBLISH through the engine alone (ring + shard + a reply stage that reads each message's bytes
 * and hands the messages back to their slot, as the transport's does), to {@code subscribers}
 * RESP2 sessions on one channel, with and without a pattern subscriber. Run with {@code -prof gc}:
 * the goal is 0 B/op in steady state (messages and their buffers are reused by the ring slots).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class PubSubBench implements RingPublisher.SlotWriter {
    private static final int BATCH = 64;
    private static final byte[] PUBLISH = "PUBLISH".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBE = "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSUBSCRIBE = "PSUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANNEL = "prices".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PATTERN = "pri*".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "tick:0123456789abcdef0123456789ab".getBytes(StandardCharsets.US_ASCII);

    @Param({"10"})
    public int subscribers;

    @Param({"false", "true"})
    public boolean pattern;

    private Engine engine;
    private RingPublisher ring;
    private ClientSession publisher;
    private Consume done;
    private byte[][] fill;
    private ClientSession fillSession;

    /** The reply stage's part that matters here: reads each message's bytes once, then recycles them. */
    static final class Consume implements EventHandler<RequestEvent> {
        final Passed passed = new Passed();
        long bytes;

        @Override
        public void onEvent(RequestEvent e, long seq, boolean endOfBatch) {
            Message messages = e.takeMessages();
            for (Message m = messages; m != null; m = m.next) {
                if (m.targets != null) {
                    for (io.ringstore.engine.pubsub.Subscriber t : m.targets) {
                        bytes += m.bytesFor(t).length();
                    }
                } else {
                    bytes += m.reply().length();
                }
            }
            e.recycleMessages(messages);
            if (endOfBatch) {
                passed.set(seq);
            }
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        EngineContext ctx = new EngineContext(Commands.table(), new Config(), new SessionRegistry(),
                new ThreadProfile(1, 1, "phased", false, true));
        done = new Consume();
        engine = new Engine(ctx, Clock.SYSTEM, 8192, Engine.namedThreads("bench-pubsub"), (e, s, b) -> { }, null, done);
        engine.start();
        ring = engine.publisher();
        publisher = new ClientSession(1, System.currentTimeMillis(), ctx.databases);
        for (int i = 0; i < subscribers; i++) {
            await(publish(new ClientSession(100 + i, System.currentTimeMillis(), ctx.databases), 1, SUBSCRIBE, CHANNEL));
        }
        if (pattern) {
            await(publish(new ClientSession(99, System.currentTimeMillis(), ctx.databases), 1, PSUBSCRIBE, PATTERN));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    private long publish(ClientSession s, int n, byte[]... args) {
        long hi = ring.claim(n);
        fill = args;
        fillSession = s;
        ring.publish(hi - n + 1, n, s, this);
        return hi;
    }

    @Override
    public void write(RequestEvent e, long sequence) {
        for (byte[] a : fill) {
            e.args.add(a);
        }
        engine.ingress().prepare(e, fillSession);
    }

    private void await(long seq) {
        done.passed.await(seq);
    }

    /** 64 PUBLISHes claimed at once, as a pipelined publisher sends them: one op each. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publishBatch() {
        await(publish(publisher, BATCH, PUBLISH, CHANNEL, MESSAGE));
        return done.bytes;
    }
}
