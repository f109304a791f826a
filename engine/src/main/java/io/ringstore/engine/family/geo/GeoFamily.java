package io.ringstore.engine.family.geo;

import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.family.zsets.ZsetFamily;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.ZsetValue;

/**
 * Geo commands (Redis 7.0.15's geo.c): the rows, GEOADD, GEOPOS, GEOHASH and GEODIST. A geo set
 * is a sorted set whose scores are 52-bit geohashes ({@link GeoHash}); GEOADD is a ZADD of the
 * encoded scores (the sorted set family's {@link ZsetFamily#apply}), so its replies, encodings
 * and "zadd" event are ZADD's. The searches live in {@link GeoSearch}, argument parsing in
 * {@link GeoArgs}. Runs on the shard thread owning the keys (a search storing into a key of
 * another shard at a barrier).
 */
public final class GeoFamily {
    private static final byte[] NX = Replies.b("nx");
    private static final byte[] XX = Replies.b("xx");
    private static final byte[] CH = Replies.b("ch");
    private static final byte[] STORE = Replies.b("store");
    private static final byte[] STOREDIST = Replies.b("storedist");
    private static final byte[] ALPHABET = Replies.b("0123456789bcdefghjkmnpqrstuvwxyz");
    private static final String SEARCH_COMPLEXITY = "O(N+log(M)) where N is the number of elements in the grid-aligned"
            + " bounding box area around the shape provided as the filter and M is the number of items inside the shape";
    private static final String RADIUS_COMPLEXITY = "O(N+log(M)) where N is the number of elements inside the bounding"
            + " box of the circular area delimited by center and radius and M is the number of items inside the index.";

    private GeoFamily() {
    }

    public static void register(CommandTable t) {
        t.group("geo");
        t.add("geoadd", -5, "write denyoom", 1, 1, 1, GeoFamily::geoadd)
                .doc("3.2.0", "Add one or more geospatial items in the geospatial index represented using a sorted set",
                        "O(log(N)) for each item added, where N is the number of elements in the sorted set.");
        t.add("geodist", -4, "readonly", 1, 1, 1, GeoFamily::geodist)
                .doc("3.2.0", "Returns the distance between two members of a geospatial index", "O(log(N))");
        t.add("geohash", -2, "readonly", 1, 1, 1, GeoFamily::geohash)
                .doc("3.2.0", "Returns members of a geospatial index as standard geohash strings",
                        "O(log(N)) for each member requested, where N is the number of elements in the sorted set.");
        t.add("geopos", -2, "readonly", 1, 1, 1, GeoFamily::geopos)
                .doc("3.2.0", "Returns longitude and latitude of members of a geospatial index",
                        "O(N) where N is the number of members requested.");
        t.add("georadius", -6, "write denyoom", 1, 1, 1, c -> GeoSearch.search(c, 1, GeoSearch.RADIUS_COORDS))
                .keys(e -> radiusKeys(e, 6))
                .doc("3.2.0", "Query a sorted set representing a geospatial index to fetch members matching a given"
                        + " maximum distance from a point", RADIUS_COMPLEXITY);
        t.add("georadius_ro", -6, "readonly", 1, 1, 1,
                c -> GeoSearch.search(c, 1, GeoSearch.RADIUS_COORDS | GeoSearch.NOSTORE))
                .doc("3.2.10", "A read-only variant for GEORADIUS", RADIUS_COMPLEXITY);
        t.add("georadiusbymember", -5, "write denyoom", 1, 1, 1, c -> GeoSearch.search(c, 1, GeoSearch.RADIUS_MEMBER))
                .keys(e -> radiusKeys(e, 5))
                .doc("3.2.0", "Query a sorted set representing a geospatial index to fetch members matching a given"
                        + " maximum distance from a member", RADIUS_COMPLEXITY);
        t.add("georadiusbymember_ro", -5, "readonly", 1, 1, 1,
                c -> GeoSearch.search(c, 1, GeoSearch.RADIUS_MEMBER | GeoSearch.NOSTORE))
                .doc("3.2.10", "A read-only variant for GEORADIUSBYMEMBER", RADIUS_COMPLEXITY);
        t.add("geosearch", -7, "readonly", 1, 1, 1, c -> GeoSearch.search(c, 1, GeoSearch.GEOSEARCH))
                .doc("6.2.0", "Query a sorted set representing a geospatial index to fetch members inside an area of a"
                        + " box or a circle.", SEARCH_COMPLEXITY);
        t.add("geosearchstore", -8, "write denyoom", 1, 2, 1,
                c -> GeoSearch.search(c, 2, GeoSearch.GEOSEARCH | GeoSearch.GEOSEARCHSTORE))
                .doc("6.2.0", "Query a sorted set representing a geospatial index to fetch members inside an area of a"
                        + " box or a circle, and store the result in another key.", SEARCH_COMPLEXITY);
    }

    /**
     * Keys of GEORADIUS / GEORADIUSBYMEMBER as Redis 7.0's key specs find them: the source, then
     * the argument after the first STORE and after the first STOREDIST searched from
     * {@code from} (never the last argument). When STORE/STOREDIST is given more than once the
     * command writes the last one, which is added as well so that routing reaches it. Runs on an
     * I/O thread; no allocation.
     */
    static void radiusKeys(RequestEvent e, int from) {
        e.addKeyPos(1);
        int argc = e.args.count();
        int store = keyword(e, from, STORE);
        int storedist = keyword(e, from, STOREDIST);
        if (store > 0) {
            e.addKeyPos(store);
        }
        if (storedist > 0) {
            e.addKeyPos(storedist);
        }
        int used = GeoSearch.storeArg(e.args, from, argc);
        if (used > 0 && used != store && used != storedist) {
            e.addKeyPos(used);
        }
    }

    private static int keyword(RequestEvent e, int from, byte[] word) {
        for (int i = from; i < e.args.count() - 1; i++) {
            if (e.args.is(i, word)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** GEOADD key [NX|XX] [CH] longitude latitude member ...: every pair checked before the key. */
    static void geoadd(CommandContext c) {
        boolean nx = false;
        boolean xx = false;
        boolean ch = false;
        int argc = c.args.count();
        int longidx = 2;
        while (longidx < argc) {
            if (c.argIs(longidx, NX)) {
                nx = true;
            } else if (c.argIs(longidx, XX)) {
                xx = true;
            } else if (c.argIs(longidx, CH)) {
                ch = true;
            } else {
                break;
            }
            longidx++;
        }
        if ((argc - longidx) % 3 != 0 || (xx && nx)) {
            c.syntaxError();
            return;
        }
        int elements = (argc - longidx) / 3;
        if (elements == 0) {
            c.syntaxError(); // zaddGenericCommand's check on the rewritten ZADD
            return;
        }
        GeoArgs.Scratch s = GeoArgs.scratch();
        if (s.scores.length < elements) {
            s.scores = new double[Math.max(elements, s.scores.length * 2)];
        }
        for (int i = 0; i < elements; i++) {
            if (!GeoArgs.lonLat(c, s, longidx + i * 3, s.xy)) {
                return;
            }
            s.scores[i] = GeoHash.align52(GeoHash.encodeWgs84(s.xy[0], s.xy[1], GeoHash.STEP_MAX), GeoHash.STEP_MAX);
        }
        ZsetFamily.apply(c, s.scores, elements, longidx + 2, 3, nx, xx, ch, false, false, false);
    }

    /**
     * The sorted set at key argument {@code i} for reading (lookupKeyRead + checkType): null when
     * missing, and {@code s.wrong} set after replying WRONGTYPE.
     */
    static ZsetValue readZset(CommandContext c, int i, GeoArgs.Scratch s) {
        Db db = c.db(i);
        int slot = c.typedKey(db, i, ObjectType.ZSET, false);
        s.wrong = slot == CommandContext.WRONG_TYPE;
        return slot < 0 ? null : (ZsetValue) db.dict().value(slot);
    }

    /** GEOPOS key member ...: each member's cell centre, or a null array. */
    static void geopos(CommandContext c) {
        GeoArgs.Scratch s = GeoArgs.scratch();
        ZsetValue z = readZset(c, 1, s);
        if (s.wrong) {
            return;
        }
        c.reply.array(c.args.count() - 2);
        for (int j = 2; j < c.args.count(); j++) {
            double score = z == null ? Double.NaN : z.score(c.args.buf(), c.args.off(j), c.args.len(j));
            if (Double.isNaN(score)) {
                c.reply.nullArray();
                continue;
            }
            GeoHash.decodeScore(score, s.xy, s.area);
            c.reply.array(2);
            human(c, s, s.xy[0]);
            human(c, s, s.xy[1]);
        }
    }

    /** addReplyHumanLongDouble: a bulk string in RESP2, a double in RESP3. */
    static void human(CommandContext c, GeoArgs.Scratch s, double d) {
        s.format.human(d);
        c.reply.doubleText(s.format.buf, 0, s.format.len);
    }

    /** GEOHASH key member ...: 11-character standard geohashes (latitude -90..90), or nulls. */
    static void geohash(CommandContext c) {
        GeoArgs.Scratch s = GeoArgs.scratch();
        ZsetValue z = readZset(c, 1, s);
        if (s.wrong) {
            return;
        }
        byte[] out = s.format.buf;
        c.reply.array(c.args.count() - 2);
        for (int j = 2; j < c.args.count(); j++) {
            double score = z == null ? Double.NaN : z.score(c.args.buf(), c.args.off(j), c.args.len(j));
            if (Double.isNaN(score)) {
                c.reply.nullBulk();
                continue;
            }
            GeoHash.decodeScore(score, s.xy, s.area);
            long bits = GeoHash.encode(s.xy[0], s.xy[1], GeoHash.STEP_MAX, -90, 90);
            for (int i = 0; i < 11; i++) {
                int idx = i == 10 ? 0 : (int) ((bits >>> (52 - (i + 1) * 5)) & 0x1f);
                out[i] = ALPHABET[idx];
            }
            c.reply.bulk(out, 0, 11);
        }
    }

    /** GEODIST key member1 member2 [unit]: "%.4f" of the haversine distance, or nil. */
    static void geodist(CommandContext c) {
        double toMeter = 1;
        int argc = c.args.count();
        if (argc == 5) {
            toMeter = GeoArgs.unit(c, 4);
            if (toMeter < 0) {
                return;
            }
        } else if (argc > 5) {
            c.syntaxError();
            return;
        }
        GeoArgs.Scratch s = GeoArgs.scratch();
        ZsetValue z = readZset(c, 1, s);
        if (s.wrong) {
            return;
        }
        if (z == null) {
            c.reply.nullBulk();
            return;
        }
        double s1 = z.score(c.args.buf(), c.args.off(2), c.args.len(2));
        double s2 = Double.isNaN(s1) ? Double.NaN : z.score(c.args.buf(), c.args.off(3), c.args.len(3));
        if (Double.isNaN(s2)) {
            c.reply.nullBulk();
            return;
        }
        GeoHash.decodeScore(s1, s.xy, s.area);
        double x1 = s.xy[0];
        double y1 = s.xy[1];
        GeoHash.decodeScore(s2, s.xy, s.area);
        s.format.distance(GeoDistance.distance(x1, y1, s.xy[0], s.xy[1]) / toMeter);
        c.reply.bulk(s.format.buf, 0, s.format.len);
    }
}
