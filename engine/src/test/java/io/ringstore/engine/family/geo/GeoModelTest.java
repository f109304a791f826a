package io.ringstore.engine.family.geo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Randomised GEOSEARCH against a brute-force model: random points (clustered around a random
 * place, spread over the globe, near the poles and the antimeridian), random circles and boxes in
 * every unit; every point the model puts clearly inside must be found, every point found must be
 * inside up to rounding, WITHDIST must agree with the model's haversine to the reply's four
 * decimals, ASC/DESC must order, COUNT must keep the nearest, COUNT ANY any matches. The model
 * uses the positions GEOPOS reports (cell centres) and its own haversine; on one and two shards.
 */
class GeoModelTest extends GeoEngineTest {
    private static final double R = 6372797.560856;
    private static final String[] UNITS = {"m", "km", "ft", "mi"};
    private static final double[] TO_METERS = {1, 1000, 0.3048, 1609.34};

    private final Map<String, double[]> points = new HashMap<>();

    static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double u = Math.sin((p2 - p1) / 2);
        double v = Math.sin(Math.toRadians(lon2 - lon1) / 2);
        return 2 * R * Math.asin(Math.sqrt(u * u + Math.cos(p1) * Math.cos(p2) * v * v));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldFindWhatABruteForceFilterFinds(int shards) {
        start(shards);
        Random rnd = new Random(7 + shards);
        for (int round = 0; round < 16; round++) {
            flushall();
            points.clear();
            String key = "geo" + round;
            double cx = rnd.nextDouble() * 360 - 180;
            double cy = rnd.nextDouble() * 170 - 85;
            if (round % 4 == 1) {
                cx = rnd.nextBoolean() ? 179.5 : -179.5; // the antimeridian
            } else if (round % 4 == 2) {
                cy = rnd.nextBoolean() ? 84 : -84; // near the latitude limits
            }
            double spread = Math.pow(10, rnd.nextInt(4) - 2); // 0.01 to 10 degrees
            List<String> add = new ArrayList<>(List.of("GEOADD", key));
            for (int i = 0; i < 300; i++) {
                double lon;
                double lat;
                if (i % 5 == 0) {
                    lon = rnd.nextDouble() * 360 - 180;
                    lat = rnd.nextDouble() * 170.2 - 85.1;
                } else {
                    lon = cx + rnd.nextGaussian() * spread;
                    lat = cy + rnd.nextGaussian() * spread;
                }
                lon = lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
                lat = Math.max(-85.05, Math.min(85.05, lat));
                add.addAll(List.of(fmt(lon), fmt(lat), "m" + i));
            }
            call(add.toArray(new String[0]));
            readPositions(key);
            for (int q = 0; q < 40; q++) {
                double qx = cx + rnd.nextGaussian() * spread;
                double qy = Math.max(-85, Math.min(85, cy + rnd.nextGaussian() * spread));
                qx = qx > 180 ? qx - 360 : qx < -180 ? qx + 360 : qx;
                int u = rnd.nextInt(4);
                double meters = spread * 111_000 * Math.pow(10, rnd.nextDouble() * 3 - 1.5);
                if (rnd.nextInt(10) == 0) {
                    meters = rnd.nextDouble() * 20_000_000;
                }
                boolean box = rnd.nextBoolean();
                double w = meters / TO_METERS[u];
                double h = rnd.nextBoolean() ? w : meters * rnd.nextDouble() * 2 / TO_METERS[u];
                check(key, qx, qy, box, w, h, u, rnd);
            }
        }
    }

    private void check(String key, double qx, double qy, boolean box, double w, double h, int u, Random rnd) {
        double conv = TO_METERS[u];
        List<String> args = new ArrayList<>(List.of("GEOSEARCH", key, "FROMLONLAT", fmt(qx), fmt(qy)));
        if (box) {
            args.addAll(List.of("BYBOX", fmt(w), fmt(h), UNITS[u]));
        } else {
            args.addAll(List.of("BYRADIUS", fmt(w), UNITS[u]));
        }
        // the query as parsed back from the decimal text it was sent as
        qx = Double.parseDouble(fmt(qx));
        qy = Double.parseDouble(fmt(qy));
        w = Double.parseDouble(fmt(w));
        h = Double.parseDouble(fmt(h));
        Map<String, Double> inside = new HashMap<>();
        List<String> clearlyInside = new ArrayList<>();
        for (Map.Entry<String, double[]> p : points.entrySet()) {
            double x = p.getValue()[0];
            double y = p.getValue()[1];
            double d = haversine(qx, qy, x, y);
            double slack = 1e-6 * Math.max(1, d);
            boolean in;
            boolean clearly;
            if (box) {
                double latD = haversine(x, y, x, qy);
                double lonD = haversine(x, y, qx, y);
                in = latD <= h * conv / 2 + slack && lonD <= w * conv / 2 + slack;
                clearly = latD < h * conv / 2 - slack && lonD < w * conv / 2 - slack;
            } else {
                in = d <= w * conv + slack;
                clearly = d < w * conv - slack;
            }
            if (in) {
                inside.put(p.getKey(), d);
            }
            if (clearly) {
                clearlyInside.add(p.getKey());
            }
        }
        int mode = rnd.nextInt(4);
        if (mode == 0) {
            args.add("WITHDIST");
        } else if (mode == 1) {
            args.addAll(List.of("ASC", "WITHDIST"));
        } else if (mode == 2) {
            args.addAll(List.of("DESC", "WITHDIST"));
        } else {
            args.addAll(List.of("COUNT", "5", "WITHDIST"));
        }
        boolean any = mode == 3 && rnd.nextBoolean();
        if (any) {
            args.add("ANY");
        }
        List<String[]> found = parsePairs(call(args.toArray(new String[0])));
        String what = String.join(" ", args);
        List<Double> dists = new ArrayList<>();
        for (String[] f : found) {
            Double d = inside.get(f[0]);
            assertTrue(d != null, what + ": found " + f[0] + " outside the shape");
            double reported = Double.parseDouble(f[1]);
            assertTrue(Math.abs(reported - d / conv) <= 0.00005 + 1e-9 * d / conv, what + ": distance of " + f[0]
                    + " " + f[1] + " vs " + d / conv);
            dists.add(reported);
        }
        if (mode == 3) {
            assertTrue(found.size() >= Math.min(5, clearlyInside.size()) && found.size() <= Math.min(5, inside.size()),
                    what + ": count " + found.size());
            if (!any) {
                List<Double> all = new ArrayList<>();
                for (String m : clearlyInside) {
                    all.add(inside.get(m) / conv);
                }
                all.sort(null);
                for (int i = 0; i < found.size(); i++) {
                    assertTrue(Math.abs(dists.get(i) - all.get(i)) <= 0.0001 + 1e-9 * all.get(i), what + ": nearest " + i);
                }
            }
        } else {
            List<String> names = new ArrayList<>();
            for (String[] f : found) {
                names.add(f[0]);
            }
            for (String m : clearlyInside) {
                assertTrue(names.contains(m), what + ": missed " + m + " at " + inside.get(m));
            }
        }
        for (int i = 1; i < dists.size(); i++) {
            if (mode == 1 || (mode == 3 && !any)) {
                assertTrue(dists.get(i - 1) <= dists.get(i), what + ": ascending");
            } else if (mode == 2) {
                assertTrue(dists.get(i - 1) >= dists.get(i), what + ": descending");
            }
        }
    }

    /** Every member's position as GEOPOS reports it (the centre of its cell). */
    private void readPositions(String key) {
        List<String> args = new ArrayList<>(List.of("GEOPOS", key));
        for (int i = 0; i < 300; i++) {
            args.add("m" + i);
        }
        String[] lines = call(args.toArray(new String[0])).split("\r\n");
        for (int i = 0; i < 300; i++) {
            int at = 1 + i * 5; // *2, $n, lon, $n, lat
            points.put("m" + i, new double[] {Double.parseDouble(lines[at + 2]), Double.parseDouble(lines[at + 4])});
        }
    }

    /** [member, distance] pairs of a WITHDIST reply. */
    private static List<String[]> parsePairs(String reply) {
        String[] lines = reply.split("\r\n");
        int n = Integer.parseInt(lines[0].substring(1));
        List<String[]> out = new ArrayList<>();
        int at = 1;
        for (int i = 0; i < n; i++) {
            out.add(new String[] {lines[at + 2], lines[at + 4]});
            at += 5;
        }
        return out;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }
}
