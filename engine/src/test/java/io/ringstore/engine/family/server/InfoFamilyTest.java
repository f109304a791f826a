package io.ringstore.engine.family.server;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.testing.Resp;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INFO: section selection, Redis's text layout, and counters summed over shards. */
@Timeout(30)
class InfoFamilyTest {
    /** The bulk payload of a RESP2 bulk reply. */
    private static String bulk(String reply) {
        Resp.Reply r = Resp.parse(reply);
        assertEquals(Resp.Kind.BULK, r.kind(), reply);
        return r.text();
    }

    private static List<String> headers(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r\n")) {
            if (line.startsWith("# ")) {
                out.add(line.substring(2));
            }
        }
        return out;
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    @Test
    void shouldWriteEveryDefaultSectionInRedisOrder() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(1_000_000))) {
            List<String> all = List.of("Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU",
                    "Modules", "Errorstats", "Cluster", "Keyspace");
            for (String[] cmd : new String[][] {{"INFO"}, {"INFO", "default"}, {"INFO", "ALL"}, {"INFO", "everything"}}) {
                String text = bulk(e.call(cmd));
                assertEquals(all, headers(text));
                assertTrue(text.startsWith("# Server\r\nredis_version:7.0.15\r\n"), text);
                assertTrue(text.contains("\r\n\r\n# Clients\r\n"), "sections are separated by a blank line");
                assertTrue(text.endsWith("# Keyspace\r\n"), "the last section ends with its own CRLF only");
            }
        }
    }

    @Test
    void shouldSelectSectionsCaseInsensitivelyInFixedOrder() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(1_000_000))) {
            assertEquals(List.of("Clients", "Keyspace"), headers(bulk(e.call("INFO", "KEYSPACE", "clients", "Clients"))));
            assertEquals("$12\r\n# Keyspace\r\n\r\n", e.call("INFO", "keyspace"));
            assertEquals("$0\r\n\r\n", e.call("INFO", "nosuch"));
            assertEquals("$0\r\n\r\n", e.call("INFO", "a", "b", "c"));
        }
    }

    @Test
    void shouldReplyVerbatimTextUnderResp3() {
        try (EmbeddedEngine e = new EmbeddedEngine(1, new ManualClock(1_000_000))) {
            e.call("HELLO", "3");
            assertEquals("=16\r\ntxt:# Keyspace\r\n\r\n", e.call("INFO", "keyspace"));
        }
    }

    @Test
    void shouldSumKeyspaceAndStatsOverShards() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(1_000_000))) {
            for (int i = 0; i < 20; i++) {
                e.call("SET", "k" + i, "v");
            }
            e.call("SET", "t1", "v", "EX", "100");
            e.call("SET", "t2", "v", "PX", "100000");
            e.call("SELECT", "3");
            e.call("SET", "other", "v");
            e.call("SELECT", "0");
            e.call("GET", "k1");
            e.call("GET", "k2");
            e.call("GET", "missing");
            assertEquals(Resp.bulk("# Keyspace\r\ndb0:keys=22,expires=2,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n"),
                    e.call("INFO", "keyspace"));
            Map<String, String> stats = fields(bulk(e.call("INFO", "stats")));
            assertEquals("2", stats.get("keyspace_hits"));
            assertEquals("1", stats.get("keyspace_misses"));
            assertEquals("29", stats.get("total_commands_processed"), "INFO keyspace counted, this INFO not yet");
            assertEquals("1", stats.get("total_connections_received"));
        }
    }

    @Test
    void shouldStateServerClientsAndPersistenceFactsTruthfully() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(1_000_000))) {
            ClientSession other = e.newSession();
            e.call(other, "PING");
            Map<String, String> f = fields(bulk(e.call("INFO")));
            assertEquals(Long.toString(ProcessHandle.current().pid()), f.get("process_id"));
            assertEquals("2", f.get("ringstore_shards"));
            assertEquals("phased", f.get("ringstore_wait_strategy"));
            assertEquals("10", f.get("hz"));
            assertEquals(40, f.get("run_id").length());
            assertEquals("2", f.get("connected_clients"));
            assertEquals("10000", f.get("maxclients"));
            assertEquals("0", f.get("blocked_clients"));
            assertEquals("0", f.get("aof_enabled"));
            assertEquals("0", f.get("loading"));
            assertEquals("master", f.get("role"));
            assertEquals("0", f.get("connected_slaves"));
            assertEquals("noeviction", f.get("maxmemory_policy"));
            assertTrue(Long.parseLong(f.get("used_memory")) > 0);
            assertTrue(f.get("used_cpu_user").matches("\\d+\\.\\d{6}"), f.get("used_cpu_user"));
            assertEquals("0", f.get("cluster_enabled"));
        }
    }

    @Test
    void shouldFormatMemoryLikeRedis() {
        assertEquals("0B", InfoProcess.human(0));
        assertEquals("1023B", InfoProcess.human(1023));
        assertEquals("1.00K", InfoProcess.human(1024));
        assertEquals("919.47K", InfoProcess.human(941536));
        assertEquals("23.54G", InfoProcess.human(25276510208L));
        assertEquals("1.500000", InfoProcess.seconds(1_500_000));
    }

    @Test
    void shouldZeroCountersOnConfigResetstat() {
        try (EmbeddedEngine e = new EmbeddedEngine(2, new ManualClock(1_000_000))) {
            e.call("SET", "a", "1");
            e.call("GET", "a");
            e.call("GET", "b");
            assertEquals("+OK\r\n", e.call("CONFIG", "RESETSTAT"));
            Map<String, String> stats = fields(bulk(e.call("INFO", "stats")));
            assertEquals("0", stats.get("keyspace_hits"));
            assertEquals("0", stats.get("keyspace_misses"));
            assertEquals("1", stats.get("total_commands_processed"), "RESETSTAT itself counts, as in Redis");
            assertEquals("0", stats.get("total_connections_received"));
            assertEquals(Resp.bulk("# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n"), e.call("INFO", "keyspace"),
                    "RESETSTAT keeps the data");
        }
    }
}
