package io.ringstore.engine.script;

import io.ringstore.engine.reply.Errors;

import io.ringstore.engine.reply.ReplyBuffer;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.nio.charset.StandardCharsets;

/**
 * Writes a script's return value as the client's reply, with the rules of Redis 7.0's
 * luaReplyToRedisReply: string -> bulk; number -> integer (C truncation); true -> :1 and
 * false -> null (RESP2 script) or a RESP3 boolean (script called redis.setresp(3)); a table with a
 * string {@code err} -> error, {@code ok} -> status, number {@code double} -> double,
 * {@code big_number}, {@code verbatim_string}, table {@code map} / {@code set} -> map / set (arrays
 * when the client speaks RESP2), else the array part up to the first nil; anything else -> null.
 * The client's protocol is {@code out.resp()}. Owned by the runtime's thread.
 */
final class LuaToResp {
    private static final byte[] TRUE3 = "#t\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE3 = "#f\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = ":0\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Redis replies with this when the value nests deeper than the Lua C stack allows. */
    private static final int MAX_DEPTH = 7000;

    private LuaToResp() {
    }

    static void write(LuaValue v, int scriptResp, ReplyBuffer out) {
        write(v, scriptResp, out, 0);
    }

    private static void write(LuaValue v, int scriptResp, ReplyBuffer out, int depth) {
        if (depth > MAX_DEPTH) {
            out.error(Errors.LUA_STACK_LIMIT);
            return;
        }
        switch (v.type()) {
            case LuaValue.TSTRING: {
                LuaString s = (LuaString) v;
                out.bulk(s.m_bytes, s.m_offset, s.m_length);
                return;
            }
            case LuaValue.TBOOLEAN:
                if (scriptResp == 2) {
                    if (v.toboolean()) {
                        out.raw(ONE);
                    } else {
                        out.nullBulk();
                    }
                } else if (out.resp() == 3) {
                    out.raw(v.toboolean() ? TRUE3 : FALSE3);
                } else {
                    out.raw(v.toboolean() ? ONE : ZERO);
                }
                return;
            case LuaValue.TNUMBER:
                out.integer(NumberText.toLongLong(v.todouble()));
                return;
            case LuaValue.TTABLE:
                table((LuaTable) v, scriptResp, out, depth);
                return;
            default:
                out.nullBulk();
        }
    }

    private static void table(LuaTable t, int scriptResp, ReplyBuffer out, int depth) {
        LuaValue err = t.rawget(RespToLua.ERR);
        if (err.type() == LuaValue.TSTRING) {
            errorReply((LuaString) err, out);
            return;
        }
        LuaValue ok = t.rawget(RespToLua.OK);
        if (ok.type() == LuaValue.TSTRING) {
            line((byte) '+', (LuaString) ok, out);
            return;
        }
        LuaValue d = t.rawget(RespToLua.DOUBLE);
        if (d.type() == LuaValue.TNUMBER) {
            out.doubleText(NumberText.g(d.todouble(), 17));
            return;
        }
        LuaValue big = t.rawget(RespToLua.BIG_NUMBER);
        if (big.type() == LuaValue.TSTRING) {
            LuaString s = (LuaString) big;
            if (out.resp() == 3) {
                line((byte) '(', s, out);
            } else {
                out.bulk(mapCrlf(s));
            }
            return;
        }
        LuaValue verb = t.rawget(RespToLua.VERBATIM);
        if (verb.type() == LuaValue.TTABLE) {
            LuaValue format = verb.rawget(RespToLua.FORMAT);
            LuaValue str = verb.rawget(RespToLua.STRING);
            if (format.type() == LuaValue.TSTRING && str.type() == LuaValue.TSTRING) {
                verbatim((LuaString) format, (LuaString) str, out);
                return;
            }
        }
        LuaValue map = t.rawget(RespToLua.MAP);
        if (map.type() == LuaValue.TTABLE) {
            LuaTable m = (LuaTable) map;
            int n = 0;
            for (LuaValue k = next(m, LuaValue.NIL); !k.isnil(); k = next(m, k)) {
                n++;
            }
            out.map(n);
            LuaValue k = LuaValue.NIL;
            while (true) {
                Varargs e = m.next(k);
                k = e.arg1();
                if (k.isnil()) {
                    break;
                }
                write(k, scriptResp, out, depth + 1);
                write(e.arg(2), scriptResp, out, depth + 1);
            }
            return;
        }
        LuaValue set = t.rawget(RespToLua.SET);
        if (set.type() == LuaValue.TTABLE) {
            LuaTable s = (LuaTable) set;
            int n = 0;
            for (LuaValue k = next(s, LuaValue.NIL); !k.isnil(); k = next(s, k)) {
                n++;
            }
            out.set(n);
            for (LuaValue k = next(s, LuaValue.NIL); !k.isnil(); k = next(s, k)) {
                write(k, scriptResp, out, depth + 1);
            }
            return;
        }
        int n = 0;
        while (!t.rawget(n + 1).isnil()) {
            n++;
        }
        out.array(n);
        for (int i = 1; i <= n; i++) {
            write(t.rawget(i), scriptResp, out, depth + 1);
        }
    }

    private static LuaValue next(LuaTable t, LuaValue k) {
        return t.next(k).arg1();
    }

    /** An error reply from an {@code err} field: "-" + text, CR/LF mapped to spaces. */
    static void errorReply(LuaString err, ReplyBuffer out) {
        line((byte) '-', err, out);
    }

    private static void line(byte prefix, LuaString s, ReplyBuffer out) {
        byte[] b = new byte[s.m_length + 3];
        b[0] = prefix;
        for (int i = 0; i < s.m_length; i++) {
            byte c = s.m_bytes[s.m_offset + i];
            b[i + 1] = (c == '\r' || c == '\n') ? (byte) ' ' : c;
        }
        b[b.length - 2] = '\r';
        b[b.length - 1] = '\n';
        out.raw(b);
    }

    private static byte[] mapCrlf(LuaString s) {
        byte[] b = new byte[s.m_length];
        for (int i = 0; i < b.length; i++) {
            byte c = s.m_bytes[s.m_offset + i];
            b[i] = (c == '\r' || c == '\n') ? (byte) ' ' : c;
        }
        return b;
    }

    /** addReplyVerbatim: {@code =<len>\r\n<fmt 3 bytes>:<text>\r\n} in RESP3, a bulk string in RESP2. */
    private static void verbatim(LuaString format, LuaString str, ReplyBuffer out) {
        if (out.resp() != 3) {
            out.bulk(str.m_bytes, str.m_offset, str.m_length);
            return;
        }
        String head = "=" + (str.m_length + 4) + "\r\n";
        byte[] b = new byte[head.length() + 4 + str.m_length + 2];
        int at = 0;
        for (int i = 0; i < head.length(); i++) {
            b[at++] = (byte) head.charAt(i);
        }
        for (int i = 0; i < 3; i++) {
            b[at++] = i < format.m_length ? format.m_bytes[format.m_offset + i] : 0;
        }
        b[at++] = ':';
        System.arraycopy(str.m_bytes, str.m_offset, b, at, str.m_length);
        at += str.m_length;
        b[at++] = '\r';
        b[at] = '\n';
        out.raw(b);
    }
}
