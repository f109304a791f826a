package io.ringstore.engine.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class VarintTest {
    @Test
    void shouldRoundTripEveryLengthClassAtItsPredictedSize() {
        int[] values = {0, 1, 127, 128, 16383, 16384, (1 << 21) - 1, 1 << 21, (1 << 28) - 1, 1 << 28,
            Integer.MAX_VALUE};
        int[] sizes = {1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        byte[] b = new byte[8];
        for (int i = 0; i < values.length; i++) {
            int end = Varint.write(b, 1, values[i]);
            assertEquals(sizes[i], Varint.size(values[i]), "size of " + values[i]);
            assertEquals(1 + sizes[i], end, "bytes written for " + values[i]);
            assertEquals(values[i], Varint.read(b, 1));
        }
    }

    /** Long values forward, and mirrored (as list nodes and listpack sorted sets store them) backward. */
    @Test
    void shouldReadLongsForwardAndMirroredBytesBackward() {
        long[] values = {0, 1, 127, 128, 1L << 28, (1L << 35) - 1, 1L << 35, Long.MAX_VALUE};
        byte[] b = new byte[24];
        for (long v : values) {
            int n = Varint.sizeLong(v);
            long x = v;
            for (int i = 0; i < n; i++, x >>>= 7) { // forward: low group first
                b[2 + i] = (byte) (i < n - 1 ? (x & 0x7f) | 0x80 : x & 0x7f);
            }
            assertEquals(v, Varint.readLong(b, 2), "forward " + v);
            for (int i = 0; i < n; i++) { // mirrored: the same bytes right to left
                b[12 + n - 1 - i] = b[2 + i];
            }
            assertEquals(v, Varint.readBackward(b, 12 + n), "backward " + v);
            if (v <= Integer.MAX_VALUE) {
                assertEquals(Varint.size((int) v), n);
            }
        }
    }
}
