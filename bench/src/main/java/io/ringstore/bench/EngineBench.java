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
 * The engine alone (ring + shard + reply hand-off, no sockets) for GET and SET: publishes
 * pre-built argument bytes into ring slots and waits for the reply stage to pass them, as an I/O
 * thread would. Run with {@code -prof gc}: the goal is 0 B/op in steady state (keys exist, values
 * keep their size, so SET overwrites in place).
 *
 * <p>{@code single}: one command in flight (hand-off latency dominates). {@code batch}: 64
 * commands published with one claim, as a pipelined connection does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class EngineBench implements RingPublisher.SlotWriter {
    private static final int BATCH = 64;
    private static final int KEYS = 10_000;

    @Param({"1"})
    public int shards;

    private Engine engine;
    private RingPublisher ring;
    private byte[] fillCommand;
    private boolean fillValue;
    private ClientSession session;
    private Done done;
    private byte[][] keys;
    private byte[] value;
    private int next;

    private static final byte[] GET = "GET".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MULTI = "MULTI".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXEC = "EXEC".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INCR = "INCR".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNTER = "counter".getBytes(StandardCharsets.US_ASCII);
    /** multiExec: the sequence of the transaction's first slot (MULTI), or -1 outside it. */
    private long txFirst = -1;
    private static final byte[] SET = "SET".getBytes(StandardCharsets.US_ASCII);

    /** Reply stage that only records how far it got (volatile store per event, read by the publisher). */
    static final class Done implements EventHandler<RequestEvent> {
        final Passed passed = new Passed();

        @Override
        public void onEvent(RequestEvent e, long seq, boolean endOfBatch) {
            if (endOfBatch) {
                passed.set(seq);
            }
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        Config config = new Config();
        ThreadProfile profile = new ThreadProfile(shards, 1, "phased", false, shards == 1);
        EngineContext ctx = new EngineContext(Commands.table(), config, new SessionRegistry(), profile);
        EventHandler<RequestEvent> pass = (e, s, b) -> { };
        done = new Done();
        engine = new Engine(ctx, Clock.SYSTEM, 8192, Engine.namedThreads("bench-pipeline"), pass, null, done);
        engine.start();
        ring = engine.publisher();
        session = new ClientSession(1, System.currentTimeMillis(), ctx.databases);
        keys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = ("key:" + String.format("%06d", i)).getBytes(StandardCharsets.US_ASCII);
        }
        value = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < KEYS; i += BATCH) {
            publish(SET, BATCH, true);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    private long publish(byte[] cmd, int n, boolean withValue) {
        long hi = ring.claim(n);
        fillCommand = cmd;
        fillValue = withValue;
        ring.publish(hi - n + 1, n, session, this);
        return hi;
    }

    /** Fills one slot as an I/O thread would (RingPublisher.SlotWriter: no lambda per request). */
    @Override
    public void write(RequestEvent e, long sequence) {
        if (txFirst >= 0) {
            writeTransaction(e, (int) (sequence - txFirst));
            return;
        }
        e.args.add(fillCommand);
        e.args.add(keys[next]);
        next = next + 1 == KEYS ? 0 : next + 1;
        if (fillValue) {
            e.args.add(value);
        }
        engine.ingress().prepare(e, session);
    }

    /** MULTI; SET key v; INCR counter; GET key; EXEC, one slot each. */
    private void writeTransaction(RequestEvent e, int i) {
        switch (i) {
            case 0: e.args.add(MULTI); break;
            case 1: e.args.add(SET); e.args.add(keys[next]); e.args.add(value); break;
            case 2: e.args.add(INCR); e.args.add(COUNTER); break;
            case 3: e.args.add(GET); e.args.add(keys[next]); break;
            default:
                e.args.add(EXEC);
                next = next + 1 == KEYS ? 0 : next + 1;
                break;
        }
        engine.ingress().prepare(e, session);
    }

    private void await(long seq) {
        done.passed.await(seq);
    }

    @Benchmark
    public void getSingle() {
        await(publish(GET, 1, false));
    }

    @Benchmark
    public void setSingle() {
        await(publish(SET, 1, true));
    }

    /** A transaction of three commands (five slots), published at once and awaited: one op. */
    @Benchmark
    public void multiExec() {
        long hi = ring.claim(5);
        txFirst = hi - 4;
        try {
            ring.publish(hi - 4, 5, session, this);
        } finally {
            txFirst = -1;
        }
        await(hi);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void getBatch() {
        await(publish(GET, BATCH, false));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void setBatch() {
        await(publish(SET, BATCH, true));
    }
}
