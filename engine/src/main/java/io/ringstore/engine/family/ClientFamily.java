package io.ringstore.engine.family;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;

/**
 * CLIENT subcommands (Redis's networking.c clientCommand). Session descriptors are volatile fields
 * of {@link ClientSession}, written here on the shard thread and read by CLIENT LIST anywhere.
 */
public final class ClientFamily {
    static final String BAD_NAME = "ERR Client names cannot contain spaces, newlines or special characters.";

    private ClientFamily() {
    }

    public static void register(CommandTable t) {
        t.group("connection");
        t.container("client", -2, "");
        t.sub("client", "id", 2, "noscript loading stale", 0, 0, 0, c -> c.reply.integer(c.event.session.id));
        t.sub("client", "setname", 3, "noscript loading stale", 0, 0, 0, ClientFamily::setname);
        t.sub("client", "getname", 2, "noscript loading stale", 0, 0, 0, ClientFamily::getname);
        t.sub("client", "setinfo", 4, "noscript loading stale", 0, 0, 0, ClientFamily::setinfo);
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
            c.reply.error(BAD_NAME);
            return;
        }
        c.event.session.name = name.isEmpty() ? null : name;
        c.reply.ok();
    }

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
}
