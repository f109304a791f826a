package io.ringstore.engine.util;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA1 as lower-case hex: a script's EVALSHA name (redis.sha1hex, SCRIPT LOAD). Any thread. */
public final class Sha1 {
    private Sha1() {
    }

    public static String hex(byte[] b, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(b, off, len);
            byte[] d = md.digest();
            StringBuilder sb = new StringBuilder(40);
            for (byte x : d) {
                sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
