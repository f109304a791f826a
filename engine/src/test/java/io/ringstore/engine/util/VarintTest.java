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
}
