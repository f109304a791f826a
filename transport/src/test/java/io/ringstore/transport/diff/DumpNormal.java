package io.ringstore.transport.diff;

import io.ringstore.engine.rdb.DumpPayload;
import io.ringstore.engine.rdb.RdbFormatException;
import io.ringstore.engine.rdb.RdbLimits;
import io.ringstore.engine.rdb.RdbValue;
import io.ringstore.engine.store.HashValue;
import io.ringstore.engine.store.ListCursor;
import io.ringstore.engine.store.ListValue;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.store.SetValue;
import io.ringstore.engine.store.StreamConsumer;
import io.ringstore.engine.store.StreamNack;
import io.ringstore.engine.store.StreamValue;
import io.ringstore.engine.store.ZsetValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A DUMP payload read back for comparison (Normalizer.DUMP_PAYLOAD): its object type byte (which
 * names the encoding), whether the trailer holds, and the content decoded, with hash-table order
 * sorted away and stream consumer and delivery times left out (each server stamps its own clock).
 * The bytes themselves may differ where Redis's do not depend on the data alone: hash-table order,
 * LZF matches from its never-cleared table, quicklist nodes cut by an earlier history.
 */
final class DumpNormal {
    private DumpNormal() {
    }

    static String canonical(Reply r) {
        if (r.type != '$' || r.data == null) {
            return r.canonical();
        }
        byte[] p = r.data;
        if (!DumpPayload.verify(p, 0, p.length)) {
            return "<payload with a bad trailer>";
        }
        RdbValue v = new RdbValue();
        try {
            new DumpPayload().read(p, 0, p.length, RdbLimits.defaults(), v);
        } catch (RdbFormatException e) {
            return "<undecodable payload: " + e.getMessage() + ">";
        }
        StringBuilder sb = new StringBuilder("rdb-type ").append(p[0]).append(' ');
        switch (v.type) {
            case ObjectType.STRING:
                return sb.append(v.value == null ? Long.toString(v.num) : s((byte[]) v.value)).toString();
            case ObjectType.LIST: {
                ListCursor c = new ListCursor();
                for (boolean more = c.seek((ListValue) v.value, 0); more; more = c.next()) {
                    sb.append(s(c.copy())).append(',');
                }
                return sb.toString();
            }
            case ObjectType.HASH: {
                HashValue h = (HashValue) v.value;
                List<String> pairs = new ArrayList<>();
                for (int q = h.first(); q >= 0; q = h.next(q)) {
                    byte[] a = h.array(q);
                    pairs.add(s(Arrays.copyOfRange(a, h.fieldOff(q), h.fieldOff(q) + h.fieldLen(q))) + "="
                            + s(Arrays.copyOfRange(a, h.valueOff(q), h.valueOff(q) + h.valueLen(q))));
                }
                Collections.sort(pairs);
                return sb.append(pairs).toString();
            }
            case ObjectType.SET: {
                List<String> members = new ArrayList<>();
                ((SetValue) v.value).forEach(m -> members.add(s(m)));
                Collections.sort(members);
                return sb.append(members).toString();
            }
            case ObjectType.ZSET: {
                ZsetValue z = (ZsetValue) v.value;
                for (z.seek(0); z.valid(); z.next()) {
                    sb.append(s(z.memberCopy())).append('=').append(z.score()).append(',');
                }
                return sb.toString();
            }
            default:
                return stream(sb, (StreamValue) v.value);
        }
    }

    private static String stream(StringBuilder sb, StreamValue x) {
        sb.append("len ").append(x.size()).append(" last ").append(x.lastMs).append('-').append(x.lastSeq)
                .append(" first ").append(x.firstMs).append('-').append(x.firstSeq)
                .append(" maxdel ").append(x.maxDeletedMs).append('-').append(x.maxDeletedSeq)
                .append(" added ").append(x.entriesAdded).append(" entries");
        for (long pos = x.seek(0, 0); pos >= 0; pos = x.next(pos)) {
            sb.append(' ').append(x.ms(pos)).append('-').append(x.seq(pos));
            for (byte[] b : x.fieldsValues(pos)) {
                sb.append(' ').append(s(b));
            }
        }
        if (x.groups() != null) {
            x.groups().forEach((name, g) -> {
                sb.append(" group ").append(s(name)).append(' ').append(g.lastMs).append('-').append(g.lastSeq)
                        .append(" read ").append(g.entriesRead).append(" pel");
                for (StreamNack n : g.pel) {
                    sb.append(' ').append(n.ms).append('-').append(n.seq).append(':').append(s(n.consumer.name))
                            .append(':').append(n.deliveryCount);
                }
                sb.append(" consumers");
                for (StreamConsumer c : g.consumers.values()) {
                    sb.append(' ').append(s(c.name)).append(':').append(c.pel.size());
                }
            });
        }
        return sb.toString();
    }

    private static String s(byte[] b) {
        return '"' + new String(b, StandardCharsets.ISO_8859_1) + '"';
    }
}
