package io.ringstore.engine.family.connection;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.Numbers;

/**
 * Connection commands. Those that change connection state the decoder must know (SELECT's db,
 * HELLO's and RESET's protocol, QUIT) do so in an ingress hook on the I/O thread, so the next
 * pipelined command is already stamped with the new db or protocol; their handlers reply, in ring
 * order, from the status the hook left. The connection name is shard-side state (CLIENT SETNAME
 * writes it in ring order), so HELLO SETNAME and RESET change it in their handlers, not at ingress.
 */
public final class ConnectionFamily {
    public static final String SERVER_VERSION = "7.0.15";
    private static final byte[] AUTH = Replies.b("auth");
    private static final byte[] SETNAME = Replies.b("setname");
    private static final byte[] RESET_REPLY = Replies.b("+RESET\r\n");
    private static final String CONN = "noscript loading stale fast no_auth allow_busy";

    private ConnectionFamily() {
    }

    public static void register(CommandTable t) {
        t.group("connection");
        t.add("ping", -1, "fast", 0, 0, 0, ConnectionFamily::ping)
                .doc("1.0.0", "Ping the server", "O(1)")
                .tips("request_policy:all_shards", "response_policy:all_succeeded");
        t.add("echo", 2, "loading stale fast", 0, 0, 0, c -> c.reply.bulk(c.args.buf(), c.args.off(1), c.args.len(1)))
                .doc("1.0.0", "Echo the given string", "O(1)");
        t.add("select", 2, "loading stale fast", 0, 0, 0, ConnectionFamily::select)
                .ingress(ConnectionFamily::selectIngress)
                .doc("1.0.0", "Change the selected database for the current connection", "O(1)");
        t.add("quit", -1, CONN + " noqueue", 0, 0, 0, c -> c.reply.ok())
                .ingress((s, e) -> {
                    s.closing = true;
                    e.closeAfterReply = true;
                })
                .doc("1.0.0", "Close the connection", "O(1)");
        t.add("reset", 1, CONN + " noqueue", 0, 0, 0, ConnectionFamily::reset)
                .ingress((s, e) -> {
                    s.db = 0;
                    s.currentDb = 0;
                    s.resp = 2;
                })
                .doc("6.2.0", "Reset the connection", "O(1)");
        t.add("hello", -1, CONN, 0, 0, 0, ConnectionFamily::hello)
                .ingress(ConnectionFamily::helloIngress)
                .doc("6.0.0", "Handshake with Redis", "O(1)");
        t.add("auth", -2, CONN, 0, 0, 0, ConnectionFamily::auth)
                .doc("1.0.0", "Authenticate to the server", "O(N) where N is the number of passwords defined for the user");
    }

    static void ping(CommandContext c) {
        if (c.args.count() > 2) {
            c.reply.error(Errors.wrongArgs("ping"));
        } else if (c.event.subscribedMode) { // RESP2 subscribed mode: a "pong" message
            c.reply.array(2).bulk("pong");
            if (c.args.count() == 2) {
                c.reply.bulk(c.args.buf(), c.args.off(1), c.args.len(1));
            } else {
                c.reply.bulk(new byte[0]);
            }
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
                c.reply.error(Errors.NOT_INTEGER);
                break;
            default:
                c.reply.error(Errors.DB_INDEX);
                break;
        }
    }

    /** RESET: db 0 and RESP2 were set at ingress; the name is cleared here, after earlier SETNAMEs. */
    static void reset(CommandContext c) {
        c.event.session.name = null;
        c.transactions.unwatch(c); // clearClientConnectionState: discardTransaction, unwatchAllKeys
        if (c.event.subscribedMode) { // pubsubUnsubscribeAll: ingress routed it where the registry lives
            io.ringstore.engine.family.pubsub.PubSubFamily.dropEverywhere(c, c.event.session);
        }
        if (c.event.trackingReset) { // disableTracking: ingress routed it where every copy is reachable
            TrackingCommands.disableEverywhere(c, c.event.session);
        }
        c.reply.raw(RESET_REPLY);
    }

    /**
     * HELLO [protover [AUTH user pass] [SETNAME name]], Redis 7.0's helloCommand checks in its
     * order: version, option syntax, credentials (only "default" exists, with no password, so any
     * password is accepted for it), name; then switches protocol. Runs at ingress so the HELLO reply
     * and everything after it use the new protocol; the name is set by the handler.
     */
    static void helloIngress(ClientSession s, RequestEvent e) {
        Args a = e.args;
        int argc = a.count();
        int ver = s.resp;
        if (argc >= 2) {
            long[] v = new long[1];
            if (!Numbers.parseLong(a.buf(), a.off(1), a.len(1), v)) {
                e.ingressError = Errors.PROTOCOL_NOT_INTEGER;
                return;
            }
            if (v[0] < 2 || v[0] > 3) {
                e.ingressError = Errors.NOPROTO;
                return;
            }
            ver = (int) v[0];
        }
        e.ingressStatus = HELLO_OPTIONS;
        e.ingressError = helloOptions(a, null);
        if (e.ingressError == null) {
            s.resp = ver;
        }
    }

    /** HELLO's ingress status once the version passed: the handler walks the options again. */
    private static final int HELLO_OPTIONS = 1;

    /**
     * Walks HELLO's options in order, as Redis 7.0 does: AUTH is checked where it stands, SETNAME
     * takes effect at once (even if a later option fails). Returns the first error text or null.
     * Ingress calls it to validate (session null) before switching protocol; the handler calls it
     * again with the session to apply the name in ring order, on the thread CLIENT SETNAME and
     * GETNAME run on, so a pipelined CLIENT GETNAME sees exactly the names set before it.
     */
    static String helloOptions(Args a, ClientSession apply) {
        int argc = a.count();
        for (int i = 2; i < argc; i++) {
            int more = argc - i - 1;
            if (a.is(i, AUTH) && more >= 2) {
                if (!a.string(i + 1).equals("default")) { // no ACL users: only "default", no password
                    return Errors.WRONGPASS;
                }
                i += 2;
            } else if (a.is(i, SETNAME) && more >= 1) {
                String name = a.string(i + 1);
                if (!ClientFamily.validName(name)) {
                    return Errors.BAD_CLIENT_NAME;
                }
                if (apply != null) {
                    apply.name = name.isEmpty() ? null : name;
                }
                i++;
            } else {
                return "ERR Syntax error in HELLO option '" + a.string(i) + "'";
            }
        }
        return null;
    }

    static void hello(CommandContext c) {
        if (c.event.ingressStatus == HELLO_OPTIONS) {
            helloOptions(c.args, c.event.session);
        }
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

    /** AUTH [user] pass: the default user has no password; no other user exists. */
    static void auth(CommandContext c) {
        int argc = c.args.count();
        if (argc > 3) {
            c.syntaxError();
        } else if (argc == 2) {
            c.reply.error(Errors.AUTH_WITHOUT_PASSWORD);
        } else if (c.args.string(1).equals("default")) {
            c.reply.ok();
        } else {
            c.reply.error(Errors.WRONGPASS);
        }
    }
}
