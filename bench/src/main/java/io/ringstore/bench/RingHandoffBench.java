package io.ringstore.bench;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
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

import java.util.concurrent.TimeUnit;

/**
 * The ring hand-off alone: a Disruptor (8192 slots, multi-producer as the server's ring) with one
 * no-op consumer that publishes how far it got. {@code single}: publish one event and wait until
 * the consumer has seen it (a round trip across threads). {@code batch}: 64 events per claim, as a
 * pipelined connection publishes. The wait strategy is the server's default on 2 cores (phased
 * back-off) or busy spin. Compare with {@link EngineBench}: the difference is the engine's work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class RingHandoffBench {
    private static final int BATCH = 64;

    @Param({"phased", "busyspin"})
    public String waitStrategy;

    /** Ring slot: one long, written by the publisher. */
    static final class Slot {
        long value;
    }

    /** Consumer that does nothing but record its progress (one volatile store per batch). */
    static final class Done implements EventHandler<Slot> {
        final Passed passed = new Passed();

        @Override
        public void onEvent(Slot e, long seq, boolean endOfBatch) {
            if (endOfBatch) {
                passed.set(seq);
            }
        }
    }

    private Disruptor<Slot> disruptor;
    private RingBuffer<Slot> ring;
    private Done done;

    @Setup(Level.Trial)
    public void setup() {
        WaitStrategy ws = "busyspin".equals(waitStrategy)
                ? new BusySpinWaitStrategy()
                : PhasedBackoffWaitStrategy.withLiteLock(20, 200, TimeUnit.MICROSECONDS); // as ThreadProfile "phased"
        disruptor = new Disruptor<>(Slot::new, 8192, DaemonThreadFactory.INSTANCE, ProducerType.MULTI, ws);
        done = new Done();
        disruptor.handleEventsWith(done);
        ring = disruptor.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        disruptor.halt();
    }

    private long publish(int n) {
        long hi = ring.next(n);
        long lo = hi - n + 1;
        for (long s = lo; s <= hi; s++) {
            ring.get(s).value = s;
        }
        ring.publish(lo, hi);
        return hi;
    }

    private void await(long seq) {
        done.passed.await(seq);
    }

    @Benchmark
    public void single() {
        await(publish(1));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void batch() {
        await(publish(BATCH));
    }
}
