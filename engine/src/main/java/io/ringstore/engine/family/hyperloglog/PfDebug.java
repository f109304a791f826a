package io.ringstore.engine.family.hyperloglog;

import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.reply.Replies;
import io.ringstore.engine.store.Db;
import io.ringstore.engine.store.Dict;

/**
 * PFDEBUG GETREG|DECODE|ENCODING|TODENSE key (pfdebugCommand): the key is looked up and checked
 * first, and made raw, whatever the subcommand. GETREG and TODENSE turn a sparse value dense for
 * good. Runs on the shard thread that owns the key.
 */
final class PfDebug {
    private static final byte[] GETREG = {'g', 'e', 't', 'r', 'e', 'g'};
    private static final byte[] DECODE = {'d', 'e', 'c', 'o', 'd', 'e'};
    private static final byte[] ENCODING = {'e', 'n', 'c', 'o', 'd', 'i', 'n', 'g'};
    private static final byte[] TODENSE = {'t', 'o', 'd', 'e', 'n', 's', 'e'};

    private PfDebug() {
    }

    static void pfdebug(CommandContext c) {
        Db db = c.db(2);
        int slot = c.writeKey(db, 2);
        if (slot < 0) {
            c.reply.error(Errors.PFDEBUG_NO_KEY);
            return;
        }
        if (!HllLookup.isHll(c, db, slot)) {
            return;
        }
        Dict d = db.dict();
        HllBuffer h = HllBuffer.get().load(d, slot);
        try {
            run(c, h);
        } finally {
            h.store(d, slot);
        }
    }

    private static void run(CommandContext c, HllBuffer h) {
        boolean sparse = HllLayout.encoding(h.b) == HllLayout.SPARSE;
        if (c.argIs(1, GETREG)) {
            if (sparse && !HllSparse.toDense(h)) {
                c.reply.error(Errors.HLL_CORRUPTED);
                return;
            }
            c.reply.array(HllLayout.REGISTERS);
            for (int j = 0; j < HllLayout.REGISTERS; j++) {
                c.reply.integer(HllLayout.get(h.b, j));
            }
        } else if (c.argIs(1, DECODE)) {
            if (!sparse) {
                c.reply.error(Errors.PFDEBUG_NOT_SPARSE);
                return;
            }
            c.reply.bulk(HllSparse.decode(h.b, h.len));
        } else if (c.argIs(1, ENCODING)) {
            c.reply.simple(sparse ? "sparse" : "dense");
        } else if (c.argIs(1, TODENSE)) {
            if (sparse && !HllSparse.toDense(h)) {
                c.reply.error(Errors.HLL_CORRUPTED);
                return;
            }
            c.reply.raw(sparse ? Replies.ONE : Replies.ZERO);
        } else {
            c.reply.errorLatin1(Errors.pfdebugUnknownSubcommand(c.args.latin1(1, Integer.MAX_VALUE)));
        }
    }
}
