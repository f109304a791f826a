package io.ringstore.engine.family.geo;

/**
 * Redis 7.0's geohash.c: the 52-bit interleaved geohash a geo member's sorted-set score holds
 * (latitude bits at the even positions, longitude bits at the odd ones), its decoding to the cell
 * and the cell's centre, and the moves to the eight neighbouring cells. Hashes are {@code long}
 * bits with a separate step (bits per coordinate, 1..26). Static and stateless; any thread.
 */
final class GeoHash {
    static final double LONG_MIN = -180;
    static final double LONG_MAX = 180;
    static final double LAT_MIN = -85.05112878;
    static final double LAT_MAX = 85.05112878;
    static final int STEP_MAX = 26;
    private static final double TWO_63 = 9223372036854775808.0;

    private GeoHash() {
    }

    /**
     * geohashEncode over longitude -180..180 and latitude {@code latMin..latMax}; callers check
     * the coordinates are within Redis's limits first. The offsets are
     * truncated to integers as C's conversion to uint32 does, so the range's upper edge yields
     * 2^step (a bit above the hash, as Redis stores for 180 or 85.05112878).
     */
    static long encode(double longitude, double latitude, int step, double latMin, double latMax) {
        double latOffset = (latitude - latMin) / (latMax - latMin);
        double longOffset = (longitude - LONG_MIN) / (LONG_MAX - LONG_MIN);
        latOffset *= (double) (1L << step);
        longOffset *= (double) (1L << step);
        return interleave64((long) latOffset & 0xFFFFFFFFL, (long) longOffset & 0xFFFFFFFFL);
    }

    /** geohashEncodeWGS84: the hash of a point with Redis's latitude limits. */
    static long encodeWgs84(double longitude, double latitude, int step) {
        return encode(longitude, latitude, step, LAT_MIN, LAT_MAX);
    }

    /** geohashAlign52Bits: the hash shifted to the 52-bit score scale. */
    static long align52(long bits, int step) {
        return bits << (52 - step * 2);
    }

    /**
     * geohashDecode into {@code area} = {lonMin, lonMax, latMin, latMax}; false for the zero hash
     * (bits 0 and step 0), which Redis skips. The cell indexes are uint32 as in C, so index + 1
     * wraps to 0.
     */
    static boolean decode(long bits, int step, double[] area) {
        if (bits == 0 && step == 0) {
            return false;
        }
        long sep = deinterleave64(bits);
        double latScale = LAT_MAX - LAT_MIN;
        double longScale = LONG_MAX - LONG_MIN;
        long ilato = sep & 0xFFFFFFFFL;
        long ilono = sep >>> 32;
        double cells = (double) (1L << step);
        area[2] = LAT_MIN + (ilato * 1.0 / cells) * latScale;
        area[3] = LAT_MIN + (((ilato + 1) & 0xFFFFFFFFL) * 1.0 / cells) * latScale;
        area[0] = LONG_MIN + (ilono * 1.0 / cells) * longScale;
        area[1] = LONG_MIN + (((ilono + 1) & 0xFFFFFFFFL) * 1.0 / cells) * longScale;
        return true;
    }

    /**
     * decodeGeohash (geo.c): a score to the centre of its step-26 cell, clamped to the valid
     * ranges, into {@code xy} = {longitude, latitude}. The score becomes bits as C's
     * {@code (uint64_t)} conversion does on x86-64, so a score out of the 52-bit range decodes
     * the way redis-server decodes it.
     */
    static void decodeScore(double score, double[] xy, double[] area) {
        decode(toUint64(score), STEP_MAX, area);
        double lon = (area[0] + area[1]) / 2;
        lon = Math.min(LONG_MAX, Math.max(LONG_MIN, lon));
        double lat = (area[2] + area[3]) / 2;
        lat = Math.min(LAT_MAX, Math.max(LAT_MIN, lat));
        xy[0] = lon;
        xy[1] = lat;
    }

    /** gcc's double to uint64_t on x86-64 (cvttsd2si, with 2^63 subtracted for large values). */
    static long toUint64(double d) {
        if (d < TWO_63) {
            return d >= -TWO_63 ? (long) d : Long.MIN_VALUE;
        }
        double t = d - TWO_63;
        long v = t < TWO_63 ? (long) t : Long.MIN_VALUE; // inf: the "indefinite" integer
        return v ^ Long.MIN_VALUE;
    }

    /** geohash_move_x: one cell east (d > 0) or west (d < 0), wrapping around. */
    static long moveX(long bits, int step, int d) {
        long x = bits & 0xaaaaaaaaaaaaaaaaL;
        long y = bits & 0x5555555555555555L;
        long zz = 0x5555555555555555L >>> (64 - step * 2);
        if (d > 0) {
            x = x + (zz + 1);
        } else {
            x = x | zz;
            x = x - (zz + 1);
        }
        x &= 0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2);
        return x | y;
    }

    /** geohash_move_y: one cell north (d > 0) or south (d < 0), wrapping around. */
    static long moveY(long bits, int step, int d) {
        long x = bits & 0xaaaaaaaaaaaaaaaaL;
        long y = bits & 0x5555555555555555L;
        long zz = 0xaaaaaaaaaaaaaaaaL >>> (64 - step * 2);
        if (d > 0) {
            y = y + (zz + 1);
        } else {
            y = y | zz;
            y = y - (zz + 1);
        }
        y &= 0x5555555555555555L >>> (64 - step * 2);
        return x | y;
    }

    private static long interleave64(long xlo, long ylo) {
        long x = xlo;
        long y = ylo;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFL;
        y = (y | (y << 16)) & 0x0000FFFF0000FFFFL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFL;
        y = (y | (y << 8)) & 0x00FF00FF00FF00FFL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y << 4)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x << 2)) & 0x3333333333333333L;
        y = (y | (y << 2)) & 0x3333333333333333L;
        x = (x | (x << 1)) & 0x5555555555555555L;
        y = (y | (y << 1)) & 0x5555555555555555L;
        return x | (y << 1);
    }

    private static long deinterleave64(long interleaved) {
        long x = interleaved;
        long y = interleaved >>> 1;
        x = x & 0x5555555555555555L;
        y = y & 0x5555555555555555L;
        x = (x | (x >>> 1)) & 0x3333333333333333L;
        y = (y | (y >>> 1)) & 0x3333333333333333L;
        x = (x | (x >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        y = (y | (y >>> 2)) & 0x0F0F0F0F0F0F0F0FL;
        x = (x | (x >>> 4)) & 0x00FF00FF00FF00FFL;
        y = (y | (y >>> 4)) & 0x00FF00FF00FF00FFL;
        x = (x | (x >>> 8)) & 0x0000FFFF0000FFFFL;
        y = (y | (y >>> 8)) & 0x0000FFFF0000FFFFL;
        x = (x | (x >>> 16)) & 0x00000000FFFFFFFFL;
        y = (y | (y >>> 16)) & 0x00000000FFFFFFFFL;
        return x | (y << 32);
    }
}
