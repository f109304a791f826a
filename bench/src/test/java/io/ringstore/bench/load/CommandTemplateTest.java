package io.ringstore.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CommandTemplateTest {

    private static String fill(CommandTemplate t, long key) {
        final ByteBuffer buf = ByteBuffer.allocate(t.encodedLength());
        t.writeTo(buf, key);
        assertEquals(0, buf.remaining(), "encodedLength must be exact");
        return new String(buf.array(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldReplacePlaceholderWithTwelveDigitKeyNumber() {
        final CommandTemplate t = CommandTemplate.parse("SET key:__rand_int__ v");
        assertEquals("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000042\r\n$1\r\nv\r\n", fill(t, 42));
        assertEquals(1, t.placeholders());
    }

    @Test
    void shouldRewriteDigitsInPlaceOnReuse() {
        final CommandTemplate t = CommandTemplate.parse("GET k__rand_int__");
        fill(t, 999_999_999_999L);
        assertEquals("*2\r\n$3\r\nGET\r\n$13\r\nk000000000007\r\n", fill(t, 7));
    }

    @Test
    void shouldFillEveryPlaceholderInEveryArgument() {
        final CommandTemplate t = CommandTemplate.parse("ZADD z __rand_int__ m:__rand_int__:__rand_int__");
        assertEquals(3, t.placeholders());
        assertEquals("*4\r\n$4\r\nZADD\r\n$1\r\nz\r\n$12\r\n000000000123\r\n$27\r\nm:000000000123:000000000123\r\n",
            fill(t, 123));
    }

    @Test
    void shouldEncodeSemicolonSeparatedCommandsAsOneRequest() {
        final CommandTemplate t = CommandTemplate.parse("MULTI ; INCR c:__rand_int__ ; EXEC");
        assertEquals(3, t.frames());
        assertEquals("*1\r\n$5\r\nMULTI\r\n*2\r\n$4\r\nINCR\r\n$14\r\nc:000000000009\r\n*1\r\n$4\r\nEXEC\r\n",
            fill(t, 9));
        assertEquals(1, CommandTemplate.parse("GET a;b").frames(), "only a free-standing ; separates");
    }

    @Test
    void shouldWriteTheSendTimeAsSixteenHexDigitsBesideKeyDigits() {
        final CommandTemplate t = CommandTemplate.parse("PUBLISH ch:__rand_int__ __send_ns__:__rand_int__");
        assertEquals(2, t.placeholders());
        final ByteBuffer buf = ByteBuffer.allocate(t.encodedLength());
        t.writeTo(buf, 7, 0x1234_abcdL);
        assertEquals(0, buf.remaining(), "encodedLength must be exact");
        assertEquals("*3\r\n$7\r\nPUBLISH\r\n$15\r\nch:000000000007\r\n$29\r\n000000001234abcd:000000000007\r\n",
            new String(buf.array(), StandardCharsets.UTF_8));
        final ByteBuffer negative = ByteBuffer.allocate(t.encodedLength());
        t.writeTo(negative, 7, -1);                                     // nanoTime may be negative
        assertTrue(new String(negative.array(), StandardCharsets.UTF_8).contains("ffffffffffffffff:"));
    }

    @Test
    void shouldPadTheTimedPublishPayloadToTheDataSize() {
        final CommandTemplate t = LoadOptions.timedPublish("news", 20);
        assertEquals("*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n$20\r\n0000000000000000xxxx\r\n", fill(t, 0));
        assertEquals("*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n$16\r\n0000000000000000\r\n",
            fill(LoadOptions.timedPublish("news", 3), 0), "never shorter than the 16 digits");
    }

    @Test
    void shouldLeaveCommandsWithoutPlaceholdersUnchanged() {
        assertEquals("*1\r\n$4\r\nPING\r\n", fill(CommandTemplate.parse("  PING  "), 5));
    }

    @Test
    void shouldEncodeBuiltinSetWithValueOfDataSize() {
        final CommandTemplate t = Workloads.builtin("set", 5);
        assertEquals("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000000001\r\n$5\r\nxxxxx\r\n", fill(t, 1));
        assertThrows(IllegalArgumentException.class, () -> Workloads.builtin("nosuch", 3));
    }

    @Test
    void shouldKeepCopiesIndependent() {
        final CommandTemplate a = CommandTemplate.parse("GET __rand_int__");
        final CommandTemplate b = a.copy();
        final ByteBuffer buf = ByteBuffer.allocate(a.encodedLength());
        a.writeTo(buf, 1);
        assertEquals("*2\r\n$3\r\nGET\r\n$12\r\n000000000002\r\n", fill(b, 2));
        assertEquals("*2\r\n$3\r\nGET\r\n$12\r\n000000000001\r\n", new String(buf.array(), StandardCharsets.UTF_8));
    }

    @Test
    void shouldPickMixEntriesInProportionToWeights() {
        final CommandMix mix = new CommandMix(
            List.of(Workloads.builtin("set", 3), Workloads.builtin("get", 3)), List.of(1L, 9L));
        assertEquals("set:1,get:9", mix.describe());
        final SplittableRandom random = new SplittableRandom(3);
        int sets = 0;
        for (int i = 0; i < 100_000; i++) {
            sets += mix.next(random).name().equals("set") ? 1 : 0;
        }
        assertEquals(10_000, sets, 600);
        assertEquals("set:1,get:9", mix.copy().describe());
    }
}
