package io.ringstore.engine.family.hyperloglog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Counts and bytes as the HLL grows from sparse to dense, and the promotion at
 * hll-sparse-max-bytes. The figures were taken from redis-server 7.0.15 with the same commands
 * (PFADD of "e1".."eN" in batches of at most 1000, then PFDEBUG ENCODING, GET, PFCOUNT, GET at
 * each checkpoint; the digests are the first 16 hex digits of SHA-256 of GET's bytes, before and
 * after PFCOUNT wrote the cache).
 */
class HyperLogLogDenseTest extends HyperLogLogEngineTest {
    private static final String[][] CHECKPOINTS = {
            {"1", "1", "sparse", "21", "8869cbebfd61be51", "14c832f8cdb6c675"},
            {"2", "2", "sparse", "24", "5d088c7ee69f87c0", "40d3ecd0a6b81e71"},
            {"3", "3", "sparse", "27", "ae8c5801c83122ff", "bca93ffdb5034cfd"},
            {"10", "10", "sparse", "48", "269a9c43e9d183e7", "153d97058b2c4555"},
            {"100", "100", "sparse", "285", "b4e9aefa1065be04", "b06748c4757cc5e4"},
            {"200", "200", "sparse", "512", "2da987a9b4dffbc5", "fa87285a4c495fa4"},
            {"500", "506", "sparse", "1068", "e883ddd0da0f88ef", "116518f0081b4ce8"},
            {"1000", "1008", "sparse", "1906", "6ae8a05f4f62adc0", "2556ac1d8133e062"},
            {"2000", "2000", "dense", "12304", "d3aabecb822670c8", "e5b472ceab42eb12"},
            {"3000", "2979", "dense", "12304", "7665796551abf370", "327bda18bdc7253e"},
            {"5000", "4968", "dense", "12304", "a4aca08dddc02530", "24d83f747e58c6d3"},
            {"10000", "9972", "dense", "12304", "d82528341375c589", "ea9437528bccd2c3"},
            {"20000", "19899", "dense", "12304", "199d5eedc06dad47", "093094e4b86981a3"},
            {"50000", "49978", "dense", "12304", "b0cb052567091c48", "5922252bfcc5dbd6"},
            {"100000", "100853", "dense", "12304", "11f7aba78e802b14", "548dba672576d8a2"},
    };

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldCountOneToOneHundredThousandAsRedis(int shards) {
        start(shards);
        int n = 0;
        for (String[] cp : CHECKPOINTS) {
            int target = Integer.parseInt(cp[0]);
            while (n < target) {
                int m = Math.min(target, n + 1000);
                List<String> args = new ArrayList<>(List.of("PFADD", "k"));
                for (int i = n + 1; i <= m; i++) {
                    args.add("e" + i);
                }
                call(args.toArray(new String[0]));
                n = m;
            }
            assertEquals("+" + cp[2] + "\r\n", call("PFDEBUG", "ENCODING", "k"), "encoding at " + target);
            String before = value("k");
            assertEquals(Integer.parseInt(cp[3]), before.length(), "length at " + target);
            assertEquals(cp[4], sha16(before), "bytes at " + target);
            assertEquals(":" + cp[1] + "\r\n", call("PFCOUNT", "k"), "count at " + target);
            assertEquals(cp[5], sha16(value("k")), "bytes with the cached count at " + target);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shouldPromoteToDenseAtHllSparseMaxBytes(int shards) {
        start(shards);
        // redis-server 7.0.15: PFADD p x1 .. x40 one at a time, STRLEN after each
        String[][] runs = {
                {"100", "21 24 27 30 33 36 39 41 44 47 50 53 56 59 62 65 68 71 73 76 79 82 85 88 91 94 97 100"
                        + " 12304 12304 12304 12304 12304 12304 12304 12304 12304 12304 12304 12304"},
                {"0", "12304 ".repeat(39) + "12304"},
                {"1", "12304 ".repeat(39) + "12304"},
        };
        for (String[] run : runs) {
            flushall();
            assertEquals("+OK\r\n", call("CONFIG", "SET", "hll-sparse-max-bytes", run[0]));
            StringBuilder lens = new StringBuilder();
            for (int i = 1; i <= 40; i++) {
                assertEquals(":1\r\n", call("PFADD", "p", "x" + i));
                lens.append(i > 1 ? " " : "").append(value("p").length());
            }
            assertEquals(run[1], lens.toString(), "hll-sparse-max-bytes " + run[0]);
            assertEquals("15a3f1baa56bc958", sha16(value("p")));
            assertEquals(":40\r\n", call("PFCOUNT", "p"));
        }
        assertEquals("*2\r\n$20\r\nhll-sparse-max-bytes\r\n$1\r\n1\r\n", call("CONFIG", "GET", "hll-sparse-max-bytes"));
    }
}
