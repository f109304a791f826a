package io.ringstore.engine.family.connection;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CLIENT TRACKING (Redis 7.0 client-side caching) on the in-process engine, on one and two shards:
 * every option and error text, invalidation pushes (RESP3), REDIRECT to a RESP2 subscriber,
 * NOLOOP, OPTIN/OPTOUT with CLIENT CACHING, BCAST prefixes, flushes, expiry, MULTI and scripts,
 * RESET and close. Expected bytes were taken from redis-server 7.0.15 with the same commands.
 */
@Timeout(60)
class TrackingTest {
    private static EmbeddedEngine engine(int shards, ManualClock clock) {
        return new EmbeddedEngine(shards, clock);
    }

    private static EmbeddedEngine engine(int shards) {
        return engine(shards, new ManualClock(T0));
    }

    /** A RESP3 invalidation push of some keys. */
    private static String inval(String... keys) {
        StringBuilder sb = new StringBuilder(">2\r\n$10\r\ninvalidate\r\n*" + keys.length + "\r\n");
        for (String k : keys) {
            sb.append('$').append(k.length()).append("\r\n").append(k).append("\r\n");
        }
        return sb.toString();
    }

    private static final String FLUSHED3 = ">2\r\n$10\r\ninvalidate\r\n_\r\n";

    private static ClientSession resp3(EmbeddedEngine e) {
        ClientSession s = e.newSession();
        e.call(s, "HELLO", "3");
        return s;
    }

    private static String info(EmbeddedEngine e, String field) {
        for (String line : e.call("INFO").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldAnswerEveryOptionErrorAsRedis(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            assertEquals("-ERR PREFIX option requires BCAST mode to be enabled\r\n", e.call("CLIENT", "TRACKING", "on", "PREFIX", "a"));
            assertEquals("-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n", e.call("CLIENT", "TRACKING", "on", "BCAST", "OPTIN"));
            assertEquals("-ERR OPTIN and OPTOUT are not compatible with BCAST\r\n", e.call("CLIENT", "TRACKING", "on", "BCAST", "OPTOUT"));
            assertEquals("-ERR You can't specify both OPTIN mode and OPTOUT mode\r\n", e.call("CLIENT", "TRACKING", "on", "OPTIN", "OPTOUT"));
            assertEquals("-ERR The client ID you want redirect to does not exist\r\n", e.call("CLIENT", "TRACKING", "on", "REDIRECT", "9999"));
            assertEquals("-ERR The client ID you want redirect to does not exist\r\n", e.call("CLIENT", "TRACKING", "on", "REDIRECT", "0"));
            assertEquals("-ERR value is not an integer or out of range\r\n", e.call("CLIENT", "TRACKING", "on", "REDIRECT", "abc"));
            long other = e.newSession().id;
            assertEquals("-ERR A client can only redirect to a single other client\r\n",
                    e.call("CLIENT", "TRACKING", "on", "REDIRECT", "" + other, "REDIRECT", "" + other));
            assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "TRACKING", "on", "foo"));
            assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "TRACKING", "maybe"));
            assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "TRACKING", "on", "REDIRECT"));
            assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "TRACKING", "on", "PREFIX"));
            assertEquals("-ERR wrong number of arguments for 'client|tracking' command\r\n", e.call("CLIENT", "TRACKING"));
            assertEquals("-ERR Prefix 'a' overlaps with another provided prefix 'ab'. Prefixes for a single client must not overlap.\r\n",
                    e.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a", "PREFIX", "ab"));
            assertEquals("-ERR Prefix 'ab' overlaps with another provided prefix 'a'. Prefixes for a single client must not overlap.\r\n",
                    e.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "ab", "PREFIX", "a"));
            assertEquals("-ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled\r\n",
                    e.call("CLIENT", "CACHING", "yes"));
            assertEquals("-ERR wrong number of arguments for 'client|caching' command\r\n", e.call("CLIENT", "CACHING"));
            assertEquals(":-1\r\n", e.call("CLIENT", "GETREDIR"));
            assertEquals("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
                    e.call("CLIENT", "TRACKINGINFO"));
            assertEquals(OK, e.call("CLIENT", "TRACKING", "on"));
            assertEquals("-ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.\r\n", e.call("CLIENT", "CACHING", "yes"));
            assertEquals("-ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.\r\n", e.call("CLIENT", "CACHING", "no"));
            assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "CACHING", "maybe"));
            assertEquals("-ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it"
                    + " with a different mode.\r\n", e.call("CLIENT", "TRACKING", "on", "BCAST"));
            assertEquals(OK, e.call("CLIENT", "TRACKING", "on", "OPTIN"));
            assertEquals("-ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling"
                    + " it with a different mode.\r\n", e.call("CLIENT", "TRACKING", "on", "OPTOUT"));
            assertEquals(OK, e.call("CLIENT", "CACHING", "yes"));
            assertEquals("*6\r\n$5\r\nflags\r\n*3\r\n$2\r\non\r\n$5\r\noptin\r\n$11\r\ncaching-yes\r\n$8\r\nredirect\r\n:0\r\n"
                    + "$8\r\nprefixes\r\n*0\r\n", e.call("CLIENT", "TRACKINGINFO"), "CLIENT subcommands keep CACHING");
            assertEquals(":0\r\n", e.call("CLIENT", "GETREDIR"));
            assertEquals(OK, e.call("CLIENT", "TRACKING", "off"));
            assertEquals(OK, e.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a", "PREFIX", "b"));
            assertEquals("-ERR Prefix 'a' overlaps with an existing prefix 'a'. Prefixes for a single client must not overlap.\r\n",
                    e.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "a"));
            assertEquals("-ERR Prefix 'bc' overlaps with an existing prefix 'b'. Prefixes for a single client must not overlap.\r\n",
                    e.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "bc"));
            assertEquals(OK, e.call("CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "c", "NOLOOP"));
            assertEquals(OK, e.call("CLIENT", "TRACKING", "on", "BCAST"));
            assertEquals("*6\r\n$5\r\nflags\r\n*2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n"
                    + "*4\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", e.call("CLIENT", "TRACKINGINFO"),
                    "prefixes accumulate, sorted; BCAST alone adds the empty prefix");
            assertTrue(e.call("CLIENT", "INFO").contains(" flags=tB "), e.call("CLIENT", "INFO"));
            assertTrue(e.call("CLIENT", "INFO").contains(" redir=0 "));
            assertEquals("4", info(e, "tracking_total_prefixes"));
            assertEquals("1", info(e, "tracking_clients"));
            e.call("HELLO", "3");
            assertEquals("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$5\r\nbcast\r\n$8\r\nredirect\r\n:0\r\n$8\r\nprefixes\r\n"
                    + "*4\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", e.call("CLIENT", "TRACKINGINFO"));
            assertEquals(OK, e.call("CLIENT", "TRACKING", "off"));
            assertEquals("0", info(e, "tracking_total_prefixes"));
            assertEquals("0", info(e, "tracking_clients"));
            assertTrue(e.call("CLIENT", "INFO").contains(" flags=N "));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldInvalidateAKeyReadByATrackingClientOnce(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession a = resp3(e);
            String k0 = keyOnShard(e, "k", 0);
            String k1 = keyOnShard(e, "j", shards - 1);
            e.call("SET", k1, "v");
            assertEquals(OK, e.call(a, "CLIENT", "TRACKING", "on"));
            assertEquals("_\r\n", e.call(a, "GET", k0));
            e.call(a, "MGET", k0, k1);
            assertEquals("2", info(e, "tracking_total_keys"));
            assertEquals(OK, e.call("SET", k0, "1"));
            assertEquals(inval(k0), e.deferredReply(a, 2000));
            assertEquals(OK, e.call("SET", k0, "2"));
            assertNull(e.deferredReply(a, 100), "the key left the table with its invalidation");
            assertEquals(":1\r\n", e.call("DEL", k1));
            assertEquals(inval(k1), e.deferredReply(a, 2000));
            assertEquals("0", info(e, "tracking_total_keys"));
            e.call(a, "GET", k0);
            assertEquals(OK, e.call(a, "SET", k0, "3"), "the writer's own reply comes first");
            assertEquals(inval(k0), e.deferredReply(a, 2000));
            e.call(a, "GET", k0);
            assertEquals(OK, e.call(a, "CLIENT", "TRACKING", "on", "NOLOOP"));
            e.call(a, "SET", k0, "4");
            assertNull(e.deferredReply(a, 100), "NOLOOP: not for its own writes");
            assertEquals("0", info(e, "tracking_total_keys"), "but the key is forgotten all the same");
            e.call(a, "GET", k0);
            e.call("INCR", k0);
            assertEquals(inval(k0), e.deferredReply(a, 2000));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRememberOnlyWhatOptinAndOptoutAllow(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession a = resp3(e);
            e.call(a, "CLIENT", "TRACKING", "on", "OPTIN");
            e.call(a, "GET", "o1");
            assertEquals("0", info(e, "tracking_total_keys"));
            e.call(a, "CLIENT", "CACHING", "yes");
            e.call(a, "CLIENT", "ID");
            e.call(a, "GET", "o2");
            e.call(a, "GET", "o3");
            assertEquals("1", info(e, "tracking_total_keys"), "CACHING yes lasts one command (CLIENT subcommands aside)");
            e.call("SET", "o2", "x");
            assertEquals(inval("o2"), e.deferredReply(a, 2000));
            e.call(a, "CLIENT", "CACHING", "yes");
            e.call(a, "MULTI");
            e.call(a, "GET", "m1");
            e.call(a, "GET", "m2");
            e.call(a, "EXEC");
            e.call(a, "GET", "m3");
            assertEquals("2", info(e, "tracking_total_keys"), "in MULTI the flag lasts until EXEC");
            e.call("FLUSHALL");
            assertEquals(FLUSHED3, e.deferredReply(a, 2000));
            e.call(a, "CLIENT", "TRACKING", "off");
            e.call(a, "CLIENT", "TRACKING", "on", "OPTOUT");
            e.call(a, "GET", "p1");
            e.call(a, "CLIENT", "CACHING", "no");
            e.call(a, "GET", "p2");
            e.call(a, "GET", "p3");
            assertEquals("2", info(e, "tracking_total_keys"), "OPTOUT: all but the read after CACHING no");
            e.call("MSET", "p1", "1", "p2", "2", "p3", "3");
            assertEquals(inval("p1"), e.deferredReply(a, 2000));
            assertEquals(inval("p3"), e.deferredReply(a, 2000));
            assertNull(e.deferredReply(a, 100));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldBroadcastPrefixesSortedAndAfterTheWritersReply(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(shards, clock)) {
            ClientSession a = resp3(e);
            assertEquals(OK, e.call(a, "CLIENT", "TRACKING", "on", "BCAST", "PREFIX", "k", "PREFIX", "x"));
            assertEquals(OK, e.call(a, "SET", "k1", "1"));
            assertEquals(inval("k1"), e.deferredReply(a, 2000));
            e.call(a, "MULTI");
            e.call(a, "SET", "{t}k2", "3");
            e.call(a, "SET", "k1", "3");
            e.call(a, "SET", "x1", "2");
            e.call(a, "SET", "k1", "4");
            e.call(a, "DEL", "zz");
            assertEquals("*5\r\n+OK\r\n+OK\r\n+OK\r\n+OK\r\n:0\r\n", e.call(a, "EXEC"));
            if (shards == 1) { // one message per prefix, its keys sorted and each once
                assertEquals(inval("k1"), e.deferredReply(a, 2000));
                assertEquals(inval("x1"), e.deferredReply(a, 2000));
            } else { // each shard broadcasts the keys it owns
                StringBuilder all = new StringBuilder();
                for (String m = e.deferredReply(a, 1000); m != null; m = e.deferredReply(a, 200)) {
                    all.append(m);
                }
                assertEquals(inval("k1").length() + inval("x1").length(), all.length(), all.toString());
                assertTrue(all.indexOf(inval("k1")) >= 0 && all.indexOf(inval("x1")) >= 0, all.toString());
            }
            e.call("SET", "other", "1");
            assertEquals("0", info(e, "tracking_total_keys"));
            assertEquals("2", info(e, "tracking_total_prefixes"));
            e.call(a, "CLIENT", "TRACKING", "off");
            e.call(a, "CLIENT", "TRACKING", "on", "BCAST", "NOLOOP");
            e.call(a, "SET", "k1", "1");
            assertNull(e.deferredReply(a, 200), "NOLOOP: not the keys it wrote last");
            e.call("SET", "k1", "2");
            assertEquals(inval("k1"), e.deferredReply(a, 2000));
            e.call(a, "EVAL", "redis.call('set','k1','1') return 1", "0");
            assertEquals(inval("k1"), e.deferredReply(a, 2000), "7.0: a script's write is not the caller's for BCAST NOLOOP");
            e.call("SET", "k9", "1", "PX", "100");
            assertEquals(inval("k9"), e.deferredReply(a, 2000));
            clock.advance(200);
            assertEquals("_\r\n", e.call(a, "GET", "k9"));
            assertEquals(inval("k9"), e.deferredReply(a, 2000), "an expiry has no writer: NOLOOP does not skip it");
            e.call("FLUSHALL");
            assertEquals(FLUSHED3, e.deferredReply(a, 2000));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldRedirectToASubscribedResp2ClientAndReportABrokenRedirect(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession r = e.newSession();
            assertEquals("*3\r\n$9\r\nsubscribe\r\n$20\r\n__redis__:invalidate\r\n:1\r\n", e.call(r, "SUBSCRIBE", "__redis__:invalidate"));
            ClientSession c = resp3(e);
            ClientSession d = e.newSession();
            assertEquals(OK, e.call(c, "CLIENT", "TRACKING", "on", "REDIRECT", "" + r.id));
            assertEquals(OK, e.call(d, "CLIENT", "TRACKING", "on", "REDIRECT", "" + r.id));
            assertEquals(":" + r.id + "\r\n", e.call(d, "CLIENT", "GETREDIR"));
            assertTrue(e.call(d, "CLIENT", "INFO").contains(" flags=t db=0 "));
            assertTrue(e.call(d, "CLIENT", "INFO").contains(" redir=" + r.id + " "));
            e.call(c, "GET", "k");
            e.call("SET", "k", "1");
            assertEquals("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$1\r\nk\r\n", e.deferredReply(r, 2000));
            assertNull(e.deferredReply(c, 100));
            e.call("FLUSHALL");
            assertEquals("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n_\r\n", e.deferredReply(r, 2000),
                    "the null of the tracking client's protocol, as Redis writes it");
            assertEquals("*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n$-1\r\n", e.deferredReply(r, 2000));
            ClientSession r3 = resp3(e);
            e.call(c, "CLIENT", "TRACKING", "on", "REDIRECT", "" + r3.id);
            e.call(d, "CLIENT", "TRACKING", "on", "REDIRECT", "" + r3.id);
            e.call(c, "GET", "q");
            e.call(d, "GET", "q");
            e.disconnect(r3);
            e.call("SET", "q", "1");
            assertEquals(">2\r\n$21\r\ntracking-redir-broken\r\n:" + r3.id + "\r\n", e.deferredReply(c, 2000));
            assertNull(e.deferredReply(d, 100), "a RESP2 client is not told");
            assertEquals("%3\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n$15\r\nbroken_redirect\r\n$8\r\nredirect\r\n:" + r3.id + "\r\n"
                    + "$8\r\nprefixes\r\n*0\r\n", e.call(c, "CLIENT", "TRACKINGINFO"));
            assertTrue(e.call(c, "CLIENT", "INFO").contains(" flags=tR "));
            assertEquals("+RESET\r\n", e.call(c, "RESET"));
            assertEquals("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
                    e.call(c, "CLIENT", "TRACKINGINFO"));
            assertEquals("1", info(e, "tracking_clients"));
            e.disconnect(d);
            assertEquals("0", info(e, "tracking_clients"), "a close turns tracking off");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldInvalidateOnFlushAndExpiry(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = engine(shards, clock)) {
            ClientSession a = resp3(e);
            e.call(a, "CLIENT", "TRACKING", "on");
            e.call("FLUSHDB");
            assertEquals(FLUSHED3, e.deferredReply(a, 2000), "every flush tells every tracking client, tracked keys or not");
            assertEquals(OK, e.call(a, "FLUSHALL"));
            assertEquals(FLUSHED3, e.deferredReply(a, 2000));
            e.call("SET", "e", "1", "PX", "100");
            e.call(a, "GET", "e");
            clock.advance(200);
            assertEquals("_\r\n", e.call(a, "GET", "e"));
            assertEquals(inval("e"), e.deferredReply(a, 2000), "lazy expiry by the reader itself: after its reply");
            assertEquals("1", info(e, "tracking_total_keys"), "and remembered again by that read");
            e.call("SET", "f", "1", "PX", "100");
            e.call(a, "GET", "f");
            deferredClear(e, a);
            clock.advance(200);
            e.tick();
            assertEquals(inval("f"), e.deferredReply(a, 2000), "active expiry");
            e.call(a, "CLIENT", "TRACKING", "on", "NOLOOP");
            e.call("SET", "g", "1", "PX", "100");
            e.call(a, "GET", "g");
            clock.advance(200);
            e.call(a, "GET", "g");
            assertNull(e.deferredReply(a, 100), "NOLOOP: not for an expiry its own read caused");
        }
    }

    private static void deferredClear(EmbeddedEngine e, ClientSession s) {
        while (e.deferredReply(s, 50) != null) {
            // drain
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldTrackReadsInsideTransactionsAndScriptsAsRedis70(int shards) {
        try (EmbeddedEngine e = engine(shards)) {
            ClientSession a = resp3(e);
            e.call(a, "CLIENT", "TRACKING", "on");
            e.call(a, "MULTI");
            e.call(a, "SET", "{m}k", "3");
            e.call(a, "SET", "{m}j", "3");
            e.call(a, "GET", "{m}k");
            e.call(a, "GET", "{m}j");
            e.call(a, "EXEC");
            e.call(a, "MULTI");
            e.call(a, "SET", "{m}k", "4");
            e.call(a, "SET", "{m}j", "4");
            assertEquals("*2\r\n+OK\r\n+OK\r\n", e.call(a, "EXEC"));
            assertEquals(inval("{m}k"), e.deferredReply(a, 2000), "after EXEC's reply, in write order");
            assertEquals(inval("{m}j"), e.deferredReply(a, 2000));
            e.call(a, "EVAL", "return redis.call('get','x')", "0");
            assertEquals("0", info(e, "tracking_total_keys"), "7.0 remembers the script's declared keys, here none");
            e.call(a, "EVAL", "return redis.call('get','x')", "1", "y");
            e.call(a, "EVAL_RO", "return 1", "1", "z");
            assertEquals("1", info(e, "tracking_total_keys"), "y, after a read inside; not z: no read ran");
            e.call("SET", "y", "1");
            assertEquals(inval("y"), e.deferredReply(a, 2000));
            e.call(a, "CLIENT", "TRACKING", "off");
            e.call(a, "MULTI");
            e.call(a, "CLIENT", "TRACKING", "on", "BCAST");
            e.call(a, "DISCARD");
            assertEquals("%3\r\n$5\r\nflags\r\n~1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n",
                    e.call(a, "CLIENT", "TRACKINGINFO"), "DISCARD: the queued CLIENT TRACKING never ran");
            e.call(a, "MULTI");
            e.call(a, "CLIENT", "TRACKING", "on", "BCAST", "PREFIX");
            e.call(a, "CLIENT", "TRACKING", "on", "PREFIX", "a");
            assertEquals("*2\r\n-ERR syntax error\r\n-ERR PREFIX option requires BCAST mode to be enabled\r\n", e.call(a, "EXEC"));
            e.call(a, "MULTI");
            e.call(a, "CLIENT", "TRACKING", "on");
            e.call(a, "GET", "w");
            assertEquals("*2\r\n+OK\r\n_\r\n", e.call(a, "EXEC"));
            e.call("SET", "w", "1");
            assertEquals(inval("w"), e.deferredReply(a, 2000), "tracking switched on inside EXEC covers the reads after it");
        }
    }

    @org.junit.jupiter.api.Test
    void shouldForgetKeysPastTrackingTableMaxKeys() {
        try (EmbeddedEngine e = engine(1)) {
            ClientSession a = resp3(e);
            assertEquals(OK, e.call("CONFIG", "SET", "tracking-table-max-keys", "2"));
            e.call(a, "CLIENT", "TRACKING", "on");
            e.call(a, "GET", "k1");
            e.call(a, "GET", "k2");
            assertNull(e.deferredReply(a, 100));
            e.call(a, "GET", "k3");
            String told = e.deferredReply(a, 2000);
            assertTrue(inval("k1").equals(told) || inval("k2").equals(told), told);
            assertEquals("2", info(e, "tracking_total_keys"));
            assertEquals("2", info(e, "tracking_total_items"));
            assertEquals(OK, e.call("CONFIG", "SET", "tracking-table-max-keys", "0"));
            e.call(a, "GET", "k4");
            assertEquals("3", info(e, "tracking_total_keys"), "0: no limit");
        }
    }
}
