package io.ringstore.engine.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * RESP replies for tests, in one place: builders for the expected wire text, a parser that turns a
 * reply into a small tree of {@link Reply} nodes, and assertions over both.
 *
 * <p>Text here is the wire form as {@code EmbeddedEngine.call} returns it: one char per byte
 * (ISO-8859-1), so any byte survives. Builders take Java strings and write their UTF-8 bytes. The
 * parser reads RESP2 and the RESP3 types Redis 7 sends (null, double, boolean, big number, verbatim
 * string, blob error, map, set, push); it rejects attributes, streamed aggregates and anything
 * malformed or incomplete with an {@link IllegalArgumentException} that names the byte offset.
 * Stateless; any thread.
 */
public final class Resp {
    public static final String OK = "+OK\r\n";
    /** RESP2 null bulk string. */
    public static final String NULL = "$-1\r\n";
    /** RESP2 null array. */
    public static final String NULL_ARRAY = "*-1\r\n";
    /** RESP3 null. */
    public static final String NULL3 = "_\r\n";
    /** The empty array (an empty bulk string is {@link #EMPTY_BULK}). */
    public static final String EMPTY = "*0\r\n";
    public static final String EMPTY_BULK = "$0\r\n\r\n";
    public static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    public static final String SYNTAX = "-ERR syntax error\r\n";
    public static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";

    private static final int MAX_DEPTH = 64;

    private Resp() {
    }

    // ---------------------------------------------------------------- builders: expected wire text

    public static String simple(String s) {
        return "+" + latin1(s) + "\r\n";
    }

    /** An error reply; {@code message} includes its code ("ERR syntax error"). */
    public static String error(String message) {
        return "-" + latin1(message) + "\r\n";
    }

    /** An integer reply. */
    public static String num(long v) {
        return ":" + v + "\r\n";
    }

    /** A bulk string holding the UTF-8 bytes of {@code s}. */
    public static String bulk(String s) {
        String b = latin1(s);
        return "$" + b.length() + "\r\n" + b + "\r\n";
    }

    /** An array of already-encoded frames (nest freely: {@code array(bulk("a"), arr("b", "c"))}). */
    public static String array(String... frames) {
        return aggregate('*', frames.length, frames);
    }

    /** An array of bulk strings. */
    public static String arr(String... items) {
        String[] frames = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            frames[i] = bulk(items[i]);
        }
        return array(frames);
    }

    /** An array of integers. */
    public static String ints(long... values) {
        String[] frames = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            frames[i] = num(values[i]);
        }
        return array(frames);
    }

    /** A RESP3 map of already-encoded frames: key, value, key, value... */
    public static String map(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a map needs an even number of frames: " + keysAndValues.length);
        }
        return aggregate('%', keysAndValues.length / 2, keysAndValues);
    }

    /** A RESP3 set of already-encoded frames. */
    public static String set(String... frames) {
        return aggregate('~', frames.length, frames);
    }

    /** A RESP3 push frame of already-encoded frames. */
    public static String push(String... frames) {
        return aggregate('>', frames.length, frames);
    }

    /** A RESP3 double, text as given ("1.5", "inf", "-inf", "nan"). */
    public static String doubleText(String text) {
        return "," + text + "\r\n";
    }

    /** A RESP3 boolean. */
    public static String bool(boolean v) {
        return v ? "#t\r\n" : "#f\r\n";
    }

    /** A RESP3 big number. */
    public static String bigNumber(String digits) {
        return "(" + digits + "\r\n";
    }

    /** A RESP3 verbatim string of format "txt". */
    public static String verbatim(String text) {
        String b = latin1(text);
        return "=" + (b.length() + 4) + "\r\ntxt:" + b + "\r\n";
    }

    /** A RESP3 blob error. */
    public static String blobError(String message) {
        String b = latin1(message);
        return "!" + b.length() + "\r\n" + b + "\r\n";
    }

    private static String aggregate(char type, int count, String[] frames) {
        StringBuilder sb = new StringBuilder().append(type).append(count).append("\r\n");
        for (String f : frames) {
            sb.append(f);
        }
        return sb.toString();
    }

    /** The UTF-8 bytes of {@code s}, one char per byte. */
    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    // ---------------------------------------------------------------- the tree

    /** What a frame is; {@link Reply#type()} keeps the wire byte (a NULL is '$', '*' or '_'). */
    public enum Kind {
        SIMPLE, ERROR, INTEGER, BULK, NULL, ARRAY, MAP, SET, PUSH, DOUBLE, BOOLEAN, BIG_NUMBER, VERBATIM, BLOB_ERROR
    }

    /**
     * One parsed frame. Strings hold one char per byte (see {@link #utf8()}); a MAP's items are its
     * keys and values in wire order (k1, v1, k2, v2...). Immutable; equal when the wire forms are.
     */
    public static final class Reply {
        private final Kind kind;
        private final char type;
        private final String text;
        private final long integer;
        private final String format;
        private final List<Reply> items;

        private Reply(Kind kind, char type, String text, long integer, String format, List<Reply> items) {
            this.kind = kind;
            this.type = type;
            this.text = text;
            this.integer = integer;
            this.format = format;
            this.items = items;
        }

        public Kind kind() {
            return kind;
        }

        /** The wire type byte: '+', '-', ':', '$', '*', '_', '%', '~', '>', ',', '#', '(', '=', '!'. */
        public char type() {
            return type;
        }

        public boolean isNull() {
            return kind == Kind.NULL;
        }

        public boolean isError() {
            return kind == Kind.ERROR || kind == Kind.BLOB_ERROR;
        }

        /**
         * The payload of a simple string, error, bulk, double, big number, verbatim string (without
         * its "txt:") or blob error, one char per byte; null for a NULL.
         */
        public String text() {
            if (kind == Kind.NULL) {
                return null;
            }
            if (text == null) {
                throw new IllegalStateException(kind + " has no text: " + this);
            }
            return text;
        }

        /** {@link #text()} decoded as UTF-8. */
        public String utf8() {
            String t = text();
            return t == null ? null : new String(t.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }

        public long integer() {
            if (kind != Kind.INTEGER) {
                throw new IllegalStateException("not an integer: " + this);
            }
            return integer;
        }

        public boolean bool() {
            if (kind != Kind.BOOLEAN) {
                throw new IllegalStateException("not a boolean: " + this);
            }
            return integer != 0;
        }

        /** A verbatim string's format ("txt", "mkd"). */
        public String format() {
            if (kind != Kind.VERBATIM) {
                throw new IllegalStateException("not a verbatim string: " + this);
            }
            return format;
        }

        /** The items of an array, set, push or map (keys and values in turn). */
        public List<Reply> items() {
            if (items == null) {
                throw new IllegalStateException(kind + " is not an aggregate: " + this);
            }
            return items;
        }

        public int size() {
            return items().size();
        }

        public Reply get(int i) {
            return items().get(i);
        }

        /** The {@link #text()} of every item, in order (null for a NULL item). */
        public List<String> strings() {
            List<String> out = new ArrayList<>(size());
            for (Reply r : items) {
                out.add(r.text());
            }
            return out;
        }

        /** A map, or an array of key/value pairs (RESP2's form of one), keyed by the keys' text. */
        public Map<String, Reply> asMap() {
            if (items == null || items.size() % 2 != 0) {
                throw new IllegalStateException("not a map or a flat array of pairs: " + this);
            }
            Map<String, Reply> out = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i += 2) {
                out.put(items.get(i).text(), items.get(i + 1));
            }
            return out;
        }

        /**
         * Plain Java values, for comparing with {@code List.of(...)}: texts as String, integers as
         * Long, booleans as Boolean, NULL as null, aggregates (a map flattened) as lists.
         */
        public Object plain() {
            switch (kind) {
                case NULL:
                    return null;
                case INTEGER:
                    return integer;
                case BOOLEAN:
                    return integer != 0;
                case ARRAY: case MAP: case SET: case PUSH: {
                    List<Object> out = new ArrayList<>(items.size());
                    for (Reply r : items) {
                        out.add(r.plain());
                    }
                    return out;
                }
                default:
                    return text;
            }
        }

        /** The wire text of this frame. */
        public String encode() {
            StringBuilder sb = new StringBuilder();
            encode(sb);
            return sb.toString();
        }

        private void encode(StringBuilder sb) {
            switch (kind) {
                case NULL:
                    sb.append(type == '_' ? "_" : type + "-1").append("\r\n");
                    return;
                case INTEGER:
                    sb.append(':').append(integer).append("\r\n");
                    return;
                case BOOLEAN:
                    sb.append('#').append(integer != 0 ? 't' : 'f').append("\r\n");
                    return;
                case BULK: case BLOB_ERROR:
                    sb.append(type).append(text.length()).append("\r\n").append(text).append("\r\n");
                    return;
                case VERBATIM:
                    sb.append('=').append(text.length() + 4).append("\r\n").append(format).append(':').append(text)
                            .append("\r\n");
                    return;
                case ARRAY: case SET: case PUSH: case MAP:
                    sb.append(type).append(kind == Kind.MAP ? items.size() / 2 : items.size()).append("\r\n");
                    for (Reply r : items) {
                        r.encode(sb);
                    }
                    return;
                default:
                    sb.append(type).append(text).append("\r\n");
            }
        }

        /** A one-line readable form: {@code ["a", :1, (nil), {"k": #t}]}. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            describe(sb);
            return sb.toString();
        }

        private void describe(StringBuilder sb) {
            switch (kind) {
                case NULL:
                    sb.append(type == '$' ? "(nil)" : type == '*' ? "(nil array)" : "(null)");
                    return;
                case INTEGER:
                    sb.append(':').append(integer);
                    return;
                case BOOLEAN:
                    sb.append(integer != 0 ? "#t" : "#f");
                    return;
                case BULK:
                    quote(sb, text);
                    return;
                case VERBATIM:
                    sb.append('=').append(format).append(':');
                    quote(sb, text);
                    return;
                case BLOB_ERROR:
                    sb.append('!');
                    quote(sb, text);
                    return;
                case MAP:
                    sb.append('{');
                    for (int i = 0; i < items.size(); i += 2) {
                        sb.append(i == 0 ? "" : ", ");
                        items.get(i).describe(sb);
                        sb.append(": ");
                        items.get(i + 1).describe(sb);
                    }
                    sb.append('}');
                    return;
                case ARRAY: case SET: case PUSH:
                    sb.append(kind == Kind.SET ? "~[" : kind == Kind.PUSH ? ">[" : "[");
                    for (int i = 0; i < items.size(); i++) {
                        sb.append(i == 0 ? "" : ", ");
                        items.get(i).describe(sb);
                    }
                    sb.append(']');
                    return;
                default:
                    sb.append(type).append(text);
            }
        }

        private static void quote(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c == '\r') {
                    sb.append("\\r");
                } else if (c == '\n') {
                    sb.append("\\n");
                } else if (c < 0x20 || c >= 0x7f) {
                    sb.append(String.format("\\x%02x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Reply)) {
                return false;
            }
            Reply r = (Reply) o;
            return kind == r.kind && type == r.type && integer == r.integer && Objects.equals(text, r.text)
                    && Objects.equals(format, r.format) && Objects.equals(items, r.items);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, type, text, integer, format, items);
        }
    }

    // ---------------------------------------------------------------- the parser

    /** Parses exactly one frame; anything malformed, incomplete or followed by more bytes is rejected. */
    public static Reply parse(byte[] bytes) {
        Parser p = new Parser(bytes);
        Reply r = p.frame(0);
        if (p.pos != bytes.length) {
            throw p.malformed("trailing bytes after the frame");
        }
        return r;
    }

    /** {@link #parse(byte[])} over wire text (one char per byte). */
    public static Reply parse(String text) {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Every frame of {@code text}, back to back (a pipeline's replies); none for "". */
    public static List<Reply> parseAll(String text) {
        Parser p = new Parser(text.getBytes(StandardCharsets.ISO_8859_1));
        List<Reply> out = new ArrayList<>();
        while (p.pos < p.b.length) {
            out.add(p.frame(0));
        }
        return out;
    }

    /** Reads frames from a byte array. Owned by the calling thread. */
    private static final class Parser {
        final byte[] b;
        int pos;

        Parser(byte[] b) {
            this.b = b;
        }

        Reply frame(int depth) {
            if (depth > MAX_DEPTH) {
                throw malformed("nested deeper than " + MAX_DEPTH);
            }
            if (pos >= b.length) {
                throw malformed("incomplete: expected a frame");
            }
            int at = pos;
            char type = (char) b[pos++];
            switch (type) {
                case '+':
                    return new Reply(Kind.SIMPLE, type, line(), 0, null, null);
                case '-':
                    return new Reply(Kind.ERROR, type, line(), 0, null, null);
                case ':':
                    return new Reply(Kind.INTEGER, type, null, number(line(), at), null, null);
                case '(': {
                    String digits = line();
                    if (!digits.matches("-?[0-9]+")) {
                        throw malformed(at, "big number: " + digits);
                    }
                    return new Reply(Kind.BIG_NUMBER, type, digits, 0, null, null);
                }
                case ',': {
                    String d = line();
                    if (!isDouble(d)) {
                        throw malformed(at, "double: " + d);
                    }
                    return new Reply(Kind.DOUBLE, type, d, 0, null, null);
                }
                case '#': {
                    String v = line();
                    if (!v.equals("t") && !v.equals("f")) {
                        throw malformed(at, "boolean: " + v);
                    }
                    return new Reply(Kind.BOOLEAN, type, null, v.equals("t") ? 1 : 0, null, null);
                }
                case '_':
                    if (!line().isEmpty()) {
                        throw malformed(at, "null with a payload");
                    }
                    return new Reply(Kind.NULL, type, null, 0, null, null);
                case '$': case '!': case '=': {
                    long n = length(at, type == '$');
                    if (n < 0) {
                        return new Reply(Kind.NULL, type, null, 0, null, null);
                    }
                    // $<len>\r\n <here> <len bytes>\r\n
                    if (b.length - pos < n + 2) {
                        throw malformed("incomplete: " + n + " payload bytes and CRLF expected, " + (b.length - pos)
                                + " left");
                    }
                    String payload = new String(b, pos, (int) n, StandardCharsets.ISO_8859_1);
                    pos += (int) n;
                    crlf();
                    if (type == '$') {
                        return new Reply(Kind.BULK, type, payload, 0, null, null);
                    }
                    if (type == '!') {
                        return new Reply(Kind.BLOB_ERROR, type, payload, 0, null, null);
                    }
                    if (payload.length() < 4 || payload.charAt(3) != ':') {
                        throw malformed(at, "verbatim string without a 3-byte format and ':'");
                    }
                    return new Reply(Kind.VERBATIM, type, payload.substring(4), 0, payload.substring(0, 3), null);
                }
                case '*': case '~': case '>': case '%': {
                    long n = length(at, type == '*');
                    if (n < 0) {
                        return new Reply(Kind.NULL, type, null, 0, null, null);
                    }
                    long count = type == '%' ? 2 * n : n;
                    if (count > b.length - pos) {
                        throw malformed("incomplete: " + count + " items cannot fit in " + (b.length - pos) + " bytes");
                    }
                    List<Reply> items = new ArrayList<>((int) count);
                    for (long i = 0; i < count; i++) {
                        items.add(frame(depth + 1));
                    }
                    Kind kind = type == '*' ? Kind.ARRAY : type == '~' ? Kind.SET : type == '>' ? Kind.PUSH : Kind.MAP;
                    return new Reply(kind, type, null, 0, null, Collections.unmodifiableList(items));
                }
                default:
                    throw malformed(at, "unknown or unsupported type byte 0x" + Integer.toHexString(type & 0xff));
            }
        }

        /** The rest of a line up to CRLF (which it consumes); CR or LF alone inside is malformed. */
        private String line() {
            int start = pos;
            while (pos < b.length && b[pos] != '\r' && b[pos] != '\n') {
                pos++;
            }
            String s = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
            crlf();
            return s;
        }

        private void crlf() {
            if (pos >= b.length || (b[pos] == '\r' && pos + 1 >= b.length)) {
                throw malformed("incomplete: expected CRLF");
            }
            if (b[pos] != '\r' || b[pos + 1] != '\n') {
                throw malformed("expected CRLF");
            }
            pos += 2;
        }

        /** A length or count; -1 (null) only where the type allows it. */
        private long length(int at, boolean nullable) {
            long n = number(line(), at);
            if (n < -1 || (n == -1 && !nullable) || n > Integer.MAX_VALUE) {
                throw malformed(at, "length " + n);
            }
            return n;
        }

        private long number(String s, int at) {
            if (!s.matches("[-+]?[0-9]{1,19}")) {
                throw malformed(at, "not a number: \"" + s + "\"");
            }
            try {
                return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                throw malformed(at, "out of range: " + s);
            }
        }

        private static boolean isDouble(String s) {
            switch (s) {
                case "inf": case "-inf": case "nan":
                    return true;
                default:
                    return s.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
            }
        }

        IllegalArgumentException malformed(String why) {
            return malformed(pos, why);
        }

        IllegalArgumentException malformed(int at, String why) {
            String shown = new String(b, 0, Math.min(b.length, 200), StandardCharsets.ISO_8859_1)
                    .replace("\r", "\\r").replace("\n", "\\n");
            return new IllegalArgumentException("malformed RESP at byte " + at + ": " + why + " (in \"" + shown
                    + (b.length > 200 ? "...\"" : "\"") + ")");
        }
    }

    // ---------------------------------------------------------------- assertions and extractors

    /**
     * Asserts that {@code actual} is exactly the frame {@code expected} (both wire text, usually
     * built with the builders above). On a mismatch the message shows both as readable trees; a
     * malformed {@code actual} fails with the parser's reason.
     */
    public static void assertReply(String expected, String actual) {
        Reply want = parse(expected);
        Reply got;
        try {
            got = parse(actual);
        } catch (IllegalArgumentException e) {
            fail("expected " + want + " but the reply is not one RESP frame: " + e.getMessage());
            return;
        }
        if (!want.equals(got)) {
            assertEquals(want.toString(), got.toString(), "reply");
        }
        assertEquals(expected, actual, "reply bytes");
    }

    /** {@link #assertReply(String, String)} for a reply as bytes. */
    public static void assertReply(String expected, byte[] actual) {
        assertReply(expected, new String(actual, StandardCharsets.ISO_8859_1));
    }

    /** The payload of a reply that is one simple string, bulk string or verbatim string. */
    public static String text(String reply) {
        Reply r = parse(reply);
        if (r.kind() != Kind.SIMPLE && r.kind() != Kind.BULK && r.kind() != Kind.VERBATIM) {
            fail("expected a string reply, got " + r);
        }
        return r.text();
    }

    /** The texts of the items of a reply that is one array, set or push of strings. */
    public static List<String> strings(String reply) {
        return parse(reply).strings();
    }

    /** {@link Reply#plain()} of the one frame in {@code reply}. */
    public static Object plain(String reply) {
        return parse(reply).plain();
    }
}
