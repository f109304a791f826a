package io.ringstore.engine.script;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Turns a caught LuaJ error back into what Lua 5.1 inside Redis would have seen. LuaJ records
 * where an error happened as a "fileline" prefix of the message ("@user_script:3 ") set by the
 * innermost Lua function it passed through (the runtime's DebugLib returns an empty traceback, so
 * the message is {@code fileline + " " + text + "\n"}); from it come the Lua 5.1 position prefix
 * ("user_script:3: ") and the {@code source}/{@code line} that Redis's error handler adds. Stateless.
 */
final class LuaErrors {
    private LuaErrors() {
    }

    /** Where an error happened and the value Lua 5.1 code would have caught. */
    static final class Caught {
        /** "@user_script" style source, or null when unknown. */
        final String source;
        final int line;
        final LuaValue value;

        Caught(String source, int line, LuaValue value) {
            this.source = source;
            this.line = line;
            this.value = value;
        }
    }

    static Caught of(LuaError e) {
        return of(e, null, -1);
    }

    /** As {@link #of(LuaError)}, with the position to assume when LuaJ recorded none. */
    static Caught of(LuaError e, String fallbackSource, int fallbackLine) {
        String msg = e.getMessage();
        String source = null;
        int line = -1;
        String rest = msg == null ? "" : msg;
        if (msg != null) {
            int space = msg.indexOf(' ');
            int colon = space > 0 ? msg.lastIndexOf(':', space) : -1;
            if (colon > 0 && (msg.charAt(0) == '@' || msg.charAt(0) == '=' || msg.startsWith("user_"))) {
                String num = msg.substring(colon + 1, space);
                if (!num.isEmpty() && num.chars().allMatch(Character::isDigit)) {
                    source = msg.substring(0, colon);
                    line = Integer.parseInt(num);
                    rest = msg.substring(space + 1);
                }
            }
        }
        if (source == null && fallbackSource != null) {
            source = fallbackSource;
            line = fallbackLine;
        }
        if (rest.endsWith("\n")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        LuaValue value;
        if (e instanceof RaisedError) {
            RaisedError r = (RaisedError) e;
            value = r.value;
            if (r.positioned && source != null && (value.type() == LuaValue.TSTRING || value.type() == LuaValue.TNUMBER)) {
                value = prefix(source, line, value.checkstring());
            }
        } else {
            LuaString text = LuaString.valueOf(rest);
            value = source != null ? prefix(source, line, text) : text;
        }
        return new Caught(source, line, value);
    }

    /** luaL_where: "user_script:3: " before the message (chunk names as luaO_chunkid shows them). */
    private static LuaValue prefix(String source, int line, LuaString text) {
        return LuaValue.valueOf(shortSource(source) + ":" + line + ": ").concat(text);
    }

    static String shortSource(String source) {
        if (source.startsWith("@") || source.startsWith("=")) {
            return source.substring(1);
        }
        String first = source;
        int nl = first.indexOf('\n');
        boolean cut = nl >= 0;
        if (cut) {
            first = first.substring(0, nl);
        }
        int max = 60 - 15;
        if (first.length() > max) {
            first = first.substring(0, max);
            cut = true;
        }
        return "[string \"" + first + (cut ? "...\"]" : "\"]");
    }

    /**
     * The error handler of Redis 7.0 (eval.c / function_lua.c) and luaCallFunction's reply: a table
     * error keeps its {@code err}, anything else becomes "ERR " .. tostring(err); then
     * " script: <name>, on <source>:<line>." when the position is known.
     */
    static String replyText(Caught c, String name) {
        String msg;
        if (c.value.istable()) {
            LuaValue err = c.value.rawget(RespToLua.ERR);
            msg = err.isstring() ? latin1(err.checkstring()) : "(null)";
        } else {
            msg = "ERR " + latin1(Sandbox.tostring(c.value));
        }
        if (c.source != null) {
            return msg + " script: " + name + ", on " + c.source + ":" + c.line + ".";
        }
        return msg;
    }

    /** The message as FUNCTION LOAD reports a failure while registering (luaExtractErrorInformation). */
    static String loadText(Caught c) {
        if (c.value.istable()) {
            LuaValue err = c.value.rawget(RespToLua.ERR);
            return err.isstring() ? latin1(err.checkstring()) : "(null)";
        }
        return "ERR " + latin1(Sandbox.tostring(c.value));
    }

    static String latin1(LuaString s) {
        return new String(s.m_bytes, s.m_offset, s.m_length, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static LuaString latin1(LuaValue v) {
        return v.checkstring();
    }

    /** A Redis-style error table raised from Java (non-positioned). */
    static RaisedError table(String message) {
        LuaTable t = RespToLua.errorTable(message);
        return new RaisedError(t, false);
    }
}
