package io.ringstore.engine.family.strings;

import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** APPEND, STRLEN, GETRANGE, SUBSTR and SETRANGE; expected replies from redis-server 7.0.15. */
class StringRangesTest extends StringEngineTest {
    private static final String TOO_LARGE = error("ERR string exceeds maximum allowed size (proto-max-bulk-len)");

    @Test
    void shouldAppendAndCreateLikeSet() {
        start(1);
        assertEquals(":5\r\n", call("APPEND", "k", "hello"));
        assertEquals("embstr", encoding("k"));
        assertEquals(":11\r\n", call("APPEND", "k", " world"));
        assertEquals("raw", encoding("k"));
        assertEquals(bulk("hello world"), call("GET", "k"));
        assertEquals(":2\r\n", call("APPEND", "n", "12"));
        assertEquals("int", encoding("n"));
        assertEquals(":3\r\n", call("APPEND", "n", "3"));
        assertEquals("raw", encoding("n"));
        assertEquals(":124\r\n", call("INCR", "n"));
        assertEquals(":0\r\n", call("APPEND", "empty", ""));
        assertEquals("embstr", encoding("empty"));
        assertEquals(":0\r\n", call("APPEND", "empty", ""));
        assertEquals("raw", encoding("empty"));
    }

    @Test
    void shouldKeepTtlAndCheckTypeOnAppend() {
        start(1);
        call("SET", "k", "v", "EX", "100");
        assertEquals(":2\r\n", call("APPEND", "k", "w"));
        assertEquals(100_000, pttl("k"));
        putForeign("l");
        assertEquals(WRONGTYPE, call("APPEND", "l", "x"));
    }

    @Test
    void shouldMeasureStrings() {
        start(1);
        assertEquals(":0\r\n", call("STRLEN", "missing"));
        call("SET", "i", "-12345");
        assertEquals(":6\r\n", call("STRLEN", "i"));
        call("SET", "s", "hello world");
        assertEquals(":11\r\n", call("STRLEN", "s"));
        call("SET", "e", "");
        assertEquals(":0\r\n", call("STRLEN", "e"));
        putForeign("l");
        assertEquals(WRONGTYPE, call("STRLEN", "l"));
    }

    @Test
    void shouldClampRangesLikeRedis() {
        start(1);
        call("SET", "s", "Hello World");
        String[][] cases = {
            {"0", "4", "Hello"}, {"-5", "-1", "World"}, {"-1", "-5", ""}, {"5", "3", ""},
            {"0", "-1", "Hello World"}, {"-100", "100", "Hello World"}, {"100", "200", ""},
            {"-100", "-50", "H"}, {"0", "0", "H"}, {"-1", "-1", "d"}, {"10", "-100", ""}, {"-3", "2", ""},
            {"0", "9223372036854775807", "Hello World"}, {"-9223372036854775808", "-1", "Hello World"},
            {"9223372036854775807", "-9223372036854775808", ""},
        };
        for (String[] c : cases) {
            assertEquals(bulk(c[2]), call("GETRANGE", "s", c[0], c[1]), c[0] + " " + c[1]);
            assertEquals(bulk(c[2]), call("SUBSTR", "s", c[0], c[1]), c[0] + " " + c[1]);
        }
        call("SET", "e", "");
        assertEquals(EMPTY, call("GETRANGE", "e", "0", "-1"));
        assertEquals(EMPTY, call("GETRANGE", "e", "-1", "0"));
        assertEquals(EMPTY, call("GETRANGE", "missing", "0", "-1"));
    }

    @Test
    void shouldTakeRangesOfIntegerValuesFromTheirDigits() {
        start(1);
        call("SET", "n", "12345");
        assertEquals(bulk("23"), call("GETRANGE", "n", "1", "2"));
        assertEquals(bulk("45"), call("GETRANGE", "n", "-2", "-1"));
        call("SET", "neg", "-1005");
        assertEquals(bulk("-1"), call("GETRANGE", "neg", "0", "1"));
        assertEquals(bulk("00"), call("GETRANGE", "neg", "2", "3"));
        assertEquals("int", encoding("neg"));
    }

    @Test
    void shouldParseIndexesBeforeTheKeyOnGetrange() {
        start(1);
        call("SET", "s", "abc");
        assertEquals(NOT_INTEGER, call("GETRANGE", "s", "a", "1"));
        assertEquals(NOT_INTEGER, call("GETRANGE", "s", "0", "b"));
        assertEquals(NOT_INTEGER, call("GETRANGE", "missing", "a", "1"));
        putForeign("l");
        assertEquals(NOT_INTEGER, call("GETRANGE", "l", "a", "1"));
        assertEquals(WRONGTYPE, call("GETRANGE", "l", "0", "1"));
    }

    @Test
    void shouldOverwriteAndPadWithSetrange() {
        start(1);
        call("SET", "s", "Hello World", "EX", "100");
        assertEquals(":11\r\n", call("SETRANGE", "s", "6", "Redis"));
        assertEquals(bulk("Hello Redis"), call("GET", "s"));
        assertEquals("raw", encoding("s"));
        assertEquals(100_000, pttl("s"));
        assertEquals(":14\r\n", call("SETRANGE", "s", "12", "!!"));
        assertEquals(bulk("Hello Redis\0!!"), call("GET", "s"));
        assertEquals(":5\r\n", call("SETRANGE", "fresh", "3", "ab"));
        assertEquals(bulk("\0\0\0ab"), call("GET", "fresh"));
        assertEquals("raw", encoding("fresh"));
        call("SET", "n", "12345");
        assertEquals(":5\r\n", call("SETRANGE", "n", "0", "9"));
        assertEquals("raw", encoding("n"));
        assertEquals(bulk("92345"), call("GET", "n"));
        assertEquals(":11\r\n", call("SETRANGE", "n", "10", "x"));
        assertEquals(bulk("92345\0\0\0\0\0x"), call("GET", "n"));
    }

    @Test
    void shouldChangeNothingWithAnEmptySetrangeValue() {
        start(1);
        call("SET", "s", "abc");
        assertEquals(":3\r\n", call("SETRANGE", "s", "0", ""));
        assertEquals(":3\r\n", call("SETRANGE", "s", "4294967295", ""));
        assertEquals("embstr", encoding("s"));
        assertEquals(":0\r\n", call("SETRANGE", "missing", "0", ""));
        assertEquals(":0\r\n", call("SETRANGE", "missing", "5", ""));
        assertNull(encoding("missing"));
    }

    @Test
    void shouldRejectBadSetrangeOffsetsAndTypes() {
        start(1);
        call("SET", "s", "abc");
        assertEquals(error("ERR offset is out of range"), call("SETRANGE", "s", "-1", "x"));
        assertEquals(error("ERR offset is out of range"), call("SETRANGE", "missing", "-1", ""));
        assertEquals(NOT_INTEGER, call("SETRANGE", "s", "a", "x"));
        assertEquals(NOT_INTEGER, call("SETRANGE", "s", "9223372036854775808", "x"));
        putForeign("l");
        assertEquals(WRONGTYPE, call("SETRANGE", "l", "0", "x"));
        assertEquals(WRONGTYPE, call("SETRANGE", "l", "0", ""));
        assertEquals(error("ERR offset is out of range"), call("SETRANGE", "l", "-1", "x"));
    }

    @Test
    void shouldRefuseStringsBeyondProtoMaxBulkLen() {
        start(1); // default 512mb: only the refusals, nothing that large is built
        call("SET", "s", "abc");
        assertEquals(TOO_LARGE, call("SETRANGE", "s", "536870911", "ab"));
        assertEquals(TOO_LARGE, call("SETRANGE", "new", "536870911", "ab"));
        assertEquals(TOO_LARGE, call("SETRANGE", "s", "9223372036854775807", "ab"));
        assertEquals(TOO_LARGE, call("SETRANGE", "s", "9223372036854775806", "a"));
        assertNull(encoding("new"));
        assertEquals(bulk("abc"), call("GET", "s"));
    }

    @Test
    void shouldApplyAConfiguredProtoMaxBulkLenToSetrangeAndAppend() {
        Config config = new Config();
        config.setAtStartup("proto-max-bulk-len", "1mb");
        start(1, config);
        int max = 1024 * 1024;
        assertEquals(TOO_LARGE, call("SETRANGE", "k", Integer.toString(max - 1), "ab"));
        assertEquals(integer(max), call("SETRANGE", "k", Integer.toString(max - 2), "ab"));
        assertEquals(TOO_LARGE, call("APPEND", "k", "x"));
        assertEquals(integer(max), call("STRLEN", "k"));
        call("SET", "a", "x".repeat(1000));
        assertEquals(TOO_LARGE, call("APPEND", "a", "y".repeat(max - 999)));
        assertEquals(integer(max), call("APPEND", "a", "y".repeat(max - 1000)));
    }
}
