package io.ringstore.engine.script;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.io.ByteArrayOutputStream;

/**
 * lua-cjson 2.1.0 as Redis bundles it (deps/lua/src/lua_cjson.c), default configuration: numbers
 * encoded with %.14g, NaN/Inf refused, "/" escaped, sparse arrays converted up to ratio 2 / safe
 * 10 and refused beyond, nesting limited to 1000; decode maps null to {@link #NULL}, arrays and
 * objects to tables, with lua-cjson's error texts ("Expected value but found T_END at character
 * 1"). The cfg functions (encode_keep_buffer, encode_max_depth, ...) are accepted and return the
 * defaults. Object key order follows LuaJ's table iteration. Stateless; any thread.
 */
final class CjsonLib {
    /** cjson.null: a light userdata NULL in Redis. */
    static final LuaUserdata NULL;
    private static final int MAX_DEPTH = 1000;

    static {
        NULL = new LuaUserdata(new Object());
        LuaTable meta = new LuaTable();
        meta.rawset("__tostring", RedisApi.fn("__tostring", a -> LuaValue.valueOf("userdata: (nil)")));
        NULL.setmetatable(meta);
    }

    private CjsonLib() {
    }

    static LuaTable create() {
        ReadOnlyTable t = new ReadOnlyTable();
        t.rawset("encode", RedisApi.fn("encode", a -> {
            if (a.narg() != 1) {
                throw new RaisedError(LuaValue.valueOf("bad argument #1 to 'encode' (expected 1 argument)"), true);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encode(a.arg1(), out, 0);
            return LuaString.valueUsing(out.toByteArray());
        }));
        t.rawset("decode", RedisApi.fn("decode", a -> {
            if (a.narg() != 1) {
                throw new RaisedError(LuaValue.valueOf("bad argument #1 to 'decode' (expected 1 argument)"), true);
            }
            LuaString s = a.checkstring(1);
            return new Decoder(s).decodeAll();
        }));
        t.rawset("null", NULL);
        t.rawset("_NAME", LuaValue.valueOf("cjson"));
        t.rawset("_VERSION", LuaValue.valueOf("2.1.0"));
        t.rawset("encode_sparse_array", cfg(LuaValue.FALSE, LuaValue.valueOf(2), LuaValue.valueOf(10)));
        t.rawset("encode_max_depth", cfg(LuaValue.valueOf(MAX_DEPTH)));
        t.rawset("decode_max_depth", cfg(LuaValue.valueOf(MAX_DEPTH)));
        t.rawset("encode_number_precision", cfg(LuaValue.valueOf(14)));
        t.rawset("encode_keep_buffer", cfg(LuaValue.TRUE));
        t.rawset("encode_invalid_numbers", cfg(LuaValue.FALSE));
        t.rawset("decode_invalid_numbers", cfg(LuaValue.TRUE));
        t.rawset("new", RedisApi.fn("new", a -> create()));
        return t;
    }

    private static LuaValue cfg(LuaValue... values) {
        return RedisApi.fn("cfg", a -> LuaValue.varargsOf(values));
    }

    private static RaisedError fail(String msg) {
        return new RaisedError(LuaValue.valueOf(msg), true);
    }

    private static void encode(LuaValue v, ByteArrayOutputStream out, int depth) {
        switch (v.type()) {
            case LuaValue.TSTRING:
                string((LuaString) v, out);
                return;
            case LuaValue.TNUMBER: {
                double d = v.todouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw fail("Cannot serialise number: must not be NaN or Inf");
                }
                out.writeBytes(NumberText.g(d, 14).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return;
            }
            case LuaValue.TBOOLEAN:
                out.writeBytes((v.toboolean() ? "true" : "false").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return;
            case LuaValue.TNIL:
                out.writeBytes(new byte[] {'n', 'u', 'l', 'l'});
                return;
            case LuaValue.TUSERDATA:
                if (v == NULL) {
                    out.writeBytes(new byte[] {'n', 'u', 'l', 'l'});
                    return;
                }
                throw fail("Cannot serialise userdata: type not supported");
            case LuaValue.TTABLE:
                table((LuaTable) v, out, depth + 1);
                return;
            default:
                throw fail("Cannot serialise " + v.typename() + ": type not supported");
        }
    }

    private static void table(LuaTable t, ByteArrayOutputStream out, int depth) {
        if (depth > MAX_DEPTH) {
            throw fail("Cannot serialise, excessive nesting (" + depth + ")");
        }
        double max = 0;
        int items = 0;
        boolean object = false;
        LuaValue k = LuaValue.NIL;
        while (true) {
            Varargs e = t.next(k);
            k = e.arg1();
            if (k.isnil()) {
                break;
            }
            if (k.type() == LuaValue.TNUMBER) {
                double d = k.todouble();
                if (Math.floor(d) == d && d >= 1) {
                    if (d > max) {
                        max = d;
                    }
                    items++;
                    continue;
                }
            }
            object = true;
            break;
        }
        if (!object && max > items * 2 && max > 10) {
            throw fail("Cannot serialise table: excessively sparse array");
        }
        if (!object && max > 0) {
            out.write('[');
            for (int i = 1; i <= (int) max; i++) {
                if (i > 1) {
                    out.write(',');
                }
                encode(t.rawget(i), out, depth);
            }
            out.write(']');
            return;
        }
        out.write('{');
        boolean first = true;
        k = LuaValue.NIL;
        while (true) {
            Varargs e = t.next(k);
            k = e.arg1();
            if (k.isnil()) {
                break;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            if (k.type() == LuaValue.TSTRING) {
                string((LuaString) k, out);
            } else if (k.type() == LuaValue.TNUMBER) {
                out.write('"');
                out.writeBytes(NumberText.g(k.todouble(), 14).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write('"');
            } else {
                throw fail("Cannot serialise table: table key must be a number or string");
            }
            out.write(':');
            encode(e.arg(2), out, depth);
        }
        out.write('}');
    }

    private static void string(LuaString s, ByteArrayOutputStream out) {
        out.write('"');
        for (int i = 0; i < s.m_length; i++) {
            int c = s.m_bytes[s.m_offset + i] & 0xFF;
            switch (c) {
                case '"': out.write('\\'); out.write('"'); break;
                case '\\': out.write('\\'); out.write('\\'); break;
                case '/': out.write('\\'); out.write('/'); break;
                case '\b': out.write('\\'); out.write('b'); break;
                case '\f': out.write('\\'); out.write('f'); break;
                case '\n': out.write('\\'); out.write('n'); break;
                case '\r': out.write('\\'); out.write('r'); break;
                case '\t': out.write('\\'); out.write('t'); break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.writeBytes(String.format("\\u%04x", c).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } else {
                        out.write(c);
                    }
            }
        }
        out.write('"');
    }

    /** A recursive-descent decoder with lua-cjson's token names in its errors. */
    private static final class Decoder {
        private final byte[] b;
        private final int start;
        private final int end;
        private int pos;
        private int depth;

        Decoder(LuaString s) {
            b = s.m_bytes;
            start = s.m_offset;
            end = s.m_offset + s.m_length;
            pos = start;
        }

        LuaValue decodeAll() {
            LuaValue v = value();
            skipWs();
            if (pos < end) {
                throw expected("the end", tokenName(), pos);
            }
            return v;
        }

        private RaisedError expected(String what, String found, int at) {
            return fail("Expected " + what + " but found " + found + " at character " + (at - start + 1));
        }

        private void skipWs() {
            while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\n' || b[pos] == '\r')) {
                pos++;
            }
        }

        /** The name lua-cjson gives the token at pos (without consuming it). */
        private String tokenName() {
            if (pos >= end) {
                return "T_END";
            }
            switch (b[pos]) {
                case '{': return "T_OBJ_BEGIN";
                case '}': return "T_OBJ_END";
                case '[': return "T_ARR_BEGIN";
                case ']': return "T_ARR_END";
                case ':': return "T_COLON";
                case ',': return "T_COMMA";
                case '"': return "T_STRING";
                case 't': return match("true") ? "T_BOOLEAN" : "invalid token";
                case 'f': return match("false") ? "T_BOOLEAN" : "invalid token";
                case 'n': return match("null") ? "T_NULL" : "invalid token";
                default:
                    return (b[pos] == '-' || (b[pos] >= '0' && b[pos] <= '9')) ? "T_NUMBER" : "invalid token";
            }
        }

        private boolean match(String word) {
            if (end - pos < word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (b[pos + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private LuaValue value() {
            skipWs();
            if (pos >= end) {
                throw expected("value", "T_END", pos);
            }
            byte c = b[pos];
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return str();
                case 't':
                    if (match("true")) {
                        pos += 4;
                        return LuaValue.TRUE;
                    }
                    break;
                case 'f':
                    if (match("false")) {
                        pos += 5;
                        return LuaValue.FALSE;
                    }
                    break;
                case 'n':
                    if (match("null")) {
                        pos += 4;
                        return NULL;
                    }
                    break;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
            }
            throw expected("value", tokenName(), pos);
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw fail("Found too many nested data structures (" + depth + ") at character " + (pos - start + 1));
            }
        }

        private LuaValue object() {
            enter();
            pos++;
            LuaTable t = new LuaTable();
            skipWs();
            if (pos < end && b[pos] == '}') {
                pos++;
                depth--;
                return t;
            }
            while (true) {
                skipWs();
                if (pos >= end || b[pos] != '"') {
                    throw expected("object key string", tokenName(), pos);
                }
                LuaValue k = str();
                skipWs();
                if (pos >= end || b[pos] != ':') {
                    throw expected("colon", tokenName(), pos);
                }
                pos++;
                t.rawset(k, value());
                skipWs();
                if (pos < end && b[pos] == '}') {
                    pos++;
                    depth--;
                    return t;
                }
                if (pos >= end || b[pos] != ',') {
                    throw expected("comma or object end", tokenName(), pos);
                }
                pos++;
            }
        }

        private LuaValue array() {
            enter();
            pos++;
            LuaTable t = new LuaTable();
            skipWs();
            if (pos < end && b[pos] == ']') {
                pos++;
                depth--;
                return t;
            }
            for (int i = 1; ; i++) {
                t.rawset(i, value());
                skipWs();
                if (pos < end && b[pos] == ']') {
                    pos++;
                    depth--;
                    return t;
                }
                if (pos >= end || b[pos] != ',') {
                    throw expected("comma or array end", tokenName(), pos);
                }
                pos++;
            }
        }

        private LuaValue number() {
            int s = pos;
            while (pos < end && "+-0123456789.eE".indexOf(b[pos]) >= 0) {
                pos++;
            }
            try {
                return LuaValue.valueOf(Double.parseDouble(new String(b, s, pos - s, java.nio.charset.StandardCharsets.US_ASCII)));
            } catch (NumberFormatException e) {
                pos = s;
                throw expected("value", "invalid number", s);
            }
        }

        private LuaValue str() {
            int at = pos;
            pos++;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (true) {
                if (pos >= end) {
                    throw expected("value", "unexpected end of string", at);
                }
                int c = b[pos++] & 0xFF;
                if (c == '"') {
                    return LuaString.valueUsing(out.toByteArray());
                }
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                if (pos >= end) {
                    throw expected("value", "invalid escape code", at);
                }
                int e = b[pos++];
                switch (e) {
                    case '"': case '\\': case '/': out.write(e); break;
                    case 'b': out.write('\b'); break;
                    case 'f': out.write('\f'); break;
                    case 'n': out.write('\n'); break;
                    case 'r': out.write('\r'); break;
                    case 't': out.write('\t'); break;
                    case 'u': {
                        int cp = hex4(at);
                        if (cp >= 0xD800 && cp <= 0xDBFF && pos + 1 < end && b[pos] == '\\' && b[pos + 1] == 'u') {
                            pos += 2;
                            int lo = hex4(at);
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        }
                        out.writeBytes(new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        break;
                    }
                    default:
                        throw expected("value", "invalid escape code", at);
                }
            }
        }

        private int hex4(int at) {
            if (end - pos < 4) {
                throw expected("value", "invalid unicode escape code", at);
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(b[pos++], 16);
                if (d < 0) {
                    throw expected("value", "invalid unicode escape code", at);
                }
                v = v * 16 + d;
            }
            return v;
        }
    }
}
