package io.ringstore.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RespDecodeProbeTest {
    private static final String SET = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n";

    private static ByteBuf buf(String s) {
        return Unpooled.buffer().writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldCountFramesAndCopiedArgumentBytes() {
        RespDecodeProbe probe = new RespDecodeProbe(1 << 20);
        ByteBuf in = buf(SET + SET + SET);
        assertEquals(3, probe.decode(in));
        assertEquals(3 * (3 + 1 + 5), probe.argBytes());
        assertEquals(0, in.readableBytes());
    }

    @Test
    void shouldDecodeTheSameBufferAgainAfterRewind() {
        RespDecodeProbe probe = new RespDecodeProbe(1 << 20);
        ByteBuf in = buf(SET);
        probe.decode(in);
        in.readerIndex(0);
        assertEquals(2, probe.decode(in));
    }

    @Test
    void shouldResumeAFrameSplitAtEveryByte() {
        for (int cut = 1; cut < SET.length(); cut++) {
            RespDecodeProbe probe = new RespDecodeProbe(1 << 20);
            ByteBuf in = buf(SET.substring(0, cut));
            assertEquals(0, probe.decode(in), "cut at " + cut);
            in.writeBytes(SET.substring(cut).getBytes(StandardCharsets.US_ASCII));
            assertEquals(1, probe.decode(in), "cut at " + cut);
        }
    }

    @Test
    void shouldRejectInputThatIsNotResp() {
        RespDecodeProbe probe = new RespDecodeProbe(1 << 20);
        assertThrows(IllegalStateException.class, () -> probe.decode(buf("*1\r\n$x\r\n")));
    }
}
