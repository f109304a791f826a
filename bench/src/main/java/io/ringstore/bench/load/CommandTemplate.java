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
 * Mutable scratch: each {@link LoadWorker} thread owns its own copy ({@link #copy()}).
 */
public final class CommandTemplate {
    public static final String PLACEHOLDER = "__rand_int__";
    public static final int DIGITS = 12;
    public static final long MAX_KEYSPACE = 1_000_000_000_000L;

    private final String name;
    private final byte[] encoded;
    private final int[] digitOffsets;

    private CommandTemplate(String name, byte[] encoded, int[] digitOffsets) {
        this.name = name;
        this.encoded = encoded;
        this.digitOffsets = digitOffsets;
    }

    /** Encodes {@code args}; placeholders may appear anywhere inside any argument. */
    public static CommandTemplate of(String name, List<byte[]> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("command '" + name + "' has no arguments");
        }
        final byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer out = ByteBuffer.allocate(64 + args.stream().mapToInt(a -> a.length + 32).sum());
        final List<Integer> offsets = new ArrayList<>();
        out.put(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            final List<Integer> at = new ArrayList<>();
            for (int i = 0; i + placeholder.length <= arg.length; i++) {
                if (regionEquals(arg, i, placeholder)) {
                    at.add(i);
                    i += placeholder.length - 1;
                }
            }
            final int length = arg.length + at.size() * (DIGITS - placeholder.length);
            out.put(("$" + length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            int from = 0;
            for (int p : at) {
                out.put(arg, from, p - from);
                offsets.add(out.position());
                for (int d = 0; d < DIGITS; d++) {
                    out.put((byte) '0');
                }
                from = p + placeholder.length;
            }
            out.put(arg, from, arg.length - from);
            out.put((byte) '\r').put((byte) '\n');
        }
        final byte[] encoded = new byte[out.position()];
        out.flip().get(encoded);
        return new CommandTemplate(name, encoded, offsets.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Splits a raw command line on whitespace, e.g. {@code "SET key:__rand_int__ hello"}. */
    public static CommandTemplate parse(String commandLine) {
        final List<byte[]> args = new ArrayList<>();
        for (String word : commandLine.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                args.add(word.getBytes(StandardCharsets.UTF_8));
            }
        }
        return of(commandLine.trim(), args);
    }

    private static boolean regionEquals(byte[] a, int at, byte[] b) {
        for (int j = 0; j < b.length; j++) {
            if (a[at + j] != b[j]) {
                return false;
            }
        }
        return true;
    }

    public CommandTemplate copy() {
        return new CommandTemplate(name, encoded.clone(), digitOffsets);
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

    /**
     * Writes the request with {@code keyNumber} (0 .. 10^12-1) in every placeholder to {@code dst},
     * which must have {@link #encodedLength()} bytes remaining. Allocates nothing.
     */
    public void writeTo(ByteBuffer dst, long keyNumber) {
        final byte[] encoded = this.encoded;
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
