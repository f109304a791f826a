package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of the transactions family (Redis's multi.c). Besides a few standalone forms (EXEC and
 * DISCARD without MULTI, UNWATCH, a WATCH left standing for later blocks to trip over), the
 * {@value #BLOCK} recipe is not one command but a whole block that {@link CommandGenerator} expands
 * through {@link #block}:
 * <ul>
 *   <li>MULTI, 0..6 commands drawn from every active recipe (queued: +QUEUED now, their replies in
 *       EXEC's array, each compared through its own recipe's normalizer), among them queue-time
 *       rejections (unknown command, broken arity, EXEC/DISCARD/MULTI with a junk argument) that
 *       make EXEC answer EXECABORT, and misuse that does not (nested MULTI, WATCH inside MULTI);
 *       then EXEC, or DISCARD. RESET and QUIT drawn inside end the block at once, as in Redis.</li>
 *   <li>A WATCH scenario: WATCH 1..3 keys (sometimes twice, sometimes UNWATCH), commands on the
 *       watching connection itself, then a SECOND connection that SELECTs the watcher's database
 *       (or another) and touches a watched key, writes it without changing it (SREM of a missing
 *       member, SETNX of an existing key, SETRANGE with an empty string...), only reads it, or runs
 *       any drawn command; then the MULTI block. EXEC's null array tells whether Redis counted the
 *       second connection's command as a modification.</li>
 * </ul>
 * Commands on the second connection are numbered in the stream like the others and carry
 * connection 1; the harness runs them on its second pair of connections, between the watcher's
 * batches.
 */
final class TransactionRecipes {
    static final String FAMILY = "transactions";
    /** The recipe name that stands for a whole generated block. */
    static final String BLOCK = "multi";
    /** EXEC with an argument, inside MULTI or not: "EXECABORT Transaction discarded because of: wrong number...". */
    static final String EXEC_ARITY = "exec (wrong arity)";

    private TransactionRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe(BLOCK, FAMILY, 12, EXACT, g -> g.add("MULTI")));
        // Never arity-broken by the generator (CommandGenerator.NEVER_BROKEN): the broken form is a
        // recipe of its own, because Redis answers it EXECABORT and discards the transaction.
        r.add(new Recipe("exec", FAMILY, 1, EXACT, g -> g.add(g.pick("EXEC", "exec"))));
        r.add(new Recipe(EXEC_ARITY, FAMILY, 1, EXACT, g -> g.add(g.pick("EXEC", "exec"), "junk")));
        r.add(new Recipe("discard", FAMILY, 1, EXACT, g -> g.add("DISCARD")));
        r.add(new Recipe("unwatch", FAMILY, 1, EXACT, g -> g.add("UNWATCH")));
        r.add(new Recipe("watch", FAMILY, 1, EXACT, g -> {
            g.add("WATCH");
            g.keys(g.between(1, 3)).forEach(g::add);
        }));
    }

    /** True for recipes a block must not draw inside MULTI: they would end it behind the harness's back. */
    static boolean endsBlock(String name) {
        return name.equals(BLOCK) || name.startsWith("exec") || name.equals("discard") || name.equals("watch");
    }

    /** Draws one command from the generator's active recipes, numbered as the stream's next. */
    interface Draw {
        /**
         * {@code connection} 0 is the stream's own, 1 the second (never QUIT or {@link #endsBlock}
         * recipes there); {@code inMulti} leaves out {@link #endsBlock} recipes; {@code inMulti} and
         * {@code watching} say which context-bound known divergences apply.
         */
        GeneratedCommand next(int connection, boolean inMulti, boolean watching);
    }

    /**
     * Appends one block (see the class comment) to {@code out}. {@code mainDb} is the generator's
     * guess of the stream connection's database, so the second connection usually meets the
     * watched keys in the same one; {@code execArity} whether EXEC with a junk argument may appear
     * inside (not while {@link #EXEC_ARITY} is a known divergence).
     */
    static void block(List<GeneratedCommand> out, ArgGen g, Draw draw, int mainDb, boolean execArity,
                      boolean watching) {
        if (g.chance(0.45)) {
            watching = watchScenario(out, g, draw, mainDb);
        }
        multiBlock(out, g, draw, execArity, watching);
    }

    /** Appends WATCH and what happens until MULTI; returns whether the connection still watches. */
    private static boolean watchScenario(List<GeneratedCommand> out, ArgGen g, Draw draw, int mainDb) {
        List<byte[]> watched = g.keys(g.between(1, 3));
        g.reset();
        g.add("WATCH");
        watched.forEach(g::add);
        own(out, g, 0, "watch");
        if (g.chance(0.15)) {
            g.reset();
            own(out, g.add("WATCH").add(g.key()), 0, "watch");
        }
        boolean watching = true;
        if (g.chance(0.1)) {
            g.reset();
            own(out, g.add("UNWATCH"), 0, "unwatch");
            watching = false;
        }
        for (int n = g.chance(0.3) ? g.between(1, 2) : 0; n > 0; n--) {
            GeneratedCommand c = draw.next(0, false, watching); // the watcher may touch its own keys: that aborts too
            out.add(c);
            watching &= !c.name().equals("reset") && !c.quits();
        }
        g.reset();
        int db = g.chance(0.75) ? mainDb : g.between(0, ArgGen.DBS - 1);
        own(out, g.add("SELECT", Integer.toString(db)), 1, "select");
        for (int n = g.between(0, 3); n > 0; n--) {
            if (g.chance(0.65)) {
                g.reset();
                touch(g, watched.get(g.rnd.nextInt(watched.size())));
                own(out, g, 1, "(2nd connection)");
            } else {
                out.add(draw.next(1, false, false));
            }
        }
        return watching;
    }

    /**
     * One command on watched key {@code k}: a modification, a write that changes nothing (which
     * Redis does not count), a read, or a write to another key.
     */
    private static void touch(ArgGen g, byte[] k) {
        switch (g.rnd.nextInt(30)) {
            case 0 -> g.add("SET").add(k).add(g.value());
            case 1 -> g.add("DEL").add(k);
            case 2 -> g.add("INCR").add(k);
            case 3 -> g.add("APPEND").add(k).add(g.pick("", "x"));
            case 4 -> g.add("EXPIRE").add(k).add(g.ttlSeconds());
            case 5 -> g.add("PERSIST").add(k);
            case 6 -> g.add("LPUSH").add(k).add(g.value());
            case 7 -> g.add("SADD").add(k).add(g.pick("m", "n"));
            case 8 -> g.add("SREM").add(k).add("nomember");
            case 9 -> g.add("HSET").add(k).add("f").add(g.value());
            case 10 -> g.add("HDEL").add(k).add("nofield");
            case 11 -> g.add("ZADD").add(k).add("1").add(g.pick("m", "n"));
            case 12 -> g.add("ZREM").add(k).add("nomember");
            case 13 -> g.add("SETNX").add(k).add(g.value());
            case 14 -> g.add("SET").add(k).add(g.value()).add(g.pick("NX", "XX"));
            case 15 -> g.add("SETRANGE").add(k).add("0").add(g.pick("", "z"));
            case 16 -> g.add("LTRIM").add(k).add("0").add("-1");
            case 17 -> g.add("EXPIREAT").add(k).add("1");
            case 18 -> g.add("GETDEL").add(k);
            case 19 -> g.add("INCRBY").add(k).add("0");
            case 20 -> g.add("LREM").add(k).add("0").add("nomember");
            case 21 -> g.add("SINTERSTORE").add(k).add(ArgGen.b("{t}nokey"));
            case 22 -> g.add("MOVE").add(k).add(g.db());
            case 23 -> g.add("COPY").add(g.key()).add(k).add("REPLACE");
            case 24 -> g.add(g.pick("FLUSHDB", "SWAPDB 0 1", "SWAPDB 1 2")
                    .split(" ")); // every watched key that exists in the db
            case 25 -> g.add("EXPIRE").add(k).add(g.ttlSeconds()).add(g.pick("NX", "XX", "GT", "LT"));
            case 26 -> g.add(g.pick("GET", "EXISTS", "TYPE", "STRLEN")).add(k);
            default -> g.add("SET").add(g.key()).add(g.value()); // any key, watched or not
        }
    }

    private static void multiBlock(List<GeneratedCommand> out, ArgGen g, Draw draw, boolean execArity,
                                   boolean watching) {
        g.reset();
        own(out, g.add(g.pick("MULTI", "multi")), 0, BLOCK);
        List<Normalizer> queued = new ArrayList<>();
        for (int n = g.between(0, 6); n > 0; n--) {
            int kind = g.rnd.nextInt(100);
            g.reset();
            if (kind < 3) {
                own(out, g.add("MULTI"), 0, BLOCK); // "MULTI calls can not be nested", not queued
            } else if (kind < 6) {
                g.add("WATCH");
                g.keys(g.between(1, 2)).forEach(g::add);
                own(out, g, 0, "watch"); // "WATCH inside MULTI is not allowed", not queued
            } else if (kind < 9) {
                own(out, g.add(g.pick("NOSUCHCOMMAND", "gett")).add(g.key()), 0, "(unknown command)");
            } else if (kind < 11) {
                String name = execArity ? g.pick("EXEC", "DISCARD", "MULTI") : g.pick("DISCARD", "MULTI");
                own(out, g.add(name, "junk"), 0, name.equals("EXEC") ? EXEC_ARITY : "(wrong arity)");
                if (name.equals("EXEC")) {
                    return; // it ended the transaction
                }
            } else {
                GeneratedCommand c = draw.next(0, true, watching);
                out.add(new GeneratedCommand(c.index(), c.name(), c.family(), c.args(), EXACT, c.quits()));
                String name = c.name();
                if (name.equals("reset") || name.equals("quit")) {
                    return; // both run at once inside MULTI and leave it; this block is over
                }
                queued.add(c.normalizer());
            }
        }
        g.reset();
        if (g.chance(0.2)) {
            own(out, g.add("DISCARD"), 0, "discard");
        } else {
            out.add(new GeneratedCommand(out.size(), "exec", FAMILY, g.add(g.pick("EXEC", "exec")).build(), EXACT,
                    false, 0, List.copyOf(queued)));
        }
    }

    /** Appends the command in {@code g} as this family's, on {@code connection}, compared exactly. */
    private static void own(List<GeneratedCommand> out, ArgGen g, int connection, String name) {
        out.add(new GeneratedCommand(out.size(), name, FAMILY, g.build(), EXACT, false, connection, null));
    }
}
