package io.ringstore.engine.family.strings;

import io.ringstore.engine.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** LCS in its plain, LEN and IDX forms, RESP2 and RESP3; expected replies from redis-server 7.0.15. */
class StringLcsTest extends StringEngineTest {
    /** The two ranges of "ohmytext" vs "mynewtext": [[a0, a1], [b0, b1]], without the wrapper. */
    private static final String PAIRS_4_7_5_8 = "*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n";
    private static final String PAIRS_2_3_0_1 = "*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n";
    private static final String RANGE_4_7_5_8 = "*2\r\n" + PAIRS_4_7_5_8;
    private static final String RANGE_2_3_0_1 = "*2\r\n" + PAIRS_2_3_0_1;

    private String k1;
    private String k2;

    /** Starts an engine whose two test keys live on different shards when there are two. */
    private void startWithTexts(int shards) {
        start(shards);
        k1 = keyOnShard("key1-", 0);
        k2 = keyOnShard("key2-", shards - 1);
        call("MSET", k1, "ohmytext", k2, "mynewtext");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyTheSubsequenceAndItsLength(int shards) {
        startWithTexts(shards);
        assertEquals(bulk("mytext"), call("LCS", k1, k2));
        assertEquals(":6\r\n", call("LCS", k1, k2, "LEN"));
        assertEquals(":6\r\n", call("LCS", k1, k2, "len", "LEN"));
        assertEquals(bulk("mytext"), call("LCS", k1, k2, "WITHMATCHLEN"));
        assertEquals(bulk("mytext"), call("LCS", k1, k2, "MINMATCHLEN", "4"));
        assertEquals(EMPTY, call("LCS", k1, "missing"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldReplyMatchRangesWithIdx(int shards) {
        startWithTexts(shards);
        assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n" + RANGE_4_7_5_8 + RANGE_2_3_0_1 + "$3\r\nlen\r\n:6\r\n",
                call("LCS", k1, k2, "IDX"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n" + RANGE_4_7_5_8 + "$3\r\nlen\r\n:6\r\n",
                call("LCS", k1, k2, "IDX", "MINMATCHLEN", "4"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n*3\r\n" + PAIRS_4_7_5_8 + ":4\r\n*3\r\n"
                + PAIRS_2_3_0_1 + ":2\r\n$3\r\nlen\r\n:6\r\n",
                call("LCS", k1, k2, "IDX", "WITHMATCHLEN"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n" + RANGE_4_7_5_8 + RANGE_2_3_0_1 + "$3\r\nlen\r\n:6\r\n",
                call("LCS", k1, k2, "MINMATCHLEN", "-5", "IDX"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:6\r\n",
                call("LCS", k1, k2, "IDX", "MINMATCHLEN", "1", "MINMATCHLEN", "5"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", call("LCS", "none1", "none2", "IDX"));
    }

    @Test
    void shouldReplyAMapInResp3() {
        startWithTexts(1);
        call("HELLO", "3");
        assertEquals("%2\r\n$7\r\nmatches\r\n*2\r\n" + RANGE_4_7_5_8 + RANGE_2_3_0_1 + "$3\r\nlen\r\n:6\r\n",
                call("LCS", k1, k2, "IDX"));
        assertEquals("%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", call("LCS", "none1", "none2", "IDX"));
    }

    @Test
    void shouldCutRangesAsRedisDoes() {
        start(1);
        call("MSET", "a", "ABCBDAB", "b", "BDCABA", "c", "aaaa bbbb cccc dddd", "d", "xx aaa bbbbzcc dd dddd yy");
        assertEquals(bulk("BDAB"), call("LCS", "a", "b"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*2\r\n"
                + "*3\r\n*2\r\n:5\r\n:6\r\n*2\r\n:3\r\n:4\r\n:2\r\n"
                + "*3\r\n*2\r\n:3\r\n:4\r\n*2\r\n:0\r\n:1\r\n:2\r\n"
                + "$3\r\nlen\r\n:4\r\n", call("LCS", "a", "b", "IDX", "WITHMATCHLEN"));
        assertEquals(bulk("aaa bbbbcc dddd"), call("LCS", "c", "d"));
        assertEquals(bulk("aaa bbbbcc dddd"), call("LCS", "d", "c"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*3\r\n"
                + "*2\r\n*2\r\n:17\r\n:21\r\n*2\r\n:14\r\n:18\r\n"
                + "*2\r\n*2\r\n:12\r\n:13\r\n*2\r\n:10\r\n:11\r\n"
                + "*2\r\n*2\r\n:3\r\n:10\r\n*2\r\n:1\r\n:8\r\n"
                + "$3\r\nlen\r\n:15\r\n", call("LCS", "d", "c", "IDX", "MINMATCHLEN", "2"));
    }

    @Test
    void shouldUseTheDigitsOfIntegers() {
        start(1);
        call("MSET", "n1", "12345", "n2", "2345");
        assertEquals(bulk("2345"), call("LCS", "n1", "n2"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:1\r\n:4\r\n*2\r\n:0\r\n:3\r\n:4\r\n"
                + "$3\r\nlen\r\n:4\r\n", call("LCS", "n1", "n2", "IDX", "WITHMATCHLEN"));
        assertEquals("*4\r\n$7\r\nmatches\r\n*1\r\n*3\r\n*2\r\n:0\r\n:4\r\n*2\r\n:0\r\n:4\r\n:5\r\n"
                + "$3\r\nlen\r\n:5\r\n", call("LCS", "n1", "n1", "IDX", "WITHMATCHLEN"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCheckTypesThenOptionsThenConflicts(int shards) {
        startWithTexts(shards);
        putForeign("l");
        String notStrings = error("ERR The specified keys must contain string values");
        assertEquals(notStrings, call("LCS", k1, "l"));
        assertEquals(notStrings, call("LCS", "l", "missing"));
        assertEquals(notStrings, call("LCS", "l", k1, "foo"));
        assertEquals(SYNTAX, call("LCS", k1, k2, "foo"));
        assertEquals(SYNTAX, call("LCS", k1, k2, "MINMATCHLEN"));
        assertEquals(SYNTAX, call("LCS", k1, k2, "foo", "LEN", "IDX"));
        assertEquals(SYNTAX, call("LCS", k1, k2, "LEN", "IDX", "foo"));
        assertEquals(NOT_INTEGER, call("LCS", k1, k2, "MINMATCHLEN", "abc"));
        assertEquals(error("ERR If you want both the length and indexes, please just use IDX."),
                call("LCS", k1, k2, "LEN", "IDX"));
        assertEquals(error("ERR wrong number of arguments for 'lcs' command"), call("LCS", k1));
    }

    @Test
    void shouldRefuseTablesLargerThanProtoMaxBulkLen() {
        Config config = new Config();
        config.setAtStartup("proto-max-bulk-len", "1mb");
        start(1, config);
        call("MSET", "c", "x".repeat(600), "d", "y".repeat(600));
        assertEquals(error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"),
                call("LCS", "c", "d", "LEN"));
        assertEquals(":0\r\n", call("LCS", "c", "missing", "LEN"));
        call("SET", "c", "x".repeat(400));
        assertEquals(":0\r\n", call("LCS", "c", "d", "LEN"));
        assertEquals(EMPTY, call("LCS", "c", "d"));
    }
}
