package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.ringstore.transport.diff.Normalizer.SORTED;

/**
 * The pub/sub scenarios compared with redis-server 7.0.15 ({@link PubSubDifferentialTest}). Each
 * names its connections: {@code pub} a plain RESP2 client, {@code s2} / {@code s2b} RESP2
 * subscribers, {@code s3} a RESP3 subscriber. Steps marked SORTED have frames in Redis's dict
 * order: PUBSUB (SHARD)CHANNELS, and the confirmations of an UNSUBSCRIBE of everything (names
 * sorted, counts kept in place). Several matching patterns deliver in dict order too; FramePair
 * always sorts such a run of pmessages.
 */
final class PubSubScenarios {
    private PubSubScenarios() {
    }

    /** Every channel and pattern shape the glob scenario uses. */
    private static final String[] GLOB_PATTERNS = {
        "h?llo", "h*llo", "h[ae]llo", "h[^e]llo", "h[!e]llo", "h[a-c]llo", "h[c-a]llo", "h[z-a]llo", "h\\*llo",
        "h\\?llo", "h[", "h[a", "h[\\]]llo", "h[]", "x\\", "h**o", "*o", "[hH]*", "h[a-]llo", "h[-a]llo", "h[^]llo",
    };
    private static final String[] GLOB_CHANNELS = {
        "hello", "hallo", "hbllo", "hxllo", "h!llo", "h*llo", "h?llo", "h[", "h[a", "h]llo", "h-llo", "hllo",
        "heeello", "x\\", "x", "Hello", "h^llo", "h[]", "ho", "",
    };

    static List<PubSubScript> all() {
        List<PubSubScript> s = new ArrayList<>();
        s.add(new PubSubScript("subscribe and unsubscribe confirmations and counts")
                .conn("s2", 2).conn("s3", 3)
                .step("s2", "SUBSCRIBE", "a", "b", "a").step("s2", "PSUBSCRIBE", "p*", "p*", "q?")
                .step("s2", "subscribe", "", "bin\u0000\u00ff").step("s2", "UNSUBSCRIBE", "a", "nosuch", "a")
                .step("s2", "PUNSUBSCRIBE", "p*", "zz").step("s2", SORTED, "UNSUBSCRIBE")
                .step("s2", "PUNSUBSCRIBE").step("s2", "PUNSUBSCRIBE").step("s2", "UNSUBSCRIBE")
                .step("s3", "SUBSCRIBE", "a", "b", "a").step("s3", "PSUBSCRIBE", "p*", "p*", "q?")
                .step("s3", "UNSUBSCRIBE", "a", "nosuch").step("s3", "PUNSUBSCRIBE", "p*", "zz")
                .step("s3", SORTED, "UNSUBSCRIBE").step("s3", "PUNSUBSCRIBE").step("s3", "UNSUBSCRIBE")
                .step("s3", "PUNSUBSCRIBE", "never"));
        s.add(new PubSubScript("unsubscribe with no subscriptions leaves the connection usable")
                .conn("s2", 2).conn("s3", 3)
                .step("s2", "UNSUBSCRIBE").step("s2", "PUNSUBSCRIBE").step("s2", "UNSUBSCRIBE", "x", "y")
                .step("s2", "PUNSUBSCRIBE", "x*").step("s2", "GET", "k").step("s2", "PING")
                .step("s3", "UNSUBSCRIBE").step("s3", "PUNSUBSCRIBE", "x*").step("s3", "GET", "k"));
        s.add(new PubSubScript("publish counts channel and pattern receivers")
                .conn("pub", 2).conn("s2", 2).conn("s2b", 2).conn("s3", 3)
                .step("pub", "PUBLISH", "news.fx", "nobody")
                .step("s2", "SUBSCRIBE", "news.fx").step("s2", "PSUBSCRIBE", "news.*", "n*")
                .step("pub", "PUBLISH", "news.fx", "three").step("pub", "PUBLISH", "news.rates", "two")
                .step("pub", "PUBLISH", "nope", "one").step("pub", "PUBLISH", "other", "zero")
                .step("s2b", "PSUBSCRIBE", "*").step("s3", "SUBSCRIBE", "news.fx", "other")
                .step("pub", "PUBLISH", "news.fx", "five").step("pub", "PUBLISH", "other", "two")
                .step("pub", "PUBLISH", "", "empty channel").step("pub", "PUBLISH", "news.fx", "")
                .step("pub", "PUBLISH", "news.fx", "bin\u0000\r\n\u00ff"));
        s.add(new PubSubScript("message order across channels, patterns and subscribers")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .step("s2", "SUBSCRIBE", "a", "b", "c").step("s2", "PSUBSCRIBE", "[ab]")
                .step("s3", "PSUBSCRIBE", "*").step("s3", "SUBSCRIBE", "c")
                .only("pub", "PUBLISH", "a", "1").only("pub", "PUBLISH", "c", "2").only("pub", "PUBLISH", "b", "3")
                .only("pub", "PUBLISH", "a", "4").only("pub", "PUBLISH", "zz", "5").only("pub", "PUBLISH", "c", "6")
                .batch("pub", new String[] {"PUBLISH", "b", "7"}, new String[] {"PUBLISH", "a", "8"},
                        new String[] {"PUBLISH", "c", "9"}, new String[] {"PUBLISH", "b", "10"})
                .step("s2", "UNSUBSCRIBE", "a").only("pub", "PUBLISH", "a", "11").step("pub", "PUBLISH", "b", "12"));
        s.add(new PubSubScript("publish inside MULTI/EXEC")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .step("s2", "SUBSCRIBE", "a", "b").step("s3", "PSUBSCRIBE", "?")
                .step("pub", "MULTI").step("pub", "PUBLISH", "a", "tx1").step("pub", "PUBLISH", "b", "tx2")
                .step("pub", "SET", "k", "v").step("pub", "PUBLISH", "a", "tx3").step("pub", "EXEC")
                .step("pub", "MULTI").step("pub", "PUBLISH", "a", "discarded").step("pub", "DISCARD")
                .step("pub", "MULTI").step("pub", "PUBLISH", "a").step("pub", "PUBLISH", "a", "aborted").step("pub", "EXEC")
                .step("pub", "WATCH", "w").step("s2", "PING").step("pub", "SET", "w", "1").step("pub", "MULTI")
                .step("pub", "PUBLISH", "a", "watched").step("pub", "EXEC"));
        s.add(new PubSubScript("publish from EVAL scripts")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .step("s2", "SUBSCRIBE", "a", "b").step("s3", "PSUBSCRIBE", "*")
                .step("pub", "EVAL", "redis.call('publish', 'a', 'l1') redis.call('publish', 'b', 'l2')"
                        + " return redis.call('publish', 'zz', 'l3')", "0")
                .step("pub", "EVAL", "redis.call('publish', KEYS[1], ARGV[1]) redis.call('set', KEYS[1], ARGV[1])"
                        + " return redis.pcall('publish', 'a')", "1", "b", "l4")
                .step("pub", "EVAL", "redis.call('publish', 'a', 'before error') return redis.call('incr', 'a', 'b')", "0")
                .step("pub", "EVAL", "return redis.call('subscribe', 'x')", "0")
                .step("pub", "MULTI").step("pub", "EVAL", "return redis.call('publish', 'a', 'l5')", "0")
                .step("pub", "PUBLISH", "b", "l6").step("pub", "EXEC"));
        s.add(new PubSubScript("publish from a read-only script is refused")
                .conn("pub", 2).conn("s2", 2).knownDivergence("publish (from a read-only script)")
                .step("s2", "SUBSCRIBE", "a").step("pub", "EVAL_RO", "return redis.call('publish', 'a', 'ro')", "0")
                .step("pub", "EVAL", "#!lua flags=no-writes\nreturn redis.call('publish', 'a', 'ro')", "0"));
        s.add(glob());
        s.add(new PubSubScript("RESP2 subscribed mode refuses all but the subscribe family, PING, QUIT, RESET")
                .conn("pub", 2).conn("s2", 2).conn("s2b", 2)
                .step("s2", "SUBSCRIBE", "a").step("s2", "GET", "k").step("s2", "get", "k").step("s2", "GET")
                .step("s2", "SET", "k", "v").step("s2", "NOSUCH", "x").step("s2", "CLIENT", "LIST")
                .step("s2", "CLIENT", "NOSUCH").step("s2", "PUBSUB", "NUMPAT").step("s2", "PUBLISH", "a", "x")
                .step("s2", "MULTI").step("s2", "WATCH", "k").step("s2", "HELLO", "3").step("s2", "ECHO", "x")
                .step("s2", "SELECT", "1").step("s2", "SUBSCRIBE").step("s2", "PSUBSCRIBE", "b*")
                .step("s2", "UNSUBSCRIBE", "a").step("s2", "GET", "k")
                .step("s2", "PUNSUBSCRIBE").step("s2", "GET", "k")
                .step("s2b", "PSUBSCRIBE", "x*").step("s2b", "EVAL", "return 1", "0")
                .batch("s2b", new String[] {"GET", "k"}, new String[] {"PING"}, new String[] {"PUNSUBSCRIBE", "x*"},
                        new String[] {"GET", "k"})
                .step("s2b", "SUBSCRIBE", "q").step("pub", "PUBLISH", "q", "before quit").step("s2b", "QUIT"));
        s.add(new PubSubScript("EXEC refused in RESP2 subscribed mode aborts the transaction")
                .conn("pub", 2).conn("s2", 2).knownDivergence("exec (refused in resp2 subscribed mode)")
                .step("s2", "WATCH", "w").step("s2", "SUBSCRIBE", "a").step("s2", "EXEC").step("s2", "exec", "x")
                .step("s2", "UNSUBSCRIBE").step("pub", "SET", "w", "1").step("s2", "MULTI").step("s2", "EXEC"));
        s.add(new PubSubScript("PING in subscribed mode, RESP2 and RESP3")
                .conn("s2", 2).conn("s3", 3)
                .step("s2", "PING").step("s2", "PING", "hi").step("s2", "SUBSCRIBE", "a").step("s2", "PING")
                .step("s2", "PING", "hi").step("s2", "PING", "").step("s2", "PING", "a", "b").step("s2", "ping", "x")
                .step("s2", "PSUBSCRIBE", "p").step("s2", "UNSUBSCRIBE").step("s2", "PING")
                .step("s2", "PUNSUBSCRIBE").step("s2", "PING")
                .step("s3", "SUBSCRIBE", "a").step("s3", "PING").step("s3", "PING", "hi").step("s3", "PING", "a", "b"));
        s.add(new PubSubScript("RESET leaves subscribed mode and drops every subscription")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .step("s2", "SUBSCRIBE", "a", "b").step("s2", "PSUBSCRIBE", "a*").step("s3", "SUBSCRIBE", "a")
                .step("pub", "PUBLISH", "a", "1").step("pub", "PUBSUB", "NUMSUB", "a", "b").step("pub", "PUBSUB", "NUMPAT")
                .step("s2", "RESET").step("s2", "GET", "k").step("s2", "PING")
                .step("pub", "PUBLISH", "a", "2").step("pub", "PUBSUB", "NUMSUB", "a", "b").step("pub", "PUBSUB", "NUMPAT")
                .step("s2", "UNSUBSCRIBE").step("s3", "RESET").step("s3", "PING")
                .step("pub", "PUBLISH", "a", "3").step("pub", SORTED, "PUBSUB", "CHANNELS"));
        s.add(new PubSubScript("PUBSUB CHANNELS, NUMSUB, NUMPAT and wrong arity")
                .conn("pub", 2).conn("s2", 2).conn("s2b", 2).conn("s3", 3)
                .step("pub", "PUBSUB", "CHANNELS").step("pub", "PUBSUB", "NUMPAT").step("pub", "PUBSUB", "NUMSUB")
                .step("s2", "SUBSCRIBE", "news.fx", "news.rates", "chat", "h[a]llo").step("s2b", "SUBSCRIBE", "chat")
                .step("s2b", "PSUBSCRIBE", "news.*", "*").step("s3", "PSUBSCRIBE", "news.*")
                .step("pub", SORTED, "PUBSUB", "CHANNELS").step("pub", SORTED, "PUBSUB", "CHANNELS", "news.*")
                .step("pub", SORTED, "pubsub", "channels", "*a*").step("pub", "PUBSUB", "CHANNELS", "h[a]llo")
                .step("pub", "PUBSUB", "CHANNELS", "h\\[a]llo").step("pub", "PUBSUB", "CHANNELS", "nomatch*")
                .step("pub", "PUBSUB", "NUMSUB", "chat", "news.fx", "nosuch", "chat")
                .step("pub", "PUBSUB", "NUMPAT").step("pub", "PUBSUB", "CHANNELS", "a", "b")
                .step("pub", "PUBSUB", "NUMPAT", "x").step("pub", "PUBSUB").step("pub", "PUBSUB", "NOSUCH")
                .step("pub", "PUBSUB", "HELP", "x").step("pub", "PUBLISH", "a").step("pub", "PUBLISH", "a", "b", "c")
                .step("pub", "SUBSCRIBE").step("pub", "PSUBSCRIBE")
                .step("s3", "PUBSUB", "NUMSUB", "chat").step("s3", SORTED, "PUBSUB", "CHANNELS")
                .step("s3", "PUBSUB", "NUMPAT"));
        s.add(new PubSubScript("PUBSUB HELP")
                .conn("pub", 2).conn("s3", 3).knownDivergence("pubsub|help")
                .step("pub", "PUBSUB", "HELP").step("s3", "PUBSUB", "help"));
        s.add(new PubSubScript("RESP3 subscriber runs ordinary commands while messages arrive")
                .conn("pub", 2).conn("s3", 3)
                .step("s3", "SUBSCRIBE", "a").step("s3", "PSUBSCRIBE", "b*")
                .only("pub", "PUBLISH", "a", "1").only("pub", "SET", "k", "v").only("pub", "PUBLISH", "bb", "2")
                .step("s3", "GET", "k")
                .only("pub", "PUBLISH", "a", "3")
                .batch("s3", new String[] {"GET", "k"}, new String[] {"INCR", "n"}, new String[] {"HGETALL", "nohash"},
                        new String[] {"SUBSCRIBE", "c"}, new String[] {"GET", "nokey"})
                .only("pub", "PUBLISH", "c", "4").step("s3", "MULTI").only("pub", "PUBLISH", "a", "5")
                .step("s3", "INCR", "n").only("pub", "PUBLISH", "bx", "6").step("s3", "EXEC")
                .only("pub", "PUBLISH", "a", "7").step("s3", "EVAL", "return redis.call('incr', 'n')", "0"));
        s.add(new PubSubScript("RESP3 client publishing to its own channel")
                .conn("pub", 2).conn("s3", 3)
                .step("s3", "SUBSCRIBE", "me").step("s3", "PSUBSCRIBE", "m*").step("s3", "PUBLISH", "me", "self")
                .batch("s3", new String[] {"PUBLISH", "me", "1"}, new String[] {"SET", "k", "v"},
                        new String[] {"PUBLISH", "mine", "2"}, new String[] {"GET", "k"})
                .step("pub", "PUBLISH", "me", "other"));
        s.add(new PubSubScript("RESP3 client publishing to its own channel inside MULTI/EXEC")
                .conn("s3", 3)
                .step("s3", "SUBSCRIBE", "me").step("s3", "MULTI").step("s3", "PUBLISH", "me", "in exec")
                .step("s3", "GET", "k").step("s3", "EXEC"));
        s.add(new PubSubScript("RESP3 client publishing to its own channel from a script")
                .conn("s3", 3).knownDivergence("publish (to itself from a script, resp3)")
                .step("s3", "SUBSCRIBE", "me")
                .step("s3", "EVAL", "redis.call('publish', 'me', 'lua') return redis.call('publish', 'me', 'lua2')", "0"));
        s.add(new PubSubScript("CLIENT INFO and CLIENT LIST show subscriptions")
                .conn("s2", 2).conn("s3", 3).knownDivergence("client|list" + CommandGenerator.WITH_SUBSCRIBERS)
                .step("s3", Normalizer.CLIENT_INFO, "CLIENT", "INFO").step("s3", "SUBSCRIBE", "a", "b")
                .step("s3", "PSUBSCRIBE", "p*").step("s3", Normalizer.CLIENT_INFO, "CLIENT", "INFO")
                .step("s3", Normalizer.CLIENT_INFO, "CLIENT", "LIST", "TYPE", "pubsub")
                .step("s2", "SUBSCRIBE", "a").step("s3", SORTED, "UNSUBSCRIBE")
                .step("s3", Normalizer.CLIENT_INFO, "CLIENT", "INFO"));
        s.add(new PubSubScript("SUBSCRIBE queued in MULTI")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .step("s2", "MULTI").step("s2", "SUBSCRIBE", "a", "b").step("s2", "PSUBSCRIBE", "c*")
                .step("s2", "EXEC").step("s2", "GET", "k").step("pub", "PUBLISH", "a", "1")
                .step("s3", "MULTI").step("s3", "SUBSCRIBE", "c").step("s3", "GET", "k").step("s3", "EXEC")
                .step("pub", "PUBLISH", "c", "2"));
        shard(s);
        notifications(s);
        return Collections.unmodifiableList(s);
    }

    /** Redis's glob (stringmatchlen) through PSUBSCRIBE and PUBSUB CHANNELS. */
    private static PubSubScript glob() {
        PubSubScript s = new PubSubScript("glob edge cases in patterns and PUBSUB CHANNELS")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3);
        s.step("s2", prepend("PSUBSCRIBE", GLOB_PATTERNS));
        s.step("s3", prepend("SUBSCRIBE", GLOB_CHANNELS));
        for (String ch : GLOB_CHANNELS) {
            s.step("pub", "PUBLISH", ch, "m");
        }
        for (String p : GLOB_PATTERNS) {
            s.step("pub", SORTED, "PUBSUB", "CHANNELS", p);
        }
        return s;
    }

    /** SSUBSCRIBE & co.: run once Ringstore knows them (skipped by assumption until then). */
    private static void shard(List<PubSubScript> s) {
        s.add(new PubSubScript("shard channels: SSUBSCRIBE, SPUBLISH, SUNSUBSCRIBE")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .requires("SSUBSCRIBE").requires("SPUBLISH").requires("SUNSUBSCRIBE")
                .step("pub", "SPUBLISH", "sa", "nobody").step("s2", "SSUBSCRIBE", "sa", "sb", "sa")
                .step("s2", "SUBSCRIBE", "sa").step("s3", "SSUBSCRIBE", "sa")
                .step("pub", "SPUBLISH", "sa", "1").step("pub", "PUBLISH", "sa", "2").step("pub", "SPUBLISH", "sb", "3")
                .step("s2", "GET", "k").step("s2", "PING").step("s2", "SUNSUBSCRIBE", "sa", "nosuch")
                .step("s2", SORTED, "SUNSUBSCRIBE").step("s2", "SUNSUBSCRIBE").step("s2", "UNSUBSCRIBE")
                .step("s2", "GET", "k").step("s3", "SSUBSCRIBE", "sb").step("s3", "PING")
                .step("pub", "SPUBLISH", "sb", "4").step("s3", "SUNSUBSCRIBE", "sb")
                .step("pub", "SPUBLISH").step("pub", "SSUBSCRIBE").step("pub", "SPUBLISH", "a", "b", "c")
                .step("pub", "EVAL", "return redis.call('spublish', 'sa', 'lua')", "0")
                .step("pub", "MULTI").step("pub", "SPUBLISH", "sa", "tx").step("pub", "EXEC")
                .step("s2", "MULTI").step("s2", "SSUBSCRIBE", "x").step("s2", "EXEC")
                .step("s3", "SUNSUBSCRIBE").step("s3", "RESET"));
        s.add(new PubSubScript("shard channels: PUBSUB SHARDCHANNELS and SHARDNUMSUB")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .requires("SSUBSCRIBE").requires("PUBSUB", "SHARDCHANNELS").requires("PUBSUB", "SHARDNUMSUB")
                .step("pub", "PUBSUB", "SHARDCHANNELS").step("pub", "PUBSUB", "SHARDNUMSUB")
                .step("s2", "SSUBSCRIBE", "news.fx", "chat").step("s3", "SSUBSCRIBE", "chat", "other")
                .step("s2", "SUBSCRIBE", "plain")
                .step("pub", SORTED, "PUBSUB", "SHARDCHANNELS").step("pub", SORTED, "PUBSUB", "SHARDCHANNELS", "*a*")
                .step("pub", "PUBSUB", "SHARDCHANNELS", "n?ws.*").step("pub", "PUBSUB", "SHARDNUMSUB", "chat", "plain", "x")
                .step("pub", "PUBSUB", "NUMSUB", "chat", "plain").step("pub", SORTED, "PUBSUB", "CHANNELS")
                .step("pub", "PUBSUB", "SHARDCHANNELS", "a", "b").step("s2", "RESET")
                .step("pub", SORTED, "PUBSUB", "SHARDCHANNELS"));
    }

    /**
     * Keyspace notifications (being built): run once Ringstore accepts notify-keyspace-events. One
     * write of each kind, keys of both shards, databases, MULTI/EXEC and scripts, flag subsets.
     */
    private static void notifications(List<PubSubScript> s) {
        s.add(new PubSubScript("keyspace notifications for writes of every type").notifications("KEA")
                .conn("pub", 2).conn("s2", 2).conn("s3", 3)
                .step("s2", "PSUBSCRIBE", "__key*__:*")
                .step("s3", "SUBSCRIBE", "__keyevent@0__:set", "__keyevent@0__:del", "__keyspace@0__:{t}1")
                .step("s3", "PSUBSCRIBE", "__keyspace@*__:l*")
                .step("pub", "SET", "{t}1", "v").step("pub", "SET", "{t}1", "v2", "EX", "100000")
                .step("pub", "SETNX", "{t}1", "no").step("pub", "INCR", "n").step("pub", "INCRBYFLOAT", "n", "1.5")
                .step("pub", "APPEND", "{t}1", "x").step("pub", "SETRANGE", "{t}1", "0", "y").step("pub", "GETDEL", "n")
                .step("pub", "GETEX", "{t}1", "PERSIST").step("pub", "MSET", "a", "1", "b", "2", "{t}2", "3")
                .step("pub", "DEL", "a", "nosuch", "b")
                .step("pub", "RPUSH", "l", "a", "b", "c").step("pub", "LPOP", "l").step("pub", "LSET", "l", "0", "x")
                .step("pub", "LTRIM", "l", "0", "0").step("pub", "LMOVE", "l", "l2", "LEFT", "RIGHT")
                .step("pub", "HSET", "h", "f", "v", "g", "w").step("pub", "HINCRBY", "h", "n", "1").step("pub", "HDEL", "h", "f", "g", "n")
                .step("pub", "SADD", "s", "a", "b").step("pub", "SREM", "s", "a").step("pub", "SINTERSTORE", "s2", "s", "s")
                .step("pub", "SPOP", "s", "10").step("pub", "ZADD", "z", "1", "a", "2", "b").step("pub", "ZINCRBY", "z", "1", "a")
                .step("pub", "ZPOPMIN", "z").step("pub", "ZREMRANGEBYSCORE", "z", "-inf", "+inf")
                .step("pub", "XADD", "x", "1-1", "f", "v").step("pub", "XTRIM", "x", "MAXLEN", "0")
                .step("pub", "XGROUP", "CREATE", "x", "g", "0").step("pub", "XDEL", "x", "1-1")
                .step("pub", "SET", "e", "1").step("pub", "EXPIRE", "e", "100000").step("pub", "PERSIST", "e")
                .step("pub", "PEXPIREAT", "e", "1000").step("pub", "SET", "r", "1").step("pub", "RENAME", "r", "r2")
                .step("pub", "COPY", "r2", "r3").step("pub", "MOVE", "r3", "1").step("pub", "SELECT", "1")
                .step("pub", "SET", "{t}1", "db1").step("pub", "SWAPDB", "0", "1").step("pub", "SELECT", "0")
                .step("pub", "GET", "{t}1").step("pub", "MULTI").step("pub", "SET", "{t}3", "1").step("pub", "INCR", "{t}3")
                .step("pub", "DEL", "{t}3").step("pub", "EXEC")
                .step("pub", "EVAL", "redis.call('set', KEYS[1], 'lua') return redis.call('del', KEYS[1])", "1", "{t}1")
                .step("pub", "SORT", "l2", "ALPHA", "STORE", "l3").step("pub", "SORT", "l2", "LIMIT", "0", "0", "STORE", "l3")
                .step("pub", "FLUSHDB"));
        s.add(new PubSubScript("keyspace notifications honour the event classes").notifications("Eg$")
                .conn("pub", 2).conn("s2", 2)
                .step("s2", "PSUBSCRIBE", "__key*__:*")
                .step("pub", "SET", "k", "v").step("pub", "RPUSH", "l", "a").step("pub", "DEL", "l", "k")
                .step("pub", "CONFIG", "SET", "notify-keyspace-events", "Kl").step("pub", "RPUSH", "l", "a")
                .step("pub", "SET", "k", "v").step("pub", "CONFIG", "SET", "notify-keyspace-events", "KEm")
                .step("pub", "GET", "nokey").step("pub", "HGET", "nohash", "f")
                .step("pub", "CONFIG", "GET", "notify-keyspace-events")
                .step("pub", "CONFIG", "SET", "notify-keyspace-events", "KEAn").step("pub", "SET", "newkey", "1")
                .step("pub", "CONFIG", "GET", "notify-keyspace-events")
                .step("pub", "CONFIG", "SET", "notify-keyspace-events", "bogus")
                .step("pub", "CONFIG", "SET", "notify-keyspace-events", "").step("pub", "SET", "k", "quiet"));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
