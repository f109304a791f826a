package io.ringstore.transport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.command.CommandDetail;
import io.lettuce.core.models.command.CommandDetailParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.CommandDocument;
import redis.clients.jedis.resps.CommandInfo;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INFO, CONFIG and COMMAND through Jedis (RESP2) and Lettuce (RESP3) against a two-shard server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerCommandsIT {
    static TestServer server;
    static RedisClient lettuce;
    static StatefulRedisConnection<String, String> conn;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("shards", "2");
        lettuce = RedisClient.create("redis://127.0.0.1:" + server.port());
        conn = lettuce.connect();
    }

    @AfterAll
    static void stop() {
        conn.close();
        lettuce.shutdown();
        server.close();
    }

    private Jedis jedis() {
        return new Jedis("127.0.0.1", server.port());
    }

    @Test
    void shouldReportServerFactsAndKeyspaceInInfo() {
        try (Jedis j = jedis()) {
            j.select(7);
            j.set("info:a", "1");
            j.setex("info:b", 100, "2");
            String info = j.info();
            assertTrue(info.startsWith("# Server\r\nredis_version:7.0.15\r\n"), info);
            assertTrue(info.contains("\r\ntcp_port:" + server.port() + "\r\n"), info);
            assertTrue(info.contains("\r\nringstore_shards:2\r\n"), info);
            assertTrue(info.contains("\r\nmultiplexing_api:epoll\r\n") || info.contains("\r\nmultiplexing_api:nio\r\n"), info);
            assertTrue(info.contains("\r\ndb7:keys=2,expires=1,avg_ttl=0\r\n"), info);
            RedisCommands<String, String> sync = conn.sync();
            String keyspace = sync.info("keyspace");
            assertTrue(keyspace.startsWith("# Keyspace\r\n") && keyspace.contains("db7:keys=2,expires=1,avg_ttl=0"),
                    "Lettuce reads the RESP3 verbatim reply: " + keyspace);
            j.flushDB();
        }
    }

    @Test
    void shouldReadAndChangeConfiguration() {
        try (Jedis j = jedis()) {
            assertEquals(Map.of("hz", "10"), j.configGet("hz"));
            assertEquals("OK", j.configSet("maxclients", "5000", "hz", "20"));
            Map<String, String> viaResp3 = conn.sync().configGet("maxclients", "hz");
            assertEquals(Map.of("maxclients", "5000", "hz", "20"), viaResp3);
            assertEquals("OK", j.configSet("maxclients", "10000", "hz", "10"));
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> j.configSet("port", "1"));
            assertEquals("ERR CONFIG SET failed (possibly related to argument 'port') - can't set immutable config", e.getMessage());
        }
    }

    @Test
    void shouldDescribeTheCommandTableToClientLibraries() {
        try (Jedis j = jedis()) {
            long count = j.commandCount();
            assertTrue(count > 20, "count " + count);
            List<CommandDetail> details = CommandDetailParser.parse(conn.sync().command());
            assertEquals(count, details.size(), "Lettuce parses every COMMAND entry");
            // Jedis 5.2 cannot parse a container's subcommand entries (nor can it against redis-server 7.0).
            Map<String, CommandInfo> info = j.commandInfo("get", "client|list");
            assertEquals(2, info.get("get").getArity());
            assertEquals(List.of("readonly", "fast"), info.get("get").getFlags());
            assertEquals(List.of("@read", "@string", "@fast"), info.get("get").getAclCategories());
            assertEquals(List.of("@admin", "@slow", "@dangerous", "@connection"), info.get("client|list").getAclCategories());
            CommandDetail client = CommandDetailParser.parse(conn.sync().commandInfo("client")).get(0);
            assertEquals("client", client.getName());
            assertEquals(-2, client.getArity());
            Map<String, CommandDocument> docs = j.commandDocs("echo");
            assertEquals("Echo the given string", docs.get("echo").getSummary());
            assertEquals(List.of("a", "c"), j.commandGetKeys("DEL", "a", "c"));
        }
    }

    @Test
    void shouldApplyANewProtoMaxBulkLenToOpenConnections() throws Exception {
        try (TestServer s = TestServer.start();
             Socket open = new Socket("127.0.0.1", s.port());
             Jedis admin = new Jedis("127.0.0.1", s.port())) {
            open.setSoTimeout(5000);
            assertEquals("+PONG\r\n", roundTrip(open, "*1\r\n$4\r\nPING\r\n"));
            assertEquals("OK", admin.configSet("proto-max-bulk-len", "1mb"));
            assertEquals("-ERR Protocol error: invalid bulk length\r\n",
                    roundTrip(open, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n"),
                    "the decoder of a connection opened before CONFIG SET uses the new limit");
            assertEquals(-1, open.getInputStream().read(), "a protocol error closes the connection");
            assertEquals("OK", admin.configSet("proto-max-bulk-len", "512mb"));
            String big = "x".repeat(2_000_000);
            assertEquals("OK", admin.set("big", big));
            assertEquals(big.length(), admin.get("big").length());
        }
    }

    @Test
    void shouldZeroStatisticsOnResetstat() {
        try (Jedis j = jedis()) {
            j.get("resetstat:missing");
            assertEquals("OK", j.configResetStat());
            String stats = j.info("stats");
            assertTrue(stats.contains("\r\nkeyspace_misses:0\r\n"), stats);
            assertTrue(stats.contains("\r\ntotal_commands_processed:1\r\n"), stats);
        }
    }

    /** Writes a raw request and reads what arrives within a short while. */
    static String roundTrip(Socket s, String request) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        int n = in.read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    }
}
