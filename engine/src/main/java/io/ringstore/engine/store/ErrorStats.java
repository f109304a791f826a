package io.ringstore.engine.store;

import java.util.Arrays;
import java.util.Map;

/**
 * Error replies counted by their code (the first word: ERR, WRONGTYPE, ...), for INFO's
 * errorstats and total_error_replies, as Redis's incrementErrorCount. Single writer: the owning
 * shard thread; read at a ring barrier. A new code allocates once; counting does not allocate.
 * At most {@link #LIMIT} distinct codes are kept (Redis's ERRORSTATS_LIMIT); later ones only count
 * in the total.
 */
public final class ErrorStats {
    static final int LIMIT = 128;
    private byte[][] codes = new byte[8][];
    private long[] counts = new long[8];
    private int size;
    private long total;

    /** Counts the error reply in {@code reply[0..len)}, which starts with '-'. */
    public void count(byte[] reply, int len) {
        count(reply, 0, len);
    }

    /** Counts the error reply in {@code reply[off..len)} (one reply inside EXEC's array). */
    public void count(byte[] reply, int off, int len) {
        total++;
        int end = off + 1;
        while (end < len && reply[end] != ' ' && reply[end] != '\r') {
            end++;
        }
        int n = end - off - 1;
        for (int i = 0; i < size; i++) {
            byte[] c = codes[i];
            if (c.length == n && Arrays.equals(c, 0, n, reply, off + 1, end)) {
                counts[i]++;
                return;
            }
        }
        if (size == LIMIT) {
            return;
        }
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        codes[size] = Arrays.copyOfRange(reply, off + 1, end);
        counts[size] = 1;
        size++;
    }

    public long total() {
        return total;
    }

    /** Adds this shard's counts into {@code into} (code text -> count). */
    public void addTo(Map<String, Long> into) {
        for (int i = 0; i < size; i++) {
            into.merge(new String(codes[i], java.nio.charset.StandardCharsets.ISO_8859_1), counts[i], Long::sum);
        }
    }

    public void reset() {
        size = 0;
        total = 0;
        Arrays.fill(codes, null);
    }
}
