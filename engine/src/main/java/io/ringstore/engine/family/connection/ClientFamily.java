package io.ringstore.engine.family.connection;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.ServerHelp;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.Numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * CLIENT subcommands (Redis 7.0's networking.c clientCommand). Session descriptors are volatile
 * fields of {@link ClientSession}, written here on the shard thread and read by CLIENT LIST from
 * any shard. A session describing itself (CLIENT INFO, its own CLIENT LIST line) reports the db
 * and protocol its command was stamped with. Killing another connection closes its channel from
 * here (Netty hands the close to its I/O thread); killing yourself closes after the reply.
 */
public final class ClientFamily {
    private static final String ADMIN = "admin noscript loading stale";
    private static final String CONN = "noscript loading stale";
    private static final String PER_CLIENT = "O(N) where N is the number of client connections";

    private ClientFamily() {
    }

    public static void register(CommandTable t) {
        t.group("connection");
        t.container("client", -2, "").doc("2.4.0", "A container for client connection commands", "Depends on subcommand.");
        t.sub("client", "id", 2, CONN, 0, 0, 0, c -> c.reply.integer(c.event.session.id))
                .doc("5.0.0", "Returns the client ID for the current connection", "O(1)");
        t.sub("client", "setname", 3, CONN, 0, 0, 0, ClientFamily::setname)
                .doc("2.6.9", "Set the current connection name", "O(1)");
        t.sub("client", "getname", 2, CONN, 0, 0, 0, ClientFamily::getname)
                .doc("2.6.9", "Get the current connection name", "O(1)");
        t.sub("client", "setinfo", 4, CONN, 0, 0, 0, ClientFamily::setinfo)
                .doc("7.2.0", "Set client or connection specific info", "O(1)");
        t.sub("client", "info", 2, CONN, 0, 0, 0, ClientFamily::info)
                .doc("6.2.0", "Returns information about the current client connection.", "O(1)")
                .tips("nondeterministic_output");
        t.sub("client", "list", -2, ADMIN, 0, 0, 0, ClientFamily::list)
                .doc("2.4.0", "Get the list of client connections", PER_CLIENT).tips("nondeterministic_output");
        t.sub("client", "kill", -3, ADMIN, 0, 0, 0, ClientFamily::kill)
                .doc("2.4.0", "Kill the connection of a client", PER_CLIENT);
        t.sub("client", "no-evict", 3, ADMIN, 0, 0, 0, ClientFamily::noEvict)
                .doc("7.0.0", "Set client eviction mode for the current connection", "O(1)");
        t.sub("client", "unblock", -3, "admin noscript loading stale all_shards journal", 0, 0, 0, ClientFamily::unblock)
                .doc("5.0.0", "Unblock a client blocked in a blocking command from a different connection",
                        "O(log N) where N is the number of client connections");
        t.sub("client", "reply", 3, CONN, 0, 0, 0, ClientFamily::reply)
                .doc("3.2.0", "Instruct the server whether to reply to commands", "O(1)");
        TrackingCommands.register(t);
        t.sub("client", "help", 2, "loading stale", 0, 0, 0, ClientFamily::help)
                .doc("5.0.0", "Show helpful text about the different subcommands", "O(1)");
    }

    static boolean validName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch < '!' || ch > '~') {
                return false;
            }
        }
        return true;
    }

    static void setname(CommandContext c) {
        String name = c.args.string(2);
        if (!validName(name)) {
            c.reply.error(Errors.BAD_CLIENT_NAME);
            return;
        }
        c.event.session.name = name.isEmpty() ? null : name;
        c.reply.ok();
    }

    /**
     * CLIENT REPLY ON|OFF|SKIP: the flags change at ingress (command.ReplyIngress), where the
     * silencing of later replies is decided; here only the answer: +OK for ON, nothing for OFF and
     * SKIP, a syntax error for anything else (silenced at ingress while replies are off).
     */
    static void reply(CommandContext c) {
        Args a = c.args;
        if (a.is(2, ON)) {
            c.reply.ok();
        } else if (!a.is(2, OFF) && !a.is(2, SKIP)) {
            c.syntaxError();
        }
    }

    private static final byte[] ON = {'o', 'n'};
    private static final byte[] OFF = {'o', 'f', 'f'};
    private static final byte[] SKIP = {'s', 'k', 'i', 'p'};

    static void getname(CommandContext c) {
        String name = c.event.session.name;
        if (name == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(name);
        }
    }

    static void setinfo(CommandContext c) {
        String attr = c.args.lowerString(2);
        String value = c.args.string(3);
        if (!validName(value) && !value.isEmpty()) {
            c.reply.error("ERR " + attr + " cannot contain spaces, newlines or special characters.");
            return;
        }
        if (attr.equals("lib-name")) {
            c.event.session.libName = value;
        } else if (attr.equals("lib-ver")) {
            c.event.session.libVer = value;
        } else {
            c.reply.error("ERR Unrecognized option '" + c.args.string(2) + "'");
            return;
        }
        c.reply.ok();
    }

    /** The line a session shows in CLIENT LIST / INFO, as seen by the command running now. */
    private static String line(CommandContext c, ClientSession s) {
        // The caller's own line: the command running now (another shard may still be writing its lastCommand).
        // Inside EXEC the command running is EXEC, as Redis's lastcmd.
        String cmd = s.execCount >= 0 ? "exec" : c.event.cmd.fullName;
        return s == c.event.session ? s.infoLine(c.now, c.dbIndex, c.event.resp, cmd) : s.infoLine(c.now);
    }

    static void info(CommandContext c) {
        c.reply.verbatim(line(c, c.event.session) + "\n");
    }

    /** CLIENT LIST [TYPE type | ID id [id ...]]: one line per client, "\n"-terminated, by id. */
    static void list(CommandContext c) {
        Args a = c.args;
        List<ClientSession> chosen = new ArrayList<>();
        if (a.count() == 4 && a.lowerString(2).equals("type")) {
            String type = a.lowerString(3);
            if (!ClientKillFilter.knownType(type)) {
                c.reply.error(Errors.unknownClientType(a.string(3)));
                return;
            }
            for (ClientSession s : sessionsById(c)) {
                if (ClientKillFilter.isType(s, type)) {
                    chosen.add(s);
                }
            }
        } else if (a.count() > 3 && a.lowerString(2).equals("id")) {
            long[] v = c.scratchLong();
            for (int i = 3; i < a.count(); i++) {
                if (!Numbers.parseLong(a.buf(), a.off(i), a.len(i), v)) {
                    c.reply.error(Errors.INVALID_CLIENT_ID);
                    return;
                }
                ClientSession s = c.engine.sessions.get(v[0]);
                if (s != null) {
                    chosen.add(s);
                }
            }
        } else if (a.count() != 2) {
            c.syntaxError();
            return;
        } else {
            chosen = sessionsById(c);
        }
        StringBuilder sb = new StringBuilder(chosen.size() * 256);
        for (ClientSession s : chosen) {
            sb.append(line(c, s)).append('\n');
        }
        c.reply.verbatim(sb.toString());
    }

    private static List<ClientSession> sessionsById(CommandContext c) {
        List<ClientSession> all = new ArrayList<>(c.engine.sessions.all());
        all.sort(Comparator.comparingLong(s -> s.id));
        return all;
    }

    /**
     * CLIENT KILL ip:port (replies OK, or "No such client") or CLIENT KILL option value ...
     * (replies the number killed). The caller, when it matches, is closed after its reply.
     */
    static void kill(CommandContext c) {
        ClientKillFilter f = ClientKillFilter.parse(c);
        if (f == null) {
            return;
        }
        ClientSession self = c.event.session;
        long killed = 0;
        for (ClientSession s : sessionsById(c)) {
            if (!f.matches(s, self)) {
                continue;
            }
            if (s == self) {
                c.event.closeAfterReply = true;
            } else {
                s.kill();
            }
            killed++;
        }
        if (!f.oldForm) {
            c.reply.integer(killed);
        } else if (killed == 0) {
            c.reply.error(Errors.NO_SUCH_CLIENT);
        } else {
            c.reply.ok();
        }
    }

    static void noEvict(CommandContext c) {
        String mode = c.args.lowerString(2);
        if (mode.equals("on") || mode.equals("off")) {
            c.event.session.noEvict = mode.equals("on");
            c.reply.ok();
        } else {
            c.syntaxError();
        }
    }

    private static final byte[] TIMEOUT = Replies.b("timeout");
    private static final byte[] ERROR = Replies.b("error");

    /**
     * CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when client id was blocked (it gets the timeout reply,
     * or the UNBLOCKED error), else 0. Runs at a barrier (all_shards): waiters live on any shard.
     * Journaled (the "journal" flag): replay must unblock the same waiter at the same point.
     */
    static void unblock(CommandContext c) {
        int argc = c.args.count();
        if (argc > 4) {
            c.reply.errorLatin1(Errors.unknownSubcommand(c.args.latin1(1, 128), "CLIENT"));
            return;
        }
        boolean error = false;
        if (argc == 4) { // clientCommand checks the reason before the id
            if (c.argIs(3, ERROR)) {
                error = true;
            } else if (!c.argIs(3, TIMEOUT)) {
                c.reply.error(Errors.UNBLOCK_REASON);
                return;
            }
        }
        if (!c.longOrReply(2)) {
            return;
        }
        long id = c.num;
        c.reply.raw(c.blocking.unblock(id, error, c.event) ? Replies.ONE : Replies.ZERO);
    }

    /** Redis 7.0's CLIENT HELP, limited to the subcommands Ringstore has. */
    static void help(CommandContext c) {
        ServerHelp.reply(c, "CLIENT",
                "CACHING (YES|NO)",
                "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
                "GETREDIR",
                "    Return the client ID we are redirecting to when tracking is enabled.",
                "GETNAME",
                "    Return the name of the current connection.",
                "ID",
                "    Return the ID of the current connection.",
                "INFO",
                "    Return information about the current client connection.",
                "KILL <ip:port>",
                "    Kill connection made from <ip:port>.",
                "KILL <option> <value> [<option> <value> [...]]",
                "    Kill connections. Options are:",
                "    * ADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made from the specified address",
                "    * LADDR (<ip:port>|<unixsocket>:0)",
                "      Kill connections made to specified local address",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Kill connections by type.",
                "    * USER <username>",
                "      Kill connections authenticated by <username>.",
                "    * SKIPME (YES|NO)",
                "      Skip killing current connection (default: yes).",
                "LIST [options ...]",
                "    Return information about client connections. Options:",
                "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
                "      Return clients of specified type.",
                "REPLY (ON|OFF|SKIP)",
                "    Control the replies sent to the current connection.",
                "SETNAME <name>",
                "    Assign the name <name> to the current connection.",
                "SETINFO <option> <value>",
                "    Set client meta attr. Options are:",
                "    * LIB-NAME: the client lib name.",
                "    * LIB-VER: the client lib version.",
                "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                "    Unblock the specified blocked client.",
                "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
                "         [OPTIN] [OPTOUT] [NOLOOP]",
                "    Control server assisted client side caching.",
                "TRACKINGINFO",
                "    Report tracking status for the current connection.",
                "NO-EVICT (ON|OFF)",
                "    Protect current client connection from eviction.");
    }
}
