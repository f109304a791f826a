package io.ringstore.engine.family.lists;

import io.ringstore.engine.block.Blocking;
import io.ringstore.engine.command.BlockedCommand;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.BlockingArgs;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP (t_list.c's blocking forms). With data present each
 * replies at once exactly as its non-blocking twin; otherwise the client blocks (see
 * {@link Blocking}) and one of the {@link BlockedCommand}s below serves it later from the key that
 * became ready, re-reading its direction and count from its own copied arguments. Runs on the
 * shard owning the keys (shard 0 at a barrier).
 */
public final class BlockingLists {
    private static final byte[] LEFT = Replies.b("left");
    private static final byte[] RIGHT = Replies.b("right");

    private BlockingLists() {
    }

    public static void register(CommandTable t) {
        t.add("blpop", -3, "write noscript blocking", 1, -2, 1, c -> bpop(c, true))
                .blocks(BLPOP)
                .doc("2.0.0", "Remove and get the first element in a list, or block until one is available",
                        "O(N) where N is the number of provided keys.");
        t.add("brpop", -3, "write noscript blocking", 1, -2, 1, c -> bpop(c, false))
                .blocks(BRPOP)
                .doc("2.0.0", "Remove and get the last element in a list, or block until one is available",
                        "O(N) where N is the number of provided keys.");
        t.add("blmove", 6, "write denyoom noscript blocking", 1, 2, 1, BlockingLists::blmove)
                .blocks(BLMOVE)
                .doc("6.2.0", "Pop an element from a list, push it to another list and return it; or block until one is available",
                        "O(1)");
        t.add("brpoplpush", 4, "write denyoom noscript blocking", 1, 2, 1, BlockingLists::brpoplpush)
                .blocks(BRPOPLPUSH)
                .doc("2.2.0", "Pop an element from a list, push it to another list and return it; or block until one is available",
                        "O(1)");
        t.add("blmpop", -5, "write blocking", 0, 0, 0, BlockingLists::blmpop).keys(NumKeys::atTwo)
                .blocks(BLMPOP)
                .doc("7.0.0", "Pop elements from a list, or block until one is available",
                        "O(N+M) where N is the number of provided keys and M is the number of elements returned.");
    }

    public static final BlockedCommand BLPOP = new PopOne(true);
    public static final BlockedCommand BRPOP = new PopOne(false);
    public static final BlockedCommand BLMOVE = new Move(false);
    public static final BlockedCommand BRPOPLPUSH = new Move(true);
    public static final BlockedCommand BLMPOP = new PopMany();

    /** BLPOP/BRPOP key... timeout: timeout first, then the first existing key (WRONGTYPE stops). */
    static void bpop(CommandContext c, boolean head) {
        int last = c.args.count() - 1;
        long deadline = BlockingArgs.deadline(c, last);
        if (deadline == BlockingArgs.BAD) {
            return;
        }
        for (int i = 1; i < last; i++) {
            Db db = c.db(i);
            int slot = ListFamily.lookup(c, db, i, true);
            if (slot == ListFamily.WRONG) {
                return;
            }
            if (slot >= 0) {
                popOne(c, db, slot, i, head);
                c.signalModifiedKey(i); // listElementsRemoved; a served waiter's pop is not signalled
                return;
            }
        }
        Blocking.block(c, 1, last - 1, deadline);
    }

    /** [key, element] from one end; the emptied list is deleted. */
    private static void popOne(CommandContext c, Db db, int slot, int keyArg, boolean head) {
        ListValue l = ListFamily.list(db, slot);
        c.reply.array(2);
        c.reply.bulk(c.args.buf(), c.args.off(keyArg), c.args.len(keyArg));
        ListFamily.replyRun(c, l, head ? 0 : l.length() - 1, 1, head);
        ListFamily.drop(l, head, 1);
        boolean deleted = l.isEmpty();
        if (deleted) {
            db.delete(slot);
        }
        ListFamily.popped(c, keyArg, head, deleted);
    }

    private static final class PopOne implements BlockedCommand {
        private final boolean head;

        PopOne(boolean head) {
            this.head = head;
        }

        @Override
        public int type() {
            return ObjectType.LIST;
        }

        @Override
        public int serve(CommandContext c, int keyArg) {
            Db db = c.db(keyArg);
            popOne(c, db, c.peekKey(db, keyArg), keyArg, head);
            return -1;
        }
    }

    /** getListPositionFromObjectOrReply: 1 head, 0 tail, -1 after a syntax error. */
    private static int where(CommandContext c, int i) {
        if (c.argIs(i, LEFT)) {
            return 1;
        }
        if (c.argIs(i, RIGHT)) {
            return 0;
        }
        c.syntaxError();
        return -1;
    }

    /** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout: directions, then timeout, then the source. */
    static void blmove(CommandContext c) {
        int from = where(c, 3);
        if (from < 0) {
            return;
        }
        int to = where(c, 4);
        if (to < 0) {
            return;
        }
        long deadline = BlockingArgs.deadline(c, 5);
        if (deadline == BlockingArgs.BAD) {
            return;
        }
        moveOrBlock(c, from == 1, to == 1, deadline);
    }

    /** BRPOPLPUSH source destination timeout = BLMOVE source destination RIGHT LEFT timeout. */
    static void brpoplpush(CommandContext c) {
        long deadline = BlockingArgs.deadline(c, 3);
        if (deadline == BlockingArgs.BAD) {
            return;
        }
        moveOrBlock(c, false, true, deadline);
    }

    /** blmoveGenericCommand: a list source moves as LMOVE; a missing one blocks (the destination unchecked). */
    private static void moveOrBlock(CommandContext c, boolean fromHead, boolean toHead, long deadline) {
        Db db = c.db(1);
        int slot = ListFamily.lookup(c, db, 1, true);
        if (slot == ListFamily.WRONG) {
            return;
        }
        if (slot >= 0) {
            ListMoves.move(c, fromHead, toHead);
            return;
        }
        Blocking.block(c, 1, 1, deadline);
    }

    private static final class Move implements BlockedCommand {
        private final boolean rpoplpush;

        Move(boolean rpoplpush) {
            this.rpoplpush = rpoplpush;
        }

        /** blmoveGenericCommand under CLIENT_DENY_BLOCKING: addReplyNull. */
        @Override
        public void denied(io.ringstore.engine.reply.ReplyBuffer reply) {
            reply.nullBulk();
        }

        @Override
        public int type() {
            return ObjectType.LIST;
        }

        /** LMOVE from the ready source: a destination of another type replies WRONGTYPE, nothing moves. */
        @Override
        public int serve(CommandContext c, int keyArg) {
            boolean fromHead = !rpoplpush && c.argIs(3, LEFT);
            boolean toHead = rpoplpush || c.argIs(4, LEFT);
            ListMoves.move(c, fromHead, toHead, false);
            return c.reply.length() > 0 && c.reply.array()[0] == '-' ? -1 : 2;
        }
    }

    /** BLMPOP timeout numkeys key... LEFT|RIGHT [COUNT count]: everything parses before the timeout. */
    static void blmpop(CommandContext c) {
        int parsed = BlockingArgs.mpop(c, LEFT, RIGHT);
        if (parsed == 0) {
            return;
        }
        int numkeys = Math.abs(parsed);
        boolean head = parsed > 0;
        long count = c.num;
        long deadline = BlockingArgs.deadline(c, 1);
        if (deadline == BlockingArgs.BAD) {
            return;
        }
        for (int i = 3; i < 3 + numkeys; i++) {
            Db db = c.db(i);
            int slot = ListFamily.lookup(c, db, i, true);
            if (slot == ListFamily.WRONG) {
                return;
            }
            if (slot >= 0) {
                popMany(c, db, slot, i, head, count);
                return;
            }
        }
        Blocking.block(c, 3, numkeys, deadline);
    }

    /** [key, [elements]]: up to count elements from one end; the emptied list is deleted. */
    private static void popMany(CommandContext c, Db db, int slot, int keyArg, boolean head, long count) {
        ListValue l = ListFamily.list(db, slot);
        c.reply.array(2);
        c.reply.bulk(c.args.buf(), c.args.off(keyArg), c.args.len(keyArg));
        ListFamily.popInto(c, l, head, count);
        boolean deleted = l.isEmpty();
        if (deleted) {
            db.delete(slot);
        }
        ListFamily.popped(c, keyArg, head, deleted);
        c.signalModifiedKey(keyArg); // listPopRangeAndReplyWithKey, served or not
    }

    private static final class PopMany implements BlockedCommand {
        @Override
        public int type() {
            return ObjectType.LIST;
        }

        @Override
        public int serve(CommandContext c, int keyArg) {
            int parsed = BlockingArgs.mpop(c, LEFT, RIGHT); // parsed before it blocked: cannot fail
            Db db = c.db(keyArg);
            popMany(c, db, c.peekKey(db, keyArg), keyArg, parsed > 0, c.num);
            return -1;
        }
    }
}
