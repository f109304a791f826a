package io.ringstore.engine.family.strings;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** INCR, DECR, INCRBY and DECRBY; expected replies from redis-server 7.0.15. */
class StringCountersTest extends StringEngineTest {
    private static final String OVERFLOW = error("ERR increment or decrement would overflow");

    @BeforeEach
    void startEngine() {
        start(1);
    }

    @Test
    void shouldIncrementMissingKeyFromZero() {
        assertEquals(":1\r\n", call("INCR", "a"));
        assertEquals("int", encoding("a"));
        assertEquals(":11\r\n", call("INCRBY", "a", "10"));
        assertEquals(":10\r\n", call("DECR", "a"));
        assertEquals(":5\r\n", call("DECRBY", "a", "5"));
        assertEquals(":10\r\n", call("DECRBY", "a", "-5"));
        assertEquals(":-1\r\n", call("DECR", "fresh"));
        assertEquals(bulk("10"), call("GET", "a"));
    }

    @Test
    void shouldRejectIncrementsThatAreNotStrictIntegers() {
        call("SET", "a", "1");
        for (String bad : new String[] {"abc", "1.5", " 1", "+1", "01", "", "-0", "9223372036854775808"}) {
            assertEquals(NOT_INTEGER, call("INCRBY", "a", bad), bad);
            assertEquals(NOT_INTEGER, call("DECRBY", "a", bad), bad);
        }
        assertEquals(bulk("1"), call("GET", "a"));
    }

    @Test
    void shouldRejectValuesThatAreNotStrictIntegers() {
        for (String bad : new String[] {"1.5", "abc", " 1", "5 ", "12345678901234567890", "007", "", "-0", "+5",
            "1234567890123456789012"}) {
            call("SET", "v", bad);
            assertEquals(NOT_INTEGER, call("INCR", "v"), bad);
            assertEquals(bulk(bad), call("GET", "v"));
        }
    }

    @Test
    void shouldDetectOverflowBothWays() {
        call("SET", "a", "9223372036854775806");
        assertEquals(":9223372036854775807\r\n", call("INCR", "a"));
        assertEquals(OVERFLOW, call("INCR", "a"));
        assertEquals(OVERFLOW, call("INCRBY", "a", "1"));
        call("SET", "a", "-9223372036854775807");
        assertEquals(":-9223372036854775808\r\n", call("DECR", "a"));
        assertEquals(OVERFLOW, call("DECR", "a"));
        assertEquals(OVERFLOW, call("DECRBY", "a", "1"));
        assertEquals(bulk("-9223372036854775808"), call("GET", "a"));
        call("SET", "z", "0");
        assertEquals(error("ERR decrement would overflow"), call("DECRBY", "z", "-9223372036854775808"));
        assertEquals(":-9223372036854775808\r\n", call("INCRBY", "z", "-9223372036854775808"));
    }

    @Test
    void shouldKeepTtlAndBecomeIntEncoded() {
        call("SET", "t", "10", "EX", "100");
        assertEquals(":11\r\n", call("INCR", "t"));
        assertEquals(100_000, pttl("t"));
        call("INCRBYFLOAT", "r", "51");
        assertEquals("embstr", encoding("r"));
        assertEquals(":52\r\n", call("INCR", "r"));
        assertEquals("int", encoding("r"));
        assertEquals(bulk("52"), call("GET", "r"));
    }

    @Test
    void shouldCheckTypeAfterParsingTheIncrement() {
        putForeign("l");
        assertEquals(WRONGTYPE, call("INCR", "l"));
        assertEquals(WRONGTYPE, call("DECR", "l"));
        assertEquals(WRONGTYPE, call("DECRBY", "l", "1"));
        assertEquals(NOT_INTEGER, call("INCRBY", "l", "abc"));
    }

    @Test
    void shouldCountManyIncrementsExactly() {
        for (int i = 0; i < 1000; i++) {
            call("INCR", "c");
        }
        assertEquals(":1000\r\n", call("INCRBY", "c", "0"));
    }
}
