package io.ringstore.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * client-output-buffer-limit against a real server and real sockets: a subscriber that never reads
 * (small receive buffer) is closed at the pubsub hard limit while another subscriber of the same
 * channel receives every message (1 and 2 shards: its subscription is dropped at a barrier); the soft limit closes only after soft-seconds; the normal class
 * closes a client that pipelines reads of a big value without reading them; CLIENT LIST and INFO
 * show the backlog (obl, oll, omem, tot-mem, events, sub/psub/ssub, flag P) while it exists.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutputBufferLimitIT {
    private static final int MESSAGE = 1024;
    private static final String CLOSED_LINE = "scheduled to be closed ASAP for overcoming of output buffer limits.";

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCloseASubscriberThatNeverReadsAtThePubsubHardLimitAndKeepServingTheOthers(int shards, @TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("server.log");
        try (TestServer s = TestServer.start("client-output-buffer-limit", "pubsub 1mb 0 0",
                "logfile", log.toString(), "shards", Integer.toString(shards));
             Jedis admin = new Jedis("127.0.0.1", s.port());
             Socket slow = subscriber(s.port(), 4096, "ch");
             Socket fast = subscriber(s.port(), 0, "ch")) {
            int n = 8000; // 8 MB of messages: far past the limit and any socket buffers
            AtomicLong fastGot = new AtomicLong();
            Thread reader = countMessages(fast, n, fastGot);
            long slowId = slowIds.get(slow);
            try (Jedis pub = new Jedis("127.0.0.1", s.port())) {
                for (int i = 0; i < n; i += 100) { // 100 KB at a time, so the reading subscriber keeps up
                    Pipeline p = pub.pipelined();
                    for (int j = i; j < i + 100; j++) {
                        p.publish("ch", message(j));
                    }
                    p.sync();
                    int sent = i + 100;
                    assertTrue(waitFor(() -> fastGot.get() >= sent), "the reader fell behind at " + sent);
                }
            }
            reader.join(60_000);
            assertEquals(n, fastGot.get(), "the reading subscriber got every message, in order");
            assertTrue(waitFor(() -> !admin.clientList().contains("id=" + slowId + " ")), "the slow subscriber is gone");
            assertEquals(1L, admin.pubsubNumSub("ch").get("ch"), "its subscription was dropped by its close");
            long slowRead = bytesUntilEof(slow);
            assertTrue(slowRead >= 0, "its socket was closed");
            assertTrue(slowRead < n * (long) MESSAGE / 2, "it got " + slowRead + " bytes: closed near 1 MB, not at the end");
            assertEquals("1", stat(admin, "ringstore_client_output_buffer_limit_disconnections"));
            String logged = Files.readString(log);
            assertTrue(logged.contains("# Client id=" + slowId + " addr=") && logged.contains(CLOSED_LINE), logged);
            assertEquals(1L, admin.publish("ch", "after"), "publishing goes on");
        }
    }

    @Test
    void shouldCloseAtTheSoftLimitOnlyAfterSoftSeconds() throws Exception {
        try (TestServer s = TestServer.start("client-output-buffer-limit", "pubsub 0 256kb 2");
             Jedis admin = new Jedis("127.0.0.1", s.port());
             Socket slow = subscriber(s.port(), 4096, "ch")) {
            long id = slowIds.get(slow);
            long t0 = System.nanoTime(); // the soft clock starts at or after this
            publish(s.port(), "ch", 3000); // 3 MB: over the soft limit, under no hard one
            if (System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(1900)) {
                assertTrue(admin.clientList().contains("id=" + id + " "), "still connected before soft-seconds");
            }
            long deadline = t0 + TimeUnit.SECONDS.toNanos(10);
            while (admin.clientList().contains("id=" + id + " ") && System.nanoTime() < deadline) {
                admin.publish("ch", "tick"); // the limit is checked when output is added, as in Redis
                Thread.sleep(50);
            }
            long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(!admin.clientList().contains("id=" + id + " "), "closed once soft-seconds passed");
            assertTrue(afterMs >= 2000 && afterMs < 6000, "closed " + afterMs + " ms after the burst began");
            assertEquals("1", stat(admin, "ringstore_client_output_buffer_limit_disconnections"));
            assertTrue(drainsToEof(slow));
        }
    }

    @Test
    void shouldCloseANormalClientPipeliningReadsOfABigValueWithoutReading() throws Exception {
        try (TestServer s = TestServer.start("client-output-buffer-limit", "normal 2mb 0 0");
             Jedis admin = new Jedis("127.0.0.1", s.port());
             Socket greedy = raw(s.port(), 4096)) {
            byte[] value = new byte[100_000];
            Arrays.fill(value, (byte) 'v');
            admin.set("big".getBytes(StandardCharsets.US_ASCII), value);
            int gets = 500; // 50 MB of replies
            StringBuilder cmds = new StringBuilder();
            for (int i = 0; i < gets; i++) {
                cmds.append("GET big\r\n");
            }
            greedy.getOutputStream().write(cmds.toString().getBytes(StandardCharsets.US_ASCII));
            greedy.getOutputStream().flush();
            assertTrue(waitFor(() -> "1".equals(stat(admin, "ringstore_client_output_buffer_limit_disconnections"))));
            long read = 0;
            InputStream in = greedy.getInputStream();
            byte[] buf = new byte[65536];
            greedy.setSoTimeout(10_000);
            for (int r; (r = readOrEof(in, buf)) >= 0; ) {
                read += r;
            }
            assertTrue(read < (long) gets * value.length / 4, "closed long before its replies were sent: " + read);
            assertEquals("PONG", admin.ping(), "other clients are unaffected");
            assertEquals(value.length, admin.get("big".getBytes(StandardCharsets.US_ASCII)).length);
        }
    }

    @Test
    void shouldShowSubscriptionsAndTheOutputBacklogInClientList() throws Exception {
        try (TestServer s = TestServer.start("client-output-buffer-limit", "pubsub 0 0 0");
             Jedis admin = new Jedis("127.0.0.1", s.port());
             Socket slow = raw(s.port(), 4096)) {
            send(slow, "SUBSCRIBE a b\r\nPSUBSCRIBE p*\r\n");
            assertTrue(waitFor(() -> admin.pubsubNumPat() == 1L));
            long id = idOf(admin, "cmd=psubscribe", 0);
            String line = lineOf(admin, id);
            assertTrue(line.contains(" flags=P ") && line.contains(" sub=2 psub=1 ssub=0 "), line);
            assertTrue(admin.clientList(redis.clients.jedis.args.ClientType.PUBSUB).contains("id=" + id + " "));
            assertTrue(!admin.clientList(redis.clients.jedis.args.ClientType.NORMAL).contains("id=" + id + " "));
            assertTrue(admin.clientList(redis.clients.jedis.args.ClientType.NORMAL).contains(" cmd=client|list "));
            String mine = admin.clientInfo();
            assertTrue(mine.contains(" flags=N ") && mine.contains(" sub=0 psub=0 ssub=0 ")
                    && mine.contains(" oll=0 omem=0 ") && mine.contains(" events=r "), mine);

            publish(s.port(), "a", 4000); // 4 MB the subscriber does not read: it waits in Netty's buffer
            String backlog = lineOf(admin, id);
            long omem = field(backlog, "omem");
            assertTrue(omem > 1_000_000, backlog);
            assertTrue(field(backlog, "oll") > 0, backlog);
            assertTrue(field(backlog, "tot-mem") >= omem + field(backlog, "obl"), backlog);
            assertTrue(backlog.contains(" events=rw "), backlog);
            assertTrue(Long.parseLong(info(admin, "clients", "client_recent_max_output_buffer")) >= omem);

            assertTrue(drainsMessages(slow, 4000), "every message arrives once the client reads");
            assertTrue(waitFor(() -> field(lineOf(admin, id), "omem") == 0));
            String drained = lineOf(admin, id);
            assertTrue(drained.contains(" oll=0 ") && drained.contains(" events=r "), drained);
            assertEquals("0", stat(admin, "ringstore_client_output_buffer_limit_disconnections"));
        }
    }

    // ---- helpers ----

    private static Socket raw(int port, int receiveBuffer) throws IOException {
        Socket so = new Socket();
        if (receiveBuffer > 0) {
            so.setReceiveBufferSize(receiveBuffer); // before connect: the window is fixed then
        }
        so.setSoTimeout(10_000);
        so.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return so;
    }

    /** Client ids of the subscribers opened by {@link #subscriber}. */
    private final java.util.Map<Socket, Long> slowIds = new java.util.concurrent.ConcurrentHashMap<>();

    /** A raw subscriber of {@code channel}, its confirmation read (its id kept in {@link #slowIds}). */
    private Socket subscriber(int port, int receiveBuffer, String channel) throws IOException {
        Socket so = raw(port, receiveBuffer);
        send(so, "CLIENT ID\r\n");
        StringBuilder id = new StringBuilder();
        InputStream in = so.getInputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b >= '0' && b <= '9') {
                id.append((char) b);
            }
        }
        slowIds.put(so, Long.parseLong(id.toString()));
        send(so, "SUBSCRIBE " + channel + "\r\n");
        String want = "*3\r\n$9\r\nsubscribe\r\n$" + channel.length() + "\r\n" + channel + "\r\n:1\r\n";
        byte[] got = so.getInputStream().readNBytes(want.length());
        assertEquals(want, new String(got, StandardCharsets.US_ASCII));
        return so;
    }

    private static void send(Socket so, String text) throws IOException {
        OutputStream out = so.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Publishes {@code n} messages of {@link #MESSAGE} bytes ("m<i>:" then padding), pipelined. */
    private static void publish(int port, String channel, int n) {
        try (Jedis pub = new Jedis("127.0.0.1", port)) {
            Pipeline p = pub.pipelined();
            for (int i = 0; i < n; i++) {
                p.publish(channel, message(i));
            }
            p.sync();
        }
    }

    private static String message(int i) {
        StringBuilder sb = new StringBuilder(MESSAGE).append('m').append(i).append(':');
        while (sb.length() < MESSAGE) {
            sb.append('x');
        }
        return sb.toString();
    }

    /** Reads messages of channel "ch" on a thread, checking each is the next one expected. */
    private static Thread countMessages(Socket so, int n, AtomicLong got) {
        Thread t = new Thread(() -> {
            try {
                InputStream in = new java.io.BufferedInputStream(so.getInputStream(), 1 << 16);
                for (int i = 0; i < n; i++) {
                    String m = message(i);
                    String want = "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$" + m.length() + "\r\n" + m + "\r\n";
                    String frame = new String(in.readNBytes(want.length()), StandardCharsets.US_ASCII);
                    if (!frame.equals(want)) {
                        return;
                    }
                    got.incrementAndGet();
                }
            } catch (IOException e) {
                // counted so far
            }
        }, "fast-subscriber");
        t.start();
        return t;
    }

    /** Reads {@code n} messages of channel "a" from a raw subscriber. */
    private static boolean drainsMessages(Socket so, int n) throws IOException {
        InputStream in = new java.io.BufferedInputStream(so.getInputStream(), 1 << 16);
        // the confirmations first: subscribe a, subscribe b, psubscribe p*
        String confirmations = "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n"
                + "*3\r\n$10\r\npsubscribe\r\n$2\r\np*\r\n:3\r\n";
        if (!new String(in.readNBytes(confirmations.length()), StandardCharsets.US_ASCII).equals(confirmations)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            String m = message(i);
            String want = "*3\r\n$7\r\nmessage\r\n$1\r\na\r\n$" + m.length() + "\r\n" + m + "\r\n";
            if (!new String(in.readNBytes(want.length()), StandardCharsets.US_ASCII).equals(want)) {
                return false;
            }
        }
        return true;
    }

    /** Reads whatever the server had queued until the connection ends; false if it stays open. */
    private static boolean drainsToEof(Socket so) throws IOException {
        return bytesUntilEof(so) >= 0;
    }

    /** The bytes read until the connection ends, or -1 if it stays open. */
    private static long bytesUntilEof(Socket so) throws IOException {
        byte[] buf = new byte[65536];
        InputStream in = so.getInputStream();
        so.setSoTimeout(10_000);
        long total = 0;
        try {
            for (int r; (r = readOrEof(in, buf)) >= 0; ) {
                total += r;
            }
            return total;
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }

    /** A read where a reset connection counts as its end. */
    private static int readOrEof(InputStream in, byte[] buf) throws IOException {
        try {
            return in.read(buf);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            return -1;
        }
    }

    /** The id of the one client whose CLIENT LIST line contains {@code marker}, other than {@code not}. */
    private static long idOf(Jedis admin, String marker, long not) {
        for (String l : admin.clientList().split("\n")) {
            if (l.contains(marker) && !l.startsWith("id=" + not + " ")) {
                return Long.parseLong(l.substring(3, l.indexOf(' ')));
            }
        }
        throw new AssertionError("no client with " + marker + " in " + admin.clientList());
    }

    private static String lineOf(Jedis admin, long id) {
        for (String l : admin.clientList().split("\n")) {
            if (l.startsWith("id=" + id + " ")) {
                return l;
            }
        }
        return "";
    }

    private static long field(String line, String name) {
        int at = line.indexOf(" " + name + "=");
        if (at < 0) {
            throw new AssertionError(name + " not in " + line);
        }
        int from = at + name.length() + 2;
        int to = line.indexOf(' ', from);
        return Long.parseLong(line.substring(from, to < 0 ? line.length() : to));
    }

    private static String stat(Jedis admin, String name) {
        return info(admin, "stats", name);
    }

    private static String info(Jedis admin, String section, String name) {
        for (String l : admin.info(section).split("\r\n")) {
            if (l.startsWith(name + ":")) {
                return l.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static boolean waitFor(BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (c.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
