package io.ringstore.transport.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reply rewriting for the stream normalizers: only what two correct servers run side by side
 * disagree on is masked. Auto ids ("*") carry each server's wall clock: an id whose millisecond
 * part is a plausible clock (at least 10^12) becomes {@code <auto-id>} (the recipes' explicit ids
 * are all far below). Idle times, seen times and delivery times are masked where Redis puts them:
 * the value after an "idle" or "seen-time" key, the third element of an XPENDING entry, the time
 * element of XINFO STREAM FULL's pending entries. Everything else, shape included, is kept.
 */
final class StreamNormal {
    private static final Pattern ID = Pattern.compile("(\\d+)-(\\d+)");
    private static final long CLOCK_MS = 1_000_000_000_000L;

    private StreamNormal() {
    }

    private static Reply masked(String what) {
        return new Reply('$', ("<" + what + ">").getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** Auto ids masked everywhere in the tree. */
    static Reply autoIds(Reply r) {
        if (r.items != null) {
            List<Reply> out = new ArrayList<>(r.items.size());
            for (Reply x : r.items) {
                out.add(autoIds(x));
            }
            return new Reply(r.type, r.data, out, r.attributes);
        }
        if (r.type == '$' && r.data != null) {
            Matcher m = ID.matcher(r.text());
            if (m.matches() && m.group(1).length() >= 13 && Long.parseUnsignedLong(m.group(1)) >= CLOCK_MS) {
                return masked("auto-id");
            }
        }
        return r;
    }

    /** XPENDING's extended form: [id, consumer, idle ms, deliveries] per entry, the idle masked. */
    static Reply pending(Reply r) {
        r = autoIds(r);
        if (r.items == null) {
            return r;
        }
        List<Reply> out = new ArrayList<>();
        for (Reply x : r.items) {
            if (x.items != null && x.items.size() == 4 && x.items.get(2).isInteger()) {
                List<Reply> e = new ArrayList<>(x.items);
                e.set(2, masked("idle"));
                x = new Reply(x.type, x.data, e, x.attributes);
            }
            out.add(x);
        }
        return new Reply(r.type, r.data, out, r.attributes);
    }

    /** XINFO CONSUMERS / XINFO STREAM FULL: idle, seen and delivery times masked, recursively. */
    static Reply times(Reply r) {
        return maskTimes(autoIds(r));
    }

    private static Reply maskTimes(Reply r) {
        if (r.items == null) {
            return r;
        }
        List<Reply> out = new ArrayList<>(r.items.size());
        for (int i = 0; i < r.items.size(); i++) {
            Reply x = r.items.get(i);
            String key = i > 0 && r.items.get(i - 1).data != null ? r.items.get(i - 1).text() : "";
            if ((key.equals("idle") || key.equals("seen-time")) && x.isInteger()) {
                out.add(masked("time"));
            } else if (key.equals("pending") && x.items != null) {
                List<Reply> entries = new ArrayList<>();
                for (Reply e : x.items) {
                    if (e.items != null && (e.items.size() == 4 || e.items.size() == 3)) {
                        List<Reply> f = new ArrayList<>(e.items);
                        f.set(e.items.size() == 4 ? 2 : 1, masked("time"));
                        e = new Reply(e.type, e.data, f, e.attributes);
                    }
                    entries.add(e);
                }
                out.add(new Reply(x.type, x.data, entries, x.attributes));
            } else {
                out.add(maskTimes(x));
            }
        }
        return new Reply(r.type, r.data, out, r.attributes);
    }
}
