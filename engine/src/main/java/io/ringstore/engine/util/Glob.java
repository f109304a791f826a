package io.ringstore.engine.util;

/**
 * Redis's glob matcher ({@code stringmatchlen} in util.c): {@code * ? [abc] [^a-z] \x}, optional
 * case folding. Used by KEYS, SCAN MATCH, CONFIG GET and pub/sub patterns. Stateless; any thread.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean match(byte[] p, int pOff, int pLen, byte[] s, int sOff, int sLen, boolean nocase) {
        return matchImpl(p, pOff, pOff + pLen, s, sOff, sOff + sLen, nocase, 0) == 1;
    }

    public static boolean match(byte[] pattern, byte[] s, boolean nocase) {
        return match(pattern, 0, pattern.length, s, 0, s.length, nocase);
    }

    /** Returns 1 on match, 0 on no match, -1 to abort the whole match (a '*' can never succeed). */
    private static int matchImpl(byte[] p, int pi, int pEnd, byte[] s, int si, int sEnd, boolean nocase, int nesting) {
        if (nesting > 1000) {
            return -1;
        }
        while (pi < pEnd && si < sEnd) {
            switch (p[pi]) {
                case '*': {
                    while (pi + 1 < pEnd && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == pEnd) {
                        return 1;
                    }
                    while (si < sEnd) {
                        int r = matchImpl(p, pi + 1, pEnd, s, si, sEnd, nocase, nesting + 1);
                        if (r != 0) {
                            return r;
                        }
                        si++;
                    }
                    return -1;
                }
                case '?':
                    si++;
                    break;
                case '[': {
                    pi++;
                    boolean not = pi < pEnd && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean match = false;
                    while (true) {
                        if (pi >= pEnd) {
                            pi--;
                            break;
                        }
                        if (p[pi] == '\\' && pEnd - pi >= 2) {
                            pi++;
                            if (p[pi] == s[si]) {
                                match = true;
                            }
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pEnd - pi >= 3 && p[pi + 1] == '-') {
                            int start = p[pi] & 0xFF;
                            int end = p[pi + 2] & 0xFF;
                            int c = s[si] & 0xFF;
                            if (start > end) {
                                int t = start;
                                start = end;
                                end = t;
                            }
                            if (nocase) {
                                start = lower(start);
                                end = lower(end);
                                c = lower(c);
                            }
                            pi += 2;
                            if (c >= start && c <= end) {
                                match = true;
                            }
                        } else if (nocase ? lower(p[pi] & 0xFF) == lower(s[si] & 0xFF) : p[pi] == s[si]) {
                            match = true;
                        }
                        pi++;
                    }
                    if (not) {
                        match = !match;
                    }
                    if (!match) {
                        return 0;
                    }
                    si++;
                    break;
                }
                case '\\':
                    if (pEnd - pi >= 2) {
                        pi++;
                    }
                    // fall through
                default:
                    if (nocase ? lower(p[pi] & 0xFF) != lower(s[si] & 0xFF) : p[pi] != s[si]) {
                        return 0;
                    }
                    si++;
                    break;
            }
            pi++;
            if (si == sEnd) {
                while (pi < pEnd && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == pEnd && si == sEnd ? 1 : 0;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
