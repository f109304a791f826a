package io.ringstore.engine.family.dump;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.rdb.ListpackWriter;
import io.ringstore.engine.rdb.RdbOutput;
import io.ringstore.engine.util.Crc64;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static io.ringstore.engine.testing.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RESTORE of the encodings Redis 6.2 and earlier DUMP (RDB version 9 payloads): ziplist lists,
 * quicklists of ziplists, ziplist hashes and sorted sets, zipmaps, linked lists, text-double
 * sorted sets and version-1 streams, built here byte by byte from ziplist.c, zipmap.c and rdb.c's
 * layouts, each restored to Ringstore's (Redis 7.0's) encodings with the same content.
 */
@Timeout(60)
class OldEncodingsTest {
    private EmbeddedEngine e;
    private ClientSession s;

    @BeforeEach
    void start() {
        e = new EmbeddedEngine(1, new ManualClock(T0), new Config());
        s = e.newSession();
    }

    @AfterEach
    void close() {
        e.close();
    }

    private String call(Object... args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i] instanceof byte[] ? (byte[]) args[i] : ((String) args[i]).getBytes(StandardCharsets.UTF_8);
        }
        return new String(e.callBytes(s, b), StandardCharsets.ISO_8859_1);
    }

    /** A ziplist of strings and longs (ziplist.c: prevlen, encoding, data; the smallest integer encoding). */
    static byte[] ziplist(Object... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prev = 0;
        int tail = 10;
        for (Object x : entries) {
            ByteArrayOutputStream en = new ByteArrayOutputStream();
            if (prev < 254) {
                en.write(prev);
            } else {
                en.write(0xFE);
                le(en, prev, 4);
            }
            if (x instanceof Long) {
                long v = (Long) x;
                if (v >= 0 && v <= 12) {
                    en.write(0xF1 + (int) v);
                } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                    en.write(0xFE);
                    le(en, v, 1);
                } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                    en.write(0xC0);
                    le(en, v, 2);
                } else if (v >= -(1 << 23) && v < (1 << 23)) {
                    en.write(0xF0);
                    le(en, v, 3);
                } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    en.write(0xD0);
                    le(en, v, 4);
                } else {
                    en.write(0xE0);
                    le(en, v, 8);
                }
            } else {
                byte[] b = ((String) x).getBytes(StandardCharsets.UTF_8);
                if (b.length < 64) {
                    en.write(b.length);
                } else if (b.length < 16384) {
                    en.write(0x40 | (b.length >>> 8));
                    en.write(b.length & 0xFF);
                } else {
                    en.write(0x80);
                    for (int i = 3; i >= 0; i--) {
                        en.write((b.length >>> (8 * i)) & 0xFF);
                    }
                }
                en.writeBytes(b);
            }
            tail = 10 + body.size();
            prev = en.size();
            body.writeBytes(en.toByteArray());
        }
        ByteArrayOutputStream zl = new ByteArrayOutputStream();
        le(zl, 10 + body.size() + 1, 4);
        le(zl, tail, 4);
        le(zl, entries.length, 2);
        zl.writeBytes(body.toByteArray());
        zl.write(0xFF);
        return zl.toByteArray();
    }

    private static void le(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    /** Wraps an object in a version-9 DUMP trailer. */
    private static byte[] payload(byte[] object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(object);
        out.write(9);
        out.write(0);
        long crc = Crc64.crc64(out.toByteArray(), 0, out.size());
        le(out, crc, 8);
        return out.toByteArray();
    }

    /** Type byte, then each part: byte[] as an RDB string, Long as a length. */
    private static byte[] object(int type, Object... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RdbOutput out = new RdbOutput(bytes);
        out.writeByte(type);
        for (Object p : parts) {
            if (p instanceof byte[]) {
                out.writeString((byte[]) p);
            } else if (p instanceof String) {
                out.writeString(((String) p).getBytes(StandardCharsets.UTF_8));
            } else {
                out.writeLength((Long) p);
            }
        }
        return bytes.toByteArray();
    }

    private static final String LONG = "x".repeat(70);
    private static final Object[] ELEMENTS = {"a", 5L, -300L, 70000L, 1L << 40, -100L, 100000L, LONG, ""};
    private static final String ELEMENTS_REPLY = "*9\r\n$1\r\na\r\n$1\r\n5\r\n$4\r\n-300\r\n$5\r\n70000\r\n$13\r\n1099511627776\r\n"
            + "$4\r\n-100\r\n$6\r\n100000\r\n$70\r\n" + LONG + "\r\n$0\r\n\r\n";

    @Test
    void shouldRestoreZiplistListsAndQuicklistsOfZiplists() {
        assertEquals("+OK\r\n", call("RESTORE", "l10", "0", payload(object(10, ziplist(ELEMENTS)))));
        assertEquals(ELEMENTS_REPLY, call("LRANGE", "l10", "0", "-1"));
        assertEquals("$9\r\nquicklist\r\n", call("OBJECT", "ENCODING", "l10"));
        byte[] first = ziplist("a", 5L, -300L);
        byte[] second = ziplist(70000L, 1L << 40, -100L, 100000L, LONG, "");
        assertEquals("+OK\r\n", call("RESTORE", "l14", "0", payload(object(14, 2L, first, second))));
        assertEquals(ELEMENTS_REPLY, call("LRANGE", "l14", "0", "-1"));
        assertEquals("+OK\r\n", call("RESTORE", "l1", "0", payload(object(1, 3L, "a", "12", ""))));
        assertEquals("*3\r\n$1\r\na\r\n$2\r\n12\r\n$0\r\n\r\n", call("LRANGE", "l1", "0", "-1"));
        // and they DUMP as 7.0 does: one QUICKLIST_2 listpack node
        byte[] lp = lp("a", "12", "");
        assertEquals(new String(payload10(object(18, 1L, 2L, lp)), StandardCharsets.ISO_8859_1),
                bulk(call("DUMP", "l1")));
    }

    @Test
    void shouldRestoreZiplistHashesAndSortedSetsZipmapsAndTextScores() {
        assertEquals("+OK\r\n", call("RESTORE", "h13", "0", payload(object(13, ziplist("f", "v", "n", 7L)))));
        assertEquals("*4\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\nn\r\n$1\r\n7\r\n", call("HGETALL", "h13"));
        assertEquals("$8\r\nlistpack\r\n", call("OBJECT", "ENCODING", "h13"));
        assertEquals("+OK\r\n", call("RESTORE", "z12", "0", payload(object(12, ziplist("a", "1.5", "b", 2L)))));
        assertEquals("*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$1\r\n2\r\n", call("ZRANGE", "z12", "0", "-1", "WITHSCORES"));
        assertEquals("$8\r\nlistpack\r\n", call("OBJECT", "ENCODING", "z12"));
        // zipmap: zmlen, then len key len free value, end
        byte[] zm = {2, 1, 'f', 1, 0, 'v', 2, 'n', 'm', 3, 1, 'a', 'b', 'c', 0, (byte) 0xFF};
        assertEquals("+OK\r\n", call("RESTORE", "h9", "0", payload(object(9, zm))));
        assertEquals("*4\r\n$1\r\nf\r\n$1\r\nv\r\n$2\r\nnm\r\n$3\r\nabc\r\n", call("HGETALL", "h9"));
        // ZSET (3): scores as text doubles (length byte; 253 nan, 254 inf, 255 -inf)
        byte[] z3 = {3, 3, 1, 'a', 3, '1', '.', '5', 1, 'b', (byte) 254, 1, 'c', (byte) 255};
        assertEquals("+OK\r\n", call("RESTORE", "z3", "0", payload(z3)));
        assertEquals("*6\r\n$1\r\nc\r\n$4\r\n-inf\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$3\r\ninf\r\n",
                call("ZRANGE", "z3", "0", "-1", "WITHSCORES"));
        byte[] nan = {3, 1, 1, 'a', (byte) 253};
        assertEquals("-ERR Bad data format\r\n", call("RESTORE", "zn", "0", payload(nan)));
        assertEquals("-ERR Bad data format\r\n", call("RESTORE", "hz", "0", payload(object(13, ziplist("f")))));
    }

    @Test
    void shouldRestoreVersionOneStreamsDerivingThe70Fields() {
        ListpackWriter w = new ListpackWriter();
        // master: count 2, deleted 1, 1 field "f", 0; entries: 1-1 same fields, 1-2 deleted, 2-0 other fields
        for (long v : new long[] {2, 1, 1}) {
            w.addLong(v);
        }
        w.add(b("f"));
        w.addLong(0);
        w.addLong(2);
        w.addLong(0);
        w.addLong(0);
        w.add(b("v1"));
        w.addLong(4);
        w.addLong(3);
        w.addLong(0);
        w.addLong(1);
        w.add(b("v2"));
        w.addLong(4);
        w.addLong(0);
        w.addLong(1);
        w.addLong(-1);
        w.addLong(1);
        w.add(b("g"));
        w.add(b("x"));
        w.addLong(6);
        byte[] key = new byte[16];
        key[7] = 1;
        key[15] = 1;
        byte[] stream = object(15, 1L, key, w.toArray(), 2L, 2L, 0L, 1L,
                b("grp"), 1L, 1L, 1L);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(stream);
        o.writeBytes(key); // PEL: id 1-1, delivery time, count
        le(o, T0, 8);
        o.write(1);
        o.write(1); // one consumer
        o.write(1);
        o.write('c');
        le(o, T0, 8);
        o.write(1);
        o.writeBytes(key);
        assertEquals("+OK\r\n", call("RESTORE", "x", "0", payload(o.toByteArray())));
        assertEquals("*2\r\n*2\r\n$3\r\n1-1\r\n*2\r\n$1\r\nf\r\n$2\r\nv1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\ng\r\n$1\r\nx\r\n",
                call("XRANGE", "x", "-", "+"));
        String info = call("XINFO", "STREAM", "x");
        assertEquals(true, info.contains("$13\r\nentries-added\r\n:2\r\n"), info);
        assertEquals(true, info.contains("$23\r\nrecorded-first-entry-id\r\n$3\r\n1-1\r\n"), info);
        assertEquals("*1\r\n*4\r\n$3\r\n1-1\r\n$1\r\nc\r\n:0\r\n:1\r\n", call("XPENDING", "x", "grp", "-", "+", "10"));
        String groups = call("XINFO", "GROUPS", "x");
        assertEquals(true, groups.contains("$12\r\nentries-read\r\n:1\r\n"), groups);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lp(String... elements) {
        ListpackWriter w = new ListpackWriter();
        for (String x : elements) {
            w.add(b(x));
        }
        return w.toArray();
    }

    private static byte[] payload10(byte[] object) {
        byte[] p = payload(object);
        p[object.length] = 10;
        long crc = Crc64.crc64(p, 0, p.length - 8);
        for (int i = 0; i < 8; i++) {
            p[p.length - 8 + i] = (byte) (crc >>> (8 * i));
        }
        return p;
    }

    private static String bulk(String reply) {
        int eol = reply.indexOf("\r\n");
        return reply.substring(eol + 2, reply.length() - 2);
    }
}
