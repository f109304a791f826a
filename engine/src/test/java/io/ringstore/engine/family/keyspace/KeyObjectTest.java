package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** OBJECT ENCODING / FREQ / IDLETIME / REFCOUNT / HELP, on one and two shards. */
@Timeout(30)
class KeyObjectTest {

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldReportStringEncodings(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String k = keyOnShard(e, "k", 1);
            e.call("SET", k, "123");
            assertEquals(bulk("int"), e.call("OBJECT", "ENCODING", k));
            e.call("SET", k, "a".repeat(44));
            assertEquals(bulk("embstr"), e.call("object", "encoding", k));
            e.call("SET", k, "a".repeat(45));
            assertEquals(bulk("raw"), e.call("OBJECT", "ENCODING", k));
            assertEquals("$-1\r\n", e.call("OBJECT", "ENCODING", "missing"));
        }
    }

    @Test
    void shouldReplyNullForMissingKeysInEverySubcommandAndResp3() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            for (String sub : new String[] {"ENCODING", "FREQ", "IDLETIME", "REFCOUNT"}) {
                assertEquals("$-1\r\n", e.call("OBJECT", sub, "missing"), sub);
            }
            e.call("HELLO", "3");
            assertEquals("_\r\n", e.call("OBJECT", "ENCODING", "missing"));
        }
    }

    @Test
    void shouldReportSharedIntegersWithRedisRefcount() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "small", "123");
            e.call("SET", "zero", "0");
            e.call("SET", "edge", "9999");
            e.call("SET", "big", "10000");
            e.call("SET", "neg", "-1");
            e.call("SET", "str", "abc");
            assertEquals(num(2147483647), e.call("OBJECT", "REFCOUNT", "small"));
            assertEquals(num(2147483647), e.call("OBJECT", "REFCOUNT", "zero"));
            assertEquals(num(2147483647), e.call("OBJECT", "REFCOUNT", "edge"));
            assertEquals(num(1), e.call("OBJECT", "REFCOUNT", "big"));
            assertEquals(num(1), e.call("OBJECT", "REFCOUNT", "neg"));
            assertEquals(num(1), e.call("OBJECT", "REFCOUNT", "str"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldReportIdleTimeFromTheLastAccess(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            e.call("SET", "k", "v");
            assertEquals(num(0), e.call("OBJECT", "IDLETIME", "k"));
            clock.advance(7_000);
            assertEquals(num(7), e.call("OBJECT", "IDLETIME", "k"));
            assertEquals(num(7), e.call("OBJECT", "IDLETIME", "k"), "OBJECT itself does not touch");
            e.call("GET", "k");
            clock.advance(2_000);
            assertEquals(num(2), e.call("OBJECT", "IDLETIME", "k"));
        }
    }

    @Test
    void shouldRefuseFreqUnlessAnLfuPolicyIsSelected() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            assertEquals("-ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note "
                    + "that when switching between policies at runtime LRU and LFU data will take some time to "
                    + "adjust.\r\n", e.call("OBJECT", "FREQ", "k"));
        }
    }

    @Test
    void shouldPrintHelpAndRejectUnknownSubcommandsAndArity() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            String help = e.call("OBJECT", "HELP");
            assertEquals("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"
                    + "+ENCODING <key>\r\n"
                    + "+    Return the kind of internal representation used in order to store the value\r\n"
                    + "+    associated with a <key>.\r\n"
                    + "+FREQ <key>\r\n"
                    + "+    Return the access frequency index of the <key>. The returned integer is\r\n"
                    + "+    proportional to the logarithm of the recent access frequency of the key.\r\n"
                    + "+IDLETIME <key>\r\n"
                    + "+    Return the idle time of the <key>, that is the approximated number of\r\n"
                    + "+    seconds elapsed since the last access to the key.\r\n"
                    + "+REFCOUNT <key>\r\n"
                    + "+    Return the number of references of the value associated with the specified\r\n"
                    + "+    <key>.\r\n"
                    + "+HELP\r\n"
                    + "+    Prints this help.\r\n", help);
            assertEquals("-ERR unknown subcommand 'foo'. Try OBJECT HELP.\r\n", e.call("OBJECT", "foo"));
            assertEquals("-ERR wrong number of arguments for 'object|encoding' command\r\n",
                    e.call("OBJECT", "ENCODING"));
            assertEquals("-ERR wrong number of arguments for 'object|help' command\r\n", e.call("OBJECT", "HELP", "x"));
            assertEquals("-ERR wrong number of arguments for 'object' command\r\n", e.call("OBJECT"));
        }
    }
}
