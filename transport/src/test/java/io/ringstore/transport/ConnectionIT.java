package io.ringstore.transport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection state and CLIENT commands over real sockets, against a two-shard server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionIT {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("shards", "2");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    private static Socket socket() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(300);
        return s;
    }

    /** Writes the request in one go and reads until the server closes or stays quiet for 300 ms. */
    private static String exchange(Socket s, String request) throws Exception {
        s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        return readAvailable(s);
    }

    private static String readAvailable(Socket s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
            out.write("<EOF>".getBytes(StandardCharsets.US_ASCII));
        } catch (SocketTimeoutException quiet) {
            // the reply is complete and the connection stays open
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long id(Socket s) throws Exception {
        String r = exchange(s, resp("CLIENT", "ID"));
        return Long.parseLong(r.substring(1, r.length() - 2));
    }

    @Test
    void shouldListClientsWithTheirRealAddressesAndDescriptors() throws Exception {
        try (Socket raw = socket(); Jedis j = new Jedis("127.0.0.1", server.port())) {
            assertEquals("+OK\r\n", exchange(raw, resp("CLIENT", "SETNAME", "raw-socket")));
            String line = null;
            for (String l : j.clientList().split("\n")) {
                if (l.contains(" name=raw-socket ")) {
                    line = l;
                }
            }
            assertTrue(line != null, j.clientList());
            assertTrue(line.contains(" addr=127.0.0.1:" + raw.getLocalPort() + " laddr=127.0.0.1:" + server.port() + " fd="), line);
            assertTrue(Integer.parseInt(line.replaceAll(".* fd=(-?\\d+) .*", "$1")) > 0, line);
            assertTrue(line.contains(" cmd=client|setname "), line);
            String self = j.clientInfo();
            assertTrue(self.contains(" cmd=client|info ") && self.endsWith("\n"), self);
        }
    }

    @Test
    void shouldKillAnotherConnectionById() throws Exception {
        try (Socket victim = socket(); Jedis j = new Jedis("127.0.0.1", server.port())) {
            long id = id(victim);
            assertEquals(1L, j.sendCommand(() -> "CLIENT".getBytes(), "KILL", "ID", Long.toString(id)));
            victim.setSoTimeout(5000);
            assertEquals(-1, victim.getInputStream().read(), "the killed connection is closed");
            assertEquals("PONG", j.ping(), "the caller is spared");
        }
    }

    @Test
    void shouldCloseTheCallerAfterReplyingWhenItKillsItself() throws Exception {
        try (Socket s = socket()) {
            long id = id(s);
            assertEquals(":1\r\n<EOF>", exchange(s, resp("CLIENT", "KILL", "ID", Long.toString(id), "SKIPME", "no")));
        }
        try (Socket s = socket()) {
            String addr = "127.0.0.1:" + s.getLocalPort();
            assertEquals("+OK\r\n<EOF>", exchange(s, resp("CLIENT", "KILL", addr)), "the old form can kill the caller");
        }
    }

    @Test
    void shouldApplyPipelinedConnectionStateInOrder() throws Exception {
        try (Socket s = socket()) {
            long id = id(s);
            String request = resp("CLIENT", "SETNAME", "foo") + resp("RESET") + resp("CLIENT", "GETNAME")
                    + resp("CLIENT", "SETNAME", "a") + resp("HELLO", "3", "SETNAME", "b") + resp("CLIENT", "GETNAME")
                    + resp("SELECT", "2") + resp("SET", "pipelined", "v") + resp("GET", "nope") + resp("RESET")
                    + resp("GET", "pipelined");
            String hello3 = "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n"
                    + "$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                    + "$7\r\nmodules\r\n*0\r\n";
            assertEquals("+OK\r\n+RESET\r\n$-1\r\n+OK\r\n" + hello3 + "$1\r\nb\r\n+OK\r\n+OK\r\n_\r\n+RESET\r\n$-1\r\n",
                    exchange(s, request));
        }
    }

    @Test
    void shouldStopAtQuit() throws Exception {
        try (Socket s = socket()) {
            assertEquals("+OK\r\n<EOF>", exchange(s, resp("QUIT") + resp("PING")));
        }
    }

    @Test
    void shouldShowLettuceResp3SessionInClientInfo() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + server.port());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            String info = c.sync().clientInfo();
            assertTrue(info.contains(" resp=3"), "Lettuce negotiates RESP3 with HELLO: " + info);
            assertEquals("OK", c.sync().clientSetname("lettuce-conn"));
            assertEquals("lettuce-conn", c.sync().clientGetname());
        } finally {
            client.shutdown();
        }
    }
}
