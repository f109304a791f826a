package io.ringstore.engine.family.zsets;

import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.command.BlockedCommand;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.BlockingArgs;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP (blockingGenericZpopCommand): replies through
 * {@link ZsetPops#pop} when a key has members, else blocks; served later through the same call on
 * the key that became ready ([key, member, score], or [key, [[member, score]...]] for BZMPOP).
 */
public final class BlockingZsets {
    private static final byte[] MIN = Replies.b("min");
    private static final byte[] MAX = Replies.b("max");

    private BlockingZsets() {
    }

    public static void register(CommandTable t) {
        t.add("bzpopmin", -3, "write noscript blocking fast", 1, -2, 1, c -> bzpop(c, true))
                .blocks(BZPOPMIN)
                .doc("5.0.0", "Remove and return the member with the lowest score from one or more sorted sets, or block until one is available",
                        "O(log(N)) with N being the number of elements in the sorted set.");
        t.add("bzpopmax", -3, "write noscript blocking fast", 1, -2, 1, c -> bzpop(c, false))
                .blocks(BZPOPMAX)
                .doc("5.0.0", "Remove and return the member with the highest score from one or more sorted sets, or block until one is available",
                        "O(log(N)) with N being the number of elements in the sorted set.");
        t.add("bzmpop", -5, "write blocking", 0, 0, 0, BlockingZsets::bzmpop).keys(NumKeys::atTwo)
                .blocks(BZMPOP)
                .doc("7.0.0", "Remove and return members with scores in a sorted set or block until one is available",
                        "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.");
    }

    public static final BlockedCommand BZPOPMIN = new Pop(true, false);
    public static final BlockedCommand BZPOPMAX = new Pop(false, false);
    public static final BlockedCommand BZMPOP = new Pop(false, true);

    static void bzpop(CommandContext c, boolean min) {
        int last = c.args.count() - 1;
        long deadline = BlockingArgs.deadline(c, last);
        if (deadline == BlockingArgs.BAD) {
            return;
        }
        int found = firstZset(c, 1, last - 1);
        if (found == CommandContext.WRONG_TYPE) {
            return;
        }
        if (found >= 0) {
            ZsetPops.pop(c, found, 1, min, true, -1, false, false);
            return;
        }
        Blocking.block(c, 1, last - 1, deadline);
    }

    /** The first key argument in [first, first + n) holding a sorted set, -1, or WRONG_TYPE after replying. */
    private static int firstZset(CommandContext c, int first, int n) {
        for (int i = first; i < first + n; i++) {
            Db db = c.db(i);
            int slot = ZsetFamily.lookup(c, db, i, true);
            if (slot == ZsetFamily.WRONG) {
                return CommandContext.WRONG_TYPE;
            }
            if (slot >= 0) {
                return i;
            }
        }
        return -1;
    }

    static void bzmpop(CommandContext c) {
        int parsed = BlockingArgs.mpop(c, MIN, MAX);
        if (parsed == 0) {
            return;
        }
        long count = c.num;
        long deadline = BlockingArgs.deadline(c, 1);
        if (deadline == BlockingArgs.BAD) {
            return;
        }
        int found = firstZset(c, 3, Math.abs(parsed));
        if (found == CommandContext.WRONG_TYPE) {
            return;
        }
        if (found >= 0) {
            ZsetPops.pop(c, found, 1, parsed > 0, true, count, true, true);
            return;
        }
        Blocking.block(c, 3, Math.abs(parsed), deadline);
    }

    private static final class Pop implements BlockedCommand {
        private final boolean min;
        private final boolean mpop;

        Pop(boolean min, boolean mpop) {
            this.min = min;
            this.mpop = mpop;
        }

        @Override
        public int type() {
            return ObjectType.ZSET;
        }

        @Override
        public int serve(CommandContext c, int keyArg) {
            if (mpop) {
                int parsed = BlockingArgs.mpop(c, MIN, MAX);
                ZsetPops.pop(c, keyArg, 1, parsed > 0, true, c.num, true, true);
            } else {
                ZsetPops.pop(c, keyArg, 1, min, true, -1, false, false);
            }
            return -1;
        }
    }
}
