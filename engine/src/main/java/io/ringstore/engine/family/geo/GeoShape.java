package io.ringstore.engine.family.geo;

/**
 * A search area (geohash.h's GeoShape) and the nine geohash cells that cover it
 * (geohashCalculateAreasByShapeWGS84 in geohash_helper.c, Redis 7.0): the centre, a radius or a
 * width and height in the unit given, the unit's size in metres, then the bounding box, the step
 * estimated from the radius (reduced by one when a neighbour does not reach the box's edge), and
 * the centre cell with its eight neighbours, neighbours past the box's edges zeroed. One instance
 * per shard thread, reused per search.
 */
final class GeoShape {
    static final double MERCATOR_MAX = 20037726.37;

    boolean box;
    double x;
    double y;
    double radius;
    double width;
    double height;
    double conversion;
    final double[] bounds = new double[4];
    /** The nine cells: centre, north, south, east, west, north-east, north-west, south-east, south-west. */
    final long[] cellBits = new long[9];
    final int[] cellStep = new int[9];
    private final double[] area = new double[4];
    private final double[] side = new double[4];

    /** geohashEstimateStepsByRadius: the cell size whose 3x3 block should cover the radius. */
    static int estimateSteps(double rangeMeters, double lat) {
        if (rangeMeters == 0) {
            return 26;
        }
        int step = 1;
        while (rangeMeters < MERCATOR_MAX) {
            rangeMeters *= 2;
            step++;
        }
        step -= 2;
        if (lat > 66 || lat < -66) {
            step--;
            if (lat > 80 || lat < -80) {
                step--;
            }
        }
        if (step < 1) {
            step = 1;
        }
        if (step > 26) {
            step = 26;
        }
        return step;
    }

    /** geohashBoundingBox: {minLon, minLat, maxLon, maxLat}, wider on the side nearer a pole. */
    private void boundingBox() {
        double h = conversion * (box ? height / 2 : radius);
        double w = conversion * (box ? width / 2 : radius);
        double latDelta = GeoDistance.radDeg(h / GeoDistance.EARTH_RADIUS_IN_METERS);
        double longDeltaTop = GeoDistance.radDeg(
                w / GeoDistance.EARTH_RADIUS_IN_METERS / GeoMath.cos(GeoDistance.degRad(y + latDelta)));
        double longDeltaBottom = GeoDistance.radDeg(
                w / GeoDistance.EARTH_RADIUS_IN_METERS / GeoMath.cos(GeoDistance.degRad(y - latDelta)));
        boolean southern = y < 0;
        bounds[0] = southern ? x - longDeltaBottom : x - longDeltaTop;
        bounds[2] = southern ? x + longDeltaBottom : x + longDeltaTop;
        bounds[1] = y - latDelta;
        bounds[3] = y + latDelta;
    }

    /** Fills {@link #cellBits} and {@link #cellStep} for this shape (geohashCalculateAreasByShapeWGS84). */
    void computeCells() {
        boundingBox();
        double minLon = bounds[0];
        double minLat = bounds[1];
        double maxLon = bounds[2];
        double maxLat = bounds[3];
        double radiusMeters = box ? Math.sqrt((width / 2) * (width / 2) + (height / 2) * (height / 2)) : radius;
        radiusMeters *= conversion;
        int steps = estimateSteps(radiusMeters, y);
        neighbours(steps);
        boolean decrease = false;
        GeoHash.decode(cellBits[1], steps, side);
        if (side[3] < maxLat) {
            decrease = true;
        }
        GeoHash.decode(cellBits[2], steps, side);
        if (side[2] > minLat) {
            decrease = true;
        }
        GeoHash.decode(cellBits[3], steps, side);
        if (side[1] < maxLon) {
            decrease = true;
        }
        GeoHash.decode(cellBits[4], steps, side);
        if (side[0] > minLon) {
            decrease = true;
        }
        if (steps > 1 && decrease) {
            steps--;
            neighbours(steps);
        }
        GeoHash.decode(cellBits[0], steps, area);
        if (steps >= 2) {
            if (area[2] < minLat) {
                zero(2, 8, 7); // south, south-west, south-east
            }
            if (area[3] > maxLat) {
                zero(1, 5, 6); // north, north-east, north-west
            }
            if (area[0] < minLon) {
                zero(4, 8, 6); // west, south-west, north-west
            }
            if (area[1] > maxLon) {
                zero(3, 7, 5); // east, south-east, north-east
            }
        }
    }

    /** geohashEncode of the centre at {@code step} and geohashNeighbors. */
    private void neighbours(int step) {
        long h = GeoHash.encodeWgs84(x, y, step);
        long[] b = cellBits;
        b[0] = h;
        b[1] = GeoHash.moveY(h, step, 1);
        b[2] = GeoHash.moveY(h, step, -1);
        b[3] = GeoHash.moveX(h, step, 1);
        b[4] = GeoHash.moveX(h, step, -1);
        b[5] = GeoHash.moveY(GeoHash.moveX(h, step, 1), step, 1);
        b[6] = GeoHash.moveY(GeoHash.moveX(h, step, -1), step, 1);
        b[7] = GeoHash.moveY(GeoHash.moveX(h, step, 1), step, -1);
        b[8] = GeoHash.moveY(GeoHash.moveX(h, step, -1), step, -1);
        java.util.Arrays.fill(cellStep, step);
    }

    private void zero(int a, int b, int c) {
        cellBits[a] = 0;
        cellStep[a] = 0;
        cellBits[b] = 0;
        cellStep[b] = 0;
        cellBits[c] = 0;
        cellStep[c] = 0;
    }
}
