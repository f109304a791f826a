package io.ringstore.engine.script;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;

/**
 * Turns a command's reply (RESP2 or RESP3 bytes, as the host wrote them) into the Lua value
 * redis.call returns, with the rules of Redis 7.0's script_lua.c (redisProtocolToLuaType_*):
 * <pre>
 *   :n            number            $-1 / *-1       false
 *   $len bytes    string            *n ...          {v1, v2, ...} (a nil element leaves a hole)
 *   +text         {ok=text}         -CODE text      {err="CODE text", ignore_error_stats_update=true}
 *   %n k v ...    {map={k=v}}       ~n e ...        {set={e=true}}
 *   _             nil               #t / #f         true / false
 *   ,d            {double=d}        (digits         {big_number="digits"}
 *   =n fmt:text   {verbatim_string={format=fmt, string=text}}
 *   |n ...        attributes skipped, the reply after them is converted
 * </pre>
 * The bytes are trusted (written by the engine) and not validated. Owned by the runtime's thread.
 */
final class RespToLua {
    static final LuaString OK = LuaValue.valueOf("ok");
    static final LuaString ERR = LuaValue.valueOf("err");
    static final LuaString IGNORE_STATS = LuaValue.valueOf("ignore_error_stats_update");
    static final LuaString MAP = LuaValue.valueOf("map");
    static final LuaString SET = LuaValue.valueOf("set");
    static final LuaString DOUBLE = LuaValue.valueOf("double");
    static final LuaString BIG_NUMBER = LuaValue.valueOf("big_number");
    static final LuaString VERBATIM = LuaValue.valueOf("verbatim_string");
    static final LuaString FORMAT = LuaValue.valueOf("format");
    static final LuaString STRING = LuaValue.valueOf("string");

    private byte[] buf;
    private int pos;

    /** Converts the reply starting at offset 0 of {@code b}. */
    LuaValue convert(byte[] b, int len) {
        buf = b;
        pos = 0;
        LuaValue v = parse();
        buf = null;
        return v;
    }

    private LuaValue parse() {
        byte type = buf[pos++];
        switch (type) {
            case ':':
                return LuaValue.valueOf((double) readLong());
            case '$': {
                long n = readLong();
                if (n < 0) {
                    return LuaValue.FALSE;
                }
                LuaString s = LuaString.valueOf(buf, pos, (int) n);
                pos += (int) n + 2;
                return s;
            }
            case '+': {
                int end = lineEnd();
                LuaTable t = new LuaTable(0, 1);
                t.rawset(OK, LuaString.valueOf(buf, pos, end - pos));
                pos = end + 2;
                return t;
            }
            case '-': {
                int end = lineEnd();
                LuaTable t = errorTable(buf, pos - 1, end - pos + 1);
                t.rawset(IGNORE_STATS, LuaValue.TRUE);
                pos = end + 2;
                return t;
            }
            case '*': {
                long n = readLong();
                if (n < 0) {
                    return LuaValue.FALSE;
                }
                LuaTable t = new LuaTable((int) n, 0);
                for (int i = 1; i <= n; i++) {
                    t.rawset(i, parse());
                }
                return t;
            }
            case '%': {
                long n = readLong();
                LuaTable m = new LuaTable(0, (int) n);
                for (long i = 0; i < n; i++) {
                    LuaValue k = parse();
                    LuaValue v = parse();
                    if (!k.isnil()) {
                        m.rawset(k, v);
                    }
                }
                LuaTable t = new LuaTable(0, 1);
                t.rawset(MAP, m);
                return t;
            }
            case '~': {
                long n = readLong();
                LuaTable s = new LuaTable(0, (int) n);
                for (long i = 0; i < n; i++) {
                    LuaValue k = parse();
                    if (!k.isnil()) {
                        s.rawset(k, LuaValue.TRUE);
                    }
                }
                LuaTable t = new LuaTable(0, 1);
                t.rawset(SET, s);
                return t;
            }
            case '_':
                pos += 2;
                return LuaValue.NIL;
            case '#': {
                boolean b = buf[pos] == 't';
                pos += 3;
                return LuaValue.valueOf(b);
            }
            case ',': {
                int end = lineEnd();
                String text = new String(buf, pos, end - pos, StandardCharsets.US_ASCII);
                pos = end + 2;
                LuaTable t = new LuaTable(0, 1);
                t.rawset(DOUBLE, LuaValue.valueOf(parseDouble(text)));
                return t;
            }
            case '(': {
                int end = lineEnd();
                LuaTable t = new LuaTable(0, 1);
                t.rawset(BIG_NUMBER, LuaString.valueOf(buf, pos, end - pos));
                pos = end + 2;
                return t;
            }
            case '=': {
                long n = readLong();
                LuaTable v = new LuaTable(0, 2);
                v.rawset(STRING, LuaString.valueOf(buf, pos + 4, (int) n - 4));
                v.rawset(FORMAT, LuaString.valueOf(buf, pos, 3));
                pos += (int) n + 2;
                LuaTable t = new LuaTable(0, 1);
                t.rawset(VERBATIM, v);
                return t;
            }
            case '|': {
                long n = readLong();
                for (long i = 0; i < 2 * n; i++) {
                    parse();
                }
                return parse();
            }
            default:
                throw new IllegalStateException("unexpected reply type byte " + type + " at " + (pos - 1));
        }
    }

    /**
     * luaPushErrorBuff: "-CODE msg" becomes err="CODE msg"; text without a leading '-' or without a
     * space gets the code ERR. Trailing CR/LF are trimmed.
     */
    static LuaTable errorTable(byte[] b, int off, int len) {
        while (len > 0 && (b[off + len - 1] == '\r' || b[off + len - 1] == '\n')) {
            len--;
        }
        LuaString text;
        if (len > 0 && b[off] == '-') {
            int space = -1;
            for (int i = off + 1; i < off + len; i++) {
                if (b[i] == ' ') {
                    space = i;
                    break;
                }
            }
            if (space < 0) {
                text = concat(ERR_CODE, b, off + 1, len - 1);
            } else {
                int msgStart = space + 1;
                int msgLen = off + len - msgStart;
                while (msgLen > 0 && (b[msgStart] == '\r' || b[msgStart] == '\n')) {
                    msgStart++;
                    msgLen--;
                }
                byte[] out = new byte[space - off - 1 + 1 + msgLen];
                System.arraycopy(b, off + 1, out, 0, space - off - 1);
                out[space - off - 1] = ' ';
                System.arraycopy(b, msgStart, out, space - off, msgLen);
                text = LuaString.valueUsing(out);
            }
        } else {
            text = concat(ERR_CODE, b, off, len);
        }
        LuaTable t = new LuaTable(0, 2);
        t.rawset(ERR, text);
        return t;
    }

    static LuaTable errorTable(String message) {
        byte[] b = message.getBytes(StandardCharsets.ISO_8859_1);
        return errorTable(b, 0, b.length);
    }

    /** The code luaPushErrorBuff gives a text without one. */
    private static final byte[] ERR_CODE = {'E', 'R', 'R', ' '};

    private static LuaString concat(byte[] prefix, byte[] b, int off, int len) {
        byte[] out = new byte[prefix.length + len];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(b, off, out, prefix.length, len);
        return LuaString.valueUsing(out);
    }

    static double parseDouble(String text) {
        switch (text) {
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
            case "-nan":
                return Double.NaN;
            default:
                return Double.parseDouble(text);
        }
    }

    private int lineEnd() {
        int i = pos;
        while (buf[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Reads the decimal integer before CRLF: {@code :<here>123\r\n}, then steps over the CRLF. */
    private long readLong() {
        boolean neg = false;
        if (buf[pos] == '-') {
            neg = true;
            pos++;
        }
        long v = 0;
        while (buf[pos] != '\r') {
            v = v * 10 + (buf[pos++] - '0');
        }
        pos += 2;
        return neg ? -v : v;
    }
}
