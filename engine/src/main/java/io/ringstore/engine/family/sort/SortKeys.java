package io.ringstore.engine.family.sort;

import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.reply.Replies;

/**
 * The key finders of SORT and SORT_RO (sortGetKeys, sortROGetKeys): what COMMAND GETKEYS reports
 * and ingress routes by. SORT's keys are the sorted key and the last STORE destination, found as
 * Redis finds it (skipping LIMIT's two arguments and BY's and GET's one, STORE's none). The
 * command also runs at a barrier ({@link RequestEvent#anyShardKeys}) when a BY or GET pattern
 * reads other keys, or when the option parser would store somewhere Redis's key finder does not
 * say. Stateless; the publishing I/O thread.
 */
final class SortKeys {
    private static final byte[] STORE = Replies.b("store");
    private static final byte[][] SKIPS = {Replies.b("limit"), Replies.b("get"), Replies.b("by")};
    private static final int[] SKIP = {2, 1, 1};

    private SortKeys() {
    }

    static void sort(RequestEvent e) {
        Args a = e.args;
        int argc = a.count();
        e.addKeyPos(1);
        int store = -1;
        for (int i = 2; i < argc; i++) {
            for (int j = 0; j < SKIPS.length; j++) {
                if (a.is(i, SKIPS[j])) {
                    i += SKIP[j];
                    break;
                } else if (a.is(i, STORE) && i + 1 < argc) {
                    store = i + 1;
                    break;
                }
            }
        }
        if (store > 0) {
            e.addKeyPos(store);
        }
        SortOptions o = new SortOptions();
        if (o.parse(a, false) == SortOptions.OK && (o.readsOtherKeys(a) || o.store != store)) {
            e.anyShardKeys = true;
        }
    }

    static void sortRo(RequestEvent e) {
        e.addKeyPos(1);
        SortOptions o = new SortOptions();
        if (o.parse(e.args, true) == SortOptions.OK && o.readsOtherKeys(e.args)) {
            e.anyShardKeys = true;
        }
    }
}
