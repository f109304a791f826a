package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a command's reply is turned into the text that is compared. EXACT for nearly everything;
 * the others remove only what legitimately differs between two correct servers run side by side
 * (wall-clock time, connection ids and addresses, hash-table order), and keep the reply's type,
 * shape and every other byte. Errors are always compared exactly.
 */
enum Normalizer {
    /** The canonical reply, unchanged. */
    EXACT,
    /**
     * TTL, PTTL, EXPIRETIME, PEXPIRETIME: -1 and -2 exactly, any positive integer as
     * {@code :<positive>} (the two servers stamp relative TTLs a few ms apart).
     */
    TTL_CLASS,
    /** CLIENT ID, OBJECT IDLETIME: any integer as {@code :<integer>}. */
    ANY_INTEGER,
    /** RANDOMKEY: which key is random; only nil versus "some key" is compared. */
    ANY_KEY,
    /** TIME: a two-element array of decimal bulk strings. */
    TIME,
    /** HELLO: the "id" field's value masked (ids differ per server). */
    HELLO,
    /** KEYS, COMMAND LIST: array elements sorted (hash-table order is not specified). */
    SORTED,
    /**
     * SRANDMEMBER, HRANDFIELD: the picks are random; only the shape is compared (nil versus "some
     * member", an aggregate's types, counts and nesting).
     */
    SHAPE,
    /** SCAN: cursor as "0" or "<more>", elements sorted. */
    SCAN,
    /** CONFIG GET: name/value pairs sorted by name (Redis returns them in dict order). */
    PAIRS_SORTED,
    /**
     * INFO: only the "# Section" header lines and the keyspace lines (with avg_ttl masked): the
     * rest is run-time data (memory, uptime, ports, counters).
     */
    INFO,
    /**
     * CLIENT INFO / CLIENT LIST: every field name in order, with the values of run-time fields
     * (id, addresses, fd, ages, buffer sizes, events) masked; CLIENT LIST keeps only the calling
     * connection's line (the one whose cmd is client|list).
     */
    CLIENT_INFO,
    /** Stream replies holding ids: ids made by "*" (wall-clock milliseconds) masked as {@code <auto-id>}. */
    STREAM,
    /** XPENDING: as STREAM, plus each entry's idle time masked. */
    STREAM_PENDING,
    /** XINFO CONSUMERS, XINFO STREAM FULL: as STREAM, plus idle, seen and delivery times masked. */
    STREAM_TIMES,
    /**
     * FUNCTION LIST: every array whose elements are all aggregates (the libraries, each library's
     * functions) sorted; Redis lists them in dict order. Maps, pairs and flags keep their order.
     */
    FUNCTION_LIST,
    /**
     * FUNCTION DUMP: the payload read back (RDB version, whether the CRC64 holds, each library's
     * code, sorted: Redis writes them in dict order), not its bytes.
     */
    FUNCTION_DUMP,
    /**
     * FUNCTION RESTORE: exact, except which library an "already exists" error names: when several
     * libraries of the payload clash, Redis names the first in its dict's order, which its random
     * hash seed makes differ from run to run (seen as a flaky seed-3 stream), so only the error's
     * form is compared.
     */
    FUNCTION_RESTORE,
    /**
     * DUMP: the payload read back ({@link DumpNormal}: object type, content, hash-table order and
     * stream clock times away), not its bytes.
     */
    DUMP_PAYLOAD;

    private static final Pattern LIBRARY_EXISTS = Pattern.compile("-ERR Library .* already exists");

    private static final Pattern AVG_TTL = Pattern.compile("avg_ttl=-?\\d+");
    private static final List<String> CLIENT_RUNTIME_FIELDS = List.of("id", "addr", "laddr", "fd", "age", "idle",
            "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl", "oll", "omem", "tot-mem", "events");

    String apply(Reply r) {
        if (this == FUNCTION_RESTORE && r.isError() && LIBRARY_EXISTS.matcher(r.canonical()).matches()) {
            return "-ERR Library <one of the payload's> already exists";
        }
        if (r.isError() || this == EXACT) {
            return r.canonical();
        }
        switch (this) {
            case TTL_CLASS:
                return r.isInteger() && r.longValue() > 0 ? ":<positive>" : r.canonical();
            case ANY_INTEGER:
                return r.isInteger() ? ":<integer>" : r.canonical();
            case ANY_KEY:
                return r.type == '$' && r.data != null ? "$<some key>" : r.canonical();
            case TIME:
                return time(r);
            case HELLO:
                return hello(r);
            case SORTED:
                return sorted(r);
            case SCAN:
                return scan(r);
            case SHAPE:
                return shape(r);
            case PAIRS_SORTED:
                return pairsSorted(r);
            case INFO:
                return info(r);
            case CLIENT_INFO:
                return clientInfo(r);
            case STREAM:
                return StreamNormal.autoIds(r).canonical();
            case STREAM_PENDING:
                return StreamNormal.pending(r).canonical();
            case STREAM_TIMES:
                return StreamNormal.times(r).canonical();
            case FUNCTION_LIST:
                return sortedAggregates(r);
            case FUNCTION_DUMP:
                return functionDump(r);
            case DUMP_PAYLOAD:
                return DumpNormal.canonical(r);
            default:
                return r.canonical();
        }
    }

    private static String sortedAggregates(Reply r) {
        if (r.items == null) {
            return r.canonical();
        }
        List<String> parts = new ArrayList<>();
        boolean allAggregates = !r.items.isEmpty();
        for (Reply x : r.items) {
            parts.add(sortedAggregates(x));
            allAggregates &= x.isAggregate();
        }
        if (r.type == '*' && allAggregates) {
            parts.sort(null);
            return "*sorted" + parts;
        }
        if (r.type == '%') {
            StringBuilder sb = new StringBuilder("%{");
            for (int i = 0; i < parts.size(); i += 2) {
                sb.append(i > 0 ? ", " : "").append(parts.get(i)).append(" => ").append(parts.get(i + 1));
            }
            return sb.append('}').toString();
        }
        return r.type + parts.toString();
    }

    private static String functionDump(Reply r) {
        if (r.type != '$' || r.data == null) {
            return r.canonical();
        }
        byte[] p = r.data;
        if (p.length < 10) {
            return "dump[short: " + r.canonical() + "]";
        }
        int version = (p[p.length - 10] & 0xFF) | (p[p.length - 9] & 0xFF) << 8;
        long crc = io.ringstore.engine.util.Crc64.crc64(p, 0, p.length - 8);
        boolean crcOk = true;
        for (int i = 0; i < 8; i++) {
            crcOk &= p[p.length - 8 + i] == (byte) (crc >>> (8 * i));
        }
        List<String> codes = new ArrayList<>();
        io.ringstore.engine.util.RdbStrings.Cursor c = new io.ringstore.engine.util.RdbStrings.Cursor(p, 0, p.length - 10);
        while (c.remaining() > 0) {
            int type = c.readByte();
            byte[] code = type == 245 ? c.readString() : null;
            if (code == null) {
                codes.add("<unreadable record " + type + ">");
                break;
            }
            StringBuilder sb = new StringBuilder();
            Reply.quote(sb, code);
            codes.add(sb.toString());
        }
        codes.sort(null);
        return "dump[version " + version + ", crc " + (crcOk ? "ok" : "BAD") + ", " + codes + "]";
    }

    private static String time(Reply r) {
        if (r.type == '*' && r.items != null && r.items.size() == 2) {
            for (Reply x : r.items) {
                if (x.type != '$' || x.data == null || !x.text().matches("\\d+")) {
                    return r.canonical();
                }
            }
            return "*[<seconds>, <microseconds>]";
        }
        return r.canonical();
    }

    private static String hello(Reply r) {
        if (r.items == null) {
            return r.canonical();
        }
        StringBuilder sb = new StringBuilder().append(r.type).append('[');
        for (int i = 0; i < r.items.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Reply prev = i > 0 ? r.items.get(i - 1) : null;
            boolean idValue = i % 2 == 1 && prev.data != null && prev.text().equals("id") && r.items.get(i).isInteger();
            sb.append(idValue ? ":<id>" : r.items.get(i).canonical());
        }
        return sb.append(']').toString();
    }

    private static String sorted(Reply r) {
        if (r.items == null) {
            return r.canonical();
        }
        List<String> parts = new ArrayList<>();
        for (Reply x : r.items) {
            parts.add(x.canonical());
        }
        parts.sort(null);
        return r.type + "sorted" + parts;
    }

    private static String shape(Reply r) {
        if (r.items != null) {
            StringBuilder sb = new StringBuilder().append(r.type).append(r.items.size()).append('[');
            for (Reply x : r.items) {
                sb.append(shape(x)).append(' ');
            }
            return sb.append(']').toString();
        }
        if (r.data != null && r.type == ',') {
            return ",<double>"; // a picked member's score: RESP3 WITHSCORES (RESP2 sends it as a bulk)
        }
        return r.data != null && r.type == '$' ? "$<bulk>" : r.canonical();
    }

    private static String scan(Reply r) {
        if (r.type != '*' || r.items == null || r.items.size() != 2 || r.items.get(0).data == null) {
            return r.canonical();
        }
        String cursor = r.items.get(0).text().equals("0") ? "0" : "<more>";
        return "*[cursor " + cursor + ", " + sorted(r.items.get(1)) + "]";
    }

    private static String pairsSorted(Reply r) {
        if (r.items == null || r.items.size() % 2 != 0) {
            return r.canonical();
        }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < r.items.size(); i += 2) {
            pairs.add(r.items.get(i).canonical() + " => " + r.items.get(i + 1).canonical());
        }
        pairs.sort(null);
        return r.type + "pairs" + pairs;
    }

    private static String info(Reply r) {
        if (r.data == null) {
            return r.canonical();
        }
        StringBuilder sb = new StringBuilder().append(r.type).append("info[");
        for (String line : r.text().split("\r\n")) {
            if (line.startsWith("#") || line.matches("db\\d+:.*")) {
                sb.append(AVG_TTL.matcher(line).replaceAll("avg_ttl=*")).append(" | ");
            }
        }
        return sb.append(']').toString();
    }

    private static String clientInfo(Reply r) {
        if (r.data == null) {
            return r.canonical();
        }
        List<String> lines = new ArrayList<>();
        String text = r.text();
        String format = "";
        if (r.type == '=' && text.startsWith("txt:")) { // RESP3 verbatim: the format prefix is not a field
            format = "txt:";
            text = text.substring(4);
        }
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        if (lines.size() > 1) { // CLIENT LIST: keep the caller's own line
            lines.removeIf(l -> !l.contains(" cmd=client|list "));
        }
        StringBuilder sb = new StringBuilder().append(r.type).append("client[").append(format);
        for (String line : lines) {
            for (String field : line.trim().split(" ")) {
                int eq = field.indexOf('=');
                String name = eq < 0 ? field : field.substring(0, eq);
                boolean mask = eq >= 0 && CLIENT_RUNTIME_FIELDS.contains(name);
                sb.append(mask ? name + "=*" : field).append(' ');
            }
            sb.append("\\n");
        }
        // Keep the raw line ending visible: "\n" per line, and whether the text ends with one.
        return sb.append(r.text().endsWith("\n") ? "]<nl>" : "]").toString();
    }
}
