package io.ringstore.engine.reply;

import io.ringstore.engine.util.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reply bytes of one ring event, encoded in the protocol version the connection had when the
 * command was read (RESP2 or RESP3). Lives in a ring slot and is reused: written by the shard that
 * executes the event, then read by the reply stage. Grows on demand and shrinks back after a
 * reply larger than {@link #SHRINK_ABOVE} (16 KB, Redis's reply chunk size): ordinary replies
 * reuse the slot's array, a bigger one allocates its own, and what the ring retains is bounded by
 * ring-size x 16 KB (128 MB at the default 8192 slots; it was 1 MB a slot, up to 8 GB).
 */
public final class ReplyBuffer {
    private static final int INITIAL = 256;
    static final int SHRINK_ABOVE = 16 * 1024;
    /** Largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private byte[] buf = new byte[INITIAL];
    private int len;
    private int resp = 2;

    public void reset(int respVersion) {
        if (buf.length > SHRINK_ABOVE) {
            buf = new byte[INITIAL];
        }
        len = 0;
        resp = respVersion;
    }

    /**
     * Switches the protocol of what is written next, keeping what is written: inside EXEC each
     * queued command replies in the protocol it was queued under (a queued HELLO 3 switches the
     * rest of the array to RESP3, as in Redis).
     */
    public void protocol(int respVersion) {
        resp = respVersion;
    }

    public int resp() {
        return resp;
    }

    public byte[] array() {
        return buf;
    }

    public int length() {
        return len;
    }

    /** Drops everything written after {@code mark} (a value of {@link #length()}). */
    public void truncate(int mark) {
        len = mark;
    }

    private void ensure(int extra) {
        long need = (long) len + extra;
        if (need > buf.length) {
            if (need > MAX_ARRAY) {
                throw new OutOfMemoryError("reply larger than " + MAX_ARRAY + " bytes");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(MAX_ARRAY, Math.max(need, (long) buf.length << 1)));
        }
    }

    public ReplyBuffer raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
        return this;
    }

    private void crlf() {
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    private void prefixed(byte prefix, long value) {
        ensure(24);
        buf[len++] = prefix;
        len = Numbers.writeLong(buf, len, value);
        crlf();
    }

    public ReplyBuffer ok() {
        return raw(Replies.OK);
    }

    public ReplyBuffer simple(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 3);
        buf[len++] = '+';
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        crlf();
        return this;
    }

    /** An error reply; {@code message} includes its code, e.g. "ERR syntax error". */
    public ReplyBuffer error(String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        ensure(b.length + 3);
        buf[len++] = '-';
        for (byte c : b) {
            buf[len++] = (c == '\r' || c == '\n') ? (byte) ' ' : c;
        }
        crlf();
        return this;
    }

    /** An error reply whose text holds raw bytes as Latin-1 chars (see Args.latin1). */
    public ReplyBuffer errorLatin1(String message) {
        ensure(message.length() + 3);
        buf[len++] = '-';
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            buf[len++] = (c == '\r' || c == '\n') ? (byte) ' ' : (byte) c;
        }
        crlf();
        return this;
    }

    public ReplyBuffer integer(long v) {
        prefixed((byte) ':', v);
        return this;
    }

    public ReplyBuffer bulk(byte[] b) {
        return bulk(b, 0, b.length);
    }

    public ReplyBuffer bulk(byte[] b, int off, int n) {
        prefixed((byte) '$', n);
        ensure(n + 2);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        crlf();
        return this;
    }

    public ReplyBuffer bulk(String s) {
        return bulk(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A bulk string holding the decimal digits of v, without allocating. */
    public ReplyBuffer bulkLong(long v) {
        prefixed((byte) '$', Numbers.longLength(v));
        ensure(24);
        len = Numbers.writeLong(buf, len, v);
        crlf();
        return this;
    }

    public ReplyBuffer nullBulk() {
        return raw(resp == 3 ? Replies.NULL3 : Replies.NULL_BULK);
    }

    public ReplyBuffer nullArray() {
        return raw(resp == 3 ? Replies.NULL3 : Replies.NULL_ARRAY);
    }

    public ReplyBuffer array(long n) {
        prefixed((byte) '*', n);
        return this;
    }

    /** A map of n pairs: '%' in RESP3, a flat array of 2n in RESP2. */
    public ReplyBuffer map(long n) {
        if (resp == 3) {
            prefixed((byte) '%', n);
        } else {
            prefixed((byte) '*', 2 * n);
        }
        return this;
    }

    /** An out-of-band message (pub/sub): '>' in RESP3, an array in RESP2. */
    public ReplyBuffer push(long n) {
        prefixed(resp == 3 ? (byte) '>' : (byte) '*', n);
        return this;
    }

    /** A set: '~' in RESP3, an array in RESP2. */
    public ReplyBuffer set(long n) {
        prefixed(resp == 3 ? (byte) '~' : (byte) '*', n);
        return this;
    }

    /** A double: ',' in RESP3, a bulk string in RESP2; text as given. */
    public ReplyBuffer doubleText(String text) {
        if (resp == 3) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            ensure(b.length + 3);
            buf[len++] = ',';
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            crlf();
            return this;
        }
        return bulk(text);
    }

    /** {@link #doubleText(String)} for ASCII text already in bytes, without a String. */
    public ReplyBuffer doubleText(byte[] text, int off, int n) {
        if (resp == 3) {
            ensure(n + 3);
            buf[len++] = ',';
            System.arraycopy(text, off, buf, len, n);
            len += n;
            crlf();
            return this;
        }
        return bulk(text, off, n);
    }

    /** Verbatim text ('=' with a txt: prefix in RESP3, a bulk string in RESP2). */
    public ReplyBuffer verbatim(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (resp == 3) {
            prefixed((byte) '=', b.length + 4);
            ensure(b.length + 6);
            buf[len++] = 't';
            buf[len++] = 'x';
            buf[len++] = 't';
            buf[len++] = ':';
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            crlf();
            return this;
        }
        return bulk(b);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }
}
