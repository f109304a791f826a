package io.ringstore.engine.store;

import java.util.Arrays;

/**
 * A "skiplist" sorted set: the member table ({@link #dict}, member to node) and the order-statistic
 * half, William Pugh's skip list as Redis's zskiplist extends it (repeated scores, order by score then member bytes unsigned, a backward
 * link on level 0, and a span per link counting the nodes it jumps, which gives O(log N) rank and
 * O(log N) access by rank). A node's level comes from a hash of its member, not from a random
 * generator, so a journal replay or a snapshot load builds the same lists; no reply depends on
 * levels except a lex range over members of mixed scores, which Redis itself leaves unspecified.
 * Owned by the shard thread owning the sorted set's key.
 */
final class ZsetSkiplist {
    static final int MAX_LEVEL = 32;

    /** One member with its score. */
    static final class Node {
        final byte[] member;
        double score;
        Node backward;
        final Node[] next;
        final long[] span;

        Node(byte[] member, double score, int level) {
            this.member = member;
            this.score = score;
            this.next = new Node[level];
            this.span = new long[level];
        }
    }

    final Node header = new Node(null, 0, MAX_LEVEL);
    int level = 1;
    long length;
    /** The other half of the form: member -> node, for O(1) lookups (kept here: one field per form). */
    final Dict dict = Dict.members(true);
    /** The owning ZsetValue's cursor over this list (a node, or null past an end). */
    Node cursor;
    private final Node[] update = new Node[MAX_LEVEL];
    private final long[] rank = new long[MAX_LEVEL];

    /** Whether {@code x} orders before (score, member). */
    static boolean before(Node x, double score, byte[] m, int off, int len) {
        return x.score < score || (x.score == score
                && Arrays.compareUnsigned(x.member, 0, x.member.length, m, off, off + len) < 0);
    }

    static boolean same(Node x, double score, byte[] m, int off, int len) {
        return x.score == score && Arrays.equals(x.member, 0, x.member.length, m, off, off + len);
    }

    /** A level in 1..32 with P(level > k) = 4^-k, from the member's bytes (deterministic). */
    static int levelFor(byte[] m) {
        long h = 0x9E3779B97F4A7C15L;
        for (byte x : m) {
            h = (h ^ (x & 0xFF)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        int lvl = 1;
        while ((h & 3) == 0 && lvl < MAX_LEVEL) {
            lvl++;
            h >>>= 2;
        }
        return lvl;
    }

    /** Inserts a member known to be absent (zslInsert); the array is kept. */
    Node insert(double score, byte[] m) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.next[i] != null && before(x.next[i], score, m, 0, m.length)) {
                rank[i] += x.span[i];
                x = x.next[i];
            }
            update[i] = x;
        }
        int lvl = levelFor(m);
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span[i] = length;
            }
            level = lvl;
        }
        x = new Node(m, score, lvl);
        for (int i = 0; i < lvl; i++) {
            x.next[i] = update[i].next[i];
            update[i].next[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.next[0] != null) {
            x.next[0].backward = x;
        }
        length++;
        return x;
    }

    /** Unlinks (score, member) if present (zslDelete); returns whether it was. */
    boolean delete(double score, byte[] m, int off, int len) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next[i] != null && before(x.next[i], score, m, off, len)) {
                x = x.next[i];
            }
            update[i] = x;
        }
        x = x.next[0];
        if (x != null && same(x, score, m, off, len)) {
            unlink(x);
            return true;
        }
        return false;
    }

    private void unlink(Node x) {
        for (int i = 0; i < level; i++) {
            if (update[i].next[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].next[i] = x.next[i];
            } else {
                update[i].span[i] -= 1;
            }
        }
        if (x.next[0] != null) {
            x.next[0].backward = x.backward;
        }
        while (level > 1 && header.next[level - 1] == null) {
            level--;
        }
        length--;
    }

    /** 0-based rank of a present (score, member), or -1. */
    long rank(double score, byte[] m, int off, int len) {
        Node x = header;
        long r = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next[i] != null && (before(x.next[i], score, m, off, len) || same(x.next[i], score, m, off, len))) {
                r += x.span[i];
                x = x.next[i];
            }
            if (x.member != null && same(x, score, m, off, len)) {
                return r - 1;
            }
        }
        return -1;
    }

    /** The node at 0-based rank {@code r} (0 <= r < length). */
    Node at(long r) {
        long target = r + 1;
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next[i] != null && traversed + x.span[i] <= target) {
                traversed += x.span[i];
                x = x.next[i];
            }
            if (traversed == target) {
                return x;
            }
        }
        return null;
    }

    /** Decides, per node, whether the walk of {@link #countWhile} goes on. */
    interface NodeTest {
        boolean test(byte[] member, double score);
    }

    /**
     * How many nodes from the head the descent passes while {@code t} holds of the next node: the
     * rank the zslFirstIn*Range / zslLastIn*Range searches stop at. For a test that holds on a
     * prefix of the order this is the prefix's length.
     */
    long countWhile(NodeTest t) {
        Node x = header;
        long r = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next[i] != null && t.test(x.next[i].member, x.next[i].score)) {
                r += x.span[i];
                x = x.next[i];
            }
        }
        return r;
    }
}
