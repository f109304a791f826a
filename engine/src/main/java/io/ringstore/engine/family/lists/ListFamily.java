package io.ringstore.engine.family.lists;

import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.shared.NumKeys;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ListCursor;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;

/**
 * List commands (Redis 7.0's t_list.c, blocking commands excepted): the rows, pushes, pops, reads
 * and edits by index. LPOS lives in {@link ListPos}, LMOVE/RPOPLPUSH/LMPOP in {@link ListMoves}.
 * Arguments are parsed in Redis's order (some before the key lookup, some after), so errors and
 * WRONGTYPE win in the same cases. An emptied list is deleted. Replies read elements in place
 * through the shard thread's {@link ListCursor}; writes copy argument bytes straight into the
 * list's nodes. Runs on the shard thread owning the key (shard 0 at a barrier for LMOVE/LMPOP
 * across shards).
 */
public final class ListFamily {
    /** {@link #lookup} result after it replied WRONGTYPE. */
    static final int WRONG = CommandContext.WRONG_TYPE;
    private static final ThreadLocal<ListCursor> CURSOR = ThreadLocal.withInitial(ListCursor::new);

    private ListFamily() {
    }

    public static void register(CommandTable t) {
        t.group("list");
        t.add("lpush", -3, "write denyoom fast", 1, 1, 1, c -> push(c, true, false));
        t.add("rpush", -3, "write denyoom fast", 1, 1, 1, c -> push(c, false, false));
        t.add("lpushx", -3, "write denyoom fast", 1, 1, 1, c -> push(c, true, true));
        t.add("rpushx", -3, "write denyoom fast", 1, 1, 1, c -> push(c, false, true));
        t.add("lpop", -2, "write fast", 1, 1, 1, c -> pop(c, true));
        t.add("rpop", -2, "write fast", 1, 1, 1, c -> pop(c, false));
        t.add("llen", 2, "readonly fast", 1, 1, 1, ListFamily::llen);
        t.add("lrange", 4, "readonly", 1, 1, 1, ListFamily::lrange);
        t.add("lindex", 3, "readonly", 1, 1, 1, ListFamily::lindex);
        t.add("lset", 4, "write denyoom", 1, 1, 1, ListFamily::lset);
        t.add("linsert", 5, "write denyoom", 1, 1, 1, ListFamily::linsert);
        t.add("lrem", 4, "write", 1, 1, 1, ListFamily::lrem);
        t.add("ltrim", 4, "write", 1, 1, 1, ListFamily::ltrim);
        t.add("lpos", -3, "readonly", 1, 1, 1, ListPos::lpos);
        t.add("lmove", 5, "write denyoom", 1, 2, 1, ListMoves::lmove);
        t.add("rpoplpush", 3, "write denyoom", 1, 2, 1, ListMoves::rpoplpush);
        t.add("lmpop", -4, "write", 0, 0, 0, ListMoves::lmpop).keys(NumKeys::atOne);
    }

    /**
     * Looks up key argument {@code i} of {@code db} for a list command: the slot, -1 when missing,
     * or {@link #WRONG} after replying WRONGTYPE.
     */
    static int lookup(CommandContext c, Db db, int i, boolean write) {
        return c.typedKey(db, i, ObjectType.LIST, write);
    }

    static ListValue list(Db db, int slot) {
        return (ListValue) db.dict().value(slot);
    }

    /** The calling shard thread's cursor; callers {@link ListCursor#release} it when done. */
    static ListCursor cursor() {
        return CURSOR.get();
    }

    /**
     * Creates an empty list at key argument {@code i} (absent: the caller looked it up). Its node
     * size is list-max-listpack-size as it is now, kept for the list's life as quicklist keeps it.
     */
    static ListValue create(CommandContext c, Db db, int i) {
        ListValue l = new ListValue(c.engine.options.listMaxListpackSize.number());
        int slot = db.insert(c.args.copy(i), c.hash(i), ObjectType.LIST, ObjectType.ENC_QUICKLIST, c.now);
        db.dict().setValue(slot, l);
        return l;
    }

    /** LPUSH/RPUSH/LPUSHX/RPUSHX key element...: the new length (0 for X on a missing key). */
    static void push(CommandContext c, boolean head, boolean onlyExisting) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        ListValue l;
        if (slot < 0) {
            if (onlyExisting) {
                c.reply.raw(Replies.ZERO);
                return;
            }
            l = create(c, db, 1);
        } else {
            l = list(db, slot);
        }
        int argc = c.args.count();
        int pending = 0;
        for (int i = 2; i < argc; i++) {
            pending += ListValue.entryBytes(c.args.len(i));
        }
        byte[] buf = c.args.buf();
        for (int i = 2; i < argc; i++) {
            int len = c.args.len(i);
            pending -= ListValue.entryBytes(len);
            l.push(buf, c.args.off(i), len, head, pending);
        }
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.LIST, head ? "lpush" : "rpush", 1);
        c.reply.integer(l.size());
    }

    /**
     * LPOP/RPOP key [count] (popGenericCommand): count is checked before the key; a missing key
     * replies null (a null array with a count); count 0 on an existing list an empty array.
     */
    static void pop(CommandContext c, boolean head) {
        int argc = c.args.count();
        if (argc > 3) {
            c.reply.error(Errors.wrongArgs(head ? "lpop" : "rpop"));
            return;
        }
        boolean hasCount = argc == 3;
        long count = 1;
        if (hasCount) {
            if (!c.parseLong(2) || c.num < 0) {
                c.reply.error(Errors.OUT_OF_RANGE_POSITIVE);
                return;
            }
            count = c.num;
        }
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            if (hasCount) {
                c.reply.nullArray();
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        if (hasCount && count == 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        ListValue l = list(db, slot);
        if (!hasCount) {
            replyRun(c, l, head ? 0 : l.length() - 1, 1, head);
            drop(l, head, 1);
        } else {
            popInto(c, l, head, count);
        }
        boolean deleted = l.isEmpty();
        if (deleted) {
            db.delete(slot);
        }
        popped(c, 1, head, deleted);
        c.signalModifiedKey(1); // listElementsRemoved
    }

    /**
     * listElementsRemoved's notifications: {@code lpop} or {@code rpop} for key argument
     * {@code keyArg}, then {@code del} when the pop emptied (and deleted) the list.
     */
    static void popped(CommandContext c, int keyArg, boolean head, boolean deleted) {
        c.notify(NotifyFlags.LIST, head ? "lpop" : "rpop", keyArg);
        if (deleted) {
            c.notify(NotifyFlags.GENERIC, "del", keyArg);
        }
    }

    /** Replies an array of up to {@code count} elements popped from one end. */
    static void popInto(CommandContext c, ListValue l, boolean head, long count) {
        int n = (int) Math.min(count, l.size());
        c.reply.array(n);
        replyRun(c, l, head ? 0 : l.length() - 1, n, head);
        drop(l, head, n);
    }

    /** Removes {@code n} elements from one end. */
    static void drop(ListValue l, boolean head, int n) {
        if (head) {
            l.removeFirst(n);
        } else {
            l.removeLast(n);
        }
    }

    /**
     * Replies {@code n} bulk strings straight from the list's nodes: element {@code from} and those
     * after it ({@code forward}) or before it. No array header; nothing is copied or allocated.
     */
    static void replyRun(CommandContext c, ListValue l, int from, int n, boolean forward) {
        if (n <= 0) {
            return;
        }
        ListCursor it = cursor();
        it.seek(l, from);
        for (int i = 0; ; ) {
            c.reply.bulk(it.buf(), it.off(), it.len());
            if (++i == n) {
                break;
            }
            if (forward) {
                it.next();
            } else {
                it.prev();
            }
        }
        it.release();
    }

    static void llen(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        c.reply.integer(slot < 0 ? 0 : list(db, slot).size());
    }

    /** LRANGE key start stop: both indexes parse before the lookup. */
    static void lrange(CommandContext c) {
        if (!c.longOrReply(2)) {
            return;
        }
        long start = c.num;
        if (!c.longOrReply(3)) {
            return;
        }
        long end = c.num;
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        ListValue l = list(db, slot);
        long llen = l.size();
        if (start < 0) {
            start += llen;
        }
        if (end < 0) {
            end += llen;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= llen) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        if (end >= llen) {
            end = llen - 1;
        }
        c.reply.array(end - start + 1);
        replyRun(c, l, (int) start, (int) (end - start + 1), true);
    }

    /** LTRIM key start stop: OK even for a missing key; trimming everything deletes it. */
    static void ltrim(CommandContext c) {
        if (!c.longOrReply(2)) {
            return;
        }
        long start = c.num;
        if (!c.longOrReply(3)) {
            return;
        }
        long end = c.num;
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot >= 0) {
            ListValue l = list(db, slot);
            long llen = l.size();
            if (start < 0) {
                start += llen;
            }
            if (end < 0) {
                end += llen;
            }
            if (start < 0) {
                start = 0;
            }
            boolean deleted = start > end || start >= llen;
            if (deleted) {
                db.delete(slot);
            } else {
                l.trim((int) start, (int) Math.min(end, llen - 1));
            }
            c.notify(NotifyFlags.LIST, "ltrim", 1);
            if (deleted) {
                c.notify(NotifyFlags.GENERIC, "del", 1);
            }
            c.signalModifiedKey(1); // even when nothing was trimmed, as ltrimCommand
        }
        c.reply.ok();
    }

    /** LINDEX key index: the key is looked up before the index parses (a missing key wins). */
    static void lindex(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, false);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.nullBulk();
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        ListValue l = list(db, slot);
        long index = c.num < 0 ? c.num + l.size() : c.num;
        if (index < 0 || index >= l.size()) {
            c.reply.nullBulk();
        } else {
            replyRun(c, l, (int) index, 1, true);
        }
    }

    /** LSET key index element: "no such key" before the index parses, then "index out of range". */
    static void lset(CommandContext c) {
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.error(Errors.NO_SUCH_KEY);
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        ListValue l = list(db, slot);
        long index = c.num < 0 ? c.num + l.size() : c.num;
        if (index < 0 || index >= l.size()) {
            c.reply.error(Errors.INDEX_OUT_OF_RANGE);
            return;
        }
        l.set((int) index, c.args.buf(), c.args.off(3), c.args.len(3));
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.LIST, "lset", 1);
        c.reply.ok();
    }

    private static final byte[] BEFORE = Replies.b("before");
    private static final byte[] AFTER = Replies.b("after");

    /** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
    static void linsert(CommandContext c) {
        boolean after;
        if (c.argIs(2, AFTER)) {
            after = true;
        } else if (c.argIs(2, BEFORE)) {
            after = false;
        } else {
            c.syntaxError();
            return;
        }
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        ListValue l = list(db, slot);
        int pivot = indexOf(c, l, 3);
        if (pivot < 0) {
            c.reply.raw(Replies.MINUS_ONE);
            return;
        }
        l.insert(after ? pivot + 1 : pivot, c.args.buf(), c.args.off(4), c.args.len(4));
        c.signalModifiedKey(1);
        c.notify(NotifyFlags.LIST, "linsert", 1);
        c.reply.integer(l.size());
    }

    /** Index of the first element equal to argument {@code arg}, compared in place; -1 if none. */
    static int indexOf(CommandContext c, ListValue l, int arg) {
        byte[] buf = c.args.buf();
        int off = c.args.off(arg);
        int len = c.args.len(arg);
        ListCursor it = cursor();
        int found = -1;
        boolean more = it.seek(l, 0);
        for (int i = 0; more; i++, more = it.next()) {
            if (it.equalTo(buf, off, len)) {
                found = i;
                break;
            }
        }
        it.release();
        return found;
    }

    /**
     * LREM key count element: count &gt; 0 removes the first count matches from the head, &lt; 0 from
     * the tail, 0 all. count = LLONG_MIN negates to itself, as in C, and removes all.
     */
    static void lrem(CommandContext c) {
        if (!c.longOrReply(2)) {
            return;
        }
        long count = c.num;
        Db db = c.db(1);
        int slot = lookup(c, db, 1, true);
        if (slot == WRONG) {
            return;
        }
        if (slot < 0) {
            c.reply.raw(Replies.ZERO);
            return;
        }
        ListValue l = list(db, slot);
        long toRemove = count < 0 ? -count : count; // LLONG_MIN stays negative: no limit, from the tail
        long removed = l.removeAll(c.args.buf(), c.args.off(3), c.args.len(3), Math.max(0, toRemove), count < 0);
        if (removed > 0) {
            c.notify(NotifyFlags.LIST, "lrem", 1);
        }
        if (l.isEmpty()) {
            db.delete(slot);
            c.notify(NotifyFlags.GENERIC, "del", 1);
        }
        if (removed > 0) {
            c.signalModifiedKey(1);
        }
        c.reply.integer(removed);
    }
}
