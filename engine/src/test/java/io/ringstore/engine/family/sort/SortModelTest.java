package io.ringstore.engine.family.sort;

import io.ringstore.engine.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SORT of random lists with random options against a simple model: Java's stable sort of the
 * elements with sort.c's comparator written plainly (numeric weight, then bytes; ALPHA by bytes;
 * a missing BY value first), LIMIT as Redis clamps it, GET values from a map. Weight keys, GET keys
 * and the destination are spread over the shards, so on two shards SORT runs at a barrier. Where
 * pqsort may place ties differently from a stable sort (ALPHA BY with a LIMIT), every element has
 * a weight of its own. Elements have no NUL byte, so strcoll and byte order agree.
 */
class SortModelTest extends SortEngineTest {
    private Random rnd;
    private final Map<String, String> strings = new HashMap<>();

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldMatchTheModel(int shards) {
        start(shards);
        rnd = new Random(31L * shards + 5);
        String list = Fixtures.keyOnShard(e, "l", 0);
        String dst = Fixtures.keyOnShard(e, "d", shards - 1);
        for (int round = 0; round < 250; round++) {
            flushall();
            strings.clear();
            boolean numericOnly = rnd.nextBoolean();
            List<String> elems = new ArrayList<>();
            int n = rnd.nextInt(30);
            for (int i = 0; i < n; i++) {
                elems.add(numericOnly || rnd.nextInt(3) > 0 ? number() : word());
            }
            if (n > 0) {
                List<String> push = new ArrayList<>(List.of("RPUSH", list));
                push.addAll(elems);
                call(push.toArray(new String[0]));
            }
            boolean alpha = !numericOnly && rnd.nextBoolean() || rnd.nextInt(4) == 0;
            boolean desc = rnd.nextBoolean();
            boolean limit = rnd.nextBoolean();
            long offset = rnd.nextInt(n + 4) - 2;
            long count = rnd.nextInt(n + 4) - 2;
            boolean by = rnd.nextBoolean();
            boolean uniqueWeights = alpha && by && limit;
            if (by) {
                int w = 0;
                for (String el : elems) {
                    if (uniqueWeights || rnd.nextInt(4) > 0) {
                        String weight = alpha ? word() + (uniqueWeights ? "#" + w++ : "") : number();
                        set("w_" + el, weight);
                    }
                }
            }
            int gets = rnd.nextInt(3);
            for (String el : elems) {
                if (rnd.nextBoolean()) {
                    set("o_" + el, word());
                }
            }
            boolean store = rnd.nextInt(3) == 0;
            List<String> cmd = new ArrayList<>(List.of("SORT", list));
            if (by) {
                cmd.addAll(List.of("BY", "w_*"));
            }
            if (limit) {
                cmd.addAll(List.of("LIMIT", Long.toString(offset), Long.toString(count)));
            }
            for (int g = 0; g < gets; g++) {
                cmd.addAll(List.of("GET", g == 0 ? "o_*" : "#"));
            }
            if (alpha) {
                cmd.add("ALPHA");
            }
            if (desc) {
                cmd.add("DESC");
            }
            if (store) {
                cmd.addAll(List.of("STORE", dst));
            }
            String[] c = cmd.toArray(new String[0]);
            String what = String.join(" ", cmd) + " of " + elems;
            if (!alpha && !by && !elems.stream().allMatch(v -> Character.isDigit(v.charAt(v.length() - 1)))) {
                assertEquals("-ERR One or more scores can't be converted into double\r\n", call(c), what);
                continue;
            }
            List<String> sorted = new ArrayList<>(elems);
            Comparator<String> cmp = comparator(alpha, by);
            sorted.sort(desc ? cmp.reversed() : cmp);
            long[] range = limit ? range(n, offset, count) : new long[] {0, n - 1};
            List<String> out = new ArrayList<>();
            for (long j = range[0]; j <= range[1]; j++) {
                String el = sorted.get((int) j);
                if (gets == 0) {
                    out.add(el);
                }
                for (int g = 0; g < gets; g++) {
                    out.add(g == 0 ? strings.get("o_" + el) : el);
                }
            }
            if (store) {
                assertEquals(":" + out.size() + "\r\n", call(c), what);
                out.replaceAll(v -> v == null ? "" : v);
                assertEquals(resp(out), call("LRANGE", dst, "0", "-1"), what);
            } else {
                assertEquals(resp(out), call(c), what);
            }
        }
    }

    private void set(String key, String value) {
        strings.put(key, value);
        call("SET", key, value);
    }

    private String number() {
        switch (rnd.nextInt(4)) {
            case 0:
                return Integer.toString(rnd.nextInt(10));
            case 1:
                return Integer.toString(rnd.nextInt(2001) - 1000);
            case 2:
                return (rnd.nextInt(200) - 100) + "." + rnd.nextInt(100);
            default:
                return rnd.nextInt(5) + "e" + rnd.nextInt(3);
        }
    }

    private String word() {
        char[] c = new char[1 + rnd.nextInt(4)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + rnd.nextInt(4));
        }
        return new String(c);
    }

    /** sortCompare, plainly: Double.parseDouble reads every number() form as strtod does. */
    private Comparator<String> comparator(boolean alpha, boolean by) {
        if (!alpha) {
            return (a, b) -> {
                double x = by ? weight(a) : Double.parseDouble(a);
                double y = by ? weight(b) : Double.parseDouble(b);
                return x > y ? 1 : x < y ? -1 : bytes(a, b);
            };
        }
        if (!by) {
            return SortModelTest::bytes;
        }
        return (a, b) -> {
            String x = strings.get("w_" + a);
            String y = strings.get("w_" + b);
            if (x == null || y == null) {
                return x == y ? 0 : x == null ? -1 : 1;
            }
            return bytes(x, y);
        };
    }

    private double weight(String el) {
        String w = strings.get("w_" + el);
        return w == null ? 0 : Double.parseDouble(w);
    }

    private static int bytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(), b.getBytes());
    }

    /** LIMIT as sortCommandGeneric clamps it: [start, end], empty when end < start. */
    private static long[] range(long n, long offset, long count) {
        long start = Math.min(Math.max(offset, 0), n);
        long c = Math.min(Math.max(count, -1), n);
        long end = c < 0 ? n - 1 : start + c - 1;
        if (start >= n) {
            start = n - 1;
            end = n - 2;
        }
        if (end >= n) {
            end = n - 1;
        }
        return new long[] {start, end};
    }

    private static String resp(List<String> items) {
        StringBuilder b = new StringBuilder("*").append(items.size()).append("\r\n");
        for (String s : items) {
            if (s == null) {
                b.append("$-1\r\n");
            } else {
                b.append('$').append(s.length()).append("\r\n").append(s).append("\r\n");
            }
        }
        return b.toString();
    }
}
