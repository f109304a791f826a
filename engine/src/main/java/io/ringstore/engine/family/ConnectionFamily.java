package io.ringstore.engine.family;

import io.ringstore.engine.Args;
import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.util.Numbers;

/**
 * Connection commands. Those that change connection state (SELECT, HELLO, RESET, QUIT) do so in an
 * ingress hook on the I/O thread, so the next pipelined command is already stamped with the new
 * db or protocol; their handlers only reply, in ring order, from the status the hook left.
 */
public final class ConnectionFamily {
    static final String SERVER_VERSION = "7.0.15";
    private static final byte[] AUTH = Replies.b("auth");
    private static final byte[] SETNAME = Replies.b("setname");
    private static final byte[] RESET_REPLY = Replies.b("+RESET\r\n");

    private ConnectionFamily() {
    }

    public static void register(CommandTable t) {
        t.group("connection");
        t.add("ping", -1, "fast", 0, 0, 0, ConnectionFamily::ping);
        t.add("echo", 2, "fast", 0, 0, 0, c -> c.reply.bulk(c.args.buf(), c.args.off(1), c.args.len(1)));
        t.add("select", 2, "loading stale fast", 0, 0, 0, ConnectionFamily::select).ingress(ConnectionFamily::selectIngress);
        t.add("quit", -1, "allow_busy noscript loading stale fast no_auth", 0, 0, 0, c -> c.reply.ok())
                .ingress((s, e) -> {
                    s.closing = true;
                    e.closeAfterReply = true;
                });
        t.add("reset", 1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, c -> c.reply.raw(RESET_REPLY))
                .ingress((s, e) -> {
                    s.db = 0;
                    s.currentDb = 0;
                    s.resp = 2;
                    s.name = null;
                });
        t.add("hello", -1, "noscript loading stale fast no_auth allow_busy", 0, 0, 0, ConnectionFamily::hello)
                .ingress(ConnectionFamily::helloIngress);
    }

    static void ping(CommandContext c) {
        if (c.args.count() > 2) {
            c.reply.error("ERR wrong number of arguments for 'ping' command");
        } else if (c.args.count() == 2) {
            c.reply.bulk(c.args.buf(), c.args.off(1), c.args.len(1));
        } else {
            c.reply.raw(Replies.PONG);
        }
    }

    private static final int ST_OK = 0;
    private static final int ST_NOT_INTEGER = 1;
    private static final int ST_OUT_OF_RANGE = 2;

    static void selectIngress(ClientSession s, RequestEvent e) {
        long[] v = new long[1];
        Args a = e.args;
        if (!Numbers.parseLong(a.buf(), a.off(1), a.len(1), v) || v[0] < Integer.MIN_VALUE || v[0] > Integer.MAX_VALUE) {
            e.ingressStatus = ST_NOT_INTEGER;
        } else if (v[0] < 0 || v[0] >= s.databases()) {
            e.ingressStatus = ST_OUT_OF_RANGE;
        } else {
            s.db = (int) v[0];
            s.currentDb = s.db;
            e.ingressStatus = ST_OK;
        }
    }

    static void select(CommandContext c) {
        switch (c.event.ingressStatus) {
            case ST_OK:
                c.reply.ok();
                break;
            case ST_NOT_INTEGER:
                c.reply.error(Replies.NOT_INTEGER);
                break;
            default:
                c.reply.error(Replies.DB_INDEX);
                break;
        }
    }

    /** HELLO [protover [AUTH user pass] [SETNAME name]]: validates and switches protocol at ingress. */
    static void helloIngress(ClientSession s, RequestEvent e) {
        Args a = e.args;
        int argc = a.count();
        int ver = s.resp;
        if (argc >= 2) {
            long[] v = new long[1];
            if (!Numbers.parseLong(a.buf(), a.off(1), a.len(1), v)) {
                e.ingressError = "ERR Protocol version is not an integer or out of range";
                return;
            }
            if (v[0] < 2 || v[0] > 3) {
                e.ingressError = "NOPROTO unsupported protocol version";
                return;
            }
            ver = (int) v[0];
        }
        String name = null;
        boolean setName = false;
        for (int i = 2; i < argc; i++) {
            int more = argc - i - 1;
            if (a.is(i, AUTH) && more >= 2) {
                i += 2; // no authentication configured: the default user has no password
            } else if (a.is(i, SETNAME) && more >= 1) {
                name = a.string(i + 1);
                setName = true;
                i++;
            } else {
                e.ingressError = "ERR Syntax error in HELLO option '" + a.string(i) + "'";
                return;
            }
        }
        if (setName && !ClientFamily.validName(name)) {
            e.ingressError = ClientFamily.BAD_NAME;
            return;
        }
        s.resp = ver;
        if (setName) {
            s.name = name.isEmpty() ? null : name;
        }
    }

    static void hello(CommandContext c) {
        if (c.event.ingressError != null) {
            c.reply.error(c.event.ingressError);
            return;
        }
        c.reply.map(7);
        c.reply.bulk("server").bulk("redis");
        c.reply.bulk("version").bulk(SERVER_VERSION);
        c.reply.bulk("proto").integer(c.event.resp);
        c.reply.bulk("id").integer(c.event.session.id);
        c.reply.bulk("mode").bulk("standalone");
        c.reply.bulk("role").bulk("master");
        c.reply.bulk("modules").array(0);
    }
}
