package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** EXPIRE family, TTL family and PERSIST with an injected clock, on one and two shards. */
@Timeout(30)
class KeyExpireTest {
    static final String ONE = ":1\r\n";
    static final String ZERO = ":0\r\n";

    static String err(String s) {
        return "-" + s + "\r\n";
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldSetRelativeAndAbsoluteDeadlinesAndReportThem(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            for (String k : new String[] {"a", "b", "c", "d"}) {
                e.call("SET", k, "v");
            }
            assertEquals(ONE, e.call("EXPIRE", "a", "100"));
            assertEquals(ONE, e.call("PEXPIRE", "b", "1500"));
            assertEquals(ONE, e.call("EXPIREAT", "c", Long.toString(T0 / 1000 + 50)));
            assertEquals(ONE, e.call("PEXPIREAT", "d", Long.toString(T0 + 2_499)));
            assertEquals(num(100), e.call("TTL", "a"));
            assertEquals(num(100_000), e.call("PTTL", "a"));
            assertEquals(num(2), e.call("TTL", "b"), "1.5 s rounds to 2, as (ms+500)/1000");
            assertEquals(num(50), e.call("TTL", "c"));
            assertEquals(num(T0 / 1000 + 100), e.call("EXPIRETIME", "a"));
            assertEquals(num(T0 + 100_000), e.call("PEXPIRETIME", "a"));
            assertEquals(num(T0 + 2_499), e.call("PEXPIRETIME", "d"));
            assertEquals(num((T0 + 2_499 + 500) / 1000), e.call("EXPIRETIME", "d"));
            clock.advance(1_000);
            assertEquals(num(99), e.call("TTL", "a"));
            assertEquals(num(500), e.call("PTTL", "b"));
            assertEquals(num(1), e.call("TTL", "b"), "0.5 s rounds up");
            assertEquals(num(T0 / 1000 + 100), e.call("EXPIRETIME", "a"), "absolute time does not move");
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldReplyMinusTwoForMissingAndMinusOneForPersistentKeys(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            for (String cmd : new String[] {"TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME"}) {
                assertEquals(":-2\r\n", e.call(cmd, "missing"), cmd);
                assertEquals(":-1\r\n", e.call(cmd, "k"), cmd);
            }
            assertEquals(ZERO, e.call("EXPIRE", "missing", "10"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldExpireLazilyAndActivelyByTheClock(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            e.call("SET", "lazy", "v");
            e.call("PEXPIRE", "lazy", "100");
            for (int i = 0; i < 200; i++) {
                e.call("SET", "act" + i, "v");
                e.call("EXPIRE", "act" + i, "1");
            }
            clock.advance(99);
            assertEquals(bulk("v"), e.call("GET", "lazy"));
            assertEquals(num(1), e.call("PTTL", "lazy"));
            clock.advance(1);
            assertEquals(num(0), e.call("PTTL", "lazy"), "at the deadline the key still exists (now > when expires)");
            clock.advance(1);
            assertEquals(":-2\r\n", e.call("PTTL", "lazy"));
            clock.advance(1_000);
            for (int i = 0; i < 30; i++) {
                e.tick();
            }
            assertEquals(num(0), e.call("DBSIZE"));
        }
    }

    @Test
    void shouldHonourNxXxGtLt() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            assertEquals(ZERO, e.call("EXPIRE", "k", "100", "XX"), "XX needs an existing deadline");
            assertEquals(ZERO, e.call("EXPIRE", "k", "100", "GT"), "no deadline is infinite: GT fails");
            assertEquals(ONE, e.call("EXPIRE", "k", "100", "NX"));
            assertEquals(ZERO, e.call("EXPIRE", "k", "200", "NX"));
            assertEquals(num(100), e.call("TTL", "k"));
            assertEquals(ZERO, e.call("EXPIRE", "k", "50", "GT"));
            assertEquals(ZERO, e.call("EXPIRE", "k", "100", "GT"), "equal is not greater");
            assertEquals(ONE, e.call("EXPIRE", "k", "500", "gt"));
            assertEquals(ZERO, e.call("EXPIRE", "k", "600", "LT"));
            assertEquals(ONE, e.call("EXPIRE", "k", "60", "lt"));
            assertEquals(ONE, e.call("EXPIRE", "k", "70", "XX"));
            assertEquals(ONE, e.call("EXPIRE", "k", "80", "XX", "GT"));
            assertEquals(num(80), e.call("TTL", "k"));
            assertEquals(ONE, e.call("PERSIST", "k"));
            assertEquals(ONE, e.call("EXPIRE", "k", "30", "LT"), "no deadline is infinite: LT passes");
            assertEquals(num(30), e.call("TTL", "k"));
        }
    }

    @Test
    void shouldRejectConflictingOrUnknownOptionsBeforeParsingTheTime() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            String nxConflict = err("ERR NX and XX, GT or LT options at the same time are not compatible");
            assertEquals(nxConflict, e.call("EXPIRE", "k", "10", "NX", "XX"));
            assertEquals(nxConflict, e.call("PEXPIRE", "k", "10", "NX", "GT"));
            assertEquals(nxConflict, e.call("EXPIREAT", "k", "10", "LT", "NX"));
            assertEquals(err("ERR GT and LT options at the same time are not compatible"),
                    e.call("PEXPIREAT", "k", "10", "GT", "LT"));
            assertEquals(err("ERR Unsupported option foo"), e.call("EXPIRE", "k", "abc", "foo"));
            assertEquals(err("ERR value is not an integer or out of range"), e.call("EXPIRE", "k", "abc"));
            assertEquals(err("ERR value is not an integer or out of range"), e.call("EXPIRE", "k", "1.5"));
            assertEquals(":-1\r\n", e.call("TTL", "k"));
        }
    }

    @Test
    void shouldRejectOverflowingTimesWithTheCommandName() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            assertEquals(err("ERR invalid expire time in 'expire' command"),
                    e.call("EXPIRE", "k", "9223372036854775807"));
            assertEquals(err("ERR invalid expire time in 'expire' command"),
                    e.call("EXPIRE", "k", "9223372036854770"), "in range in seconds, overflows once now is added");
            assertEquals(err("ERR invalid expire time in 'expire' command"),
                    e.call("EXPIRE", "k", "-9223372036854776"));
            assertEquals(err("ERR invalid expire time in 'pexpire' command"),
                    e.call("PEXPIRE", "k", "9223372036854775000"));
            assertEquals(err("ERR invalid expire time in 'expireat' command"),
                    e.call("EXPIREAT", "k", "9223372036854775807"));
            assertEquals(err("ERR invalid expire time in 'expire' command"),
                    e.call("EXPIRE", "missing", "9223372036854775807"), "checked before the key lookup");
            assertEquals(":-1\r\n", e.call("TTL", "k"));
            assertEquals(ONE, e.call("PEXPIREAT", "k", "9223372036854775807"));
            assertEquals(num(9223372036854775807L), e.call("PEXPIRETIME", "k"));
            assertEquals(num(9223372036854776L), e.call("EXPIRETIME", "k"), "rounded without overflow");
            assertEquals(num(9223372036854775807L - T0), e.call("PTTL", "k"));
            assertEquals(ONE, e.call("EXPIREAT", "k", "9223372036854775"));
            assertEquals(num(9223372036854775L), e.call("EXPIRETIME", "k"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldDeleteTheKeyWhenTheDeadlineIsNotInTheFuture(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String[][] cases = {
                {"EXPIRE", "0"}, {"EXPIRE", "-1"}, {"PEXPIRE", "0"}, {"PEXPIRE", "-9223372036854775808"},
                {"EXPIREAT", "1"}, {"PEXPIREAT", Long.toString(T0)}, {"EXPIRE", "-9223372036854775"},
            };
            for (String[] c : cases) {
                e.call("SET", "k", "v");
                assertEquals(ONE, e.call(c[0], "k", c[1]), c[0] + " " + c[1]);
                assertEquals(ZERO, e.call("EXISTS", "k"), c[0] + " " + c[1]);
            }
            e.call("SET", "k", "v");
            assertEquals(ZERO, e.call("PEXPIRE", "k", "0", "GT"), "flags are checked before deleting");
            assertEquals(ONE, e.call("EXISTS", "k"));
            assertEquals(ONE, e.call("PEXPIREAT", "k", Long.toString(T0 + 1)));
            assertEquals(ONE, e.call("EXISTS", "k"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldPersistOnlyKeysWithADeadline(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            e.call("SET", "k", "v", "EX", "10");
            assertEquals(ONE, e.call("PERSIST", "k"));
            assertEquals(ZERO, e.call("PERSIST", "k"));
            assertEquals(ZERO, e.call("PERSIST", "missing"));
            clock.advance(20_000);
            assertEquals(bulk("v"), e.call("GET", "k"));
            assertEquals(":-1\r\n", e.call("TTL", "k"));
        }
    }

    @Test
    void shouldKeepTheDeadlineWhenSetAgainWithExpireAndClearItOnSet() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            e.call("EXPIRE", "k", "10");
            assertEquals(OK, e.call("SET", "k", "w"));
            assertEquals(":-1\r\n", e.call("TTL", "k"));
        }
    }
}
