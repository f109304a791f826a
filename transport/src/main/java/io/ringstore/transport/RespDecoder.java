package io.ringstore.transport;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RESP request decoder: an explicit, resumable state machine over the connection's cumulation
 * buffer, following Redis's processMultibulkBuffer / processInlineBuffer rules and error texts.
 * It copies nothing: it records where each argument lies and hands whole frames, in batches of up
 * to {@link #MAX_BATCH}, to the sink, which copies the bytes once into ring slots. A half-received
 * command holds no ring slot. Owned by the connection's I/O thread.
 *
 * <pre>
 * *3\r\n $3\r\n SET\r\n $1\r\n k\r\n $1\r\n v\r\n
 *  ^count ^header ^data   (header, data) x argc
 * </pre>
 */
final class RespDecoder {
    static final int MAX_BATCH = 64;
    /** PROTO_INLINE_MAX_SIZE: longest inline request / count line. */
    static final int INLINE_MAX = 64 * 1024;

    private static final int FRAME_START = 0;
    private static final int BULK_HEADER = 1;
    private static final int BULK_DATA = 2;
    private static final int FAILED = 3;

    /** Parsed, not yet published frames: argument positions in the buffer. */
    static final class Batch {
        int frames;
        int[] frameArgStart = new int[MAX_BATCH + 1];
        int[] frameEnd = new int[MAX_BATCH];
        int args;
        int[] argOff = new int[64];
        int[] argLen = new int[64];

        void clear() {
            frames = 0;
            args = 0;
            frameArgStart[0] = 0;
        }

        /** Drops the published frames, keeping the arguments of a frame still being parsed. */
        void keepPartialFrame() {
            int from = frameArgStart[frames];
            int partial = args - from;
            System.arraycopy(argOff, from, argOff, 0, partial);
            System.arraycopy(argLen, from, argLen, 0, partial);
            frames = 0;
            args = partial;
            frameArgStart[0] = 0;
        }

        void addArg(int off, int len) {
            if (args == argOff.length) {
                argOff = Arrays.copyOf(argOff, args * 2);
                argLen = Arrays.copyOf(argLen, args * 2);
            }
            argOff[args] = off;
            argLen[args] = len;
            args++;
        }

        int argc(int frame) {
            return frameArgStart[frame + 1] - frameArgStart[frame];
        }
    }

    private final Batch batch = new Batch();
    private long maxBulkLen;
    private int state = FRAME_START;
    /** Absolute index of the next byte to parse (while decoding). */
    private int scan;
    /**
     * Between calls, positions are kept relative to the buffer's readerIndex: the connection may
     * reallocate or compact its cumulation buffer in between, which moves absolute indexes.
     */
    private int scanRel;
    private long argc;
    private long argi;
    private long bulkLen;

    RespDecoder(long maxBulkLen) {
        this.maxBulkLen = maxBulkLen;
    }

    void maxBulkLen(long v) {
        this.maxBulkLen = v;
    }

    boolean failed() {
        return state == FAILED;
    }

    /**
     * Parses as much of {@code in} as is complete and publishes it. Consumed bytes are skipped
     * (readerIndex advances); an incomplete frame stays for the next call. Returns false when the
     * sink stopped taking frames (ring full or connection closing).
     */
    boolean decode(ByteBuf in, FrameSink sink) {
        if (state == FAILED) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        int base = in.readerIndex();
        scan = base + scanRel;
        for (int i = 0; i < batch.args; i++) {
            batch.argOff[i] += base;
        }
        boolean more = parse(in, sink);
        int now = in.readerIndex();
        scanRel = Math.max(0, scan - now);
        for (int i = 0; i < batch.args; i++) {
            batch.argOff[i] -= now;
        }
        return more;
    }

    private boolean parse(ByteBuf in, FrameSink sink) {
        while (true) {
            int end = in.writerIndex();
            switch (state) {
                case FRAME_START: {
                    if (scan >= end) {
                        return flush(in, sink);
                    }
                    if (in.getByte(scan) != '*') {
                        if (!flush(in, sink)) {
                            return false;
                        }
                        int r = inline(in, sink);
                        if (r <= 0) {
                            return r == 0;
                        }
                        continue;
                    }
                    int cr = in.indexOf(scan, end, (byte) '\r');
                    if (cr < 0 || cr + 1 >= end) {
                        if (end - scan > INLINE_MAX) {
                            return fail(in, sink, "ERR Protocol error: too big mbulk count string");
                        }
                        return flush(in, sink);
                    }
                    long count = parseNumber(in, scan + 1, cr);
                    if (count == Long.MIN_VALUE || count > Integer.MAX_VALUE) {
                        return fail(in, sink, "ERR Protocol error: invalid multibulk length");
                    }
                    scan = cr + 2;
                    if (count <= 0) {
                        // An empty command: consumed, nothing to run.
                        if (batch.frames == 0) {
                            in.readerIndex(scan);
                        } else {
                            batch.frameEnd[batch.frames - 1] = scan;
                        }
                        continue;
                    }
                    argc = count;
                    argi = 0;
                    state = BULK_HEADER;
                    break;
                }
                case BULK_HEADER: {
                    if (scan >= end) {
                        return flush(in, sink);
                    }
                    byte b = in.getByte(scan);
                    if (b != '$') {
                        return fail(in, sink, "ERR Protocol error: expected '$', got '" + (char) (b & 0xFF) + "'");
                    }
                    int cr = in.indexOf(scan, end, (byte) '\r');
                    if (cr < 0 || cr + 1 >= end) {
                        if (end - scan > INLINE_MAX) {
                            return fail(in, sink, "ERR Protocol error: too big bulk count string");
                        }
                        return flush(in, sink);
                    }
                    long len = parseNumber(in, scan + 1, cr);
                    if (len == Long.MIN_VALUE || len < 0 || len > maxBulkLen) {
                        return fail(in, sink, "ERR Protocol error: invalid bulk length");
                    }
                    bulkLen = len;
                    scan = cr + 2;
                    state = BULK_DATA;
                    break;
                }
                case BULK_DATA: {
                    // $<len>\r\n <here> <data> \r\n -- the two bytes after the data are skipped unchecked, as Redis does.
                    if ((long) end - scan < bulkLen + 2) {
                        return flush(in, sink);
                    }
                    batch.addArg(scan, (int) bulkLen);
                    scan += (int) bulkLen + 2;
                    argi++;
                    if (argi < argc) {
                        state = BULK_HEADER;
                        break;
                    }
                    state = FRAME_START;
                    batch.frameEnd[batch.frames] = scan;
                    batch.frames++;
                    batch.frameArgStart[batch.frames] = batch.args;
                    if (batch.frames == MAX_BATCH && !flush(in, sink)) {
                        return false;
                    }
                    break;
                }
                default:
                    in.skipBytes(in.readableBytes());
                    return false;
            }
        }
    }

    /** Publishes the parsed frames; on a short publish rewinds to the first unpublished one. */
    private boolean flush(ByteBuf in, FrameSink sink) {
        if (batch.frames == 0) {
            return !sink.closing() && !sink.fenced();
        }
        int n = batch.frames;
        int done = sink.publish(in, batch);
        if (done > 0) {
            in.readerIndex(batch.frameEnd[done - 1]);
        }
        if (done < n || sink.closing() || sink.fenced()) {
            // Re-parse from the first unpublished frame when resumed.
            batch.clear();
            state = sink.closing() ? FAILED : FRAME_START;
            scan = in.readerIndex();
            return false;
        }
        batch.keepPartialFrame();
        return true;
    }

    /** Returns 1 when an inline command was consumed, 0 when more bytes are needed, -1 to stop. */
    private int inline(ByteBuf in, FrameSink sink) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int nl = in.indexOf(start, end, (byte) '\n');
        if (nl < 0) {
            if (end - start > INLINE_MAX) {
                fail(in, sink, "ERR Protocol error: too big inline request");
                return -1;
            }
            return 0;
        }
        int lineEnd = nl > start && in.getByte(nl - 1) == '\r' ? nl - 1 : nl;
        byte[] line = new byte[lineEnd - start];
        in.getBytes(start, line);
        List<byte[]> args = splitArgs(line);
        if (args == null) {
            fail(in, sink, "ERR Protocol error: unbalanced quotes in request");
            return -1;
        }
        if (args.isEmpty()) {
            in.readerIndex(nl + 1);
            scan = nl + 1;
            return 1;
        }
        if (!sink.publishInline(args)) {
            scan = start;
            return -1;
        }
        in.readerIndex(nl + 1);
        scan = nl + 1;
        return sink.closing() || sink.fenced() ? -1 : 1;
    }

    private boolean fail(ByteBuf in, FrameSink sink, String message) {
        // Frames complete before the error still run, in order, then the error, then close.
        if (batch.frames > 0) {
            sink.publishAll(in, batch);
            batch.clear();
        }
        state = FAILED;
        sink.protocolError(message);
        in.skipBytes(in.readableBytes());
        return false;
    }

    /** Parses a signed decimal between two absolute indexes, as string2ll; Long.MIN_VALUE on error. */
    static long parseNumber(ByteBuf in, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > 20) {
            return Long.MIN_VALUE;
        }
        boolean neg = false;
        int i = from;
        if (in.getByte(i) == '-') {
            neg = true;
            i++;
            if (i == to) {
                return Long.MIN_VALUE;
            }
        }
        long v = 0;
        for (; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            if (v > (Long.MAX_VALUE - d) / 10) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /**
     * Splits an inline line as Redis's sdssplitargs: spaces separate, "double quotes" take
     * \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' take \'. Returns null on unbalanced
     * quotes or a closing quote not followed by a space.
     */
    static List<byte[]> splitArgs(byte[] line) {
        List<byte[]> out = new ArrayList<>();
        int p = 0;
        int n = line.length;
        while (true) {
            while (p < n && isSpace(line[p])) {
                p++;
            }
            if (p >= n) {
                return out;
            }
            java.io.ByteArrayOutputStream cur = new java.io.ByteArrayOutputStream();
            boolean inq = false;
            boolean insq = false;
            boolean done = false;
            while (!done) {
                if (inq) {
                    if (p >= n) {
                        return null;
                    }
                    byte c = line[p];
                    if (c == '\\' && p + 3 < n && line[p + 1] == 'x' && isHex(line[p + 2]) && isHex(line[p + 3])) {
                        cur.write(hex(line[p + 2]) * 16 + hex(line[p + 3]));
                        p += 3;
                    } else if (c == '\\' && p + 1 < n) {
                        p++;
                        byte e = line[p];
                        switch (e) {
                            case 'n': cur.write('\n'); break;
                            case 'r': cur.write('\r'); break;
                            case 't': cur.write('\t'); break;
                            case 'b': cur.write('\b'); break;
                            case 'a': cur.write(7); break;
                            default: cur.write(e); break;
                        }
                    } else if (c == '"') {
                        if (p + 1 < n && !isSpace(line[p + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.write(c);
                    }
                } else if (insq) {
                    if (p >= n) {
                        return null;
                    }
                    byte c = line[p];
                    if (c == '\\' && p + 1 < n && line[p + 1] == '\'') {
                        p++;
                        cur.write('\'');
                    } else if (c == '\'') {
                        if (p + 1 < n && !isSpace(line[p + 1])) {
                            return null;
                        }
                        done = true;
                    } else {
                        cur.write(c);
                    }
                } else {
                    if (p >= n) {
                        done = true;
                        break;
                    }
                    byte c = line[p];
                    if (isSpace(c)) {
                        done = true;
                    } else if (c == '"') {
                        inq = true;
                    } else if (c == '\'') {
                        insq = true;
                    } else {
                        cur.write(c);
                    }
                }
                if (p < n) {
                    p++;
                }
            }
            out.add(cur.toByteArray());
        }
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0b || c == '\f' || c == 0;
    }

    private static boolean isHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c - 'A' + 10;
    }
}
