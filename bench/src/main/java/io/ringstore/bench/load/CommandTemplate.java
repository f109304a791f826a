package io.ringstore.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One request, encoded once as a RESP array of bulk strings, with every {@code __rand_int__}
 * placeholder replaced by a fixed-width field of {@value #DIGITS} digits (as redis-benchmark does),
 * so that filling in a key number rewrites those digits in place and never re-encodes:
 *
 * <pre>
 *   *2\r\n $3\r\n GET\r\n $16\r\n key:000000001234\r\n
 *                                      ^^^^^^^^^^^^ digitOffsets[0]
 * </pre>
 *
 * A {@code __send_ns__} placeholder becomes {@value #TIME_DIGITS} lowercase hex digits of the
 * request's send time ({@code System.nanoTime()} of this process; the intended send time in an open
 * loop), which a subscriber in the same process reads back to time publish-to-receive
 * ({@link PushMessageParser}):
 *
 * <pre>
 *   *3\r\n $7\r\n PUBLISH\r\n $7\r\n channel\r\n $16\r\n 00001a2b3c4d5e6f\r\n
 *                                                    ^^^^^^^^^^^^^^^^ timeOffsets[0]
 * </pre>
 *
 * Mutable scratch: each {@link LoadWorker} thread owns its own copy ({@link #copy()}).
 */
public final class CommandTemplate {
    public static final String PLACEHOLDER = "__rand_int__";
    public static final int DIGITS = 12;
    public static final String SEND_TIME_PLACEHOLDER = "__send_ns__";
    public static final int TIME_DIGITS = 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    public static final long MAX_KEYSPACE = 1_000_000_000_000L;

    private final String name;
    private final byte[] encoded;
    private final int[] digitOffsets;
    private final int[] timeOffsets;
    private final int frames;

    private CommandTemplate(String name, byte[] encoded, int[] digitOffsets, int[] timeOffsets, int frames) {
        this.name = name;
        this.encoded = encoded;
        this.digitOffsets = digitOffsets;
        this.timeOffsets = timeOffsets;
        this.frames = frames;
    }

    /** Encodes {@code args}; placeholders may appear anywhere inside any argument. */
    public static CommandTemplate of(String name, List<byte[]> args) {
        return ofCommands(name, List.of(args));
    }

    /**
     * Encodes several commands sent back to back as ONE request (e.g. MULTI, three commands, EXEC):
     * its latency runs from sending the first to receiving the last command's reply.
     */
    public static CommandTemplate ofCommands(String name, List<List<byte[]>> commands) {
        final ByteBuffer out = ByteBuffer.allocate(64 + commands.stream()
                .mapToInt(c -> 32 + c.stream().mapToInt(a -> a.length + 32).sum()).sum());
        final List<Integer> offsets = new ArrayList<>();
        final List<Integer> timeOffsets = new ArrayList<>();
        for (List<byte[]> args : commands) {
            encode(name, args, out, offsets, timeOffsets);
        }
        final byte[] encoded = new byte[out.position()];
        out.flip().get(encoded);
        return new CommandTemplate(name, encoded, offsets.stream().mapToInt(Integer::intValue).toArray(),
                timeOffsets.stream().mapToInt(Integer::intValue).toArray(), commands.size());
    }

    private static void encode(String name, List<byte[]> args, ByteBuffer out, List<Integer> offsets,
                               List<Integer> timeOffsets) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("command '" + name + "' has no arguments");
        }
        final byte[] key = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
        final byte[] time = SEND_TIME_PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
        out.put(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            final List<Integer> at = new ArrayList<>();     // positions of either placeholder, in order
            int length = arg.length;
            for (int i = 0; i < arg.length; i++) {
                if (regionEquals(arg, i, key)) {
                    at.add(i);
                    length += DIGITS - key.length;
                    i += key.length - 1;
                } else if (regionEquals(arg, i, time)) {
                    at.add(i);
                    length += TIME_DIGITS - time.length;
                    i += time.length - 1;
                }
            }
            out.put(("$" + length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            int from = 0;
            for (int p : at) {
                out.put(arg, from, p - from);
                final boolean isKey = regionEquals(arg, p, key);
                (isKey ? offsets : timeOffsets).add(out.position());
                for (int d = 0; d < (isKey ? DIGITS : TIME_DIGITS); d++) {
                    out.put((byte) '0');
                }
                from = p + (isKey ? key.length : time.length);
            }
            out.put(arg, from, arg.length - from);
            out.put((byte) '\r').put((byte) '\n');
        }
    }

    /**
     * Splits a raw command line on whitespace, e.g. {@code "SET key:__rand_int__ hello"}; " ; "
     * separates the commands of one multi-command request, e.g.
     * {@code "MULTI ; INCR a ; INCR b ; EXEC"}.
     */
    public static CommandTemplate parse(String commandLine) {
        final List<List<byte[]>> commands = new ArrayList<>();
        for (String part : commandLine.trim().split("\\s+;\\s+")) {
            final List<byte[]> args = new ArrayList<>();
            for (String word : part.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    args.add(word.getBytes(StandardCharsets.UTF_8));
                }
            }
            commands.add(args);
        }
        return ofCommands(commandLine.trim(), commands);
    }

    private static boolean regionEquals(byte[] a, int at, byte[] b) {
        if (at + b.length > a.length) {
            return false;
        }
        for (int j = 0; j < b.length; j++) {
            if (a[at + j] != b[j]) {
                return false;
            }
        }
        return true;
    }

    public CommandTemplate copy() {
        return new CommandTemplate(name, encoded.clone(), digitOffsets, timeOffsets, frames);
    }

    /** How many commands (so replies) one request of this template is. */
    public int frames() {
        return frames;
    }

    public String name() {
        return name;
    }

    public int encodedLength() {
        return encoded.length;
    }

    public int placeholders() {
        return digitOffsets.length;
    }

    /** Whether the request carries its send time ({@code __send_ns__}). */
    public boolean timed() {
        return timeOffsets.length > 0;
    }

    public void writeTo(ByteBuffer dst, long keyNumber) {
        writeTo(dst, keyNumber, 0);
    }

    /**
     * Writes the request with {@code keyNumber} (0 .. 10^12-1) in every key placeholder and
     * {@code sendNs} in every send-time placeholder to {@code dst}, which must have
     * {@link #encodedLength()} bytes remaining. Allocates nothing.
     */
    public void writeTo(ByteBuffer dst, long keyNumber, long sendNs) {
        final byte[] encoded = this.encoded;
        for (int offset : timeOffsets) {
            long v = sendNs;
            for (int i = offset + TIME_DIGITS - 1; i >= offset; i--) {
                encoded[i] = HEX[(int) (v & 0xF)];
                v >>>= 4;
            }
        }
        for (int offset : digitOffsets) {
            long v = keyNumber;
            for (int i = offset + DIGITS - 1; i >= offset; i--) {
                encoded[i] = (byte) ('0' + (int) (v % 10));
                v /= 10;
            }
        }
        dst.put(encoded);
    }
}
