package io.ringstore.engine.family.connection;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.util.Numbers;

/**
 * The filter of CLIENT KILL, parsed as Redis 7.0's clientCommand does: the old form
 * {@code CLIENT KILL ip:port} (which may kill the caller), or option/value pairs ID, ADDR, LADDR,
 * TYPE, USER, SKIPME (default yes). A session matches when it passes every given option. Built
 * per command on the shard thread running it.
 */
final class ClientKillFilter {
    final boolean oldForm;
    private String addr;
    private String laddr;
    private String type;
    private long id;
    private boolean skipMe = true;

    private ClientKillFilter(boolean oldForm) {
        this.oldForm = oldForm;
    }

    /** Parses the arguments after CLIENT KILL; on error replies and returns null. */
    static ClientKillFilter parse(CommandContext c) {
        Args a = c.args;
        int argc = a.count();
        if (argc == 3) {
            ClientKillFilter f = new ClientKillFilter(true);
            f.addr = a.string(2);
            f.skipMe = false; // with the old form you can kill yourself
            return f;
        }
        ClientKillFilter f = new ClientKillFilter(false);
        for (int i = 2; i < argc; i += 2) {
            if (i + 1 >= argc) {
                c.syntaxError();
                return null;
            }
            String opt = a.lowerString(i);
            String value = a.string(i + 1);
            switch (opt) {
                case "id": {
                    long[] v = c.scratchLong();
                    if (!Numbers.parseLong(a.buf(), a.off(i + 1), a.len(i + 1), v) || v[0] < 1) {
                        c.reply.error(Errors.CLIENT_ID_NOT_POSITIVE);
                        return null;
                    }
                    f.id = v[0];
                    break;
                }
                case "type":
                    f.type = value.toLowerCase(java.util.Locale.ROOT);
                    if (!knownType(f.type)) {
                        c.reply.error(Errors.unknownClientType(value));
                        return null;
                    }
                    break;
                case "addr":
                    f.addr = value;
                    break;
                case "laddr":
                    f.laddr = value;
                    break;
                case "user":
                    if (!value.equals("default")) { // the only user there is
                        c.reply.error("ERR No such user '" + value + "'");
                        return null;
                    }
                    break;
                case "skipme":
                    if (value.equalsIgnoreCase("yes")) {
                        f.skipMe = true;
                    } else if (value.equalsIgnoreCase("no")) {
                        f.skipMe = false;
                    } else {
                        c.reply.error(Errors.SYNTAX);
                        return null;
                    }
                    break;
                default:
                    c.syntaxError();
                    return null;
            }
        }
        return f;
    }

    /** Redis's client type names; "slave" and "replica" are the same type. */
    static boolean knownType(String lower) {
        return lower.equals("normal") || lower.equals("slave") || lower.equals("replica") || lower.equals("pubsub")
                || lower.equals("master");
    }

    /** Redis's getClientType by name: "pubsub" while subscribed, else "normal" (no replicas or masters yet). */
    static boolean isType(ClientSession s, String lower) {
        int type = s.clientType();
        return type == ClientSession.TYPE_PUBSUB ? lower.equals("pubsub") : lower.equals("normal");
    }

    boolean matches(ClientSession s, ClientSession self) {
        if (addr != null && !addr.equals(s.remoteAddress())) {
            return false;
        }
        if (laddr != null && !laddr.equals(s.localAddress())) {
            return false;
        }
        if (type != null && !isType(s, type)) {
            return false;
        }
        if (id != 0 && s.id != id) {
            return false;
        }
        return !(skipMe && s == self);
    }
}
