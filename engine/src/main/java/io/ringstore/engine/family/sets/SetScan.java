package io.ringstore.engine.family.sets;

import io.ringstore.engine.family.shared.KeyCollector;
import io.ringstore.engine.family.shared.ScanArgs;
import io.ringstore.engine.store.ObjectType;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;
import io.ringstore.engine.store.SetValue;
import io.ringstore.engine.util.Glob;

/**
 * SSCAN key cursor [MATCH pattern] [COUNT count] (sscanCommand + scanGenericCommand): the cursor
 * parses before the lookup, options after it. An intset answers everything in one call with
 * cursor 0, as Redis; a hashtable walks buckets with Redis's reverse-binary cursor
 * ({@link Dict#scan}), at most COUNT*10 per call. TYPE is a syntax error here. Runs on the shard
 * thread owning the key.
 */
final class SetScan {
    private static final byte[] MATCH = Replies.b("match");
    private static final byte[] COUNT = Replies.b("count");

    private SetScan() {
    }

    static void sscan(CommandContext c) {
        Db db = c.db(1);
        ScanArgs a = ScanArgs.forKey(c, db, ObjectType.SET);
        if (a == null) {
            return;
        }
        long cursor = a.cursor;
        int slot = a.slot;
        long count = a.count;
        int patternArg = a.patternArg;
        SetValue s = SetFamily.set(db, slot);
        KeyCollector found = KeyCollector.acquire();
        try {
            long next = 0;
            Dict d = s.dict();
            if (d == null) {
                s.forEach(found::add);
            } else {
                long maxIterations = count * 10;
                next = cursor;
                do {
                    next = d.scan(next, found);
                } while (next != 0 && maxIterations-- != 0 && found.count < count);
            }
            int kept = 0;
            for (int k = 0; k < found.count; k++) {
                byte[] m = found.keys[k];
                if (patternArg == 0 || Glob.match(c.args.buf(), c.args.off(patternArg), c.args.len(patternArg),
                        m, 0, m.length, false)) {
                    found.keys[kept++] = m;
                }
            }
            c.reply.array(2);
            c.reply.bulkLong(next);
            c.reply.array(kept);
            for (int k = 0; k < kept; k++) {
                c.reply.bulk(found.keys[k]);
            }
        } finally {
            found.release();
        }
    }
}
