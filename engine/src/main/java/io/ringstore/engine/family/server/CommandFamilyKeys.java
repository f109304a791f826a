package io.ringstore.engine.family.server;

import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandFlags;
import io.ringstore.engine.command.CommandSpec;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Errors;

import java.util.List;

/**
 * COMMAND GETKEYS / GETKEYSANDFLAGS (Redis's getKeysSubcommandImpl): finds the keys of a full
 * command line with the same row data ingress routes by: the key finder of a movable-keys row, or
 * its first/last/step range. Runs on a shard thread; admin path, so it may allocate.
 */
final class CommandFamilyKeys {
    private CommandFamilyKeys() {
    }

    static void getkeys(CommandContext c, boolean withFlags) {
        Args a = c.args;
        int argc = a.count() - 2;
        CommandSpec spec = c.engine.table.lookup(a.buf(), a.off(2), a.len(2));
        if (spec != null && spec.isContainer() && argc >= 2) {
            spec = CommandTable.lookupSub(spec, a.buf(), a.off(3), a.len(3));
        }
        if (spec == null) {
            c.reply.error(Errors.GETKEYS_INVALID_COMMAND);
            return;
        }
        if ((spec.keyFinder() == null && spec.firstKey <= 0) || spec.has(CommandFlags.CHANNEL_KEYS)) {
            c.reply.error(Errors.GETKEYS_NO_KEYS);
            return;
        }
        if (!spec.arityOk(argc)) {
            c.reply.error(Errors.GETKEYS_BAD_ARITY);
            return;
        }
        RequestEvent probe = keysOf(a, spec);
        if (probe.keyCount == 0 && !spec.has(CommandFlags.NO_MANDATORY_KEYS)) {
            c.reply.error(Errors.GETKEYS_BAD_ARGUMENTS);
            return;
        }
        List<String> flags = CommandDocs.keyFlags(spec);
        c.reply.array(probe.keyCount);
        for (int k = 0; k < probe.keyCount; k++) {
            int i = probe.keyPos[k];
            if (withFlags) {
                c.reply.array(2);
            }
            c.reply.bulk(probe.args.buf(), probe.args.off(i), probe.args.len(i));
            if (withFlags) {
                c.reply.set(flags.size());
                for (String f : flags) {
                    c.reply.simple(f);
                }
            }
        }
    }

    /** A scratch event holding the inner command line with its key positions filled in. */
    private static RequestEvent keysOf(Args a, CommandSpec spec) {
        RequestEvent e = new RequestEvent();
        e.clear();
        for (int i = 2; i < a.count(); i++) {
            e.args.add(a.buf(), a.off(i), a.len(i));
        }
        int argc = e.args.count();
        if (spec.keyFinder() != null) {
            spec.keyFinder().find(e);
        } else {
            int last = spec.lastKey < 0 ? argc + spec.lastKey : Math.min(spec.lastKey, argc - 1);
            for (int i = spec.firstKey; i <= last; i += Math.max(1, spec.keyStep)) {
                e.addKeyPos(i);
            }
        }
        return e;
    }
}
