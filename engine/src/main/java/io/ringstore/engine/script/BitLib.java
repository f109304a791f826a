package io.ringstore.engine.script;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * LuaBitOp 1.0.2 as Redis bundles it (deps/lua/src/lua_bit.c): every result is a signed 32-bit
 * number; arguments are normalised as LuaBitOp does for doubles (add 2^52+2^51 and keep the low
 * 32 bits, i.e. round to nearest even and wrap). tohex(x [, n]) prints n hex digits (negative n:
 * upper case). Stateless.
 */
final class BitLib {
    private BitLib() {
    }

    static LuaTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("tobit", RedisApi.fn("tobit", a -> v(arg(a, 1, "tobit"))));
        t.rawset("bnot", RedisApi.fn("bnot", a -> v(~arg(a, 1, "bnot"))));
        t.rawset("band", RedisApi.fn("band", a -> {
            int r = arg(a, 1, "band");
            for (int i = 2; i <= a.narg(); i++) {
                r &= arg(a, i, "band");
            }
            return v(r);
        }));
        t.rawset("bor", RedisApi.fn("bor", a -> {
            int r = arg(a, 1, "bor");
            for (int i = 2; i <= a.narg(); i++) {
                r |= arg(a, i, "bor");
            }
            return v(r);
        }));
        t.rawset("bxor", RedisApi.fn("bxor", a -> {
            int r = arg(a, 1, "bxor");
            for (int i = 2; i <= a.narg(); i++) {
                r ^= arg(a, i, "bxor");
            }
            return v(r);
        }));
        t.rawset("lshift", RedisApi.fn("lshift", a -> v(arg(a, 1, "lshift") << (arg(a, 2, "lshift") & 31))));
        t.rawset("rshift", RedisApi.fn("rshift", a -> v(arg(a, 1, "rshift") >>> (arg(a, 2, "rshift") & 31))));
        t.rawset("arshift", RedisApi.fn("arshift", a -> v(arg(a, 1, "arshift") >> (arg(a, 2, "arshift") & 31))));
        t.rawset("rol", RedisApi.fn("rol", a -> v(Integer.rotateLeft(arg(a, 1, "rol"), arg(a, 2, "rol") & 31))));
        t.rawset("ror", RedisApi.fn("ror", a -> v(Integer.rotateRight(arg(a, 1, "ror"), arg(a, 2, "ror") & 31))));
        t.rawset("bswap", RedisApi.fn("bswap", a -> v(Integer.reverseBytes(arg(a, 1, "bswap")))));
        t.rawset("tohex", RedisApi.fn("tohex", BitLib::tohex));
        return t;
    }

    private static LuaValue v(int x) {
        return LuaValue.valueOf(x);
    }

    /** barg: luaL_checknumber, then the 2^52+2^51 trick (round half even, wrap to 32 bits). */
    static int arg(Varargs a, int i, String fname) {
        LuaValue n = a.arg(i).tonumber();
        if (n.isnil()) {
            throw new RaisedError(LuaValue.valueOf("bad argument #" + i + " to '" + fname + "' (number expected, got "
                    + (a.arg(i).isnil() ? "no value" : a.arg(i).typename()) + ")"), true);
        }
        double d = n.todouble() + 6755399441055744.0;
        return (int) Double.doubleToRawLongBits(d);
    }

    private static Varargs tohex(Varargs a) {
        int b = arg(a, 1, "tohex");
        int n = a.isnoneornil(2) ? 8 : arg(a, 2, "tohex");
        String digits = "0123456789abcdef";
        if (n < 0) {
            n = -n;
            digits = "0123456789ABCDEF";
        }
        if (n > 8) {
            n = 8;
        }
        char[] buf = new char[n];
        for (int i = n - 1; i >= 0; i--) {
            buf[i] = digits.charAt(b & 15);
            b >>= 4;
        }
        return LuaValue.valueOf(new String(buf));
    }
}
