package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.testing.FamilyEngineTest;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;

/**
 * Shared set-up of the HyperLogLog family's engine tests: a real EmbeddedEngine on a
 * manual clock. Arguments and replies are ISO-8859-1 text (one char per byte), so HLL bytes read
 * back with GET can be written again with SET. The expected replies in the tests were taken from
 * redis-server 7.0.15 for the same commands (FLUSHALL between groups).
 */
@Timeout(120)
abstract class HyperLogLogEngineTest extends FamilyEngineTest {
    @Override
    protected String call(String... args) {
        return bcall(args);
    }

    /** PFADD key prefix0 .. prefix(n-1) in one call. */
    String pfadd(String key, String prefix, int n) {
        String[] args = new String[n + 2];
        args[0] = "PFADD";
        args[1] = key;
        for (int i = 0; i < n; i++) {
            args[i + 2] = prefix + i;
        }
        return call(args);
    }

    /** The bulk reply's payload (GET of an HLL), without the length line and CRLF. */
    String value(String key) {
        String r = call("GET", key);
        return r.substring(r.indexOf("\r\n") + 2, r.length() - 2);
    }

    /** The first 16 hex digits of the SHA-256 of a value's bytes (dense values are 12304 bytes long). */
    static String sha16(String value) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.ISO_8859_1));
            return java.util.HexFormat.of().formatHex(d).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
