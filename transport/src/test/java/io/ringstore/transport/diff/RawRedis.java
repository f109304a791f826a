package io.ringstore.transport.diff;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A RESP connection for the script differential test that returns each reply as its raw bytes,
 * exactly as the server sent them (the test compares bytes). Test thread only.
 */
final class RawRedis implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawRedis(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    byte[] call(byte[]... args) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(b.toByteArray());
        out.flush();
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        readReply(r);
        return r.toByteArray();
    }

    byte[] call(String... args) throws IOException {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return call(b);
    }

    private String line(ByteArrayOutputStream r) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            r.write(c);
            if (c == '\r') {
                r.write(in.read());
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    private void readReply(ByteArrayOutputStream r) throws IOException {
        int type = in.read();
        r.write(type);
        String l = line(r);
        switch (type) {
            case '$': case '=': case '!': {
                long n = Long.parseLong(l);
                if (n >= 0) {
                    r.writeBytes(in.readNBytes((int) n + 2));
                }
                return;
            }
            case '*': case '~': case '>': {
                long n = Long.parseLong(l);
                for (long i = 0; i < n; i++) {
                    readReply(r);
                }
                return;
            }
            case '%': case '|': {
                long n = Long.parseLong(l);
                for (long i = 0; i < 2 * n; i++) {
                    readReply(r);
                }
                if (type == '|') {
                    readReply(r);
                }
                return;
            }
            default:
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
