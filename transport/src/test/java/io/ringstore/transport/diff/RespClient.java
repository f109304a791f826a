package io.ringstore.transport.diff;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A raw RESP client for tests: writes each command as a multibulk of bulk strings and reads replies
 * into {@link Reply} trees without any interpretation, so what two servers said can be compared
 * byte for byte. Writes are buffered until {@link #flush()}, which makes pipelining a matter of
 * writing N commands, flushing once and reading N replies. Not thread-safe; one test thread.
 */
final class RespClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private byte[] line = new byte[128];

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    static RespClient connect(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MS);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new RespClient(s);
    }

    /** Buffers one command: {@code *<argc>\r\n} then {@code $<len>\r\n<bytes>\r\n} per argument. */
    void write(byte[][] args) throws IOException {
        writeHeader('*', args.length);
        for (byte[] a : args) {
            writeHeader('$', a.length);
            out.write(a);
            out.write('\r');
            out.write('\n');
        }
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Sends one command and reads its reply. */
    Reply call(byte[]... args) throws IOException {
        write(args);
        flush();
        return read();
    }

    Reply call(String... args) throws IOException {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return call(b);
    }

    /**
     * Waits up to {@code timeoutMs} for the peer to close the connection (after QUIT). True when it
     * did; false when the connection stayed open or the peer sent more bytes.
     */
    boolean closedByPeer(int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset: closed too
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MS);
        }
    }

    /** Reads one complete reply. Throws EOFException when the peer closed the connection. */
    Reply read() throws IOException {
        return read(null);
    }

    /**
     * Waits up to {@code timeoutMs} for the first byte of a frame, then reads the whole frame (with
     * the normal read timeout). Returns null when nothing arrived in time: no byte is consumed, so
     * the connection stays usable. For subscriber connections, whose frames come unasked.
     */
    Reply poll(int timeoutMs) throws IOException {
        socket.setSoTimeout(Math.max(1, timeoutMs));
        int type;
        try {
            type = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MS);
        }
        return read(type, null);
    }

    private Reply read(Reply attributes) throws IOException {
        return read(in.read(), attributes);
    }

    private Reply read(int type, Reply attributes) throws IOException {
        if (type < 0) {
            throw new EOFException("connection closed by server");
        }
        int n = readLine();
        switch (type) {
            case '+':
            case '-':
            case ':':
            case ',':
            case '#':
            case '(':
                return new Reply((char) type, Arrays.copyOf(line, n), null, attributes);
            case '_':
                return new Reply('_', null, null, attributes);
            case '$':
            case '=':
            case '!': {
                long len = parseLength(n);
                if (len < 0) {
                    return new Reply((char) type, null, null, attributes);
                }
                byte[] data = in.readNBytes((int) len);
                if (data.length != len || in.read() != '\r' || in.read() != '\n') {
                    throw new IOException("truncated " + (char) type + " reply of " + len + " bytes");
                }
                return new Reply((char) type, data, null, attributes);
            }
            case '*':
            case '~':
            case '>':
            case '%':
            case '|': {
                long len = parseLength(n);
                if (len < 0) {
                    return new Reply((char) type, null, null, attributes);
                }
                long count = type == '%' || type == '|' ? 2 * len : len;
                List<Reply> items = new ArrayList<>((int) Math.min(count, 1024));
                for (long i = 0; i < count; i++) {
                    items.add(read(null));
                }
                Reply r = new Reply((char) type, null, items, attributes);
                // RESP3 attributes annotate the reply that follows them.
                return type == '|' ? read(r) : r;
            }
            default:
                throw new IOException("unexpected reply type byte 0x" + Integer.toHexString(type)
                        + " followed by \"" + new String(line, 0, n, StandardCharsets.ISO_8859_1) + "\"");
        }
    }

    /** Reads up to CRLF into {@link #line}; returns the length without CRLF. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside a reply");
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR not followed by LF in a reply line");
                }
                return n;
            }
            if (n == line.length) {
                line = Arrays.copyOf(line, n * 2);
            }
            line[n++] = (byte) c;
        }
    }

    private long parseLength(int n) throws IOException {
        try {
            return Long.parseLong(new String(line, 0, n, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IOException("bad length \"" + new String(line, 0, n, StandardCharsets.ISO_8859_1) + "\"");
        }
    }

    private void writeHeader(char prefix, int n) throws IOException {
        out.write(prefix);
        out.write(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket: nothing to do
        }
    }
}
