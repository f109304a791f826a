package io.ringstore.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.ringstore.transport.RespDecodeProbe;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The transport's RESP request decoder ({@code RespDecoder}, through {@link RespDecodeProbe}): one
 * direct buffer holding 64 pipelined commands is decoded and every argument copied into an
 * {@code Args}, as the I/O thread does before a ring publish. Measured per command.
 *
 * <p>Why the transport decoder and not the engine's {@code Args}/{@code Ingress.prepare}: the
 * latter is already inside {@link EngineBench}; the byte-level parsing is the part no benchmark
 * covered. The probe is the one public class this needed in transport.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
public class RespDecodeBench {
    private static final int FRAMES = 64;

    /** get: {@code GET key:000000000042}; set: the same key with a 32-byte value; mset10: ten pairs. */
    @Param({"get", "set", "mset10"})
    public String command;

    private ByteBuf wire;
    private RespDecodeProbe probe;

    @Setup(Level.Trial)
    public void setup() {
        StringBuilder sb = new StringBuilder();
        String value = "x".repeat(32);
        for (int i = 0; i < FRAMES; i++) {
            String key = String.format("key:%012d", i);
            switch (command) {
                case "get": sb.append(frame("GET", key)); break;
                case "set": sb.append(frame("SET", key, value)); break;
                default: {
                    String[] a = new String[21];
                    a[0] = "MSET";
                    for (int k = 0; k < 10; k++) {
                        a[1 + 2 * k] = key + ":" + k;
                        a[2 + 2 * k] = value;
                    }
                    sb.append(frame(a));
                }
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        wire = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        probe = new RespDecodeProbe(512L * 1024 * 1024);
    }

    static String frame(String... args) {
        StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() {
        wire.readerIndex(0);
        return probe.decode(wire);
    }
}
