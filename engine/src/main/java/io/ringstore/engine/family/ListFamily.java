package io.ringstore.engine.family;

import io.ringstore.engine.Args;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;

/**
 * List commands (Redis 7.0's t_list.c, blocking commands excepted): the rows, pushes, pops, reads
 * and edits by index. LPOS lives in {@link ListPos}, LMOVE/RPOPLPUSH/LMPOP in {@link ListMoves}.
 * Arguments are parsed in Redis's order (some before the key lookup, some after), so errors and
 * WRONGTYPE win in the same cases. An emptied list is deleted. Runs on the shard thread owning the
 * key (shard 0 at a barrier for LMOVE/LMPOP across shards).
 */
public final class ListFamily {
    /** {@link #lookup} result after it replied WRONGTYPE. */
    static final int WRONG = CommandContext.WRONG_TYPE;

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
        t.add("lmpop", -4, "write", 0, 0, 0, ListMoves::lmpop).keys(ListFamily::lmpopKeys);
    }

    /**
     * Key positions of LMPOP numkeys key... (Redis's genericGetKeys(0, 1, 2, 1)): none when numkeys
     * is not a positive integer or names more keys than there are arguments; the handler then
     * replies the error. Runs on an I/O thread: parses digits in place, no allocation.
     */
    static void lmpopKeys(RequestEvent e) {
        Args a = e.args;
        int len = a.len(1);
        if (len < 1 || len > 9) {
            return;
        }
        byte[] buf = a.buf();
        int off = a.off(1);
        int n = 0;
        for (int i = 0; i < len; i++) {
            int d = buf[off + i] - '0';
            if (d < 0 || d > 9) {
                return;
            }
            n = n * 10 + d;
        }
        if (n < 1 || n > a.count() - 2) {
            return;
        }
        for (int i = 2; i < 2 + n; i++) {
            e.addKeyPos(i);
        }
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

    /** Creates an empty list at key argument {@code i} (absent: the caller looked it up). */
    static ListValue create(CommandContext c, Db db, int i) {
        ListValue l = new ListValue();
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
        for (int i = 2; i < c.args.count(); i++) {
            l.push(c.args.copy(i), head);
        }
        c.reply.integer(l.size());
    }

    /**
     * LPOP/RPOP key [count] (popGenericCommand): count is checked before the key; a missing key
     * replies null (a null array with a count); count 0 on an existing list an empty array.
     */
    static void pop(CommandContext c, boolean head) {
        int argc = c.args.count();
        if (argc > 3) {
            c.reply.error("ERR wrong number of arguments for '" + (head ? "lpop" : "rpop") + "' command");
            return;
        }
        boolean hasCount = argc == 3;
        long count = 1;
        if (hasCount) {
            if (!c.parseLong(2) || c.num < 0) {
                c.reply.error(OUT_OF_RANGE_POSITIVE);
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
            c.reply.bulk(l.pop(head));
        } else {
            popInto(c, l, head, count);
        }
        if (l.isEmpty()) {
            db.delete(slot);
        }
    }

    static final String OUT_OF_RANGE_POSITIVE = "ERR value is out of range, must be positive";

    /** Replies an array of up to {@code count} elements popped from one end. */
    static void popInto(CommandContext c, ListValue l, boolean head, long count) {
        int n = (int) Math.min(count, l.size());
        c.reply.array(n);
        for (int i = 0; i < n; i++) {
            c.reply.bulk(l.pop(head));
        }
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
        for (int i = (int) start; i <= end; i++) {
            c.reply.bulk(l.get(i));
        }
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
            if (start > end || start >= llen) {
                db.delete(slot);
            } else {
                l.trim((int) start, (int) Math.min(end, llen - 1));
            }
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
            c.reply.bulk(l.get((int) index));
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
            c.reply.error(Replies.NO_SUCH_KEY);
            return;
        }
        if (!c.longOrReply(2)) {
            return;
        }
        ListValue l = list(db, slot);
        long index = c.num < 0 ? c.num + l.size() : c.num;
        if (index < 0 || index >= l.size()) {
            c.reply.error(Replies.OUT_OF_RANGE);
            return;
        }
        l.set((int) index, c.args.copy(3));
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
        l.insert(after ? pivot + 1 : pivot, c.args.copy(4));
        c.reply.integer(l.size());
    }

    static int indexOf(CommandContext c, ListValue l, int arg) {
        byte[] buf = c.args.buf();
        int off = c.args.off(arg);
        int len = c.args.len(arg);
        for (int i = 0; i < l.length(); i++) {
            if (l.equalsAt(i, buf, off, len)) {
                return i;
            }
        }
        return -1;
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
        byte[] buf = c.args.buf();
        int off = c.args.off(3);
        int len = c.args.len(3);
        long toRemove = count < 0 ? -count : count;
        long removed = 0;
        if (count >= 0) {
            for (int i = 0; i < l.length(); ) {
                if (l.equalsAt(i, buf, off, len)) {
                    l.remove(i);
                    if (++removed == toRemove) {
                        break;
                    }
                } else {
                    i++;
                }
            }
        } else {
            for (int i = l.length() - 1; i >= 0; i--) {
                if (l.equalsAt(i, buf, off, len)) {
                    l.remove(i);
                    if (++removed == toRemove) {
                        break;
                    }
                }
            }
        }
        if (l.isEmpty()) {
            db.delete(slot);
        }
        c.reply.integer(removed);
    }
}
