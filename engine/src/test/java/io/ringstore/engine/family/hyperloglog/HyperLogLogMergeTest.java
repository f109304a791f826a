package io.ringstore.engine.family.hyperloglog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PFCOUNT of several keys (the union, nothing written), PFMERGE (destkey merged too, created when
 * missing, dense when an input is dense, promoted at hll-sparse-max-bytes, TTL kept), PFDEBUG's
 * subcommands and PFSELFTEST. Expected replies from redis-server 7.0.15 for the same commands
 * (digests: the first 16 hex digits of SHA-256 of the reply); on one and two shards, where the
 * untagged keys spread over both shards and the multi-key commands run at a barrier.
 */
class HyperLogLogMergeTest extends HyperLogLogEngineTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCountUnionsAndMergeAsRedis(int shards) {
        start(shards);
        assertEquals(":1\r\n", pfadd("a", "a", 50));
        assertEquals(":1\r\n", pfadd("b", "b", 30));
        assertEquals(":1\r\n", pfadd("c", "a", 20));
        assertEquals(":80\r\n", call("PFCOUNT", "a", "b"));
        assertEquals(":80\r\n", call("PFCOUNT", "a", "b", "c"));
        assertEquals(":50\r\n", call("PFCOUNT", "a", "c", "missing"));
        assertEquals(":0\r\n", call("PFCOUNT", "missing", "missing2"));
        assertEquals(":50\r\n", call("PFCOUNT", "a", "a"));
        assertEquals("+OK\r\n", call("PFMERGE", "m", "a", "b"));
        assertEquals("$239\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080@g\u0084\u001a\u0088A+\u0080@\u00ee\u0080@`\u0088A\u009a\u0080@O\u0080@\u00ff\u0094A\u00a5\u008c@\u00a5\u0084C(\u0090A2\u0084A\u00aa\u0088\u0006\u0088@\u009d\u0080@F\u0080\u0004\u0080\u000e\u0080\u000b\u0080@n\u008cAL\u0080@[\u0080@\u00d4\u0098\u0004\u008c@\u00d6\u0084\u0001\u0080As\u0080\u0003\u0088Ao\u0080@\u00da\u0084@{\u0084+\u0088C7\u0084@\u00ba\u0080A\u0080\u0080A\u0095\u0080A\u00b2\u0080@\u00e1\u008c@N\u0084@\u00cf\u0080@\u00a2\u0080@m\u0084@\u00db\u0090>\u0088AB\u0088.\u0080@Q\u0080@c\u0080D\u000f\u0080-\u0084@\u00ae\u0084 \u009c\u0001\u0080B\u000c\u0084C\u0013\u0080@N\u0088@P\u0080@n\u0080@\u00a5\u0080@J\u0080@N\u0080@A\u0088Ab\u0084@\u0096\u0088@\u0089\u0080\u0014\u0084@\u00c6\u0098\u0017\u0084!\u0080\u0004\u0090A-\u0080Ar\u0080A(\u0084@\u00c0\u0088@\u0095\u0084@E\u0084A\u0000\u0080\u000c\u0084A\u007f\u0080@~\u0084@I\r\n", call("GET", "m"));
        assertEquals(":80\r\n", call("PFCOUNT", "m"));
        assertEquals("+OK\r\n", call("PFMERGE", "m"));
        assertEquals("$239\r\nHYLL\u0001\u0000\u0000\u0000P\u0000\u0000\u0000\u0000\u0000\u0000\u0080@g\u0084\u001a\u0088A+\u0080@\u00ee\u0080@`\u0088A\u009a\u0080@O\u0080@\u00ff\u0094A\u00a5\u008c@\u00a5\u0084C(\u0090A2\u0084A\u00aa\u0088\u0006\u0088@\u009d\u0080@F\u0080\u0004\u0080\u000e\u0080\u000b\u0080@n\u008cAL\u0080@[\u0080@\u00d4\u0098\u0004\u008c@\u00d6\u0084\u0001\u0080As\u0080\u0003\u0088Ao\u0080@\u00da\u0084@{\u0084+\u0088C7\u0084@\u00ba\u0080A\u0080\u0080A\u0095\u0080A\u00b2\u0080@\u00e1\u008c@N\u0084@\u00cf\u0080@\u00a2\u0080@m\u0084@\u00db\u0090>\u0088AB\u0088.\u0080@Q\u0080@c\u0080D\u000f\u0080-\u0084@\u00ae\u0084 \u009c\u0001\u0080B\u000c\u0084C\u0013\u0080@N\u0088@P\u0080@n\u0080@\u00a5\u0080@J\u0080@N\u0080@A\u0088Ab\u0084@\u0096\u0088@\u0089\u0080\u0014\u0084@\u00c6\u0098\u0017\u0084!\u0080\u0004\u0090A-\u0080Ar\u0080A(\u0084@\u00c0\u0088@\u0095\u0084@E\u0084A\u0000\u0080\u000c\u0084A\u007f\u0080@~\u0084@I\r\n", call("GET", "m"));
        assertEquals("+OK\r\n", call("PFMERGE", "m", "c", "missing"));
        assertEquals(":80\r\n", call("PFCOUNT", "m"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "m"));
        assertEquals("+OK\r\n", call("PFMERGE", "new"));
        assertEquals("$18\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff\r\n", call("GET", "new"));
        assertEquals("+OK\r\n", call("PFMERGE", "new2", "missing"));
        assertEquals("$18\r\nHYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff\r\n", call("GET", "new2"));
        assertEquals(":0\r\n", call("PFCOUNT", "new2"));
        assertEquals("+OK\r\n", call("SET", "t", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080\u007f\u00ff", "EX", "100"));
        assertEquals("+OK\r\n", call("PFMERGE", "t", "a"));
        assertEquals(":100\r\n", call("TTL", "t"));
        assertEquals(":1\r\n", call("PFADD", "t", "zz"));
        assertEquals(":100\r\n", call("TTL", "t"));
        assertEquals(":51\r\n", call("PFCOUNT", "t"));
        assertEquals(":100\r\n", call("TTL", "t"));
        assertEquals(":1\r\n", pfadd("d", "d", 3000));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "d"));
        assertEquals(":3018\r\n", call("PFCOUNT", "d"));
        assertEquals("+OK\r\n", call("PFMERGE", "m2", "a", "d"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "m2"));
        assertEquals(":3068\r\n", call("PFCOUNT", "m2"));
        assertEquals(":3068\r\n", call("PFCOUNT", "a", "d"));
        assertEquals(":3073\r\n", call("PFCOUNT", "d", "b", "c"));
        assertEquals("+OK\r\n", call("PFMERGE", "a", "d"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "a"));
        assertEquals(":3068\r\n", call("PFCOUNT", "a"));
        assertEquals(":1\r\n", pfadd("s", "s", 200));
        assertEquals(":1\r\n", pfadd("s2", "t", 250));
        assertEquals("+OK\r\n", call("PFMERGE", "s3", "s", "s2"));
        assertEquals("+sparse\r\n", call("PFDEBUG", "ENCODING", "s3"));
        assertEquals(":978\r\n", call("STRLEN", "s3"));
        assertEquals(":453\r\n", call("PFCOUNT", "s3"));
        assertEquals("+OK\r\n", call("CONFIG", "SET", "hll-sparse-max-bytes", "300"));
        assertEquals("+OK\r\n", call("PFMERGE", "s4", "s", "s2"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "s4"));
        assertEquals(":453\r\n", call("PFCOUNT", "s4"));
        assertEquals("+OK\r\n", call("CONFIG", "SET", "hll-sparse-max-bytes", "3000"));
        assertEquals(":1\r\n", call("PFADD", "g", "x", "y"));
        assertEquals("+sparse\r\n", call("PFDEBUG", "ENCODING", "g"));
        assertEquals("$30\r\nZ:14932 v:3,1 Z:1441 v:2,1 z:9\r\n", call("PFDEBUG", "DECODE", "g"));
        assertEquals(":1\r\n", call("PFDEBUG", "TODENSE", "g"));
        assertEquals(":0\r\n", call("PFDEBUG", "TODENSE", "g"));
        assertEquals("+dense\r\n", call("PFDEBUG", "ENCODING", "g"));
        assertEquals(":2\r\n", call("PFCOUNT", "g"));
        assertEquals(":12304\r\n", call("STRLEN", "g"));
        assertEquals(":1\r\n", call("PFADD", "g2", "x"));
        assertEquals("c72adbb14a38d0d6", sha16(call("PFDEBUG", "getreg", "g2")));
        assertEquals("+dense\r\n", call("pfdebug", "Encoding", "g2"));
        assertEquals("-ERR Unknown PFDEBUG subcommand 'x'\r\n", call("PFDEBUG", "x\u0000y", "g2"));
        assertEquals("+OK\r\n", call("SET", "e", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u007f\u00c3\u00bf"));
        assertEquals("$6\r\nembstr\r\n", call("OBJECT", "ENCODING", "e"));
        assertEquals("-ERR Unknown PFDEBUG subcommand 'nope'\r\n", call("PFDEBUG", "nope", "e"));
        assertEquals("$3\r\nraw\r\n", call("OBJECT", "ENCODING", "e"));
        assertEquals("+OK\r\n", call("PFSELFTEST"));
    }
}
