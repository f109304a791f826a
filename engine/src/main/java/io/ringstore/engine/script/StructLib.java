package io.ringstore.engine.script;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Roberto Ierusalimschy's struct library as Redis bundles it (deps/lua/src/lua_struct.c):
 * pack(fmt, ...), unpack(fmt, s [, i]) (values, then the next position) and size(fmt). Formats:
 * {@code > < =} byte order (native = little), {@code b B h H l L T i[n] I[n]} integers (l, L and T
 * are 8 bytes), {@code f d} floats, {@code s} zero-terminated string, {@code c[n]} fixed string
 * (c0: the length is the previous value), {@code x} a zero byte, spaces ignored. The {@code !}
 * alignment option is parsed but not applied (every size aligns to 1). Stateless.
 */
final class StructLib {
    private static final int MAXINTSIZE = 32;

    private StructLib() {
    }

    static LuaTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("pack", RedisApi.fn("pack", StructLib::pack));
        t.rawset("unpack", RedisApi.fn("unpack", StructLib::unpack));
        t.rawset("size", RedisApi.fn("size", StructLib::size));
        return t;
    }

    private static RaisedError fail(String msg) {
        return new RaisedError(LuaValue.valueOf(msg), true);
    }

    /** One parsed option: the letter and its size (for i, I, c). */
    private static final class Fmt {
        final String f;
        int i;
        boolean little = true;

        Fmt(String f) {
            this.f = f;
        }

        boolean more() {
            return i < f.length();
        }

        int number(int dflt) {
            if (i >= f.length() || !Character.isDigit(f.charAt(i))) {
                return dflt;
            }
            int n = 0;
            while (i < f.length() && Character.isDigit(f.charAt(i))) {
                n = n * 10 + (f.charAt(i++) - '0');
            }
            return n;
        }

        /** optsize: the byte size of option c, or -1 for options without one. */
        int size(char c) {
            switch (c) {
                case 'B': case 'b': return 1;
                case 'H': case 'h': return 2;
                case 'L': case 'l': case 'T': return 8;
                case 'f': return 4;
                case 'd': return 8;
                case 'x': return 1;
                case 'c': return number(1);
                case 'i': case 'I': {
                    int sz = number(4);
                    if (sz > MAXINTSIZE) {
                        throw fail("integral size " + sz + " is larger than limit of " + MAXINTSIZE);
                    }
                    return sz;
                }
                default: return 0;
            }
        }

        boolean control(char c) {
            switch (c) {
                case ' ': return true;
                case '>': little = false; return true;
                case '<': case '=': little = true; return true;
                case '!': number(8); return true;
                default: return false;
            }
        }
    }

    private static void putInt(ByteArrayOutputStream out, long v, int size, boolean little) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[little ? i : size - 1 - i] = i < 8 ? (byte) (v >>> (8 * i)) : (byte) (v < 0 ? 0xFF : 0);
        }
        out.writeBytes(b);
    }

    private static Varargs pack(Varargs a) {
        Fmt fmt = new Fmt(a.checkjstring(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 2;
        while (fmt.more()) {
            char c = fmt.f.charAt(fmt.i++);
            if (fmt.control(c)) {
                continue;
            }
            int size = fmt.size(c);
            switch (c) {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
                    double n = a.checkdouble(arg++);
                    long v = n < 0 ? (long) n : (n >= 0x1p63 ? (long) (n - 0x1p64) : (long) n);
                    putInt(out, v, size, fmt.little);
                    break;
                }
                case 'x':
                    out.write(0);
                    break;
                case 'f': {
                    int bits = Float.floatToRawIntBits((float) a.checkdouble(arg++));
                    putInt(out, bits, 4, fmt.little);
                    break;
                }
                case 'd': {
                    long bits = Double.doubleToRawLongBits(a.checkdouble(arg++));
                    putInt(out, bits, 8, fmt.little);
                    break;
                }
                case 'c': case 's': {
                    LuaString s = a.checkstring(arg++);
                    int l = s.m_length;
                    if (c == 'c') {
                        if (size == 0) {
                            size = l;
                        }
                        if (l < size) {
                            throw fail("bad argument #" + (arg - 1) + " to 'pack' (string too short)");
                        }
                        out.write(s.m_bytes, s.m_offset, size);
                    } else {
                        out.write(s.m_bytes, s.m_offset, l);
                        out.write(0);
                    }
                    break;
                }
                default:
                    throw fail("invalid format option '" + c + "'");
            }
        }
        return LuaString.valueUsing(out.toByteArray());
    }

    private static Varargs unpack(Varargs a) {
        Fmt fmt = new Fmt(a.checkjstring(1));
        LuaString data = a.checkstring(2);
        int ld = data.m_length;
        int pos = a.optint(3, 1) - 1;
        if (pos < 0) {
            throw fail("bad argument #3 to 'unpack' (offset must be 1 or greater)");
        }
        List<LuaValue> out = new ArrayList<>();
        while (fmt.more()) {
            char c = fmt.f.charAt(fmt.i++);
            if (fmt.control(c)) {
                continue;
            }
            int size = fmt.size(c);
            if (c != 'c' && c != 's' && size > ld - pos) {
                throw fail("bad argument #2 to 'unpack' (data string too short)");
            }
            switch (c) {
                case 'b': case 'B': case 'h': case 'H': case 'l': case 'L': case 'T': case 'i': case 'I': {
                    long v = 0;
                    for (int i = 0; i < size && i < 8; i++) {
                        int idx = fmt.little ? pos + i : pos + size - 1 - i;
                        v |= (long) (data.m_bytes[data.m_offset + idx] & 0xFF) << (8 * i);
                    }
                    boolean signed = Character.isLowerCase(c);
                    if (signed && size < 8) {
                        int shift = 64 - 8 * size;
                        v = (v << shift) >> shift;
                    }
                    double d = (!signed && v < 0) ? (double) (v >>> 1) * 2 + (v & 1) : (double) v;
                    out.add(LuaValue.valueOf(d));
                    break;
                }
                case 'x':
                    break;
                case 'f': {
                    long v = 0;
                    for (int i = 0; i < 4; i++) {
                        int idx = fmt.little ? pos + i : pos + 3 - i;
                        v |= (long) (data.m_bytes[data.m_offset + idx] & 0xFF) << (8 * i);
                    }
                    out.add(LuaValue.valueOf(Float.intBitsToFloat((int) v)));
                    break;
                }
                case 'd': {
                    long v = 0;
                    for (int i = 0; i < 8; i++) {
                        int idx = fmt.little ? pos + i : pos + 7 - i;
                        v |= (long) (data.m_bytes[data.m_offset + idx] & 0xFF) << (8 * i);
                    }
                    out.add(LuaValue.valueOf(Double.longBitsToDouble(v)));
                    break;
                }
                case 'c': {
                    if (size == 0) {
                        if (out.isEmpty() || out.get(out.size() - 1).type() != LuaValue.TNUMBER) {
                            throw fail("format 'c0' needs a previous size");
                        }
                        size = (int) out.remove(out.size() - 1).todouble();
                    }
                    if (size > ld - pos) {
                        throw fail("bad argument #2 to 'unpack' (data string too short)");
                    }
                    out.add(LuaString.valueOf(data.m_bytes, data.m_offset + pos, size));
                    break;
                }
                case 's': {
                    int e = pos;
                    while (e < ld && data.m_bytes[data.m_offset + e] != 0) {
                        e++;
                    }
                    if (e >= ld) {
                        throw fail("unfinished string in data");
                    }
                    size = e - pos + 1;
                    out.add(LuaString.valueOf(data.m_bytes, data.m_offset + pos, e - pos));
                    break;
                }
                default:
                    throw fail("invalid format option '" + c + "'");
            }
            pos += size;
        }
        out.add(LuaValue.valueOf(pos + 1));
        return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
    }

    private static Varargs size(Varargs a) {
        Fmt fmt = new Fmt(a.checkjstring(1));
        int pos = 0;
        while (fmt.more()) {
            char c = fmt.f.charAt(fmt.i++);
            if (fmt.control(c)) {
                continue;
            }
            int size = fmt.size(c);
            if (c == 's' || (c == 'c' && size == 0)) {
                throw fail("options 'c0' - 's' have undefined sizes");
            }
            if (size == 0 && c != 'c') {
                throw fail("invalid format option '" + c + "'");
            }
            pos += size;
        }
        return LuaValue.valueOf(pos);
    }
}
