package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PushMessageParserTest {
    private static final String STREAM = "*3\r\n$9\r\nsubscribe\r\n$7\r\nchannel\r\n:1\r\n"
        + "*3\r\n$10\r\npsubscribe\r\n$8\r\nchannel*\r\n:2\r\n"
        + "*3\r\n$7\r\nmessage\r\n$7\r\nchannel\r\n$20\r\n00000000000004d2xxxx\r\n"              // 1234
        + "*4\r\n$8\r\npmessage\r\n$8\r\nchannel*\r\n$7\r\nchannel\r\n$16\r\nfffffffffffffffe\r\n"  // -2
        + "*4\r\n$8\r\npmessage\r\n$16\r\n__keyevent@0__:*\r\n$18\r\n__keyevent@0__:set\r\n$16\r\nkey:000000000042\r\n"
        + "*3\r\n$7\r\nmessage\r\n$7\r\nchannel\r\n$3\r\nabc\r\n"                               // too short
        + "*3\r\n$7\r\nmessage\r\n$7\r\nchannel\r\n$0\r\n\r\n"
        + ">3\r\n$7\r\nmessage\r\n$16\r\n0000000000000000\r\n$16\r\n0000000000000010\r\n"   // RESP3 push: 16
        + "-ERR unknown command\r\n"
        + "*2\r\n$4\r\npong\r\n$0\r\n\r\n"
        + "*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n";
    private static final List<String> EXPECTED = List.of("subscribed", "subscribed", "timed 1234", "timed -2",
        "untimed", "untimed", "untimed", "timed 16", "error", "other", "other");

    private static final class Events implements PushMessageParser.Listener {
        final List<String> seen = new ArrayList<>();

        @Override
        public void onTimedMessage(long sendNs) {
            seen.add("timed " + sendNs);
        }

        @Override
        public void onUntimedMessage() {
            seen.add("untimed");
        }

        @Override
        public void onSubscribed() {
            seen.add("subscribed");
        }

        @Override
        public void onOther(boolean error) {
            seen.add(error ? "error" : "other");
        }
    }

    private static List<String> parseInPieces(byte[] bytes, int... cuts) {
        final PushMessageParser parser = new PushMessageParser();
        final Events events = new Events();
        int from = 0;
        for (int cut : cuts) {
            parser.parse(ByteBuffer.wrap(bytes, from, cut - from), events);
            from = cut;
        }
        parser.parse(ByteBuffer.wrap(bytes, from, bytes.length - from), events);
        return events.seen;
    }

    @Test
    void shouldTellMessagesConfirmationsAndOthersApartAndReadTheSendTime() {
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

    @Test
    void shouldReadBackWhatATemplateWrote() {
        final CommandTemplate publish = LoadOptions.timedPublish("channel", 64);
        final long sendNs = 0x7edc_ba98_7654_3210L;
        final ByteBuffer request = ByteBuffer.allocate(publish.encodedLength());
        publish.writeTo(request, 0, sendNs);
        final String sent = new String(request.array(), StandardCharsets.US_ASCII);
        final String payload = sent.substring(sent.lastIndexOf("$64\r\n") + 5, sent.length() - 2);
        final String push = "*3\r\n$7\r\nmessage\r\n$7\r\nchannel\r\n$64\r\n" + payload + "\r\n";
        assertEquals(List.of("timed " + sendNs), parseInPieces(push.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void shouldRefuseWhatASubscribedConnectionNeverReceives() {
        final PushMessageParser parser = new PushMessageParser();
        assertThrows(IllegalStateException.class,
            () -> parser.parse(ByteBuffer.wrap("$3\r\nfoo\r\n".getBytes(StandardCharsets.US_ASCII)), new Events()));
    }
}
