package io.ringstore.engine.reply;

import java.nio.charset.StandardCharsets;

/**
 * Replies encoded once and copied into reply buffers (Redis's shared.ok, shared.czero, ...).
 * Error texts are Redis 7's, to the letter. Immutable; any thread.
 */
public final class Replies {
    public static final byte[] OK = b("+OK\r\n");
    public static final byte[] PONG = b("+PONG\r\n");
    public static final byte[] QUEUED = b("+QUEUED\r\n");
    public static final byte[] ZERO = b(":0\r\n");
    public static final byte[] ONE = b(":1\r\n");
    public static final byte[] MINUS_ONE = b(":-1\r\n");
    public static final byte[] MINUS_TWO = b(":-2\r\n");
    public static final byte[] NULL_BULK = b("$-1\r\n");
    public static final byte[] NULL_ARRAY = b("*-1\r\n");
    public static final byte[] NULL3 = b("_\r\n");
    public static final byte[] EMPTY_ARRAY = b("*0\r\n");
    public static final byte[] EMPTY_BULK = b("$0\r\n\r\n");
    public static final byte[] TRUE3 = b("#t\r\n");
    public static final byte[] FALSE3 = b("#f\r\n");

    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String OUT_OF_RANGE = "ERR index out of range";
    public static final String OUT_OF_RANGE_POSITIVE = "ERR value is out of range, must be positive";
    public static final String DB_INDEX = "ERR DB index is out of range";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String INVALID_EXPIRE = "ERR invalid expire time in '%s' command";

    private Replies() {
    }

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
