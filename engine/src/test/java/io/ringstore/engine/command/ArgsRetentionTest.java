package io.ringstore.engine.command;

import io.ringstore.engine.reply.ReplyBuffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a ring slot keeps between commands: an ordinary command's argument and reply arrays are
 * reused (no allocation in steady state), a big one's are dropped at the next reset, so the ring
 * retains at most ring-size x (8 KB + 16 KB) whatever clients once sent or read.
 */
class ArgsRetentionTest {
    private static Object field(Object o, String name) throws Exception {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    @Test
    void argsShouldKeepOrdinaryArraysAndDropBigOnes() throws Exception {
        Args a = new Args();
        a.add(new byte[3000]);
        Object kept = field(a, "buf");
        a.reset();
        assertSame(kept, field(a, "buf"), "a 3 KB command's array is reused");
        a.add(new byte[100_000]);
        a.reset();
        assertTrue(((byte[]) field(a, "buf")).length <= Args.RETAIN_BYTES);
        for (int i = 0; i < 1000; i++) {
            a.add(new byte[1]);
        }
        a.reset();
        assertTrue(((int[]) field(a, "offs")).length <= Args.RETAIN_ARGS);
        a.add(new byte[] {'x'});
        assertEquals(1, a.count());
    }

    @Test
    void replyBufferShouldKeepOrdinaryArraysAndDropBigOnes() throws Exception {
        ReplyBuffer r = new ReplyBuffer();
        r.bulk(new byte[10_000]);
        Object kept = field(r, "buf");
        r.reset(2);
        assertSame(kept, field(r, "buf"), "a 10 KB reply's array is reused");
        r.bulk(new byte[100_000]);
        r.reset(2);
        assertTrue(((byte[]) field(r, "buf")).length <= 16 * 1024);
    }
}
