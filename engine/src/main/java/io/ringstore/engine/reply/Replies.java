package io.ringstore.engine.reply;

import java.nio.charset.StandardCharsets;

/**
 * Replies encoded once and copied into reply buffers (Redis's shared.ok, shared.czero, ...).
 * Error texts are in {@link Errors}. Immutable; any thread.
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

    private Replies() {
    }

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
