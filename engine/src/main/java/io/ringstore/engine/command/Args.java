package io.ringstore.engine.command;

import io.ringstore.engine.util.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The argument vector of one command, held in a ring slot: every argument's bytes packed in one
 * reusable array, with offsets and lengths. Filled once by the I/O thread that decoded the command,
 * then read (never written) by the stages that follow it.
 */
public final class Args {
    /**
     * A slot keeps its argument array up to this size between commands, so ordinary commands never
     * allocate; a bigger command allocates its own array (a cost in proportion to the bytes it
     * copies anyway) and the slot drops it at its next reset. Retention is bounded by
     * ring-size x 8 KB (64 MB at the default 8192 slots) instead of growing to the largest command
     * each slot ever held (it was 1 MB a slot: up to 8 GB).
     */
    static final int RETAIN_BYTES = 8 * 1024;
    /** Likewise for the offset and length arrays (argument count). */
    static final int RETAIN_ARGS = 256;

    private byte[] buf = new byte[512];
    private int[] offs = new int[16];
    private int[] lens = new int[16];
    private int argc;
    private int used;

    public void reset() {
        argc = 0;
        used = 0;
        if (buf.length > RETAIN_BYTES) {
            buf = new byte[512];
        }
        if (offs.length > RETAIN_ARGS) {
            offs = new int[16];
            lens = new int[16];
        }
    }

    /**
     * Reserves room for the next argument of {@code n} bytes and returns the offset into
     * {@link #buf()} where the caller copies them. Grows (allocating) only past the slot's high-water mark.
     */
    public int add(int n) {
        if (argc == offs.length) {
            offs = Arrays.copyOf(offs, argc * 2);
            lens = Arrays.copyOf(lens, argc * 2);
        }
        if (used + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(used + n, buf.length * 2));
        }
        int at = used;
        offs[argc] = at;
        lens[argc] = n;
        argc++;
        used += n;
        return at;
    }

    public void add(byte[] src, int off, int n) {
        int at = add(n);
        System.arraycopy(src, off, buf, at, n);
    }

    public void add(byte[] src) {
        add(src, 0, src.length);
    }

    public byte[] buf() {
        return buf;
    }

    public int count() {
        return argc;
    }

    public int off(int i) {
        return offs[i];
    }

    public int len(int i) {
        return lens[i];
    }

    /** Case-insensitive comparison with a lower-case ASCII literal. */
    public boolean is(int i, byte[] lowerLiteral) {
        return Numbers.equalsIgnoreCase(buf, offs[i], lens[i], lowerLiteral);
    }

    public byte[] copy(int i) {
        return Arrays.copyOfRange(buf, offs[i], offs[i] + lens[i]);
    }

    /** The argument as text: for error messages and admin commands, never on the data path. */
    public String string(int i) {
        return new String(buf, offs[i], lens[i], StandardCharsets.UTF_8);
    }

    /**
     * The argument's raw bytes as a Latin-1 string (one char per byte), cut at the first NUL and
     * at {@code max} bytes, as Redis echoes arguments with "%.*s" in error texts. Encode it back
     * with ISO-8859-1 to get the bytes.
     */
    public String latin1(int i, int max) {
        int n = Math.min(lens[i], max);
        int off = offs[i];
        for (int k = 0; k < n; k++) {
            if (buf[off + k] == 0) {
                n = k;
                break;
            }
        }
        return new String(buf, off, n, StandardCharsets.ISO_8859_1);
    }

    public String lowerString(int i) {
        return string(i).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Replaces argument {@code i} by {@code value}, moving the arguments after it (EVALSHA becomes
     * EVAL with the script's body at ingress). Allocates only when the buffer must grow.
     */
    public void set(int i, byte[] value) {
        int delta = value.length - lens[i];
        int tail = offs[i] + lens[i];
        if (used + delta > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(used + delta, buf.length * 2));
        }
        System.arraycopy(buf, tail, buf, tail + delta, used - tail);
        System.arraycopy(value, 0, buf, offs[i], value.length);
        lens[i] = value.length;
        for (int j = i + 1; j < argc; j++) {
            offs[j] += delta;
        }
        used += delta;
    }

    /** Copies another vector (used by journal replay and tests). */
    public void copyFrom(Args other) {
        reset();
        for (int i = 0; i < other.argc; i++) {
            add(other.buf, other.offs[i], other.lens[i]);
        }
    }
}
