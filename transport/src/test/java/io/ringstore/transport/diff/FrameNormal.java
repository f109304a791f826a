package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Which frames of a {@link FramePair} drain are pub/sub frames, and the one thing taken out of a
 * drained list before it is compared: the order Redis 7.0 gives by walking a dict (see
 * {@link #order}). Everything else, including the order of messages across channels and their
 * place among replies, is compared as received. Stateless.
 */
final class FrameNormal {
    private static final List<String> KINDS = List.of("message", "pmessage", "smessage", "subscribe", "psubscribe",
            "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe");

    private FrameNormal() {
    }

    /** A message or subscription frame: a push, or a RESP2 array whose first element names the kind. */
    static boolean isPubSub(Reply r) {
        return (r.type == '>' || r.type == '*') && r.items != null && !r.items.isEmpty()
                && r.items.get(0).type == '$' && KINDS.contains(r.items.get(0).text());
    }

    /** A delivered message (message, pmessage or smessage, RESP2 or RESP3). */
    static boolean isMessage(String frame) {
        return frame.startsWith("*[$\"message\"") || frame.startsWith(">[$\"message\"")
                || frame.startsWith("*[$\"pmessage\"") || frame.startsWith(">[$\"pmessage\"")
                || frame.startsWith("*[$\"smessage\"") || frame.startsWith(">[$\"smessage\"");
    }

    /**
     * Takes Redis's hash order out of a drained list, and nothing else. A publish reaching one client
     * through several patterns sends its pmessages in dict order (pubsub_patterns is a dict in 7.0):
     * each run of pmessages with the same channel and payload is sorted. With {@code names}, a run of
     * confirmations of one kind (UNSUBSCRIBE of everything walks the client's channel dict) has its
     * names sorted while each count stays in place.
     */
    static void order(List<String> frames, List<Reply> raw, boolean names) {
        int i = 0;
        while (i < frames.size()) {
            Reply r = raw.get(i);
            int j = i + 1;
            if (r != null && isPubSub(r)) {
                String kind = r.items.get(0).text();
                boolean pmessage = kind.equals("pmessage") && r.items.size() == 4;
                while (j < frames.size() && raw.get(j) != null && isPubSub(raw.get(j))
                        && raw.get(j).type == r.type && kind.equals(raw.get(j).items.get(0).text())
                        && (!pmessage || sameDelivery(r, raw.get(j)))) {
                    j++;
                }
                if (pmessage && j - i > 1) {
                    frames.subList(i, j).sort(null);
                } else if (names && !kind.endsWith("message") && j - i > 1) {
                    sortNames(frames, raw, i, j);
                }
            }
            i = j;
        }
    }

    private static boolean sameDelivery(Reply a, Reply b) {
        return b.items.size() == 4 && a.items.get(2).canonical().equals(b.items.get(2).canonical())
                && a.items.get(3).canonical().equals(b.items.get(3).canonical());
    }

    /** Frames [from, to) are confirmations of one kind: names sorted, counts in place. */
    private static void sortNames(List<String> frames, List<Reply> raw, int from, int to) {
        List<String> names = new ArrayList<>();
        for (int k = from; k < to; k++) {
            names.add(raw.get(k).items.get(1).canonical());
        }
        names.sort(null);
        for (int k = from; k < to; k++) {
            Reply r = raw.get(k);
            StringBuilder sb = new StringBuilder().append(r.type).append('[').append(r.items.get(0).canonical())
                    .append(", ").append(names.get(k - from));
            for (int m = 2; m < r.items.size(); m++) {
                sb.append(", ").append(r.items.get(m).canonical());
            }
            frames.set(k, sb.append(']').toString());
        }
    }
}
