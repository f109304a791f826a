package io.ringstore.transport;

import io.ringstore.engine.ServerStats;
import io.ringstore.engine.config.ClientBufferLimits;
import io.ringstore.engine.config.Config;

/**
 * client-output-buffer-limit, enforced where a connection's output backlog lives: the reply
 * stage's batch buffer ({@link Connection#pending}, CLIENT LIST obl) plus what Netty holds for the
 * socket and has not written yet (omem). Called by the reply stage once per connection and batch, at the flush, with the
 * ring event's ingress time as Redis's server.unixtime. Redis 7.0's checkClientOutputBufferLimits
 * and closeClientOnOutputBufferLimitReached: the class is pubsub while the client is subscribed,
 * else normal; at or past the hard limit, or past the soft limit on a check more than
 * soft-seconds (whole seconds) after the check that first saw it there, the client is closed
 * asynchronously (freeClientAsync): nothing more is written to it, its pending batch is dropped,
 * the close goes through Netty to its I/O thread, whose close event drops its subscriptions and
 * waiters in ring order. A drop below the soft limit seen by a check restarts the soft clock.
 * Reply-stage thread only.
 */
final class OutputBufferGuard {
    /** Redis's CLIENTS_PEAK_MEM_USAGE_SLOTS: client_recent_max_output_buffer covers this many seconds. */
    static final long PEAK_SECONDS = 8;
    private static final System.Logger LOG = System.getLogger("ringstore");

    private final Config.Option limits;
    private final ServerStats stats;

    OutputBufferGuard(Config.Option limits, ServerStats stats) {
        this.limits = limits;
        this.stats = stats;
    }

    /** Checks {@code c} after bytes were appended for it; true when it was scheduled to close. */
    boolean check(Connection c, long nowMs) {
        long used = c.pendingBytes + c.outputListBytes();
        long sec = nowMs / 1000;
        if (used >= c.peakOutputBytes || sec - c.peakOutputSec >= PEAK_SECONDS) {
            c.peakOutputBytes = used;
            c.peakOutputSec = sec;
        }
        ClientBufferLimits l = limits.bufferLimits();
        int cls = c.clientType();
        long hard = l.hardBytes(cls);
        long soft = l.softBytes(cls);
        boolean over = hard != 0 && used >= hard;
        if (soft != 0 && used >= soft) {
            if (c.softLimitSinceSec < 0) {
                c.softLimitSinceSec = sec; // first time seen: the clock starts
            } else if (sec - c.softLimitSinceSec > l.softSeconds(cls)) {
                over = true;
            }
        } else {
            c.softLimitSinceSec = -1;
        }
        if (over) {
            closeAsap(c, nowMs);
        }
        return over;
    }

    private void closeAsap(Connection c, long nowMs) {
        c.closeAsap = true;
        String info = c.infoLine(nowMs);
        if (c.pending != null) {
            c.pending.release();
            c.pending = null;
            c.pendingBytes = 0;
        }
        stats.outputLimitDisconnections.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING,
                "Client " + info + " scheduled to be closed ASAP for overcoming of output buffer limits.");
        c.channel.close(); // Netty runs it on the connection's I/O thread (channelInactive)
    }
}
