package io.ringstore.engine.family.geo;

import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.config.NotifyFlags;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ZsetRange;
import io.ringstore.engine.store.ZsetValue;

/**
 * GEORADIUS, GEORADIUSBYMEMBER, their _RO forms, GEOSEARCH and GEOSEARCHSTORE: Redis 7.0.15's
 * georadiusGeneric. Options are parsed in Redis's order (so the same error wins), the nine cells
 * covering the shape ({@link GeoShape}) are scanned as score ranges of the sorted set, each
 * candidate kept when within the radius or the box, COUNT ANY stopping the scan early; then the
 * matches are sorted ({@link GeoPoints}) and replied, or stored as a sorted set of hashes or
 * distances. Every key's database comes from {@link CommandContext#db(int)}, so a store into
 * another shard's key runs at a barrier. Runs on the shard thread owning the keys, or shard 0.
 */
final class GeoSearch {
    static final int RADIUS_COORDS = 1;
    static final int RADIUS_MEMBER = 2;
    static final int NOSTORE = 4;
    static final int GEOSEARCH = 8;
    static final int GEOSEARCHSTORE = 16;
    private static final int SORT_NONE = 0;
    private static final int SORT_ASC = 1;
    private static final int SORT_DESC = 2;
    private static final byte[] WITHDIST = Replies.b("withdist");
    private static final byte[] WITHHASH = Replies.b("withhash");
    private static final byte[] WITHCOORD = Replies.b("withcoord");
    private static final byte[] ANY = Replies.b("any");
    private static final byte[] ASC = Replies.b("asc");
    private static final byte[] DESC = Replies.b("desc");
    private static final byte[] COUNT = Replies.b("count");
    private static final byte[] STORE = Replies.b("store");
    private static final byte[] STOREDIST = Replies.b("storedist");
    private static final byte[] FROMMEMBER = Replies.b("frommember");
    private static final byte[] FROMLONLAT = Replies.b("fromlonlat");
    private static final byte[] BYRADIUS = Replies.b("byradius");
    private static final byte[] BYBOX = Replies.b("bybox");

    private GeoSearch() {
    }

    /**
     * The STORE / STOREDIST key georadiusGeneric ends up writing (the last one given), or 0:
     * walks the options from {@code base} the way the parser consumes them. Used for routing;
     * runs on an I/O thread.
     */
    static int storeArg(Args a, int base, int argc) {
        int key = 0;
        for (int i = base; i < argc; i++) {
            if (a.is(i, COUNT) && i + 1 < argc) {
                i++;
            } else if ((a.is(i, STORE) || a.is(i, STOREDIST)) && i + 1 < argc) {
                key = ++i;
            }
        }
        return key;
    }

    /** georadiusGeneric: {@code src} is the source key's argument, {@code flags} the variant. */
    static void search(CommandContext c, int src, int flags) {
        GeoArgs.Scratch s = GeoArgs.scratch();
        ZsetValue z = GeoFamily.readZset(c, src, s);
        if (s.wrong) {
            return;
        }
        GeoShape shape = s.shape;
        shape.box = false;
        shape.radius = 0;
        shape.width = 0;
        shape.height = 0;
        shape.conversion = 0;
        shape.x = 0;
        shape.y = 0;
        int store = 0;
        boolean storedist = false;
        int base;
        if ((flags & RADIUS_COORDS) != 0) {
            base = 6;
            if (!GeoArgs.lonLat(c, s, 2, s.xy)) {
                return;
            }
            shape.x = s.xy[0];
            shape.y = s.xy[1];
            if (!GeoArgs.radius(c, s, base - 2, shape)) {
                return;
            }
        } else if ((flags & RADIUS_MEMBER) != 0 && z == null) {
            base = 5; // no source: parse on, so that the reply suits STORE
        } else if ((flags & RADIUS_MEMBER) != 0) {
            base = 5;
            if (!center(c, s, z, 2)) {
                return;
            }
            if (!GeoArgs.radius(c, s, base - 2, shape)) {
                return;
            }
        } else {
            base = 2;
            if ((flags & GEOSEARCHSTORE) != 0) {
                base = 3;
                store = 1;
            }
        }
        boolean withdist = false;
        boolean withhash = false;
        boolean withcoords = false;
        boolean frommember = false;
        boolean fromloc = false;
        boolean byradius = false;
        boolean bybox = false;
        int sort = SORT_NONE;
        boolean any = false;
        long count = 0;
        boolean search = (flags & GEOSEARCH) != 0;
        boolean storable = (flags & NOSTORE) == 0 && !search;
        int argc = c.args.count();
        int remaining = argc - base;
        for (int i = 0; i < remaining; i++) {
            int a = base + i;
            if (c.argIs(a, WITHDIST)) {
                withdist = true;
            } else if (c.argIs(a, WITHHASH)) {
                withhash = true;
            } else if (c.argIs(a, WITHCOORD)) {
                withcoords = true;
            } else if (c.argIs(a, ANY)) {
                any = true;
            } else if (c.argIs(a, ASC)) {
                sort = SORT_ASC;
            } else if (c.argIs(a, DESC)) {
                sort = SORT_DESC;
            } else if (c.argIs(a, COUNT) && i + 1 < remaining) {
                if (!c.longOrReply(a + 1)) {
                    return;
                }
                count = c.num;
                if (count <= 0) {
                    c.reply.error(Errors.GEO_COUNT_NOT_POSITIVE);
                    return;
                }
                i++;
            } else if (c.argIs(a, STORE) && i + 1 < remaining && storable) {
                store = a + 1;
                storedist = false;
                i++;
            } else if (c.argIs(a, STOREDIST) && i + 1 < remaining && storable) {
                store = a + 1;
                storedist = true;
                i++;
            } else if (c.argIs(a, STOREDIST) && search && (flags & GEOSEARCHSTORE) != 0) {
                storedist = true;
            } else if (c.argIs(a, FROMMEMBER) && i + 1 < remaining && search && !fromloc) {
                if (z != null && !center(c, s, z, a + 1)) {
                    return;
                }
                frommember = true;
                i++;
            } else if (c.argIs(a, FROMLONLAT) && i + 2 < remaining && search && !frommember) {
                if (!GeoArgs.lonLat(c, s, a + 1, s.xy)) {
                    return;
                }
                shape.x = s.xy[0];
                shape.y = s.xy[1];
                fromloc = true;
                i += 2;
            } else if (c.argIs(a, BYRADIUS) && i + 2 < remaining && search && !bybox) {
                if (!GeoArgs.radius(c, s, a + 1, shape)) {
                    return;
                }
                shape.box = false;
                byradius = true;
                i += 2;
            } else if (c.argIs(a, BYBOX) && i + 3 < remaining && search && !byradius) {
                if (!GeoArgs.box(c, s, a + 1, shape)) {
                    return;
                }
                shape.box = true;
                bybox = true;
                i += 3;
            } else {
                c.syntaxError();
                return;
            }
        }
        if (store > 0 && (withdist || withhash || withcoords)) {
            c.reply.error((flags & GEOSEARCHSTORE) != 0
                    ? Errors.GEOSEARCHSTORE_WITH_OPTIONS : Errors.GEORADIUS_STORE_WITH_OPTIONS);
            return;
        }
        if (search && !(frommember || fromloc)) {
            c.reply.errorLatin1(Errors.geoNeedsFrom(c.args.latin1(0, Integer.MAX_VALUE)));
            return;
        }
        if (search && !(byradius || bybox)) {
            c.reply.errorLatin1(Errors.geoNeedsBy(c.args.latin1(0, Integer.MAX_VALUE)));
            return;
        }
        if (any && count == 0) {
            c.reply.error(Errors.GEO_ANY_NEEDS_COUNT);
            return;
        }
        if (z == null) {
            if (store > 0) {
                Db db = c.db(store);
                int slot = c.writeKey(db, store);
                if (slot >= 0) {
                    db.delete(slot);
                    c.signalModifiedKey(store);
                    c.notify(NotifyFlags.GENERIC, "del", store);
                }
                c.reply.raw(Replies.ZERO);
            } else {
                c.reply.raw(Replies.EMPTY_ARRAY);
            }
            return;
        }
        if (count != 0 && sort == SORT_NONE && !any) {
            sort = SORT_ASC;
        }
        shape.computeCells();
        GeoPoints ga = s.points;
        ga.clear();
        scanCells(z, shape, ga, s, any ? count : 0);
        if (ga.used == 0 && store == 0) {
            c.reply.raw(Replies.EMPTY_ARRAY);
            return;
        }
        int resultLength = ga.used;
        int returned = count == 0 || resultLength < count ? resultLength : (int) count;
        ga.identity();
        if (sort != SORT_NONE) {
            if (returned == resultLength) {
                ga.sortAll(sort == SORT_DESC);
            } else {
                ga.partialSort(sort == SORT_DESC, returned - 1);
            }
        }
        if (store == 0) {
            reply(c, s, ga, returned, shape.conversion, withdist, withhash, withcoords);
        } else {
            store(c, ga, returned, shape.conversion, storedist, store, search);
        }
        ga.clear();
    }

    /** longLatFromMember: the centre from member argument {@code m}, or the error when absent. */
    private static boolean center(CommandContext c, GeoArgs.Scratch s, ZsetValue z, int m) {
        double score = z.score(c.args.buf(), c.args.off(m), c.args.len(m));
        if (Double.isNaN(score)) {
            c.reply.error(Errors.GEO_MEMBER_NOT_DECODED);
            return false;
        }
        GeoHash.decodeScore(score, s.xy, s.area);
        s.shape.x = s.xy[0];
        s.shape.y = s.xy[1];
        return true;
    }

    /**
     * membersOfAllNeighbors: the nine cells in order, skipping zeroed ones and a cell equal to
     * the one processed just before (never compared with the centre cell, as in Redis), stopping
     * once {@code limit} matches are found (COUNT ANY; 0 for none).
     */
    private static void scanCells(ZsetValue z, GeoShape shape, GeoPoints ga, GeoArgs.Scratch s, long limit) {
        int last = 0;
        for (int i = 0; i < 9; i++) {
            long bits = shape.cellBits[i];
            int step = shape.cellStep[i];
            if (bits == 0 && step == 0) {
                continue;
            }
            if (last != 0 && bits == shape.cellBits[last] && step == shape.cellStep[last]) {
                continue;
            }
            if (ga.used > 0 && limit != 0 && ga.used >= limit) {
                break;
            }
            scanBox(z, shape, ga, s, GeoHash.align52(bits, step), GeoHash.align52(bits + 1, step), limit);
            last = i;
        }
    }

    /** geoGetPointsInRange: members scoring in [min, max) that fall within the shape. */
    private static void scanBox(ZsetValue z, GeoShape shape, GeoPoints ga, GeoArgs.Scratch s,
                                double min, double max, long limit) {
        ZsetRange r = s.range;
        r.lex = false;
        r.min = min;
        r.max = max;
        r.minex = false;
        r.maxex = true;
        long first = z.first(r);
        if (first < 0) {
            return;
        }
        for (z.seek(first); z.valid(); z.next()) {
            double score = z.score();
            if (!r.lteMax(null, 0, 0, score)) {
                break;
            }
            GeoHash.decodeScore(score, s.xy, s.area);
            double d;
            if (shape.box) {
                d = GeoDistance.inRectangle(shape.width * shape.conversion, shape.height * shape.conversion,
                        shape.x, shape.y, s.xy[0], s.xy[1]);
            } else {
                d = GeoDistance.distance(shape.x, shape.y, s.xy[0], s.xy[1]);
                if (d > shape.radius * shape.conversion) {
                    d = -1;
                }
            }
            if (d >= 0) {
                ga.add(z.memberCopy(), score, s.xy[0], s.xy[1], d);
            }
            if (ga.used > 0 && limit != 0 && ga.used >= limit) {
                break;
            }
        }
    }

    /** The search reply: members, or [member, dist?, hash?, [lon, lat]?] per match. */
    private static void reply(CommandContext c, GeoArgs.Scratch s, GeoPoints ga, int returned, double conversion,
                              boolean withdist, boolean withhash, boolean withcoords) {
        int options = (withdist ? 1 : 0) + (withcoords ? 1 : 0) + (withhash ? 1 : 0);
        c.reply.array(returned);
        for (int k = 0; k < returned; k++) {
            int p = ga.order[k];
            if (options > 0) {
                c.reply.array(options + 1);
            }
            c.reply.bulk(ga.members[p]);
            if (withdist) {
                s.format.distance(ga.dist[p] / conversion);
                c.reply.bulk(s.format.buf, 0, s.format.len);
            }
            if (withhash) {
                c.reply.integer((long) ga.score[p]);
            }
            if (withcoords) {
                c.reply.array(2);
                GeoFamily.human(c, s, ga.lon[p]);
                GeoFamily.human(c, s, ga.lat[p]);
            }
        }
    }

    /**
     * STORE / STOREDIST / GEOSEARCHSTORE: the first {@code returned} matches as a sorted set
     * (scores the hashes, or the distances in the unit) replacing key argument {@code dst}
     * without a TTL, in the listpack form when it fits; no match deletes the key. Notifies
     * "geosearchstore" or "georadiusstore" (or "del") before replying the count, as Redis.
     */
    private static void store(CommandContext c, GeoPoints ga, int returned, double conversion, boolean storedist,
                              int dst, boolean search) {
        Db db = c.db(dst);
        int slot = c.writeKey(db, dst);
        if (returned > 0) {
            ZsetValue result = ZsetValue.skiplist();
            long maxEntries = c.engine.options.zsetMaxListpackEntries.number();
            long maxValue = c.engine.options.zsetMaxListpackValue.number();
            for (int k = 0; k < returned; k++) {
                int p = ga.order[k];
                double score = storedist ? ga.dist[p] / conversion : ga.score[p];
                result.addOwned(ga.members[p], score, maxEntries, maxValue);
                ga.members[p] = null;
            }
            result.fitListpack(maxEntries, maxValue);
            if (slot >= 0) {
                db.delete(slot);
                slot = db.reinsert(c.args.copy(dst), c.hash(dst), ObjectType.ZSET, result.encoding(), c.now);
            } else {
                slot = db.insert(c.args.copy(dst), c.hash(dst), ObjectType.ZSET, result.encoding(), c.now);
            }
            db.dict().setValue(slot, result);
            c.signalModifiedKey(dst);
            c.notify(NotifyFlags.ZSET, search ? "geosearchstore" : "georadiusstore", dst);
        } else if (slot >= 0) {
            db.delete(slot);
            c.signalModifiedKey(dst);
            c.notify(NotifyFlags.GENERIC, "del", dst);
        }
        c.reply.integer(returned);
    }
}
