package io.ringstore.engine.family.geo;

/**
 * Distances on Redis's sphere (geohash_helper.c, Redis 7.0): the haversine great-circle distance
 * with the earth radius 6372797.560856 m, and the radius and box membership tests of a search.
 * The operations are C's, in C's order; sine, cosine and arcsine are correctly rounded
 * ({@link GeoMath}), as glibc's nearly always are, so distances (and STOREDIST scores) match
 * Redis's to the bit nearly always, and a replayed journal computes the same bits on any JVM.
 * Static and stateless; any thread.
 */
final class GeoDistance {
    static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
    static final double D_R = Math.PI / 180.0;

    private GeoDistance() {
    }

    static double degRad(double ang) {
        return ang * D_R;
    }

    static double radDeg(double ang) {
        return ang / D_R;
    }

    /** geohashGetDistance: metres between two points given as longitude, latitude in degrees. */
    static double distance(double lon1d, double lat1d, double lon2d, double lat2d) {
        double lat1r = degRad(lat1d);
        double lon1r = degRad(lon1d);
        double lat2r = degRad(lat2d);
        double lon2r = degRad(lon2d);
        double u = GeoMath.sin((lat2r - lat1r) / 2);
        double v = GeoMath.sin((lon2r - lon1r) / 2);
        return 2.0 * EARTH_RADIUS_IN_METERS
                * GeoMath.asin(Math.sqrt(u * u + GeoMath.cos(lat1r) * GeoMath.cos(lat2r) * v * v));
    }

    /**
     * geohashGetDistanceIfInRectangle (7.0): the point (x2, y2) is in the box centred on (x1, y1)
     * when its east-west distance along its own latitude is at most width/2 and its north-south
     * distance at most height/2; returns the distance to the centre, or -1 when outside.
     */
    static double inRectangle(double widthM, double heightM, double x1, double y1, double x2, double y2) {
        double lonDistance = distance(x2, y2, x1, y2);
        double latDistance = distance(x2, y2, x2, y1);
        if (lonDistance > widthM / 2 || latDistance > heightM / 2) {
            return -1;
        }
        return distance(x1, y1, x2, y2);
    }
}
