package io.ringstore.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RespDecoderTest {
    /** Collects decoded commands as strings; can refuse frames to simulate a full ring. */
    static final class Collector implements FrameSink {
        final List<List<String>> commands = new ArrayList<>();
        String error;
        int capacity = Integer.MAX_VALUE;

        @Override
        public int publish(ByteBuf buf, RespDecoder.Batch batch) {
            int n = Math.min(batch.frames, capacity);
            for (int f = 0; f < n; f++) {
                List<String> cmd = new ArrayList<>();
                int first = batch.frameArgStart[f];
                for (int a = 0; a < batch.argc(f); a++) {
                    cmd.add(buf.toString(batch.argOff[first + a], batch.argLen[first + a], StandardCharsets.ISO_8859_1));
                }
                commands.add(cmd);
            }
            return n;
        }

        @Override
        public void publishAll(ByteBuf buf, RespDecoder.Batch batch) {
            int saved = capacity;
            capacity = Integer.MAX_VALUE;
            publish(buf, batch);
            capacity = saved;
        }

        @Override
        public boolean publishInline(List<byte[]> args) {
            List<String> cmd = new ArrayList<>();
            for (byte[] a : args) {
                cmd.add(new String(a, StandardCharsets.ISO_8859_1));
            }
            commands.add(cmd);
            return true;
        }

        @Override
        public void protocolError(String message) {
            error = message;
        }

        @Override
        public boolean closing() {
            return error != null;
        }

        @Override
        public boolean fenced() {
            return false;
        }
    }

    private static final String STREAM = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\na\r\nbc\r\n"
            + "*0\r\n*-1\r\n"
            + "PING\r\n"
            + "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"
            + "set a \"x y\" 'q'\n"
            + "*1\r\n$4\r\nPING\r\n";

    private static final List<List<String>> EXPECTED = List.of(
            List.of("SET", "k", "a\r\nbc"),
            List.of("PING"),
            List.of("ECHO", ""),
            List.of("set", "a", "x y", "q"),
            List.of("PING"));

    /**
     * Feeds {@code chunks} to the decoder as a connection would, moving the unread bytes into a
     * fresh buffer at a different offset after every call (as cumulation reallocation does).
     */
    private static Collector feed(List<byte[]> chunks) {
        Collector sink = new Collector();
        RespDecoder d = new RespDecoder(512L * 1024 * 1024);
        ByteBuf cum = Unpooled.buffer();
        int shift = 0;
        for (byte[] chunk : chunks) {
            cum.writeBytes(chunk);
            d.decode(cum, sink);
            ByteBuf moved = Unpooled.buffer();
            moved.writeZero(++shift % 7);
            moved.readerIndex(moved.writerIndex());
            moved.writeBytes(cum);
            cum = moved;
        }
        return sink;
    }

    @Test
    void shouldDecodeWholeStreamInOneRead() {
        Collector c = feed(List.of(STREAM.getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(EXPECTED, c.commands);
        assertNull(c.error);
    }

    @Test
    void shouldDecodeEveryFrameSplitAtEveryByte() {
        byte[] all = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        for (int cut = 1; cut < all.length; cut++) {
            Collector c = feed(List.of(Arrays.copyOfRange(all, 0, cut), Arrays.copyOfRange(all, cut, all.length)));
            assertEquals(EXPECTED, c.commands, "split at byte " + cut);
        }
        for (int a = 1; a < all.length; a++) {
            for (int b = a + 1; b < all.length; b += 3) {
                Collector c = feed(List.of(Arrays.copyOfRange(all, 0, a), Arrays.copyOfRange(all, a, b),
                        Arrays.copyOfRange(all, b, all.length)));
                assertEquals(EXPECTED, c.commands, "split at bytes " + a + "," + b);
            }
        }
    }

    @Test
    void shouldDecodeOneByteAtATime() {
        byte[] all = STREAM.getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : all) {
            chunks.add(new byte[] {b});
        }
        assertEquals(EXPECTED, feed(chunks).commands);
    }

    @Test
    void shouldKeepUnpublishedFramesWhenRingIsFull() {
        Collector sink = new Collector();
        sink.capacity = 1;
        RespDecoder d = new RespDecoder(1 << 20);
        ByteBuf buf = Unpooled.copiedBuffer("*1\r\n$1\r\na\r\n*1\r\n$1\r\nb\r\n*1\r\n$1\r\nc\r\n", StandardCharsets.US_ASCII);
        assertTrue(!d.decode(buf, sink));
        assertEquals(List.of(List.of("a")), sink.commands);
        sink.capacity = Integer.MAX_VALUE;
        assertTrue(d.decode(buf, sink));
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), sink.commands);
        assertEquals(0, buf.readableBytes());
    }

    private static String errorOf(String input) {
        Collector c = feed(List.of(input.getBytes(StandardCharsets.ISO_8859_1)));
        return c.error;
    }

    @Test
    void shouldRejectMalformedInputWithRedisErrors() {
        assertEquals("ERR Protocol error: invalid multibulk length", errorOf("*x\r\n"));
        assertEquals("ERR Protocol error: invalid multibulk length", errorOf("*3000000000\r\n"));
        assertEquals("ERR Protocol error: invalid bulk length", errorOf("*1\r\n$x\r\n"));
        assertEquals("ERR Protocol error: invalid bulk length", errorOf("*1\r\n$-1\r\n"));
        assertEquals("ERR Protocol error: invalid bulk length", errorOf("*1\r\n$600000000\r\n"));
        assertEquals("ERR Protocol error: expected '$', got '+'", errorOf("*1\r\n+x\r\n"));
        assertEquals("ERR Protocol error: unbalanced quotes in request", errorOf("set \"a b\r\n"));
        assertEquals("ERR Protocol error: too big inline request", errorOf("x".repeat(70_000)));
        assertEquals("ERR Protocol error: too big mbulk count string", errorOf("*" + "1".repeat(70_000)));
    }

    @Test
    void shouldRunCompleteCommandsBeforeAProtocolError() {
        Collector c = feed(List.of("*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of(List.of("PING")), c.commands);
        assertEquals("ERR Protocol error: invalid bulk length", c.error);
    }

    @Test
    void shouldSplitInlineArgumentsAsRedis() {
        List<byte[]> args = RespDecoder.splitArgs("a \"b\\x41\\n\" 'c\\'d'".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(3, args.size());
        assertEquals("bA\n", new String(args.get(1), StandardCharsets.ISO_8859_1));
        assertEquals("c'd", new String(args.get(2), StandardCharsets.ISO_8859_1));
        assertNull(RespDecoder.splitArgs("\"a\"b".getBytes(StandardCharsets.ISO_8859_1)));
    }
}
