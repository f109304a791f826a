package io.ringstore.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted RESP server for tests of what a real server will not do on demand: it answers every
 * request (counted by its final {@code \n} of an {@code *1} PING frame: 3 lines) with +PONG, and can
 * stall once for a while or hang up after a number of requests. One thread per connection.
 */
final class FakeRespServer implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicLong served = new AtomicLong();
    private final long stallAfter;
    private final long stallMs;
    private final long closeAfter;

    FakeRespServer(long stallAfter, long stallMs, long closeAfter) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.stallAfter = stallAfter;
        this.stallMs = stallMs;
        this.closeAfter = closeAfter;
        final Thread acceptor = new Thread(this::accept, "fake-resp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                final Socket s = listener.accept();
                final Thread t = new Thread(() -> serve(s), "fake-resp-conn");
                t.setDaemon(true);
                t.start();
            }
        } catch (IOException closed) {
            // listener closed
        }
    }

    private void serve(Socket s) {
        final byte[] pong = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            final byte[] buf = new byte[8192];
            int lines = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n' && ++lines % 3 == 0) {
                        final long count = served.incrementAndGet();
                        if (count == closeAfter) {
                            return;
                        }
                        if (count == stallAfter) {
                            out.flush();
                            Thread.sleep(stallMs);
                        }
                        out.write(pong);
                    }
                }
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // peer gone or test over
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
