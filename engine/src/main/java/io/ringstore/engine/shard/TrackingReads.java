package io.ringstore.engine.shard;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.command.Args;
import io.ringstore.engine.command.Ingress;

/**
 * Redis's trackingRememberKeys, called by the shard after a read it must remember (stamped at
 * ingress, see RequestEvent.track): each key of the command (for a script, of the script's own
 * command line, as Redis 7.0 does) is recorded for the client in the tracking table of the shard
 * that owns it. At a barrier that may be another shard's table, which is parked. Never during
 * replay. Shard thread.
 */
final class TrackingReads {
    private TrackingReads() {
    }

    static void remember(EngineContext engine, RequestEvent caller) {
        if (caller.replayed || caller.session == null) {
            return;
        }
        if (caller.keyCount == 0) {
            Ingress.findKeys(caller, caller.cmd); // one shard, or a barrier row: ingress did not look
        }
        Args a = caller.args;
        for (int k = 0; k < caller.keyCount; k++) {
            int i = caller.keyPos[k];
            engine.tracking[engine.shardOfKey(a.buf(), a.off(i), a.len(i))]
                    .remember(caller.session, a.buf(), a.off(i), a.len(i));
        }
    }
}
