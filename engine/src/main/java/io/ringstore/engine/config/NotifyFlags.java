package io.ringstore.engine.config;

/**
 * The classes of {@code notify-keyspace-events} as bits (Redis 7.0's NOTIFY_* in server.h), and
 * the option's text both ways (notify.c's keyspaceEventsStringToFlags and
 * keyspaceEventsFlagsToString). A handler passes its event's class to
 * {@code CommandContext.notify}; the option's value holds the enabled classes plus K and E.
 */
public final class NotifyFlags {
    /** K: publish to {@code __keyspace@<db>__:<key>}. */
    public static final int KEYSPACE = 1;
    /** E: publish to {@code __keyevent@<db>__:<event>}. */
    public static final int KEYEVENT = 1 << 1;
    /** g: DEL, EXPIRE, RENAME, ... (type-independent). */
    public static final int GENERIC = 1 << 2;
    /** $: strings. */
    public static final int STRING = 1 << 3;
    /** l: lists. */
    public static final int LIST = 1 << 4;
    /** s: sets. */
    public static final int SET = 1 << 5;
    /** h: hashes. */
    public static final int HASH = 1 << 6;
    /** z: sorted sets. */
    public static final int ZSET = 1 << 7;
    /** x: a key expired (lazily or by active expiry). */
    public static final int EXPIRED = 1 << 8;
    /** e: a key evicted for maxmemory (no eviction in Ringstore yet: never raised). */
    public static final int EVICTED = 1 << 9;
    /** t: streams. */
    public static final int STREAM = 1 << 10;
    /** m: a read missed (lookupKeyRead of a missing key). */
    public static final int KEY_MISS = 1 << 11;
    /** d: module events (no modules: never raised, accepted as Redis does). */
    public static final int MODULE = 1 << 12;
    /** n: a key was created (dbAdd). */
    public static final int NEW = 1 << 13;
    /** A: every class but m and n ("g$lshzxetd"). */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /** CONFIG SET's complaint about a letter outside the set, Redis 7.0.15's text. */
    static final String INVALID = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

    private NotifyFlags() {
    }

    /** The bits of a flags string, or -1 when it holds a character that names no class. */
    public static int parse(String classes) {
        int flags = 0;
        for (int i = 0; i < classes.length(); i++) {
            switch (classes.charAt(i)) {
                case 'A': flags |= ALL; break;
                case 'g': flags |= GENERIC; break;
                case '$': flags |= STRING; break;
                case 'l': flags |= LIST; break;
                case 's': flags |= SET; break;
                case 'h': flags |= HASH; break;
                case 'z': flags |= ZSET; break;
                case 'x': flags |= EXPIRED; break;
                case 'e': flags |= EVICTED; break;
                case 'K': flags |= KEYSPACE; break;
                case 'E': flags |= KEYEVENT; break;
                case 't': flags |= STREAM; break;
                case 'm': flags |= KEY_MISS; break;
                case 'd': flags |= MODULE; break;
                case 'n': flags |= NEW; break;
                default: return -1;
            }
        }
        return flags;
    }

    /**
     * The canonical text CONFIG GET shows. As in Redis 7.0.15, "A" stands for all of its classes
     * and then hides {@code n} ("AKEn" reads back as "AKE").
     */
    public static String format(int flags) {
        StringBuilder s = new StringBuilder();
        if ((flags & ALL) == ALL) {
            s.append('A');
        } else {
            String letters = "g$lshzxetdn";
            int[] bits = {GENERIC, STRING, LIST, SET, HASH, ZSET, EXPIRED, EVICTED, STREAM, MODULE, NEW};
            for (int i = 0; i < bits.length; i++) {
                if ((flags & bits[i]) != 0) {
                    s.append(letters.charAt(i));
                }
            }
        }
        if ((flags & KEYSPACE) != 0) {
            s.append('K');
        }
        if ((flags & KEYEVENT) != 0) {
            s.append('E');
        }
        if ((flags & KEY_MISS) != 0) {
            s.append('m');
        }
        return s.toString();
    }
}
