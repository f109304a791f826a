package io.ringstore.engine.script;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * lua-cmsgpack 0.4.0 as Redis bundles it (deps/lua/src/lua_cmsgpack.c): pack(...) concatenates
 * the encodings of its arguments (integral numbers as the smallest int format, others as float32
 * when exact else float64, strings as fixstr/str8/16/32, tables as arrays when their keys are
 * 1..n else maps, nesting beyond 16 as nil); unpack(s) returns every value, unpack_one(s [, off])
 * and unpack_limit(s, n [, off]) return the next offset (-1 at the end) then the values. Map key
 * order follows LuaJ's table iteration. Stateless.
 */
final class CmsgpackLib {
    private static final int MAX_NESTING = 16;

    private CmsgpackLib() {
    }

    static LuaTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("pack", RedisApi.fn("pack", CmsgpackLib::pack));
        t.rawset("unpack", RedisApi.fn("unpack", a -> unpack(a, 0, 0, false)));
        t.rawset("unpack_one", RedisApi.fn("unpack_one", a -> unpack(a, 1, a.optint(2, 0), true)));
        t.rawset("unpack_limit", RedisApi.fn("unpack_limit", a -> unpack(a, a.checkint(2), a.optint(3, 0), true)));
        t.rawset("_NAME", LuaValue.valueOf("cmsgpack"));
        t.rawset("_VERSION", LuaValue.valueOf("lua-cmsgpack 0.4.0"));
        t.rawset("_COPYRIGHT", LuaValue.valueOf("Copyright (C) 2012, Salvatore Sanfilippo"));
        t.rawset("_DESCRIPTION", LuaValue.valueOf("MessagePack C implementation for Lua"));
        return t;
    }

    private static RaisedError fail(String msg) {
        return new RaisedError(LuaValue.valueOf(msg), true);
    }

    private static Varargs pack(Varargs a) {
        int n = a.narg();
        if (n == 0) {
            throw fail("MessagePack pack needs input.");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i <= n; i++) {
            encode(a.arg(i), out, 0);
        }
        return LuaString.valueUsing(out.toByteArray());
    }

    private static void be(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void encode(LuaValue v, ByteArrayOutputStream out, int level) {
        switch (v.type()) {
            case LuaValue.TSTRING: {
                LuaString s = (LuaString) v;
                int len = s.m_length;
                if (len < 32) {
                    out.write(0xa0 | len);
                } else if (len <= 0xff) {
                    out.write(0xd9);
                    out.write(len);
                } else if (len <= 0xffff) {
                    out.write(0xda);
                    be(out, len, 2);
                } else {
                    out.write(0xdb);
                    be(out, len, 4);
                }
                out.write(s.m_bytes, s.m_offset, len);
                return;
            }
            case LuaValue.TBOOLEAN:
                out.write(v.toboolean() ? 0xc3 : 0xc2);
                return;
            case LuaValue.TNUMBER: {
                double d = v.todouble();
                if (!Double.isInfinite(d) && d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
                    integer((long) d, out);
                } else if ((double) (float) d == d) {
                    out.write(0xca);
                    be(out, Float.floatToRawIntBits((float) d), 4);
                } else {
                    out.write(0xcb);
                    be(out, Double.doubleToRawLongBits(d), 8);
                }
                return;
            }
            case LuaValue.TTABLE:
                if (level >= MAX_NESTING) {
                    out.write(0xc0);
                } else {
                    table((LuaTable) v, out, level + 1);
                }
                return;
            default:
                out.write(0xc0);
        }
    }

    private static void integer(long n, ByteArrayOutputStream out) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                out.write(0xcc);
                out.write((int) n);
            } else if (n <= 0xffff) {
                out.write(0xcd);
                be(out, n, 2);
            } else if (n <= 0xffffffffL) {
                out.write(0xce);
                be(out, n, 4);
            } else {
                out.write(0xcf);
                be(out, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) n & 0xff);
        } else if (n >= -128) {
            out.write(0xd0);
            out.write((int) n);
        } else if (n >= -32768) {
            out.write(0xd1);
            be(out, n, 2);
        } else if (n >= -2147483648L) {
            out.write(0xd2);
            be(out, n, 4);
        } else {
            out.write(0xd3);
            be(out, n, 8);
        }
    }

    private static void table(LuaTable t, ByteArrayOutputStream out, int level) {
        long max = 0;
        long count = 0;
        boolean array = true;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs e = t.next(k);
            k = e.arg1();
            if (k.isnil()) {
                break;
            }
            if (k.type() == LuaValue.TNUMBER && k.todouble() == Math.rint(k.todouble()) && k.todouble() > 0) {
                max = Math.max(max, (long) k.todouble());
                count++;
            } else {
                array = false;
                break;
            }
        }
        if (array && max == count) {
            if (count < 16) {
                out.write(0x90 | (int) count);
            } else if (count <= 0xffff) {
                out.write(0xdc);
                be(out, count, 2);
            } else {
                out.write(0xdd);
                be(out, count, 4);
            }
            for (int i = 1; i <= count; i++) {
                encode(t.rawget(i), out, level);
            }
            return;
        }
        int n = 0;
        for (k = t.next(LuaValue.NIL).arg1(); !k.isnil(); k = t.next(k).arg1()) {
            n++;
        }
        if (n < 16) {
            out.write(0x80 | n);
        } else if (n <= 0xffff) {
            out.write(0xde);
            be(out, n, 2);
        } else {
            out.write(0xdf);
            be(out, n, 4);
        }
        k = LuaValue.NIL;
        while (true) {
            Varargs e = t.next(k);
            k = e.arg1();
            if (k.isnil()) {
                return;
            }
            encode(k, out, level);
            encode(e.arg(2), out, level);
        }
    }

    /** Decoder over one string. */
    private static final class Reader {
        final byte[] b;
        final int end;
        int pos;

        Reader(LuaString s, int offset) {
            b = s.m_bytes;
            pos = s.m_offset + offset;
            end = s.m_offset + s.m_length;
        }

        int u8() {
            need(1);
            return b[pos++] & 0xff;
        }

        long be(int n) {
            need(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        void need(int n) {
            if (end - pos < n) {
                throw fail("Missing bytes in input.");
            }
        }

        LuaValue str(int n) {
            need(n);
            LuaString s = LuaString.valueOf(b, pos, n);
            pos += n;
            return s;
        }

        LuaValue value() {
            int c = u8();
            if (c <= 0x7f) {
                return LuaValue.valueOf(c);
            }
            if (c >= 0xe0) {
                return LuaValue.valueOf((byte) c);
            }
            if ((c & 0xe0) == 0xa0) {
                return str(c & 0x1f);
            }
            if ((c & 0xf0) == 0x90) {
                return array(c & 0x0f);
            }
            if ((c & 0xf0) == 0x80) {
                return map(c & 0x0f);
            }
            switch (c) {
                case 0xc0: return LuaValue.NIL;
                case 0xc2: return LuaValue.FALSE;
                case 0xc3: return LuaValue.TRUE;
                case 0xca: return LuaValue.valueOf(Float.intBitsToFloat((int) be(4)));
                case 0xcb: return LuaValue.valueOf(Double.longBitsToDouble(be(8)));
                case 0xcc: return LuaValue.valueOf(be(1));
                case 0xcd: return LuaValue.valueOf(be(2));
                case 0xce: return LuaValue.valueOf(be(4));
                case 0xcf: {
                    long v = be(8);
                    return LuaValue.valueOf(v < 0 ? (double) (v >>> 1) * 2 + (v & 1) : (double) v);
                }
                case 0xd0: return LuaValue.valueOf((byte) be(1));
                case 0xd1: return LuaValue.valueOf((short) be(2));
                case 0xd2: return LuaValue.valueOf((int) be(4));
                case 0xd3: return LuaValue.valueOf((double) be(8));
                case 0xc4: case 0xd9: return str((int) be(1));
                case 0xc5: case 0xda: return str((int) be(2));
                case 0xc6: case 0xdb: return str((int) be(4));
                case 0xdc: return array((int) be(2));
                case 0xdd: return array((int) be(4));
                case 0xde: return map((int) be(2));
                case 0xdf: return map((int) be(4));
                default: throw fail("Bad data format in input.");
            }
        }

        LuaValue array(int n) {
            LuaTable t = new LuaTable();
            for (int i = 1; i <= n; i++) {
                t.rawset(i, value());
            }
            return t;
        }

        LuaValue map(int n) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < n; i++) {
                LuaValue k = value();
                LuaValue v = value();
                if (!k.isnil()) {
                    t.rawset(k, v);
                }
            }
            return t;
        }
    }

    private static Varargs unpack(Varargs a, int limit, int offset, boolean withOffset) {
        LuaString s = a.checkstring(1);
        if (offset < 0 || limit < 0) {
            throw fail("Invalid request to unpack with offset of " + offset + " and limit of " + limit + ".");
        }
        if (offset > s.m_length) {
            throw fail("Start offset " + offset + " greater than input length " + s.m_length + ".");
        }
        Reader r = new Reader(s, offset);
        List<LuaValue> out = new ArrayList<>();
        if (withOffset) {
            out.add(LuaValue.NIL);
        }
        int count = 0;
        while (r.pos < r.end && (limit == 0 || count < limit)) {
            out.add(r.value());
            count++;
        }
        if (withOffset) {
            int next = r.pos - s.m_offset;
            out.set(0, LuaValue.valueOf(next >= s.m_length ? -1 : next));
        }
        return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
    }
}
