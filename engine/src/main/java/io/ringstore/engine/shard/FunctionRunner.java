package io.ringstore.engine.shard;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.Functions;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.ReplyBuffer;
import io.ringstore.engine.script.FunctionLibrary;
import io.ringstore.engine.script.FunctionRegistry;
import io.ringstore.engine.script.LibraryFunction;
import io.ringstore.engine.script.ScriptException;
import io.ringstore.engine.script.ScriptFlags;
import io.ringstore.engine.util.Glob;

import java.nio.charset.StandardCharsets;

/**
 * FUNCTION LOAD, DELETE, FLUSH, RESTORE, LIST, DUMP and STATS (Redis 7.0's functions.c) over the
 * engine's {@link FunctionRegistry}: each parses its arguments, asks the registry, and writes the
 * reply. The rows are {@code all_shards}, so they run where scripts run: on the only shard, or at a
 * barrier on shard 0; the changes are journaled writes, replayed in ring order. One instance per
 * shard handler; only shard 0's is ever used. Its thread only.
 */
final class FunctionRunner implements Functions {
    private static final byte[] REPLACE = b("replace");
    private static final byte[] APPEND = b("append");
    private static final byte[] FLUSH = b("flush");
    private static final byte[] SYNC = b("sync");
    private static final byte[] ASYNC = b("async");
    private static final byte[] WITHCODE = b("withcode");
    private static final byte[] LIBRARYNAME = b("libraryname");
    /**
     * A RESTORE replayed from the journal gets a bound Redis 7.0.15's RESTORE does not have (it
     * runs a library's body for as long as it takes): a body that never ends hung the live server,
     * and must not hang every restart after it. Long enough for any body that ever finished live.
     */
    private static final long REPLAYED_RESTORE_TIMEOUT_MS = 10 * FunctionRegistry.LOAD_TIMEOUT_MS;

    private final FunctionRegistry registry;

    FunctionRunner(FunctionRegistry registry) {
        this.registry = registry;
    }

    /** FUNCTION LOAD [REPLACE] code: the library's name, or the error (functionLoadCommand). */
    @Override
    public void load(CommandContext c) {
        Args a = c.args;
        boolean replace = false;
        int at = 2;
        while (at < a.count() - 1) {
            if (!a.is(at, REPLACE)) {
                c.reply.errorLatin1(Errors.functionLoadOption(a.latin1(at, Integer.MAX_VALUE)));
                return;
            }
            replace = true;
            at++;
        }
        try {
            // The 500 ms bound holds on replay too: a body that timed out live must time out again,
            // and one that never ends must not hang start-up. (Only a body near the bound may land
            // on the other side of it: the journal holds commands, not their outcome.)
            String name = registry.load(a.copy(a.count() - 1), replace, FunctionRegistry.LOAD_TIMEOUT_MS);
            c.reply.bulk(name.getBytes(StandardCharsets.ISO_8859_1));
        } catch (ScriptException ex) {
            c.reply.errorLatin1(ex.getMessage());
        }
    }

    /** FUNCTION DELETE library-name. */
    @Override
    public void delete(CommandContext c) {
        String name = new String(c.args.buf(), c.args.off(2), c.args.len(2), StandardCharsets.ISO_8859_1);
        if (registry.delete(name)) {
            c.reply.ok();
        } else {
            c.reply.error(Errors.LIBRARY_NOT_FOUND);
        }
    }

    /** FUNCTION FLUSH [ASYNC|SYNC]: both free at once (nothing to hand to another thread here). */
    @Override
    public void flush(CommandContext c) {
        Args a = c.args;
        if (a.count() > 3) {
            c.reply.errorLatin1(Errors.unknownSubcommand(a.latin1(1, 128), "FUNCTION"));
            return;
        }
        if (a.count() == 3 && !a.is(2, SYNC) && !a.is(2, ASYNC)) {
            c.reply.error(Errors.FUNCTION_FLUSH_OPTION);
            return;
        }
        registry.flush();
        c.reply.ok();
    }

    /** FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE] (APPEND when none is given). */
    @Override
    public void restore(CommandContext c) {
        Args a = c.args;
        if (a.count() > 4) {
            c.reply.errorLatin1(Errors.unknownSubcommand(a.latin1(1, 128), "FUNCTION"));
            return;
        }
        FunctionRegistry.Policy policy = FunctionRegistry.Policy.APPEND;
        if (a.count() == 4) {
            if (a.is(3, REPLACE)) {
                policy = FunctionRegistry.Policy.REPLACE;
            } else if (a.is(3, FLUSH)) {
                policy = FunctionRegistry.Policy.FLUSH;
            } else if (!a.is(3, APPEND)) {
                c.reply.error(Errors.FUNCTION_RESTORE_POLICY);
                return;
            }
        }
        try {
            registry.restore(a.copy(2), policy, c.event.replayed ? REPLAYED_RESTORE_TIMEOUT_MS : 0);
            c.reply.ok();
        } catch (ScriptException ex) {
            c.reply.errorLatin1(ex.getMessage());
        }
    }

    /**
     * FUNCTION LIST [WITHCODE] [LIBRARYNAME pattern]: per library a map of its name, engine,
     * functions (name, description, flags as a set) and, with WITHCODE, its code; libraries in load
     * order (Redis: its dict's order), the pattern matched in any case.
     */
    @Override
    public void list(CommandContext c) {
        Args a = c.args;
        boolean withCode = false;
        int pattern = -1;
        for (int i = 2; i < a.count(); i++) {
            if (!withCode && a.is(i, WITHCODE)) {
                withCode = true;
            } else if (pattern < 0 && a.is(i, LIBRARYNAME)) {
                if (i >= a.count() - 1) {
                    c.reply.error(Errors.FUNCTION_LIST_NAME_MISSING);
                    return;
                }
                pattern = ++i;
            } else {
                c.reply.errorLatin1(Errors.functionListArgument(a.latin1(i, Integer.MAX_VALUE)));
                return;
            }
        }
        int n = 0;
        for (FunctionLibrary lib : registry.libraries()) {
            n += matches(a, pattern, lib) ? 1 : 0;
        }
        ReplyBuffer r = c.reply;
        r.array(n);
        for (FunctionLibrary lib : registry.libraries()) {
            if (!matches(a, pattern, lib)) {
                continue;
            }
            r.map(withCode ? 4 : 3);
            r.bulk("library_name").bulk(lib.name().getBytes(StandardCharsets.ISO_8859_1));
            r.bulk("engine").bulk(FunctionRegistry.ENGINE);
            r.bulk("functions").array(lib.functions().size());
            for (LibraryFunction f : lib.functions()) {
                r.map(3);
                r.bulk("name").bulk(f.name().getBytes(StandardCharsets.ISO_8859_1));
                r.bulk("description");
                if (f.description() == null) {
                    r.nullBulk();
                } else {
                    r.bulk(f.description().getBytes(StandardCharsets.ISO_8859_1));
                }
                r.bulk("flags");
                java.util.List<String> flags = ScriptFlags.names(f.flags());
                r.set(flags.size());
                for (String flag : flags) {
                    r.simple(flag);
                }
            }
            if (withCode) {
                r.bulk("library_code").bulk(lib.code());
            }
        }
    }

    private static boolean matches(Args a, int pattern, FunctionLibrary lib) {
        if (pattern < 0) {
            return true;
        }
        byte[] name = lib.name().getBytes(StandardCharsets.ISO_8859_1);
        return Glob.match(a.buf(), a.off(pattern), a.len(pattern), name, 0, name.length, true);
    }

    /** FUNCTION DUMP: Redis's payload of every library. */
    @Override
    public void dump(CommandContext c) {
        c.reply.bulk(registry.dump());
    }

    /**
     * FUNCTION STATS: the running script (always nil: a command runs only when no script does;
     * the busy-script follow-up, which answers FUNCTION STATS while a script runs, fills it in)
     * and the engine's library and function counts.
     */
    @Override
    public void stats(CommandContext c) {
        ReplyBuffer r = c.reply;
        r.map(2);
        r.bulk("running_script").nullBulk();
        r.bulk("engines").map(1);
        r.bulk(FunctionRegistry.ENGINE).map(2);
        r.bulk("libraries_count").integer(registry.libraryCount());
        r.bulk("functions_count").integer(registry.functionCount());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
