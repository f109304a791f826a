package io.ringstore.bench;

import io.ringstore.engine.reply.ReplyBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Reply encoding into the engine's {@link ReplyBuffer}, one reply per operation: the shared
 * {@code +OK}, an integer (INCR), a 32-byte bulk (GET) and a 10-element array of bulks (MGET /
 * LRANGE). Each op resets the buffer (RESP2), as the reply stage does per command; expect 0 B/op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class ReplyEncodeBench {
    private ReplyBuffer reply;
    private byte[] value;
    private long counter;

    @Setup
    public void setup() {
        reply = new ReplyBuffer();
        value = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII);
        reply.reset(2);
        reply.array(10);
        for (int i = 0; i < 10; i++) {
            reply.bulk(value); // grow once to the high-water mark
        }
    }

    @Benchmark
    public int ok() {
        reply.reset(2);
        return reply.ok().length();
    }

    @Benchmark
    public int integer() {
        reply.reset(2);
        return reply.integer(counter += 12_345).length();
    }

    @Benchmark
    public int bulk32() {
        reply.reset(2);
        return reply.bulk(value).length();
    }

    @Benchmark
    public int array10() {
        reply.reset(2);
        reply.array(10);
        for (int i = 0; i < 10; i++) {
            reply.bulk(value);
        }
        return reply.length();
    }
}
