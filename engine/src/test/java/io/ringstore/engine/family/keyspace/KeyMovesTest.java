package io.ringstore.engine.family.keyspace;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.store.CollectionValue;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.util.ByteHash;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.ringstore.engine.testing.Fixtures.T0;
import static io.ringstore.engine.testing.Fixtures.keyOnShard;
import static io.ringstore.engine.testing.Resp.OK;
import static io.ringstore.engine.testing.Resp.bulk;
import static io.ringstore.engine.testing.Resp.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * RENAME, RENAMENX, COPY, MOVE, SWAPDB, on one and two shards; with two shards the source and
 * destination keys are chosen on different shards, so the commands run at a barrier.
 */
@Timeout(30)
class KeyMovesTest {
    static final String ONE = ":1\r\n";
    static final String ZERO = ":0\r\n";
    static final String NULL = "$-1\r\n";
    static final String SAME = "-ERR source and destination objects are the same\r\n";
    static final String DB_RANGE = "-ERR DB index is out of range\r\n";
    static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
    static final String INT_RANGE = "-ERR value is out of range, value must between -2147483648 and 2147483647\r\n";

    /** A stand-in collection value (no collection type exists yet) to check COPY's duplicate(). */
    static final class FakeList implements CollectionValue {
        final List<String> items = new ArrayList<>();

        @Override
        public CollectionValue duplicate() {
            FakeList copy = new FakeList();
            copy.items.addAll(items);
            return copy;
        }

        @Override
        public long size() {
            return items.size();
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldRenameAndCarryTheTtl(int shards) {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(shards, clock)) {
            String src = keyOnShard(e, "src", 0);
            String dst = keyOnShard(e, "dst", 1);
            e.call("SET", src, "hello", "PX", "5000");
            assertEquals(OK, e.call("RENAME", src, dst));
            assertEquals(ZERO, e.call("EXISTS", src));
            assertEquals(bulk("hello"), e.call("GET", dst));
            assertEquals(num(5000), e.call("PTTL", dst));
            clock.advance(5001);
            assertEquals(NULL, e.call("GET", dst));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldOverwriteTheTargetAndItsTtlOnRename(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String src = keyOnShard(e, "src", 0);
            String dst = keyOnShard(e, "dst", 1);
            e.call("SET", src, "12345");
            e.call("SET", dst, "old", "EX", "100");
            assertEquals(OK, e.call("RENAME", src, dst));
            assertEquals(bulk("12345"), e.call("GET", dst));
            assertEquals(":-1\r\n", e.call("TTL", dst), "the source had no TTL");
            assertEquals(bulk("int"), e.call("OBJECT", "ENCODING", dst));
            assertEquals(num(1), e.call("DBSIZE"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldRenameOnlyToAMissingKeyWithRenamenx(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String src = keyOnShard(e, "src", 0);
            String dst = keyOnShard(e, "dst", 1);
            e.call("SET", src, "a");
            e.call("SET", dst, "b");
            assertEquals(ZERO, e.call("RENAMENX", src, dst));
            assertEquals(bulk("a"), e.call("GET", src));
            assertEquals(bulk("b"), e.call("GET", dst));
            e.call("DEL", dst);
            assertEquals(ONE, e.call("RENAMENX", src, dst));
            assertEquals(bulk("a"), e.call("GET", dst));
            assertEquals(ZERO, e.call("EXISTS", src));
        }
    }

    @Test
    void shouldHandleRenameOfAKeyOntoItselfAsRedisDoes() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            assertEquals("-ERR no such key\r\n", e.call("RENAME", "nokey", "x"));
            assertEquals("-ERR no such key\r\n", e.call("RENAME", "nokey", "nokey"));
            assertEquals("-ERR no such key\r\n", e.call("RENAMENX", "nokey", "nokey"));
            e.call("SET", "k", "v", "EX", "100");
            assertEquals(OK, e.call("RENAME", "k", "k"));
            assertEquals(ZERO, e.call("RENAMENX", "k", "k"));
            assertEquals(bulk("v"), e.call("GET", "k"));
            assertEquals(num(100), e.call("TTL", "k"));
        }
    }

    @Test
    void shouldTreatAnExpiredRenameTargetAsMissingEvenWhenItsDeletionShiftsTheSource() {
        ManualClock clock = new ManualClock(T0);
        try (EmbeddedEngine e = new EmbeddedEngine(1, clock)) {
            for (int i = 0; i < 300; i++) {
                e.call("SET", "t" + i, "old", "PX", "10");
                e.call("SET", "s" + i, "new" + i);
            }
            for (int i = 0; i < 50; i++) {
                e.tick(); // finish any incremental rehash, so slots below are stable
            }
            Dict d = e.context().shards[0].db(0).dict();
            assertFalse(d.rehashing());
            // Find a target whose next slot holds a source key away from its home bucket: deleting
            // the target then shifts the source back by one slot.
            String target = null;
            String source = null;
            int mask = d.capacity() - 1;
            for (int i = 0; i < 300 && target == null; i++) {
                int p = slotOf(d, "t" + i);
                int next = (p + 1) & mask;
                if (!d.occupied(next)) {
                    continue;
                }
                String k = new String(d.key(next), StandardCharsets.UTF_8);
                if (k.startsWith("s") && (d.hash(next) & mask) != next) {
                    target = "t" + i;
                    source = k;
                }
            }
            assertNotNull(target, "no adjacent target/source pair in the table");
            clock.advance(11);
            assertEquals(ONE, e.call("RENAMENX", source, target));
            assertEquals(bulk("new" + source.substring(1)), e.call("GET", target));
            assertEquals(ZERO, e.call("EXISTS", source));
            assertEquals(num(599), e.call("DBSIZE"), "one stale target replaced, one source gone");
            assertEquals(num(300), e.call(keys("s", 300, source, target)));
        }
    }

    /** The names prefix0..prefix(n-1), with {@code renamed} replaced by {@code as}. */
    static String[] keys(String prefix, int n, String renamed, String as) {
        String[] out = new String[n + 1];
        out[0] = "EXISTS";
        for (int i = 0; i < n; i++) {
            String k = prefix + i;
            out[i + 1] = k.equals(renamed) ? as : k;
        }
        return out;
    }

    static int slotOf(Dict d, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return d.find(k, 0, k.length, ByteHash.hash(k, 0, k.length));
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldCopyADeepCopyWithItsTtl(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String src = keyOnShard(e, "src", 0);
            String dst = keyOnShard(e, "dst", 1);
            e.call("SET", src, "abcdef", "PX", "9000");
            assertEquals(ONE, e.call("COPY", src, dst));
            e.call("SET", src, "XXXXXX", "KEEPTTL"); // same length: SET overwrites the source bytes in place
            assertEquals(bulk("abcdef"), e.call("GET", dst));
            assertEquals(num(9000), e.call("PTTL", dst));
            assertEquals(bulk("embstr"), e.call("OBJECT", "ENCODING", dst));
            assertEquals(ZERO, e.call("COPY", src, dst), "the target exists");
            assertEquals(ONE, e.call("COPY", src, dst, "REPLACE"));
            assertEquals(bulk("XXXXXX"), e.call("GET", dst));
            assertEquals(ZERO, e.call("COPY", "nokey", dst));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldCopyIntoAnotherDatabase(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            e.call("SET", "k", "42");
            assertEquals(ONE, e.call("COPY", "k", "k", "DB", "1"));
            assertEquals(ZERO, e.call("COPY", "k", "k", "db", "1"));
            assertEquals(ONE, e.call("COPY", "k", "k", "REPLACE", "DB", "1", "REPLACE"));
            e.call("SELECT", "1");
            assertEquals(bulk("42"), e.call("GET", "k"));
            assertEquals(bulk("int"), e.call("OBJECT", "ENCODING", "k"));
        }
    }

    @Test
    void shouldRejectBadCopyArguments() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            assertEquals(SAME, e.call("COPY", "k", "k"));
            assertEquals(SAME, e.call("COPY", "k", "k", "DB", "0"));
            assertEquals(SAME, e.call("COPY", "nokey", "nokey"), "checked before the lookup");
            assertEquals(DB_RANGE, e.call("COPY", "k", "x", "DB", "16"));
            assertEquals(DB_RANGE, e.call("COPY", "k", "x", "DB", "-1"));
            assertEquals(NOT_INT, e.call("COPY", "k", "x", "DB", "abc"));
            assertEquals(INT_RANGE, e.call("COPY", "k", "x", "DB", "4294967296"));
            assertEquals(NOT_INT, e.call("COPY", "k", "x", "DB", "99999999999999999999"));
            assertEquals("-ERR syntax error\r\n", e.call("COPY", "k", "x", "DB"));
            assertEquals("-ERR syntax error\r\n", e.call("COPY", "k", "x", "foo"));
            assertEquals(ZERO, e.call("EXISTS", "x"));
        }
    }

    @Test
    void shouldDuplicateCollectionValuesOnCopy() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            String src = keyOnShard(e, "list", 0);
            String dst = keyOnShard(e, "copy", 1);
            FakeList list = new FakeList();
            list.items.add("a");
            byte[] k = src.getBytes(StandardCharsets.UTF_8);
            // Written from the test thread while the engine is idle; the next call's publish orders it.
            Db db = e.context().shards[0].db(0);
            int slot = db.insert(k, ByteHash.hash(k, 0, k.length), ObjectType.LIST, ObjectType.ENC_QUICKLIST, T0);
            db.dict().setValue(slot, list);
            assertEquals(ONE, e.call("COPY", src, dst));
            assertEquals("+list\r\n", e.call("TYPE", dst));
            assertEquals(bulk("quicklist"), e.call("OBJECT", "ENCODING", dst));
            Dict d1 = e.context().shards[1].db(0).dict();
            byte[] kd = dst.getBytes(StandardCharsets.UTF_8);
            FakeList copy = (FakeList) d1.value(d1.find(kd, 0, kd.length, ByteHash.hash(kd, 0, kd.length)));
            assertNotSame(list, copy);
            list.items.add("b");
            assertEquals(List.of("a"), copy.items);
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldMoveAKeyWithItsTtlToAnotherDatabase(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            e.call("SET", "k", "v", "EX", "100");
            assertEquals(ONE, e.call("MOVE", "k", "2"));
            assertEquals(ZERO, e.call("EXISTS", "k"));
            assertEquals(ZERO, e.call("MOVE", "k", "2"), "missing here");
            e.call("SET", "k", "again");
            assertEquals(ZERO, e.call("MOVE", "k", "2"), "present there");
            assertEquals(bulk("again"), e.call("GET", "k"));
            e.call("SELECT", "2");
            assertEquals(bulk("v"), e.call("GET", "k"));
            assertEquals(num(100), e.call("TTL", "k"));
        }
    }

    @Test
    void shouldRejectBadMoveArguments() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(T0))) {
            e.call("SET", "k", "v");
            assertEquals(SAME, e.call("MOVE", "k", "0"));
            assertEquals(DB_RANGE, e.call("MOVE", "k", "16"));
            assertEquals(DB_RANGE, e.call("MOVE", "k", "-1"));
            assertEquals(NOT_INT, e.call("MOVE", "k", "abc"));
            assertEquals(INT_RANGE, e.call("MOVE", "k", "-2147483649"));
            assertEquals(ZERO, e.call("MOVE", "nokey", "1"));
            assertEquals(ONE, e.call("EXISTS", "k"));
        }
    }

    @ParameterizedTest(name = "{0} shard(s)")
    @ValueSource(ints = {1, 2})
    void shouldSwapDatabasesOnEveryShard(int shards) {
        try (EmbeddedEngine e = new EmbeddedEngine(shards, new ManualClock(T0))) {
            String a = keyOnShard(e, "a", 0);
            String b = keyOnShard(e, "b", 1);
            e.call("SET", a, "in0");
            e.call("SET", b, "in0", "EX", "50");
            var other = e.newSession();
            e.call(other, "SELECT", "1");
            e.call(other, "SET", "c", "in1");
            assertEquals(OK, e.call("SWAPDB", "0", "1"));
            assertEquals(bulk("in1"), e.call("GET", "c"));
            assertEquals(NULL, e.call("GET", a));
            assertEquals(bulk("in0"), e.call(other, "GET", a));
            assertEquals(bulk("in0"), e.call(other, "GET", b));
            assertEquals(num(50), e.call(other, "TTL", b));
            assertEquals(num(1), e.call("DBSIZE"));
            assertEquals(OK, e.call("SWAPDB", "1", "1"));
            assertEquals(num(2), e.call(other, "DBSIZE"));
        }
    }

    @Test
    void shouldRejectBadSwapdbArguments() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(T0))) {
            assertEquals("-ERR invalid first DB index\r\n", e.call("SWAPDB", "abc", "0"));
            assertEquals("-ERR invalid second DB index\r\n", e.call("SWAPDB", "0", "abc"));
            assertEquals("-ERR invalid first DB index\r\n", e.call("SWAPDB", "4294967296", "0"));
            assertEquals(DB_RANGE, e.call("SWAPDB", "0", "16"));
            assertEquals(DB_RANGE, e.call("SWAPDB", "-1", "0"));
        }
    }
}
