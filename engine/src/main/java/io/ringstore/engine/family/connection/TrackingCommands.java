package io.ringstore.engine.family.connection;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.command.CommandContext;
import io.ringstore.engine.command.CommandTable;
import io.ringstore.engine.tracking.Tracking;
import io.ringstore.engine.tracking.TrackingOptions;

/**
 * CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO (Redis 7.0's client-side caching, the
 * clientCommand branches). The connection's options are decided at ingress (command.TrackingIngress),
 * which leaves an error or the new options on the event; CLIENT TRACKING is {@code all_shards}, so
 * its handler runs on the only shard or at a barrier and copies the options into every shard's
 * {@link Tracking} while the others are parked. The other rows answer from the event's stamp.
 */
public final class TrackingCommands {
    private static final String CONN = "noscript loading stale";

    private TrackingCommands() {
    }

    static void register(CommandTable t) {
        t.sub("client", "tracking", -3, CONN + " all_shards", 0, 0, 0, TrackingCommands::tracking)
                .doc("6.0.0", "Enable or disable server assisted client side caching support",
                        "O(1). Some options may introduce additional complexity.");
        t.sub("client", "caching", 3, CONN, 0, 0, 0, TrackingCommands::caching)
                .doc("6.0.0", "Instruct the server about tracking or not keys in the next request", "O(1)");
        t.sub("client", "getredir", 2, CONN, 0, 0, 0, TrackingCommands::getredir)
                .doc("6.0.0", "Get tracking notifications redirection client ID if any", "O(1)");
        t.sub("client", "trackinginfo", 2, CONN, 0, 0, 0, TrackingCommands::trackingInfo)
                .doc("6.2.0", "Return information about server assisted client side caching for the current connection", "O(1)");
    }

    static void tracking(CommandContext c) {
        if (c.event.ingressError != null) {
            c.reply.errorLatin1(c.event.ingressError);
            return;
        }
        ClientSession s = c.event.session;
        TrackingOptions o = c.event.tracking;
        if (c.event.replayed) { // queued in a journaled EXEC: replay tracks nothing
            c.reply.ok();
            return;
        }
        for (Tracking t : copies(c)) {
            if (o == null) {
                t.disable(s);
            } else {
                t.enable(s, o);
            }
        }
        s.redirectBroken(false); // enableTracking and disableTracking both clear BROKEN_REDIR
        c.reply.ok();
    }

    /** Every shard's tracking copy: the row is all_shards, so this runs on the only shard or at a barrier. */
    private static Tracking[] copies(CommandContext c) {
        Tracking[] all = c.engine.tracking;
        if (c.shardId() >= 0 && all.length > 1) {
            throw new IllegalStateException("CLIENT TRACKING ran on one shard of " + all.length);
        }
        return all;
    }

    /** A RESET or closed tracking client leaves every copy (at a barrier, or on the only shard). */
    public static void disableEverywhere(CommandContext c, ClientSession s) {
        for (Tracking t : copies(c)) {
            t.disable(s);
        }
        s.redirectBroken(false);
    }

    static void caching(CommandContext c) {
        if (c.event.ingressError != null) {
            c.reply.errorLatin1(c.event.ingressError);
        } else {
            c.reply.ok();
        }
    }

    static void getredir(CommandContext c) {
        TrackingOptions o = c.event.tracking;
        c.reply.integer(o == null ? -1 : o.redirect);
    }

    /** CLIENT TRACKINGINFO: flags (a set in RESP3), redirect, prefixes. */
    static void trackingInfo(CommandContext c) {
        TrackingOptions o = c.event.tracking;
        boolean caching = c.event.ingressStatus == 1;
        boolean broken = o != null && c.event.session.trackingBroken;
        c.reply.map(3);
        c.reply.bulk("flags");
        if (o == null) {
            c.reply.set(1).bulk("off");
        } else {
            int n = 1 + (o.has(TrackingOptions.BCAST) ? 1 : 0) + (o.has(TrackingOptions.NOLOOP) ? 1 : 0) + (broken ? 1 : 0)
                    + (o.has(TrackingOptions.OPTIN) || o.has(TrackingOptions.OPTOUT) ? (caching ? 2 : 1) : 0);
            c.reply.set(n).bulk("on");
            if (o.has(TrackingOptions.BCAST)) {
                c.reply.bulk("bcast");
            }
            if (o.has(TrackingOptions.OPTIN)) {
                c.reply.bulk("optin");
                if (caching) {
                    c.reply.bulk("caching-yes");
                }
            }
            if (o.has(TrackingOptions.OPTOUT)) {
                c.reply.bulk("optout");
                if (caching) {
                    c.reply.bulk("caching-no");
                }
            }
            if (o.has(TrackingOptions.NOLOOP)) {
                c.reply.bulk("noloop");
            }
            if (broken) {
                c.reply.bulk("broken_redirect");
            }
        }
        c.reply.bulk("redirect").integer(o == null ? -1 : o.redirect);
        c.reply.bulk("prefixes");
        byte[][] prefixes = o == null ? new byte[0][] : o.prefixes;
        c.reply.array(prefixes.length);
        for (byte[] p : prefixes) {
            c.reply.bulk(p);
        }
    }
}
