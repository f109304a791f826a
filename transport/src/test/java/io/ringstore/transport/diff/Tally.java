package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reply-equality counts per command family and the mismatches, for one or more differential runs.
 * Keeps the first {@link #KEEP} mismatches in full (the first is the one to replay: later ones
 * often follow from it). One test thread.
 */
final class Tally {
    static final int KEEP = 50;
    static final int SHOW = 1500;

    /** One reply that differed. */
    record Mismatch(String run, long seed, int index, String family, String command, String redis, String ringstore) {
        @Override
        public String toString() {
            return toString("redis", "ringstore");
        }

        String toString(String sideA, String sideB) {
            return run + " seed=" + seed + " #" + index + " [" + family + "] " + cut(command)
                    + "\n      " + pad(sideA) + cut(redis) + "\n      " + pad(sideB) + cut(ringstore);
        }

        private static String pad(String side) {
            return String.format("%-11s", side + ":");
        }

        /** Long replies (COMMAND INFO, CLIENT HELP) are cut in reports; -Ddiff.trace=true shows them whole. */
        private static String cut(String s) {
            return s.length() <= SHOW ? s : s.substring(0, SHOW) + "...(" + (s.length() - SHOW) + " more chars)";
        }
    }

    private final Map<String, long[]> byFamily = new TreeMap<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    /** How often each outcome was seen ("exec: aborted by WATCH"), to show which paths a run took. */
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long mismatchCount;

    void record(String family, boolean equal) {
        long[] c = byFamily.computeIfAbsent(family, f -> new long[2]);
        c[1]++;
        if (equal) {
            c[0]++;
        }
    }

    void note(String outcome) {
        outcomes.merge(outcome, 1L, Long::sum);
    }

    void mismatch(Mismatch m) {
        mismatchCount++;
        if (mismatches.size() < KEEP) {
            mismatches.add(m);
        }
    }

    void addAll(Tally other) {
        other.byFamily.forEach((f, c) -> {
            long[] mine = byFamily.computeIfAbsent(f, x -> new long[2]);
            mine[0] += c[0];
            mine[1] += c[1];
        });
        for (Mismatch m : other.mismatches) {
            if (mismatches.size() < KEEP) {
                mismatches.add(m);
            }
        }
        mismatchCount += other.mismatchCount;
        other.outcomes.forEach((k, v) -> outcomes.merge(k, v, Long::sum));
    }

    long mismatchCount() {
        return mismatchCount;
    }

    List<Mismatch> mismatches() {
        return mismatches;
    }

    /**
     * Lines such as "differential strings: 4998/5000 replies equal (99.96%)", then the outcomes seen
     * ("exec: ran 412; exec: aborted by WATCH 37; ...").
     */
    List<String> summary(String prefix) {
        List<String> out = new ArrayList<>();
        long eq = 0;
        long all = 0;
        for (Map.Entry<String, long[]> e : byFamily.entrySet()) {
            long[] c = e.getValue();
            eq += c[0];
            all += c[1];
            out.add(line(prefix + " " + e.getKey(), c[0], c[1]));
        }
        out.add(line(prefix + " total", eq, all));
        if (!outcomes.isEmpty()) {
            StringBuilder sb = new StringBuilder(prefix).append(" outcomes (redis-server's replies):");
            outcomes.forEach((k, v) -> sb.append(' ').append(k).append(" ").append(v).append(';'));
            out.add(sb.substring(0, sb.length() - 1));
        }
        return out;
    }

    private static String line(String label, long equal, long total) {
        double pct = total == 0 ? 100.0 : 100.0 * equal / total;
        return String.format(java.util.Locale.ROOT, "%s: %d/%d replies equal (%.2f%%)", label, equal, total, pct);
    }
}
