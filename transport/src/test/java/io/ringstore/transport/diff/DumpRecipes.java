package io.ringstore.transport.diff;

import java.util.HexFormat;
import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;

/**
 * Recipes of DUMP and RESTORE (cluster.c). DUMP's reply is compared decoded
 * ({@link Normalizer#DUMP_PAYLOAD}). RESTORE sends payloads redis-server 7.0.15 DUMPed (a string
 * of each encoding, a list, listpack hash, intset, listpack zset, a stream), the same with a
 * broken CRC, a newer RDB version or a damaged object, or text that is no payload, with a TTL
 * (0 mostly; relative, absolute in the past, negative, malformed) and options (REPLACE, ABSTTL,
 * IDLETIME, FREQ, both, unknown).
 */
final class DumpRecipes {
    static final String FAMILY = "dump";
    private static final List<byte[]> PAYLOADS = List.of(
            hex("00c139300a009d94ea2793fc08b9"),
            hex("000e31323334353637383930313233340a00afcb8c7b76a08b6a"),
            hex("000b68656c6c6f20776f726c640a000bfc49b9a6c7a034"),
            hex("00c3102808616263646566676861e014070167680a00039722be4eaa6ccf"),
            hex("120102161600000005008161020101ded402f2701101048001ff0a00c50be8911f9bf5e4"),
            hex("1012120000000400816602817602816e020701ff0a00b82adea8407ffaa8"),
            hex("0b0e0200000003000000feff01002c010a005b0aa862f794600a"),
            hex("111d1d0000000600816302842d696e660581610283312e35048162020201ff0a0017dce91ab8436c89"),
            hex("130110000000000000000100000000000000011d1d0000000a0001010001010181660200010201000100018176020401ff"
                    + "0101010101000001000a00ff55ab626ac035db"));

    private DumpRecipes() {
    }

    static void addTo(List<Recipe> r) {
        r.add(new Recipe("dump", FAMILY, 4, Normalizer.DUMP_PAYLOAD, g -> g.add("DUMP").add(g.key())));
        r.add(new Recipe("restore", FAMILY, 4, EXACT, DumpRecipes::restore));
    }

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    static void restore(ArgGen g) {
        g.add("RESTORE").add(g.key());
        int t = g.rnd.nextInt(20);
        g.add(t < 14 ? "0" : t < 16 ? "100000" : t < 17 ? "1" : g.pick("-1", "abc", "1.5"));
        boolean absolute = t == 16;
        g.add(payload(g));
        if (absolute) {
            g.add("ABSTTL");
        }
        int options = g.rnd.nextInt(10);
        if (options >= 4) {
            g.add("REPLACE");
        }
        if (options >= 7) {
            switch (g.rnd.nextInt(6)) {
                case 0: g.add("IDLETIME", g.pick("0", "10", "-1", "x")); break;
                case 1: g.add("FREQ", g.pick("0", "255", "256", "-1")); break;
                case 2: g.add("IDLETIME", "5", "FREQ", "5"); break;
                case 3: g.add("ABSTTL"); break;
                case 4: g.add("IDLETIME"); break;
                default: g.add(g.pick("BOGUS", "REPLACE")); break;
            }
        }
    }

    private static byte[] payload(ArgGen g) {
        byte[] p = PAYLOADS.get(g.rnd.nextInt(PAYLOADS.size())).clone();
        switch (g.rnd.nextInt(12)) {
            case 0:
                p[p.length - 1] ^= 1; // CRC
                return p;
            case 1:
                p[p.length - 10] = 11; // version
                return p;
            case 2:
                return ArgGen.b(g.pick("", "garbage", "0123456789"));
            default:
                return p;
        }
    }
}
