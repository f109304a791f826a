package io.ringstore.engine.family.connection;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static io.ringstore.engine.testing.Resp.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CLIENT subcommands against embedded sessions; real sockets are covered by ConnectionIT. */
@Timeout(30)
class ClientFamilyTest {
    private static final String LINE = "id=\\d+ addr=\\S+ laddr=\\S+ fd=-?\\d+ name=\\S* age=\\d+ idle=\\d+ flags=[A-Za-z]+ "
            + "db=\\d+ sub=0 psub=0 ssub=0 multi=-1 qbuf=\\d+ qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 "
            + "oll=0 omem=0 tot-mem=0 events=r cmd=\\S+ user=default redir=-1 resp=[23]";
    private ManualClock clock;
    private EmbeddedEngine e;

    /** A session with its own address that records being socketClosed. */
    static final class FakeConnection extends ClientSession {
        final String addr;
        volatile boolean socketClosed;

        FakeConnection(long id, long nowMs, String addr) {
            super(id, nowMs, 16);
            this.addr = addr;
        }

        @Override
        public String remoteAddress() {
            return addr;
        }

        @Override
        public String localAddress() {
            return "127.0.0.1:6379";
        }

        @Override
        public void kill() {
            socketClosed = true;
        }
    }

    @BeforeEach
    void start() {
        clock = new ManualClock(1_000_000);
        e = new EmbeddedEngine(2, clock);
    }

    @AfterEach
    void stop() {
        e.close();
    }

    private FakeConnection connect(String addr) {
        FakeConnection s = new FakeConnection(e.context().sessions.nextId(), clock.nowMs(), addr);
        e.context().sessions.register(s);
        return s;
    }

    @Test
    void shouldNameTheConnection() {
        assertEquals(":" + e.session().id + "\r\n", e.call("CLIENT", "ID"));
        assertEquals("$-1\r\n", e.call("CLIENT", "GETNAME"));
        assertEquals("+OK\r\n", e.call("CLIENT", "SETNAME", "worker-1"));
        assertEquals("$8\r\nworker-1\r\n", e.call("CLIENT", "GETNAME"));
        assertEquals("-" + Errors.BAD_CLIENT_NAME + "\r\n", e.call("CLIENT", "SETNAME", "a b"));
        assertEquals("+OK\r\n", e.call("CLIENT", "SETNAME", ""));
        assertEquals("$-1\r\n", e.call("CLIENT", "GETNAME"));
        assertEquals("-ERR wrong number of arguments for 'client|getname' command\r\n", e.call("CLIENT", "GETNAME", "x"));
    }

    @Test
    void shouldDescribeItselfWithTheStateItsCommandSaw() {
        FakeConnection me = connect("10.1.1.1:4242");
        e.call(me, "SELECT", "5");
        e.call(me, "CLIENT", "SETNAME", "me");
        clock.advance(3000);
        String line = text(e.call(me, "CLIENT", "INFO"));
        assertTrue(line.matches(LINE + "\n"), line);
        assertTrue(line.startsWith("id=" + me.id + " addr=10.1.1.1:4242 laddr=127.0.0.1:6379 fd=-1 name=me age=3 idle=0 "
                + "flags=N db=5 "), line);
        assertTrue(line.contains(" cmd=client|info user=default redir=-1 resp=2\n"), line);
        e.call(me, "HELLO", "3");
        String resp3 = e.call(me, "CLIENT", "INFO");
        assertTrue(resp3.startsWith("=") && resp3.contains("txt:id=") && resp3.contains(" resp=3\n"), resp3);
    }

    @Test
    void shouldListEveryClientById() {
        FakeConnection a = connect("10.0.0.1:5000");
        FakeConnection b = connect("10.0.0.2:5001");
        e.call(a, "CLIENT", "SETNAME", "alpha");
        e.call(b, "PING");
        String[] lines = text(e.call("CLIENT", "LIST")).split("\n");
        assertEquals(3, lines.length);
        for (String l : lines) {
            assertTrue(l.matches(LINE), l);
        }
        assertTrue(lines[0].startsWith("id=" + e.session().id + " "), lines[0]);
        assertTrue(lines[0].contains(" cmd=client|list "), lines[0]);
        assertTrue(lines[1].startsWith("id=" + a.id + " addr=10.0.0.1:5000 laddr=127.0.0.1:6379 "), lines[1]);
        assertTrue(lines[1].contains(" name=alpha ") && lines[1].contains(" cmd=client|setname "), lines[1]);
        assertTrue(lines[2].contains(" cmd=ping "), lines[2]);
        assertEquals(text(e.call("CLIENT", "LIST")), text(e.call("CLIENT", "LIST", "TYPE", "NORMAL")));
    }

    @Test
    void shouldFilterTheListByTypeAndId() {
        FakeConnection a = connect("10.0.0.1:5000");
        assertEquals("$0\r\n\r\n", e.call("CLIENT", "LIST", "TYPE", "master"));
        assertEquals("$0\r\n\r\n", e.call("CLIENT", "LIST", "TYPE", "replica"));
        assertEquals("$0\r\n\r\n", e.call("CLIENT", "LIST", "TYPE", "pubsub"));
        assertEquals("-ERR Unknown client type 'foo'\r\n", e.call("CLIENT", "LIST", "TYPE", "foo"));
        String two = text(e.call("CLIENT", "LIST", "ID", Long.toString(a.id), "999", Long.toString(a.id)));
        assertEquals(2, two.split("\n").length, "ids are answered in argument order, repeats included");
        assertTrue(two.startsWith("id=" + a.id + " "), two);
        assertEquals("$0\r\n\r\n", e.call("CLIENT", "LIST", "ID", "0"));
        assertEquals("-ERR Invalid client ID\r\n", e.call("CLIENT", "LIST", "ID", "1", "abc"));
        assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "LIST", "ID"));
        assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "LIST", "TYPE"));
        assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "LIST", "foo"));
    }

    @Test
    void shouldKillByIdAndAddressButSkipTheCallerByDefault() {
        FakeConnection a = connect("10.0.0.1:5000");
        FakeConnection b = connect("10.0.0.2:5001");
        assertEquals(":1\r\n", e.call("CLIENT", "KILL", "ID", Long.toString(a.id)));
        assertTrue(a.socketClosed);
        assertFalse(b.socketClosed);
        assertEquals(":0\r\n", e.call(b, "CLIENT", "KILL", "ADDR", "10.0.0.2:5001"), "SKIPME yes spares the caller");
        assertEquals(":1\r\n", e.call(b, "CLIENT", "KILL", "ADDR", "10.0.0.2:5001", "SKIPME", "no"));
        assertFalse(b.socketClosed, "the caller is closed after its reply, not from the shard");
        assertEquals(":0\r\n", e.call("CLIENT", "KILL", "LADDR", "1.1.1.1:1"));
        assertEquals(":0\r\n", e.call("CLIENT", "KILL", "USER", "default", "ID", "99999"));
    }

    @Test
    void shouldKillEveryOtherClientMatchingAllFilters() {
        List<FakeConnection> many = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            many.add(connect("10.0.0." + i + ":6000"));
        }
        assertEquals(":4\r\n", e.call("CLIENT", "KILL", "TYPE", "normal"));
        for (FakeConnection f : many) {
            assertTrue(f.socketClosed);
        }
        assertEquals(":0\r\n", e.call("CLIENT", "KILL", "TYPE", "master"));
    }

    @Test
    void shouldKillByTheOldAddressForm() {
        FakeConnection a = connect("10.0.0.1:5000");
        assertEquals("+OK\r\n", e.call("CLIENT", "KILL", "10.0.0.1:5000"));
        assertTrue(a.socketClosed);
        assertEquals("-ERR No such client\r\n", e.call("CLIENT", "KILL", "1.2.3.4:5"));
    }

    @Test
    void shouldRejectBadKillFilters() {
        assertEquals("-ERR client-id should be greater than 0\r\n", e.call("CLIENT", "KILL", "ID", "abc"));
        assertEquals("-ERR client-id should be greater than 0\r\n", e.call("CLIENT", "KILL", "ID", "0"));
        assertEquals("-ERR Unknown client type 'foo'\r\n", e.call("CLIENT", "KILL", "TYPE", "foo"));
        assertEquals("-ERR No such user 'nobody'\r\n", e.call("CLIENT", "KILL", "USER", "nobody"));
        assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "KILL", "SKIPME", "maybe"));
        assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "KILL", "ID", "1", "ADDR"));
        assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "KILL", "MAXAGE", "1"));
        assertEquals("-ERR wrong number of arguments for 'client|kill' command\r\n", e.call("CLIENT", "KILL"));
    }

    @Test
    void shouldFlagNoEvict() {
        assertEquals("+OK\r\n", e.call("CLIENT", "NO-EVICT", "ON"));
        assertTrue(text(e.call("CLIENT", "INFO")).contains(" flags=e "));
        assertEquals("+RESET\r\n", e.call("RESET"));
        assertTrue(text(e.call("CLIENT", "INFO")).contains(" flags=e "), "RESET keeps no-evict, as Redis 7.0 does");
        assertEquals("+OK\r\n", e.call("CLIENT", "NO-EVICT", "off"));
        assertTrue(text(e.call("CLIENT", "INFO")).contains(" flags=N "));
        assertEquals("-ERR syntax error\r\n", e.call("CLIENT", "NO-EVICT", "maybe"));
    }

    @Test
    void shouldExplainItselfInHelp() {
        String help = e.call("CLIENT", "HELP");
        assertTrue(help.contains("+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+CACHING (YES|NO)\r\n"), help);
        assertTrue(help.contains("+TRACKINGINFO\r\n+    Report tracking status for the current connection.\r\n"), help);
        assertTrue(help.contains("+KILL <option> <value> [<option> <value> [...]]\r\n"), help);
        assertFalse(help.contains("PAUSE"), "only subcommands Ringstore has");
        assertEquals("-ERR unknown subcommand 'nosuch'. Try CLIENT HELP.\r\n", e.call("CLIENT", "nosuch"));
        assertEquals("-ERR wrong number of arguments for 'client' command\r\n", e.call("CLIENT"));
    }
}
