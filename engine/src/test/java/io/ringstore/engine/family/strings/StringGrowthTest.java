package io.ringstore.engine.family.strings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Strings grown by many APPENDs and SETRANGEs, which keep spare capacity as Redis's sds does:
 * every command must see exactly the text, never the spare bytes. Expected replies from
 * redis-server 7.0.15.
 */
class StringGrowthTest extends StringEngineTest {
    private static final int CHUNKS = 200_000;
    private static final int BATCH = 1000;

    /**
     * Appends {@link #CHUNKS} short chunks of varying length to {@code key}, pipelined with a
     * round trip every {@link #BATCH} to check the length; returns the text.
     */
    private String appendChunks(String key) {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < CHUNKS; i++) {
            String chunk = Integer.toString(i, 36) + (i % 7 == 0 ? "|" : ",");
            expected.append(chunk);
            if (i % BATCH == BATCH - 1) {
                assertEquals(integer(expected.length()), call("APPEND", key, chunk), "chunk " + i);
            } else {
                e.send("APPEND", key, chunk);
            }
        }
        return expected.toString();
    }

    @Test
    void shouldAppendTwoHundredThousandChunksAndReadBackExactlyTheText() {
        start(1);
        String text = appendChunks("k");
        int n = text.length();
        assertEquals("raw", encoding("k"));
        assertEquals(integer(n), call("STRLEN", "k"));
        assertEquals(bulk(text), call("GET", "k"));
        assertEquals(bulk(text.substring(0, 10)), call("GETRANGE", "k", "0", "9"));
        assertEquals(bulk(text.substring(n - 10)), call("GETRANGE", "k", "-10", "-1"));
        assertEquals(bulk(text.substring(n - 1)), call("GETRANGE", "k", "-1", Integer.toString(n + 1000)));
        assertEquals(EMPTY, call("GETRANGE", "k", Integer.toString(n), Integer.toString(n + 1000)));
        assertEquals(bulk(text), call("GETRANGE", "k", "0", "-1"));
        assertEquals(bulk(text.substring(n / 2, n / 2 + 100)),
                call("SUBSTR", "k", Integer.toString(n / 2), Integer.toString(n / 2 + 99)));
        assertEquals(array(bulk(text), NULL), call("MGET", "k", "missing"));
        assertEquals(bulk(text), call("GETEX", "k", "EX", "100"));
        assertEquals(100_000, pttl("k"));
        assertEquals(bulk(text), call("SET", "k", "short", "GET"));
        assertEquals(bulk("short"), call("GET", "k"));
        assertEquals("embstr", encoding("k"));
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldCopyAndRenameAGrownValue(int shards) {
        start(shards);
        String src = keyOnShard("src", 0);
        String copy = keyOnShard("copy", shards - 1);
        String renamed = keyOnShard("renamed", shards - 1);
        String text = appendChunks(src);
        assertEquals(":1\r\n", call("COPY", src, copy));
        assertEquals("raw", encoding(copy));
        assertEquals(integer(text.length() + 4), call("APPEND", copy, "tail"));
        assertEquals(bulk(text + "tail"), call("GET", copy));
        assertEquals(bulk(text), call("GET", src), "the copy's append must not reach the source");
        assertEquals(integer(text.length() + 3), call("APPEND", src, "end"));
        assertEquals(bulk(text + "tail"), call("GET", copy), "the source's append must not reach the copy");
        assertEquals(":1\r\n", call("COPY", src, "other-db", "DB", "1"));
        assertEquals(OK, call("RENAME", src, renamed));
        assertEquals(NULL, call("GET", src));
        assertEquals("raw", encoding(renamed));
        assertEquals(integer(text.length() + 3), call("STRLEN", renamed));
        assertEquals(bulk(text + "end"), call("GET", renamed));
        assertEquals(integer(text.length() + 4), call("APPEND", renamed, "!"));
        assertEquals(bulk("d!"), call("GETRANGE", renamed, "-2", "-1"));
        assertEquals(OK, call("SELECT", "1"));
        assertEquals(bulk(text + "end"), call("GET", "other-db"));
    }

    @Test
    void shouldParseAppendedDigitsOnIncrAsRedisDoes() {
        start(1);
        call("SET", "n", "1");
        for (int i = 0; i < 17; i++) {
            call("APPEND", "n", "1");
        }
        assertEquals("raw", encoding("n"));
        assertEquals(bulk("111111111111111111"), call("GET", "n"));
        assertEquals(integer(111_111_111_111_111_112L), call("INCR", "n"));
        assertEquals("int", encoding("n"));
        assertEquals(integer(111_111_111_111_111_110L), call("DECRBY", "n", "2"));
        call("APPEND", "n", "99");
        assertEquals("raw", encoding("n"));
        assertEquals(NOT_INTEGER, call("INCR", "n"), "20 digits, beyond LLONG_MAX");
        call("SET", "m", "-");
        call("APPEND", "m", "4");
        call("APPEND", "m", "2");
        assertEquals(integer(-41), call("INCR", "m"));
        call("APPEND", "x", "12");
        call("APPEND", "x", "a");
        assertEquals(NOT_INTEGER, call("INCR", "x"));
        call("SET", "f", "1");
        call("APPEND", "f", ".5");
        assertEquals(bulk("2.5"), call("INCRBYFLOAT", "f", "1"));
        call("APPEND", "f", "e");
        assertEquals(error("ERR value is not a valid float"), call("INCRBYFLOAT", "f", "1"));
    }

    @Test
    void shouldGrowBySetrangeAndFillGapsWithZeros() {
        start(1);
        StringBuilder expected = new StringBuilder("start");
        call("SET", "k", "start");
        for (int i = 0; i < 20_000; i++) {
            int offset = expected.length() + (i % 5 == 0 ? 3 : 0);
            String chunk = Integer.toString(i);
            while (expected.length() < offset) {
                expected.append('\0');
            }
            expected.append(chunk);
            if (i % BATCH == BATCH - 1) {
                assertEquals(integer(expected.length()), call("SETRANGE", "k", Integer.toString(offset), chunk));
            } else {
                e.send("SETRANGE", "k", Integer.toString(offset), chunk);
            }
        }
        assertEquals(integer(expected.length()), call("SETRANGE", "k", "0", "S"));
        expected.setCharAt(0, 'S');
        assertEquals("raw", encoding("k"));
        assertEquals(integer(expected.length()), call("STRLEN", "k"));
        assertEquals(bulk(expected.toString()), call("GET", "k"));
        assertEquals(integer(expected.length() + 1), call("APPEND", "k", "."));
        assertEquals(bulk(expected.substring(expected.length() - 4) + "."), call("GETRANGE", "k", "-5", "-1"));
    }

    @Test
    void shouldCompareGrownValuesWithLcs() {
        start(1);
        call("SET", "a", "ohmy");
        call("APPEND", "a", "text");
        call("SET", "b", "mynew");
        call("APPEND", "b", "text");
        assertEquals(bulk("mytext"), call("LCS", "a", "b"));
        assertEquals(integer(6), call("LCS", "a", "b", "LEN"));
    }
}
