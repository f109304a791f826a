package io.ringstore.engine.family.server;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.Commands;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.testing.Resp;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COMMAND and its subcommands, and the table they are generated from. */
@Timeout(30)
class CommandFamilyTest {
    private static final Set<String> GROUPS = Set.of("generic", "string", "list", "set", "sorted_set", "hash",
            "pubsub", "transactions", "connection", "server", "scripting", "hyperloglog", "cluster", "sentinel",
            "geo", "stream", "bitmap");
    static EmbeddedEngine e;

    @BeforeAll
    static void start() {
        e = new EmbeddedEngine(2, new ManualClock(1_000_000));
    }

    @AfterAll
    static void stop() {
        e.close();
    }

    private static List<CommandSpec> rows(CommandTable t) {
        List<CommandSpec> out = new ArrayList<>();
        for (CommandSpec s : t.commands().values()) {
            out.add(s);
            out.addAll(s.subcommands().values());
        }
        return out;
    }

    @Test
    void shouldGiveEveryRowAGroupAValidKeyRangeAndKnownAclCategories() {
        CommandTable t = Commands.table();
        for (CommandSpec s : rows(t)) {
            String n = s.fullName;
            assertTrue(GROUPS.contains(s.group), n + " has group '" + s.group + "'");
            assertTrue(s.arity != 0, n + " arity");
            if (s.firstKey > 0) {
                assertTrue(s.keyStep >= 1, n + " key step");
                assertTrue(s.lastKey < 0 || s.lastKey >= s.firstKey, n + " last key");
                assertTrue(s.arity < 0 || s.arity > s.firstKey, n + " first key beyond arity");
            } else {
                assertEquals(0, s.firstKey, n + " first key");
                assertEquals(0, s.lastKey, n + " last key of a keyless row");
                assertEquals(0, s.keyStep, n + " step of a keyless row");
            }
            CommandDocsAcl.mask(s); // throws on an unknown category
            for (String tip : s.tips()) {
                assertTrue(tip.matches("nondeterministic_output(_order)?|request_policy:\\w+|response_policy:\\w+"),
                        n + " tip " + tip);
            }
            assertFalse(s.summary().isEmpty() && s.complexity() != null, n + " has complexity but no summary");
            if (s.parent != null) {
                assertEquals(s.parent.name + "|" + s.name, n);
                assertEquals(s.parent.group, s.group, n + " group");
            }
            if (s.isContainer() && s.handler == null) {
                assertTrue(s.arity <= -2, n + " container arity");
            }
        }
    }

    @Test
    void shouldCountEveryTopLevelCommand() {
        assertEquals(":" + Commands.table().size() + "\r\n", e.call("COMMAND", "COUNT"));
        assertEquals("-ERR wrong number of arguments for 'command|count' command\r\n", e.call("COMMAND", "COUNT", "x"));
    }

    @Test
    void shouldListEveryTopLevelRowInCommandAndCommandInfo() {
        CommandTable t = Commands.table();
        Set<String> expected = t.commands().keySet();
        for (String[] cmd : new String[][] {{"COMMAND"}, {"COMMAND", "INFO"}}) {
            List<?> entries = (List<?>) Resp.plain(e.call(cmd));
            assertEquals(t.size(), entries.size());
            Set<String> names = new HashSet<>();
            for (Object entry : entries) {
                List<?> f = (List<?>) entry;
                assertEquals(10, f.size());
                names.add((String) f.get(0));
                assertEquals((long) t.get((String) f.get(0)).arity, f.get(1));
            }
            assertEquals(expected, names);
        }
    }

    @Test
    void shouldDescribeCommandsExactlyAsRedis7() {
        // Captured from redis-server 7.0.15: COMMAND INFO echo client|kill dbsize config|set
        String redis = "*4\r\n*10\r\n$4\r\necho\r\n:2\r\n*3\r\n+loading\r\n+stale\r\n+fast\r\n:0\r\n:0\r\n:0\r\n*2\r\n"
                + "+@fast\r\n+@connection\r\n*0\r\n*0\r\n*0\r\n*10\r\n$11\r\nclient|kill\r\n:-3\r\n*4\r\n+admin\r\n"
                + "+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*4\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n"
                + "+@connection\r\n*0\r\n*0\r\n*0\r\n*10\r\n$6\r\ndbsize\r\n:1\r\n*2\r\n+readonly\r\n+fast\r\n:0\r\n"
                + ":0\r\n:0\r\n*3\r\n+@keyspace\r\n+@read\r\n+@fast\r\n*2\r\n$25\r\nrequest_policy:all_shards\r\n"
                + "$23\r\nresponse_policy:agg_sum\r\n*0\r\n*0\r\n*10\r\n$10\r\nconfig|set\r\n:-4\r\n*4\r\n+admin\r\n"
                + "+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*2\r\n"
                + "$24\r\nrequest_policy:all_nodes\r\n$29\r\nresponse_policy:all_succeeded\r\n*0\r\n*0\r\n";
        assertEquals(redis, e.call("COMMAND", "INFO", "echo", "CLIENT|KILL", "dbsize", "config|set"));
        String docs = "*4\r\n$6\r\ndbsize\r\n*8\r\n$7\r\nsummary\r\n$50\r\nReturn the number of keys in the selected "
                + "database\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nserver\r\n$10\r\ncomplexity\r\n$4\r\n"
                + "O(1)\r\n$4\r\ntime\r\n*8\r\n$7\r\nsummary\r\n$30\r\nReturn the current server time\r\n$5\r\nsince\r\n"
                + "$5\r\n2.6.0\r\n$5\r\ngroup\r\n$6\r\nserver\r\n$10\r\ncomplexity\r\n$4\r\nO(1)\r\n";
        assertEquals(docs, e.call("COMMAND", "DOCS", "dbsize", "nosuch", "time"));
    }

    @Test
    void shouldUseResp3SetsAndMapsAfterHello3() {
        var s = e.newSession();
        e.call(s, "HELLO", "3");
        assertEquals("*2\r\n*10\r\n$4\r\necho\r\n:2\r\n~3\r\n+loading\r\n+stale\r\n+fast\r\n:0\r\n:0\r\n:0\r\n~2\r\n"
                + "+@fast\r\n+@connection\r\n~0\r\n~0\r\n~0\r\n_\r\n", e.call(s, "COMMAND", "INFO", "echo", "nosuch"));
        assertEquals("%0\r\n", e.call(s, "COMMAND", "DOCS", "nosuch"));
    }

    @Test
    void shouldAnswerNullForUnknownCommandInfoNames() {
        assertEquals("*3\r\n$-1\r\n$-1\r\n$-1\r\n", e.call("COMMAND", "INFO", "nosuch", "config|nosuch", "a|b|c"));
        assertEquals("*0\r\n", e.call("COMMAND", "DOCS", "nosuch"));
    }

    @Test
    void shouldNestSubcommandsUnderTheirContainer() {
        List<?> client = (List<?>) ((List<?>) Resp.plain(e.call("COMMAND", "INFO", "client"))).get(0);
        assertEquals("client", client.get(0));
        assertEquals(List.of(), client.get(2));
        assertEquals(List.of("@slow"), client.get(6));
        List<?> subs = (List<?>) client.get(9);
        assertEquals(Commands.table().get("client").subcommands().size(), subs.size());
        Set<String> names = new HashSet<>();
        for (Object sub : subs) {
            names.add((String) ((List<?>) sub).get(0));
        }
        assertTrue(names.containsAll(Set.of("client|list", "client|kill", "client|id", "client|info")), names.toString());

        List<?> docs = (List<?>) Resp.plain(e.call("COMMAND", "DOCS", "config"));
        assertEquals("config", docs.get(0));
        List<?> fields = (List<?>) docs.get(1);
        assertEquals("subcommands", fields.get(fields.size() - 2));
        assertTrue(((List<?>) fields.get(fields.size() - 1)).contains("config|get"));
    }

    @Test
    void shouldReportDerivedKeySpecsAndMovableKeys() {
        CommandTable t = new CommandTable();
        t.group("string");
        CommandSpec mset = t.add("mset", -3, "write denyoom", 1, -1, 2, c -> { });
        CommandSpec moving = t.add("moving", -3, "readonly", 0, 0, 0, c -> { }).keys(ev -> ev.addKeyPos(2));
        ReplyBuffer r = new ReplyBuffer();
        r.reset(2);
        CommandDocs.writeInfo(r, mset);
        List<?> info = (List<?>) Resp.plain(r.toString());
        assertEquals(List.of("write", "denyoom"), info.get(2));
        assertEquals(List.of("@write", "@string", "@slow"), info.get(6));
        assertEquals(List.of(List.of("flags", List.of("RW", "access", "update"),
                "begin_search", List.of("type", "index", "spec", List.of("index", 1L)),
                "find_keys", List.of("type", "range", "spec", List.of("lastkey", -1L, "keystep", 2L, "limit", 0L)))),
                info.get(8));
        r.reset(2);
        CommandDocs.writeInfo(r, moving);
        info = (List<?>) Resp.plain(r.toString());
        assertEquals(List.of("readonly", "movablekeys"), info.get(2));
        assertEquals(List.of(List.of("flags", List.of("RO", "access"),
                "begin_search", List.of("type", "unknown", "spec", List.of()),
                "find_keys", List.of("type", "unknown", "spec", List.of()))), info.get(8));
    }

    @Test
    void shouldDeriveAclCategoriesLikeRedis() {
        CommandTable t = Commands.table();
        assertEquals(List.of("@read", "@string", "@fast"), CommandDocsAcl.names(t.get("get")));
        assertEquals(List.of("@keyspace", "@write", "@slow", "@dangerous"), CommandDocsAcl.names(t.get("flushall")));
        assertEquals(List.of("@slow", "@dangerous"), CommandDocsAcl.names(t.get("info")));
        assertEquals(List.of("@slow", "@connection"), CommandDocsAcl.names(t.get("command")));
        assertEquals(List.of("@slow"), CommandDocsAcl.names(t.get("config")));
        assertEquals(List.of("@fast"), CommandDocsAcl.names(t.get("time")));
    }

    @Test
    void shouldListCommandNamesWithFilters() {
        List<?> all = (List<?>) Resp.plain(e.call("COMMAND", "LIST"));
        assertTrue(all.contains("get") && all.contains("client|list") && all.contains("command|docs"));
        assertEquals("*1\r\n$4\r\necho\r\n", e.call("COMMAND", "LIST", "FILTERBY", "PATTERN", "ECH*"));
        List<?> conn = (List<?>) Resp.plain(e.call("COMMAND", "LIST", "FILTERBY", "aclcat", "CONNECTION"));
        assertTrue(conn.contains("ping") && conn.contains("client|id") && !conn.contains("client"), conn.toString());
        assertEquals("*0\r\n", e.call("COMMAND", "LIST", "FILTERBY", "aclcat", "nosuch"));
        assertEquals("*0\r\n", e.call("COMMAND", "LIST", "FILTERBY", "module", "x"));
        assertEquals("-ERR syntax error\r\n", e.call("COMMAND", "LIST", "FILTERBY", "foo", "x"));
        assertEquals("-ERR syntax error\r\n", e.call("COMMAND", "LIST", "FILTERBY", "aclcat"));
        assertEquals("-ERR syntax error\r\n", e.call("COMMAND", "LIST", "foo"));
    }

    @Test
    void shouldExtractKeysOfAFullCommand() {
        assertEquals("*1\r\n$1\r\na\r\n", e.call("COMMAND", "GETKEYS", "get", "a"));
        assertEquals("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", e.call("COMMAND", "GETKEYS", "DEL", "a", "b", "c"));
        assertEquals("*1\r\n*2\r\n$1\r\na\r\n*2\r\n+RO\r\n+access\r\n", e.call("COMMAND", "GETKEYSANDFLAGS", "get", "a"));
        assertEquals("-ERR Invalid number of arguments specified for command\r\n", e.call("COMMAND", "GETKEYS", "set", "a"));
        assertEquals("-ERR The command has no key arguments\r\n", e.call("COMMAND", "GETKEYS", "ping", "x"));
        assertEquals("-ERR The command has no key arguments\r\n", e.call("COMMAND", "GETKEYS", "config", "get", "x"));
        assertEquals("-ERR Invalid command specified\r\n", e.call("COMMAND", "GETKEYS", "nosuch", "a"));
        assertEquals("-ERR Invalid command specified\r\n", e.call("COMMAND", "GETKEYS", "client", "nosuch"));
        assertEquals("-ERR wrong number of arguments for 'command|getkeys' command\r\n", e.call("COMMAND", "GETKEYS", "get"));
    }

    @Test
    void shouldExplainItselfInHelpAndRejectUnknownSubcommands() {
        String help = e.call("COMMAND", "HELP");
        assertTrue(help.startsWith("*21\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n"), help);
        assertTrue(help.endsWith("+HELP\r\n+    Prints this help.\r\n"), help);
        assertEquals("-ERR unknown subcommand 'nosuch'. Try COMMAND HELP.\r\n", e.call("COMMAND", "nosuch"));
    }
}
