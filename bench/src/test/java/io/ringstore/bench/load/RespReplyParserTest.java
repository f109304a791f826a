package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RespReplyParserTest {
    private static final String STREAM = "+OK\r\n"
        + "-ERR unknown command 'NOSUCH'\r\n"
        + ":42\r\n"
        + "$5\r\nhel\r\n\r\n"            // bulk whose data contains CRLF
        + "$-1\r\n"
        + "$0\r\n\r\n"
        + "*3\r\n$1\r\na\r\n*2\r\n:1\r\n-nested\r\n*0\r\n"
        + "*-1\r\n"
        + "%1\r\n+k\r\n$1\r\nv\r\n"
        + "_\r\n"
        + "!3\r\nbad\r\n";
    private static final List<Boolean> EXPECTED =
        List.of(false, true, false, false, false, false, false, false, false, false, true);

    private static List<Boolean> parseInPieces(byte[] bytes, int... cuts) {
        final RespReplyParser parser = new RespReplyParser();
        final List<Boolean> replies = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            parser.parse(ByteBuffer.wrap(bytes, from, cut - from), replies::add);
            from = cut;
        }
        parser.parse(ByteBuffer.wrap(bytes, from, bytes.length - from), replies::add);
        return replies;
    }

    @Test
    void shouldCountEveryReplyAndFlagErrors() {
        assertEquals(EXPECTED, parseInPieces(STREAM.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldGiveTheSameAnswerWhenSplitAtEveryByte() {
        final byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertEquals(EXPECTED, parseInPieces(bytes, cut), "split at " + cut);
        }
        final int[] every = new int[bytes.length - 1];
        for (int i = 0; i < every.length; i++) {
            every[i] = i + 1;
        }
        assertEquals(EXPECTED, parseInPieces(bytes, every), "one byte at a time");
    }
}
