package io.ringstore.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MONITOR over real sockets: a raw monitor connection sees another client's commands with that
 * client's real address, and a second MONITOR on the same connection is ignored without a reply
 * (the connection still answers what follows), as redis-server 7.0.15 behaves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MonitorIT {
    @Test
    void shouldFeedAnotherClientsCommandsWithItsAddress() throws Exception {
        try (TestServer s = TestServer.start("shards", "2");
             Socket mon = new Socket("127.0.0.1", s.port());
             Socket c = new Socket("127.0.0.1", s.port())) {
            mon.setSoTimeout(5000);
            OutputStream out = mon.getOutputStream();
            InputStream in = mon.getInputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("+OK", readLine(in));
            c.setSoTimeout(5000);
            c.getOutputStream().write("SET k v\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("+OK", readLine(c.getInputStream()));
            String addr = "127.0.0.1:" + c.getLocalPort();
            String line = readLine(in);
            assertTrue(line.matches("\\+\\d+\\.\\d{6} \\[0 " + java.util.regex.Pattern.quote(addr) + "\\] \"SET\" \"k\" \"v\""), line);
            out.write("MONITOR\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("+PONG", readLine(in), "the second MONITOR has no reply");
            assertTrue(readLine(in).endsWith("\"PING\""), "the monitor's own PING is fed after its reply");
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\r') {
                in.read();
                break;
            }
            sb.append((char) b);
        }
        return sb.toString();
    }
}
