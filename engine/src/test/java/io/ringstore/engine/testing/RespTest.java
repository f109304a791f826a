package io.ringstore.engine.testing;

import io.ringstore.engine.testing.Resp.Kind;
import io.ringstore.engine.testing.Resp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.ringstore.engine.testing.Resp.EMPTY;
import static io.ringstore.engine.testing.Resp.NULL;
import static io.ringstore.engine.testing.Resp.NULL3;
import static io.ringstore.engine.testing.Resp.NULL_ARRAY;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.arr;
import static io.ringstore.engine.testing.Resp.array;
import static io.ringstore.engine.testing.Resp.assertReply;
import static io.ringstore.engine.testing.Resp.bigNumber;
import static io.ringstore.engine.testing.Resp.blobError;
import static io.ringstore.engine.testing.Resp.bool;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.doubleText;
import static io.ringstore.engine.testing.Resp.error;
import static io.ringstore.engine.testing.Resp.ints;
import static io.ringstore.engine.testing.Resp.map;
import static io.ringstore.engine.testing.Resp.num;
import static io.ringstore.engine.testing.Resp.parse;
import static io.ringstore.engine.testing.Resp.parseAll;
import static io.ringstore.engine.testing.Resp.push;
import static io.ringstore.engine.testing.Resp.set;
import static io.ringstore.engine.testing.Resp.simple;
import static io.ringstore.engine.testing.Resp.verbatim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The RESP test-support class: builders, the parser (every frame type) and the assertions. */
@Timeout(30)
class RespTest {
    /** One of every frame type, nested, as the builders write them. */
    private static final String EVERY_TYPE = array(
            OK, error("ERR boom"), num(-42), bulk("hi"), EMPTY, NULL, NULL_ARRAY, NULL3,
            array(arr("a", "b"), ints(1, 2), array()),
            map(bulk("k"), bool(true), simple("s"), doubleText("1.5")),
            set(num(1)), push(bulk("message")), bigNumber("-12345678901234567890"),
            verbatim("text"), blobError("SYNTAX bad"), Resp.EMPTY_BULK);

    @Test
    void shouldWriteTheWireFormOfEveryBuilder() {
        assertEquals("+PONG\r\n", simple("PONG"));
        assertEquals("-ERR x\r\n", error("ERR x"));
        assertEquals(":7\r\n", num(7));
        assertEquals("$3\r\nabc\r\n", bulk("abc"));
        assertEquals("$2\r\n\u00c3\u00a9\r\n", bulk("\u00e9"), "UTF-8 bytes, one char per byte");
        assertEquals("*2\r\n$1\r\na\r\n:1\r\n", array(bulk("a"), num(1)));
        assertEquals("*2\r\n$1\r\na\r\n$1\r\nb\r\n", arr("a", "b"));
        assertEquals("*2\r\n:1\r\n:2\r\n", ints(1, 2));
        assertEquals("%1\r\n+k\r\n:1\r\n", map(simple("k"), num(1)));
        assertEquals("~1\r\n:1\r\n", set(num(1)));
        assertEquals(">1\r\n:1\r\n", push(num(1)));
        assertEquals(",inf\r\n", doubleText("inf"));
        assertEquals("#t\r\n", bool(true));
        assertEquals("#f\r\n", bool(false));
        assertEquals("(1\r\n", bigNumber("1"));
        assertEquals("=8\r\ntxt:abcd\r\n", verbatim("abcd"));
        assertEquals("!3\r\nERR\r\n", blobError("ERR"));
        assertThrows(IllegalArgumentException.class, () -> map(num(1)));
    }

    @Test
    void shouldParseEveryFrameTypeIntoTheTree() {
        Reply r = parse(EVERY_TYPE);
        assertEquals(Kind.ARRAY, r.kind());
        assertEquals(16, r.size());
        assertEquals(Kind.SIMPLE, r.get(0).kind());
        assertEquals("OK", r.get(0).text());
        assertEquals(Kind.ERROR, r.get(1).kind());
        assertEquals("ERR boom", r.get(1).text());
        assertTrue(r.get(1).isError());
        assertEquals(-42, r.get(2).integer());
        assertEquals(Kind.BULK, r.get(3).kind());
        assertEquals("hi", r.get(3).text());
        assertEquals(0, r.get(4).size());
        assertEquals(Kind.VERBATIM, r.get(13).kind());
        assertEquals("txt", r.get(13).format());
        assertEquals("text", r.get(13).text());
        assertEquals(Kind.BLOB_ERROR, r.get(14).kind());
        assertTrue(r.get(14).isError());
        assertEquals("", r.get(15).text());
        assertEquals(Kind.BIG_NUMBER, r.get(12).kind());
        assertEquals("-12345678901234567890", r.get(12).text());
    }

    @Test
    void shouldKeepTheThreeNullsApart() {
        for (String n : List.of(NULL, NULL_ARRAY, NULL3)) {
            Reply r = parse(n);
            assertTrue(r.isNull(), n);
            assertEquals(Kind.NULL, r.kind());
            assertNull(r.text());
            assertNull(r.plain());
            assertEquals(n, r.encode());
        }
        assertEquals('$', parse(NULL).type());
        assertEquals('*', parse(NULL_ARRAY).type());
        assertEquals('_', parse(NULL3).type());
        assertNotEquals(parse(NULL), parse(NULL_ARRAY));
        assertNotEquals(parse(NULL), parse(NULL3));
        assertEquals("[(nil), (nil array), (null)]", parse(array(NULL, NULL_ARRAY, NULL3)).toString());
    }

    @Test
    void shouldParseNestedAggregatesAndRESP3Types() {
        Reply r = parse(EVERY_TYPE);
        Reply nested = r.get(8);
        assertEquals(List.of("a", "b"), nested.get(0).strings());
        assertEquals(2, nested.get(1).get(1).integer());
        assertEquals(0, nested.get(2).size());
        Reply m = r.get(9);
        assertEquals(Kind.MAP, m.kind());
        assertEquals(4, m.size(), "a map's items are its keys and values");
        assertTrue(m.asMap().get("k").bool());
        assertEquals(Kind.DOUBLE, m.asMap().get("s").kind());
        assertEquals("1.5", m.asMap().get("s").text());
        assertEquals(Kind.SET, r.get(10).kind());
        assertEquals(Kind.PUSH, r.get(11).kind());
        assertEquals("message", r.get(11).get(0).text());
        Reply deep = parse(array(array(array(array(num(5))))));
        assertEquals(5, deep.get(0).get(0).get(0).get(0).integer());
    }

    @Test
    void shouldReadARESP2FlatArrayOfPairsAsAMap() {
        Reply r = parse(arr("f1", "v1", "f2", "v2"));
        assertEquals(List.of("f1", "f2"), List.copyOf(r.asMap().keySet()));
        assertEquals("v2", r.asMap().get("f2").text());
        assertThrows(IllegalStateException.class, () -> parse(arr("odd")).asMap());
    }

    @Test
    void shouldGivePlainJavaValues() {
        assertEquals(Arrays.asList("OK", "ERR boom", -42L, "hi", List.of(), null, null, null),
                ((List<?>) parse(EVERY_TYPE).plain()).subList(0, 8));
        assertEquals(List.of("k", true, "s", "1.5"), Resp.plain(map(bulk("k"), bool(true), simple("s"),
                doubleText("1.5"))));
        assertEquals(List.of(List.of("a", 1L)), Resp.plain(array(array(bulk("a"), num(1)))));
    }

    @Test
    void shouldEncodeTheTreeBackToTheSameWireText() {
        assertEquals(EVERY_TYPE, parse(EVERY_TYPE).encode());
        assertEquals(parse(EVERY_TYPE), parse(EVERY_TYPE));
        assertEquals(parse(EVERY_TYPE).hashCode(), parse(EVERY_TYPE).hashCode());
    }

    @Test
    void shouldKeepBinaryPayloadsWhole() {
        byte[] wire = {'$', '4', '\r', '\n', 0, '\r', '\n', (byte) 0xff, '\r', '\n'};
        Reply r = parse(wire);
        assertEquals(4, r.text().length());
        assertEquals(0xff, r.text().charAt(3));
        assertEquals(new String(wire, StandardCharsets.ISO_8859_1), r.encode());
        assertEquals("\"\\x00\\r\\n\\xff\"", r.toString());
        assertEquals("\u00e9", parse(bulk("\u00e9")).utf8());
    }

    @Test
    void shouldSplitAPipelineIntoItsFrames() {
        List<Reply> all = parseAll(OK + num(1) + arr("a") + NULL);
        assertEquals(4, all.size());
        assertEquals(List.of("a"), all.get(2).strings());
        assertTrue(all.get(3).isNull());
        assertEquals(List.of(), parseAll(""));
    }

    @Test
    void shouldRejectMalformedFrames() {
        for (String bad : List.of(
                "", "OK\r\n", "+OK", "+OK\n", "+OK\r", "+O\rK\r\n", ":12x\r\n", ":\r\n", ":99999999999999999999\r\n",
                "$3\r\nab\r\n", "$3\r\nabcd\r\n", "$-2\r\n", "$x\r\n", "*2\r\n:1\r\n", "*-2\r\n", "~-1\r\n",
                "%1\r\n:1\r\n", "#x\r\n", "_x\r\n", ",1.5.5\r\n", "(12a\r\n", "=3\r\nabc\r\n", "|1\r\n+a\r\n+b\r\n",
                "$?\r\n", "*?\r\n", "?\r\n", "+OK\r\n+OK\r\n", "*2147483648\r\n")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(bad),
                    () -> "accepted " + bad.replace("\r\n", "\\r\\n"));
            assertTrue(e.getMessage().startsWith("malformed RESP at byte "), e.getMessage());
        }
    }

    @Test
    void shouldRejectEveryFrameCutShortAtEveryByte() {
        for (Reply item : parse(EVERY_TYPE).items()) {
            String frame = item.encode();
            for (int cut = 0; cut < frame.length(); cut++) {
                String part = frame.substring(0, cut);
                assertThrows(IllegalArgumentException.class, () -> parse(part),
                        () -> "accepted a cut " + part.replace("\r\n", "\\r\\n"));
            }
        }
    }

    @Test
    void shouldPassAssertReplyOnTheSameFrame() {
        assertReply(arr("a", "b"), "*2\r\n$1\r\na\r\n$1\r\nb\r\n");
        assertReply(OK, OK.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldFailAssertReplyWithBothTreesOnADifferentFrame() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertReply(arr("a", "b"), arr("a", "c")));
        assertTrue(e.getMessage().contains("[\"a\", \"b\"]"), e.getMessage());
        assertTrue(e.getMessage().contains("[\"a\", \"c\"]"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> assertReply(NULL, NULL_ARRAY));
        assertThrows(AssertionFailedError.class, () -> assertReply(num(1), ":+1\r\n"), "same value, other bytes");
    }

    @Test
    void shouldFailAssertReplyOnAMalformedReply() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertReply(OK, "+OK"));
        assertTrue(e.getMessage().contains("not one RESP frame"), e.getMessage());
    }

    @Test
    void shouldExtractTextAndStrings() {
        assertEquals("hello", Resp.text(bulk("hello")));
        assertEquals("OK", Resp.text(OK));
        assertEquals("abc", Resp.text(verbatim("abc")));
        assertThrows(AssertionFailedError.class, () -> Resp.text(num(1)));
        assertEquals(List.of("x", "y"), Resp.strings(arr("x", "y")));
        assertFalse(parse(num(1)).isNull());
        assertThrows(IllegalStateException.class, () -> parse(num(1)).text());
        assertThrows(IllegalStateException.class, () -> parse(bulk("x")).integer());
        assertThrows(IllegalStateException.class, () -> parse(bulk("x")).items());
    }
}
