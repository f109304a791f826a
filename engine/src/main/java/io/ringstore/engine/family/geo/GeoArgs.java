package io.ringstore.engine.family.geo;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.util.Strtod;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * geo.c's argument helpers: coordinates (extractLongLatOrReply), units (extractUnitOrReply),
 * radius and box sizes (extractDistanceOrReply, extractBoxOrReply). Each writes Redis's error
 * itself and answers false, so command bodies stay linear. Runs on the shard thread executing
 * the command; {@link Scratch} is that thread's reusable state.
 */
final class GeoArgs {
    private static final byte[] M = Replies.b("m");
    private static final byte[] KM = Replies.b("km");
    private static final byte[] FT = Replies.b("ft");
    private static final byte[] MI = Replies.b("mi");
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Per shard thread state shared by every geo command. */
    static final class Scratch {
        final Strtod strtod = new Strtod();
        final GeoShape shape = new GeoShape();
        final GeoPoints points = new GeoPoints();
        final GeoFormat format = new GeoFormat();
        final double[] xy = new double[2];
        final double[] area = new double[4];
        final io.ringstore.engine.store.ZsetRange range = new io.ringstore.engine.store.ZsetRange();
        double[] scores = new double[16];
        boolean wrong;
    }

    private GeoArgs() {
    }

    static Scratch scratch() {
        return SCRATCH.get();
    }

    /** getDoubleFromObjectOrReply: argument i into {@code s.strtod.value}, or the error {@code error}. */
    static boolean number(CommandContext c, Scratch s, int i, String error) {
        if (s.strtod.strict(c.args.buf(), c.args.off(i), c.args.len(i))) {
            return true;
        }
        c.reply.error(error);
        return false;
    }

    /** Arguments i and i + 1 as a longitude and latitude within Redis's limits, into {@code xy}. */
    static boolean lonLat(CommandContext c, Scratch s, int i, double[] xy) {
        if (!number(c, s, i, Errors.NOT_FLOAT)) {
            return false;
        }
        xy[0] = s.strtod.value;
        if (!number(c, s, i + 1, Errors.NOT_FLOAT)) {
            return false;
        }
        xy[1] = s.strtod.value;
        if (xy[0] < GeoHash.LONG_MIN || xy[0] > GeoHash.LONG_MAX || xy[1] < GeoHash.LAT_MIN || xy[1] > GeoHash.LAT_MAX) {
            c.reply.error(Errors.geoInvalidPair(printfF(xy[0]), printfF(xy[1])));
            return false;
        }
        return true;
    }

    /** Argument i as a unit: metres per unit, or -1 after the error (case-insensitive since 7.0). */
    static double unit(CommandContext c, int i) {
        if (c.argIs(i, M)) {
            return 1;
        } else if (c.argIs(i, KM)) {
            return 1000;
        } else if (c.argIs(i, FT)) {
            return 0.3048;
        } else if (c.argIs(i, MI)) {
            return 1609.34;
        }
        c.reply.error(Errors.GEO_UNSUPPORTED_UNIT);
        return -1;
    }

    /** extractDistanceOrReply: "radius unit" at argument i into the shape. */
    static boolean radius(CommandContext c, Scratch s, int i, GeoShape shape) {
        if (!number(c, s, i, Errors.GEO_NEED_NUMERIC_RADIUS)) {
            return false;
        }
        double r = s.strtod.value;
        if (r < 0) {
            c.reply.error(Errors.GEO_RADIUS_NEGATIVE);
            return false;
        }
        shape.radius = r;
        double unit = unit(c, i + 1);
        if (unit < 0) {
            return false;
        }
        shape.conversion = unit;
        return true;
    }

    /** extractBoxOrReply: "width height unit" at argument i into the shape. */
    static boolean box(CommandContext c, Scratch s, int i, GeoShape shape) {
        if (!number(c, s, i, Errors.GEO_NEED_NUMERIC_WIDTH)) {
            return false;
        }
        double w = s.strtod.value;
        if (!number(c, s, i + 1, Errors.GEO_NEED_NUMERIC_HEIGHT)) {
            return false;
        }
        double h = s.strtod.value;
        if (h < 0 || w < 0) {
            c.reply.error(Errors.GEO_BOX_NEGATIVE);
            return false;
        }
        shape.height = h;
        shape.width = w;
        double unit = unit(c, i + 2);
        if (unit < 0) {
            return false;
        }
        shape.conversion = unit;
        return true;
    }

    /** C's "%f": six decimals of the exact value, half to even; the sign of a negative zero kept. */
    static String printfF(double d) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(Math.abs(d)).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return Double.doubleToRawLongBits(d) < 0 ? "-" + digits : digits;
    }
}
