package io.ringstore.engine.family.strings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * GET, SET and its options, SETNX, SETEX, PSETEX, GETSET, GETDEL and GETEX against the engine.
 * Expected replies were taken from redis-server 7.0.15.
 */
class StringFamilyTest extends StringEngineTest {

    @BeforeEach
    void startEngine() {
        start(1);
    }

    @Test
    void shouldStoreWithRedisEncodings() {
        call("SET", "i", "12345");
        call("SET", "neg", "-9223372036854775808");
        call("SET", "lead", "007");
        call("SET", "e", "hello");
        call("SET", "r", "x".repeat(45));
        assertEquals("int", encoding("i"));
        assertEquals("int", encoding("neg"));
        assertEquals("embstr", encoding("lead"));
        assertEquals("embstr", encoding("e"));
        assertEquals("raw", encoding("r"));
        assertEquals(bulk("12345"), call("GET", "i"));
        assertEquals(bulk("007"), call("GET", "lead"));
        assertEquals(NULL, call("GET", "missing"));
    }

    @Test
    void shouldReplyOldValueAndApplyNxXxWithGet() {
        assertEquals(NULL, call("SET", "k", "v", "NX", "GET"));
        assertEquals(bulk("v"), call("SET", "k", "v2", "NX", "GET"));
        assertEquals(bulk("v"), call("GET", "k"));
        assertEquals(bulk("v"), call("SET", "k", "v3", "XX", "GET"));
        assertEquals(bulk("v3"), call("GET", "k"));
        assertEquals(NULL, call("SET", "newk", "v", "XX", "GET"));
        assertEquals(NULL, call("SET", "newk", "v", "XX"));
        assertEquals(NULL, call("GET", "newk"));
        assertEquals(NULL, call("SET", "k", "v", "NX"));
        assertEquals(bulk("v3"), call("SET", "k", "v4", "GET", "GET"));
    }

    @Test
    void shouldRejectConflictingSetOptionsButAllowRepeats() {
        assertEquals(SYNTAX, call("SET", "k", "v", "NX", "XX"));
        assertEquals(SYNTAX, call("SET", "k", "v", "XX", "NX"));
        assertEquals(SYNTAX, call("SET", "k", "v", "EX", "10", "PX", "10"));
        assertEquals(SYNTAX, call("SET", "k", "v", "EX", "10", "KEEPTTL"));
        assertEquals(SYNTAX, call("SET", "k", "v", "KEEPTTL", "EX", "10"));
        assertEquals(SYNTAX, call("SET", "k", "v", "EX"));
        assertEquals(SYNTAX, call("SET", "k", "v", "PERSIST"));
        assertEquals(SYNTAX, call("SET", "k", "v", "EX", "abc", "foo"));
        assertEquals(NULL, call("GET", "k"));
        assertEquals(OK, call("SET", "k", "v", "NX", "NX"));
        assertEquals(NULL, call("SET", "k", "v2", "nx", "NX"));
        assertEquals(bulk("v"), call("GET", "k"));
        assertEquals(OK, call("SET", "k", "v", "ex", "10", "ex", "20"));
        assertEquals(20_000, pttl("k"));
        assertEquals(OK, call("SET", "k", "v", "PX", "10", "px", "30000"));
        assertEquals(30_000, pttl("k"));
        assertEquals(OK, call("SET", "k", "v", "KEEPTTL", "keepttl"));
        assertEquals(30_000, pttl("k"));
    }

    @Test
    void shouldValidateExpiryAfterTheWholeLineParses() {
        String invalid = error("ERR invalid expire time in 'set' command");
        assertEquals(invalid, call("SET", "k", "v", "EX", "0"));
        assertEquals(invalid, call("SET", "k", "v", "EX", "-1"));
        assertEquals(invalid, call("SET", "k", "v", "PX", "0"));
        assertEquals(invalid, call("SET", "k", "v", "EXAT", "0"));
        assertEquals(invalid, call("SET", "k", "v", "PXAT", "0"));
        assertEquals(invalid, call("SET", "k", "v", "EX", "9223372036854775807"));
        assertEquals(invalid, call("SET", "k", "v", "EX", "9223372036854775"));
        assertEquals(invalid, call("SET", "k", "v", "PX", "9223372036854775807"));
        assertEquals(NOT_INTEGER, call("SET", "k", "v", "EX", "abc"));
        assertEquals(SYNTAX, call("SET", "k", "v", "EX", "10", "foo"));
        assertEquals(NULL, call("GET", "k"));
        assertEquals(OK, call("SET", "k", "v", "EXAT", "9223372036854775"));
        assertEquals(9223372036854775000L - T0, pttl("k"));
        assertEquals(OK, call("SET", "k", "v", "PXAT", "9223372036854775807"));
        assertEquals(Long.MAX_VALUE - T0, pttl("k"));
    }

    @Test
    void shouldSetAndClearDeadlines() {
        assertEquals(OK, call("SET", "k", "v", "EX", "100"));
        assertEquals(100_000, pttl("k"));
        assertEquals(OK, call("SET", "k", "v2", "KEEPTTL"));
        assertEquals(100_000, pttl("k"));
        assertEquals(OK, call("SET", "k", "v3"));
        assertEquals(-1, pttl("k"));
        assertEquals(OK, call("SET", "k", "v", "PXAT", Long.toString(T0 + 5000)));
        assertEquals(5000, pttl("k"));
        assertEquals(OK, call("SET", "k", "v", "EXAT", Long.toString(T0 / 1000 + 7)));
        assertEquals(7000, pttl("k"));
        assertEquals(OK, call("SET", "k", "v", "PX", "250"));
        clock.advance(249);
        assertEquals(bulk("v"), call("GET", "k"));
        clock.advance(2);
        assertEquals(NULL, call("GET", "k"));
        assertEquals(OK, call("SET", "gone", "v", "PXAT", "1"));
        assertEquals(NULL, call("GET", "gone"));
    }

    @Test
    void shouldTreatTypesLikeRedis() {
        putForeign("l");
        assertEquals(WRONGTYPE, call("GET", "l"));
        assertEquals(WRONGTYPE, call("SET", "l", "v", "GET"));
        assertEquals(WRONGTYPE, call("SET", "l", "v", "NX", "GET"));
        assertEquals(WRONGTYPE, call("SET", "l", "v", "XX", "GET"));
        assertEquals(OK, call("SET", "l", "v"));
        assertEquals(bulk("v"), call("GET", "l"));
        assertEquals("embstr", encoding("l"));
        putForeign("l2");
        assertEquals(":0\r\n", call("SETNX", "l2", "v"));
        assertEquals(OK, call("SET", "l2", "v2", "XX"));
        assertEquals(bulk("v2"), call("GET", "l2"));
    }

    @Test
    void shouldSetOnlyMissingKeysWithSetnx() {
        assertEquals(":1\r\n", call("SETNX", "k", "100"));
        assertEquals(":0\r\n", call("SETNX", "k", "200"));
        assertEquals(bulk("100"), call("GET", "k"));
        assertEquals("int", encoding("k"));
    }

    @Test
    void shouldSetWithRelativeExpiryThroughSetexAndPsetex() {
        assertEquals(OK, call("SETEX", "k", "10", "v"));
        assertEquals(10_000, pttl("k"));
        assertEquals(OK, call("PSETEX", "p", "1500", "v"));
        assertEquals(1500, pttl("p"));
        assertEquals(error("ERR invalid expire time in 'setex' command"), call("SETEX", "k", "0", "v"));
        assertEquals(error("ERR invalid expire time in 'setex' command"), call("SETEX", "k", "-1", "v"));
        assertEquals(error("ERR invalid expire time in 'setex' command"),
                call("SETEX", "k", "9223372036854775807", "v"));
        assertEquals(error("ERR invalid expire time in 'psetex' command"), call("PSETEX", "k", "0", "v"));
        assertEquals(NOT_INTEGER, call("SETEX", "k", "abc", "v"));
        assertEquals(NOT_INTEGER, call("PSETEX", "k", "1.5", "v"));
        assertEquals(error("ERR wrong number of arguments for 'setex' command"), call("SETEX", "k"));
        assertEquals(10_000, pttl("k"));
    }

    @Test
    void shouldReplyOldValueAndClearTtlWithGetset() {
        assertEquals(NULL, call("GETSET", "k", "v"));
        call("SET", "k", "v1", "EX", "100");
        assertEquals(bulk("v1"), call("GETSET", "k", "42"));
        assertEquals(bulk("42"), call("GET", "k"));
        assertEquals("int", encoding("k"));
        assertEquals(-1, pttl("k"));
        putForeign("l");
        assertEquals(WRONGTYPE, call("GETSET", "l", "v"));
        assertEquals(error("ERR wrong number of arguments for 'getset' command"), call("GETSET", "k"));
    }

    @Test
    void shouldReplyAndDeleteWithGetdel() {
        call("SET", "k", "v");
        assertEquals(bulk("v"), call("GETDEL", "k"));
        assertEquals(NULL, call("GETDEL", "k"));
        assertEquals(":0\r\n", call("EXISTS", "k"));
        call("SET", "n", "17");
        assertEquals(bulk("17"), call("GETDEL", "n"));
        putForeign("l");
        assertEquals(WRONGTYPE, call("GETDEL", "l"));
        assertEquals(":1\r\n", call("EXISTS", "l"));
    }

    @Test
    void shouldChangeTtlWithGetex() {
        call("SET", "k", "v");
        assertEquals(bulk("v"), call("GETEX", "k"));
        assertEquals(-1, pttl("k"));
        assertEquals(bulk("v"), call("GETEX", "k", "EX", "100"));
        assertEquals(100_000, pttl("k"));
        assertEquals(bulk("v"), call("GETEX", "k", "px", "100", "PX", "2500"));
        assertEquals(2500, pttl("k"));
        assertEquals(bulk("v"), call("GETEX", "k"));
        assertEquals(2500, pttl("k"));
        assertEquals(bulk("v"), call("GETEX", "k", "EXAT", Long.toString(T0 / 1000 + 60)));
        assertEquals(60_000, pttl("k"));
        assertEquals(bulk("v"), call("GETEX", "k", "PXAT", Long.toString(T0 + 70)));
        assertEquals(70, pttl("k"));
        assertEquals(bulk("v"), call("GETEX", "k", "PERSIST", "persist"));
        assertEquals(-1, pttl("k"));
        assertEquals(bulk("v"), call("GETEX", "k", "PXAT", "1"));
        assertEquals(-2, pttl("k"));
        call("SET", "now", "v");
        assertEquals(bulk("v"), call("GETEX", "now", "PXAT", Long.toString(T0)));
        assertNull(encoding("now"));
    }

    @Test
    void shouldParseGetexOptionsBeforeLookupAndValidateExpiryAfter() {
        assertEquals(NULL, call("GETEX", "missing"));
        assertEquals(NULL, call("GETEX", "missing", "EX", "abc"));
        assertEquals(SYNTAX, call("GETEX", "missing", "foo"));
        call("SET", "k", "v");
        String invalid = error("ERR invalid expire time in 'getex' command");
        assertEquals(invalid, call("GETEX", "k", "EX", "0"));
        assertEquals(invalid, call("GETEX", "k", "EX", "-5"));
        assertEquals(invalid, call("GETEX", "k", "PX", "0"));
        assertEquals(invalid, call("GETEX", "k", "EXAT", "0"));
        assertEquals(invalid, call("GETEX", "k", "EX", "9223372036854775"));
        assertEquals(NOT_INTEGER, call("GETEX", "k", "EX", "abc"));
        for (String[] bad : new String[][] {{"EX", "100", "PX", "100"}, {"PERSIST", "EX", "100"},
                {"EX", "100", "PERSIST"}, {"KEEPTTL"}, {"NX"}, {"GET"}, {"EX"}}) {
            String[] cmd = new String[bad.length + 2];
            cmd[0] = "GETEX";
            cmd[1] = "k";
            System.arraycopy(bad, 0, cmd, 2, bad.length);
            assertEquals(SYNTAX, call(cmd), String.join(" ", bad));
        }
        assertEquals(-1, pttl("k"));
        putForeign("l");
        assertEquals(WRONGTYPE, call("GETEX", "l"));
        assertEquals(WRONGTYPE, call("GETEX", "l", "EX", "abc"));
        assertEquals(SYNTAX, call("GETEX", "l", "foo"));
    }

    @Test
    void shouldReplyNullsAsResp3Null() {
        call("HELLO", "3");
        assertEquals("_\r\n", call("GET", "missing"));
        assertEquals("_\r\n", call("SET", "k", "v", "XX"));
        assertEquals("_\r\n", call("GETDEL", "missing"));
        assertEquals("_\r\n", call("GETEX", "missing"));
        assertEquals("_\r\n", call("GETSET", "k", "v"));
    }
}
