package io.ringstore.engine.family.connection;

import io.ringstore.engine.EmbeddedEngine;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PING, ECHO, SELECT, HELLO, AUTH, RESET, QUIT with Redis 7.0's replies and error texts. */
@Timeout(30)
class ConnectionFamilyTest {
    private EmbeddedEngine e;

    @BeforeEach
    void start() {
        e = new EmbeddedEngine(2, new ManualClock(1_000_000));
    }

    @AfterEach
    void stop() {
        e.close();
    }

    private String hello(int proto) {
        String id = Long.toString(e.session().id);
        String body = "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:" + proto
                + "\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
                + "$7\r\nmodules\r\n*0\r\n";
        return (proto == 3 ? "%7\r\n" : "*14\r\n") + body;
    }

    @Test
    void shouldPingAndEcho() {
        assertEquals("+PONG\r\n", e.call("PING"));
        assertEquals("$5\r\nhello\r\n", e.call("PING", "hello"));
        assertEquals("-ERR wrong number of arguments for 'ping' command\r\n", e.call("PING", "a", "b"));
        assertEquals("$0\r\n\r\n", e.call("ECHO", ""));
        assertEquals("-ERR wrong number of arguments for 'echo' command\r\n", e.call("ECHO", "a", "b"));
    }

    @Test
    void shouldSelectOnlyExistingDatabases() {
        assertEquals("+OK\r\n", e.call("SELECT", "15"));
        assertEquals("-ERR DB index is out of range\r\n", e.call("SELECT", "16"));
        assertEquals("-ERR DB index is out of range\r\n", e.call("SELECT", "-1"));
        assertEquals("-ERR value is not an integer or out of range\r\n", e.call("SELECT", "abc"));
        e.call("SET", "in15", "v");
        assertEquals(":1\r\n", e.call("DBSIZE"));
    }

    @Test
    void shouldSwitchProtocolWithHello() {
        assertEquals(hello(3), e.call("HELLO", "3"));
        assertEquals("_\r\n", e.call("GET", "missing"));
        assertEquals(hello(3), e.call("HELLO"));
        assertEquals(hello(2), e.call("HELLO", "2"));
        assertEquals("$-1\r\n", e.call("GET", "missing"));
    }

    @Test
    void shouldRejectBadHelloArguments() {
        assertEquals("-NOPROTO unsupported protocol version\r\n", e.call("HELLO", "4"));
        assertEquals("-NOPROTO unsupported protocol version\r\n", e.call("HELLO", "1"));
        assertEquals("-ERR Protocol version is not an integer or out of range\r\n", e.call("HELLO", "3.0"));
        assertEquals("-ERR Syntax error in HELLO option 'foo'\r\n", e.call("HELLO", "3", "foo"));
        assertEquals("-ERR Syntax error in HELLO option 'AUTH'\r\n", e.call("HELLO", "3", "AUTH", "default"));
        assertEquals("-ERR Syntax error in HELLO option 'SETNAME'\r\n", e.call("HELLO", "2", "SETNAME"));
        assertEquals("-" + Errors.BAD_CLIENT_NAME + "\r\n", e.call("HELLO", "3", "SETNAME", "a b"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n",
                e.call("HELLO", "3", "AUTH", "someone", "pw"));
        assertEquals("$-1\r\n", e.call("GET", "missing"), "a failed HELLO keeps RESP2");
    }

    @Test
    void shouldAuthenticateTheDefaultUserAndNameInHello() {
        assertEquals(hello(3), e.call("HELLO", "3", "AUTH", "default", "anything", "SETNAME", "x", "SETNAME", "auth"));
        assertEquals("$4\r\nauth\r\n", e.call("CLIENT", "GETNAME"));
    }

    @Test
    void shouldAnswerAuthLikeAServerWithoutPasswords() {
        assertEquals("-ERR AUTH <password> called without any password configured for the default user. "
                + "Are you sure your configuration is correct?\r\n", e.call("AUTH", "pw"));
        assertEquals("+OK\r\n", e.call("AUTH", "default", "pw"));
        assertEquals("-WRONGPASS invalid username-password pair or user is disabled.\r\n", e.call("AUTH", "Default", "pw"));
        assertEquals("-ERR syntax error\r\n", e.call("AUTH", "a", "b", "c"));
    }

    @Test
    void shouldResetDbProtocolAndName() {
        e.call("HELLO", "3", "SETNAME", "n");
        e.call("SELECT", "4");
        assertEquals("+RESET\r\n", e.call("RESET"));
        assertEquals("$-1\r\n", e.call("CLIENT", "GETNAME"));
        String info = e.call("CLIENT", "INFO");
        assertTrue(info.startsWith("$") && info.contains(" db=0 ") && info.contains(" resp=2\n"), info);
        assertEquals("-ERR wrong number of arguments for 'reset' command\r\n", e.call("RESET", "x"));
    }

    @Test
    void shouldReplyOkToQuit() {
        assertEquals("+OK\r\n", e.call(e.newSession(), "QUIT", "ignored"));
    }
}
