package io.ringstore.transport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wire-level behaviour through raw sockets: protocol errors reply and close like Redis and leave
 * others untouched, half commands hold nothing, a tiny ring applies backpressure without losing a
 * command, QUIT closes after its reply.
 */
@Timeout(60)
class ProtocolIT {
    static TestServer server;
    static TestServer tinyRing;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("shards", "2");
        tinyRing = TestServer.start("ring-size", "64");
    }

    @AfterAll
    static void stop() {
        server.close();
        tinyRing.close();
    }

    /** Sends bytes and reads until the peer closes or {@code expect} bytes arrived. */
    static String exchange(int port, String send, int expect) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(send.getBytes(StandardCharsets.ISO_8859_1));
            return read(s.getInputStream(), expect);
        }
    }

    static String read(InputStream in, int expect) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (out.size() < expect) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static boolean closedByPeer(Socket s) throws IOException {
        s.setSoTimeout(5000);
        try {
            return s.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void shouldReplyToEarlierCommandsThenProtocolErrorThenClose() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n".getBytes(StandardCharsets.US_ASCII));
            String expected = "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n";
            s.setSoTimeout(5000);
            assertEquals(expected, read(s.getInputStream(), expected.length()));
            assertTrue(closedByPeer(s));
        }
    }

    @Test
    void shouldAnswerEachMalformedFrameWithRedisErrorText() throws Exception {
        assertEquals("-ERR Protocol error: invalid multibulk length\r\n", exchange(server.port(), "*x\r\n", 1000));
        assertEquals("-ERR Protocol error: expected '$', got '+'\r\n", exchange(server.port(), "*1\r\n+x\r\n", 1000));
        assertEquals("-ERR Protocol error: invalid bulk length\r\n", exchange(server.port(), "*1\r\n$600000000\r\n", 1000));
        assertEquals("-ERR Protocol error: unbalanced quotes in request\r\n", exchange(server.port(), "set \"a\r\n", 1000));
    }

    @Test
    void shouldKeepDataAndOtherConnectionsIntactAfterBadInput() throws Exception {
        assertEquals("+OK\r\n", exchange(server.port(), "*3\r\n$3\r\nSET\r\n$4\r\nsafe\r\n$1\r\n1\r\n", 5));
        exchange(server.port(), "*2\r\n$3\r\nGET\r\n$-5\r\n", 1000);
        assertEquals("$1\r\n1\r\n", exchange(server.port(), "*2\r\n$3\r\nGET\r\n$4\r\nsafe\r\n", 7));
    }

    @Test
    void shouldNotLetAStalledHalfCommandBlockOthers() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", tinyRing.port())) {
            stalled.getOutputStream().write("*3\r\n$3\r\nSET\r\n$1\r\nh\r\n$100\r\nabc".getBytes(StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            // 64-slot ring: if the half command held a slot or a shard, 500 commands could not pass.
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                sb.append("*1\r\n$4\r\nPING\r\n");
            }
            String replies = exchange(tinyRing.port(), sb.toString(), 500 * 7);
            assertEquals("+PONG\r\n".repeat(500), replies);
            // The stalled command completes when the rest arrives.
            stalled.getOutputStream().write(("x".repeat(97) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            stalled.setSoTimeout(5000);
            assertEquals("+OK\r\n", read(stalled.getInputStream(), 5));
        }
    }

    @Test
    void shouldApplyBackpressureWithoutLosingCommands() throws Exception {
        int n = 20_000;
        StringBuilder sb = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String k = "bp" + i;
            sb.append("*3\r\n$3\r\nSET\r\n$").append(k.length()).append("\r\n").append(k).append("\r\n$1\r\nv\r\n");
            sb.append("*2\r\n$3\r\nGET\r\n$").append(k.length()).append("\r\n").append(k).append("\r\n");
            expected.append("+OK\r\n$1\r\nv\r\n");
        }
        try (Socket s = new Socket("127.0.0.1", tinyRing.port())) {
            s.setSoTimeout(20_000);
            byte[] all = sb.toString().getBytes(StandardCharsets.US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(all);
                } catch (IOException ignored) {
                    // the assertion below reports it
                }
            });
            writer.start();
            String replies = read(s.getInputStream(), expected.length());
            writer.join(20_000);
            assertEquals(expected.length(), replies.length());
            assertEquals(expected.toString(), replies);
        }
    }

    @Test
    void shouldCloseAfterQuitReplyAndIgnoreWhatFollows() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write("*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            s.setSoTimeout(5000);
            assertEquals("+OK\r\n", read(s.getInputStream(), 100));
        }
    }

    @Test
    void shouldStoreLargeAndBinaryValuesExactly() throws Exception {
        byte[] value = new byte[3 * 1024 * 1024];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (i * 31 + (i >>> 8));
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(value);
            out.write("\r\n*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String header = "+OK\r\n$" + value.length + "\r\n";
            byte[] got = in.readNBytes(header.length() + value.length + 2);
            assertEquals(header, new String(got, 0, header.length(), StandardCharsets.ISO_8859_1));
            assertTrue(Arrays.equals(value, Arrays.copyOfRange(got, header.length(), header.length() + value.length)));
        }
    }

    @Test
    void shouldAcceptInlineCommands() throws Exception {
        assertEquals("+PONG\r\n+OK\r\n$3\r\nx y\r\n",
                exchange(server.port(), "PING\r\nSET inl \"x y\"\nGET inl\r\n", 21));
    }
}
