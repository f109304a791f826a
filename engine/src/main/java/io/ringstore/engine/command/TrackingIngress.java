package io.ringstore.engine.command;

import io.ringstore.engine.ClientSession;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.reply.Errors;
import io.ringstore.engine.tracking.ClientDirectory;
import io.ringstore.engine.tracking.TrackingOptions;
import io.ringstore.engine.util.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CLIENT TRACKING and CLIENT CACHING as connection state at ingress, on the publishing I/O thread
 * (as subscribed mode and MULTI's queue are): CLIENT TRACKING is checked here with every error of
 * Redis 7.0's clientCommand, in its order, against the options the connection has now, and on
 * success the new options replace the session's and are stamped on the event (its handler copies
 * them to every shard in ring order). Each command is then stamped with whether its reads must be
 * remembered ({@link RequestEvent#track}): tracking on, not BCAST, and OPTIN with CLIENT CACHING
 * yes given, or OPTOUT without CLIENT CACHING no. As Redis's resetClient, the CACHING flag lasts
 * for one command, unless that command is a CLIENT subcommand or the connection is in MULTI.
 * Inside MULTI, a queued CLIENT TRACKING or CACHING applies at queue time to the commands queued
 * after it (which run after it); DISCARD and an EXECABORT put the state back. Stateless beyond
 * the rows; any publishing thread.
 */
final class TrackingIngress {
    private static final byte[] ON = b("on");
    private static final byte[] OFF = b("off");
    private static final byte[] YES = b("yes");
    private static final byte[] NO = b("no");
    private static final byte[] REDIRECT = b("redirect");
    private static final byte[] BCAST = b("bcast");
    private static final byte[] OPTIN = b("optin");
    private static final byte[] OPTOUT = b("optout");
    private static final byte[] NOLOOP = b("noloop");
    private static final byte[] PREFIX = b("prefix");
    private static final byte[][] EMPTY = new byte[0][];
    private static final byte[][] ALL_KEYS = {new byte[0]};

    private final ClientDirectory directory;
    private final CommandSpec client;
    private final CommandSpec tracking;
    private final CommandSpec caching;
    private final CommandSpec trackingInfo;
    private final CommandSpec getRedir;
    private final CommandSpec[] scripts;
    private final CommandSpec[] readOnlyScripts;

    TrackingIngress(CommandTable t, ClientDirectory directory) {
        this.directory = directory;
        this.client = t.get("client");
        this.tracking = sub(client, "tracking");
        this.caching = sub(client, "caching");
        this.trackingInfo = sub(client, "trackinginfo");
        this.getRedir = sub(client, "getredir");
        this.scripts = new CommandSpec[] {t.get("eval"), t.get("evalsha"), t.get("fcall")};
        this.readOnlyScripts = new CommandSpec[] {t.get("eval_ro"), t.get("evalsha_ro"), t.get("fcall_ro")};
    }

    private static CommandSpec sub(CommandSpec container, String name) {
        return container == null ? null : container.subcommands().get(name);
    }

    /** Whether this class prepares the row: CLIENT TRACKING, CACHING, TRACKINGINFO, GETREDIR. */
    boolean handles(CommandSpec spec) {
        return spec.parent == client && (spec == tracking || spec == caching || spec == trackingInfo || spec == getRedir);
    }

    /**
     * Applies CLIENT TRACKING or CACHING to the session (or leaves {@link RequestEvent#ingressError}
     * for the handler to answer), or stamps TRACKINGINFO and GETREDIR with the options now.
     */
    void prepare(RequestEvent e, ClientSession s, CommandSpec spec) {
        if (spec == tracking) {
            e.ingressError = tracking(e, s);
        } else if (spec == caching) {
            e.ingressError = caching(e.args, s);
        }
        e.tracking = s.tracking;
        e.ingressStatus = s.trackingCaching ? 1 : 0;
    }

    /** Stamps whether the reads of {@code e} (a command, or one MULTI queued) are remembered. */
    void stamp(RequestEvent e, ClientSession s, CommandSpec spec) {
        TrackingOptions o = s.tracking;
        if (o == null || o.has(TrackingOptions.BCAST)) {
            e.track = 0;
            return;
        }
        boolean caching = s.trackingCaching;
        if ((o.has(TrackingOptions.OPTIN) && !caching) || (o.has(TrackingOptions.OPTOUT) && caching)) {
            e.track = 0;
        } else if (isAny(spec, scripts) || isAny(spec, readOnlyScripts)) {
            e.track = RequestEvent.TRACK_SCRIPT; // Redis 7.0: a script's reads remember its declared keys
        } else if (spec.has(CommandFlags.READONLY)) {
            e.track = RequestEvent.TRACK_READ;
        } else {
            e.track = 0;
        }
    }

    /** After each command: the CACHING flag goes, unless the command was a CLIENT subcommand or MULTI is open. */
    void afterCommand(RequestEvent e, ClientSession s) {
        CommandSpec ran = e.queued != null ? e.queued : e.cmd;
        if (s.tx == null && (ran == null || ran.parent != client)) {
            s.trackingCaching = false;
        }
    }

    /**
     * RESET: tracking goes off; returns whether it was ever on since the last RESET (every shard's
     * copy must then forget the client: a CLIENT TRACKING off queued in MULTI turns the option off
     * here at queue time, while the copies keep the client until EXEC runs it, if it ever does).
     */
    static boolean reset(ClientSession s) {
        boolean was = s.trackingEver;
        s.trackingEver = false;
        s.tracking = null;
        s.trackingCaching = false;
        return was;
    }

    private static boolean isAny(CommandSpec spec, CommandSpec[] rows) {
        for (CommandSpec r : rows) {
            if (r == spec) {
                return true;
            }
        }
        return false;
    }

    /** CLIENT TRACKING on|off [REDIRECT id] [PREFIX p ...] [BCAST] [OPTIN] [OPTOUT] [NOLOOP]: null when applied. */
    private String tracking(RequestEvent e, ClientSession s) {
        Args a = e.args;
        long redirect = 0;
        int options = 0;
        List<byte[]> prefixes = new ArrayList<>();
        long[] v = new long[1];
        for (int j = 3; j < a.count(); j++) {
            boolean more = j < a.count() - 1;
            if (a.is(j, REDIRECT) && more) {
                j++;
                if (redirect != 0) {
                    return Errors.TRACKING_ONE_REDIRECT;
                }
                if (!Numbers.parseLong(a.buf(), a.off(j), a.len(j), v)) {
                    return Errors.NOT_INTEGER;
                }
                redirect = v[0];
                if (directory.client(redirect) == null) {
                    return Errors.TRACKING_NO_REDIRECT_TARGET;
                }
            } else if (a.is(j, BCAST)) {
                options |= TrackingOptions.BCAST;
            } else if (a.is(j, OPTIN)) {
                options |= TrackingOptions.OPTIN;
            } else if (a.is(j, OPTOUT)) {
                options |= TrackingOptions.OPTOUT;
            } else if (a.is(j, NOLOOP)) {
                options |= TrackingOptions.NOLOOP;
            } else if (a.is(j, PREFIX) && more) {
                j++;
                prefixes.add(a.copy(j));
            } else {
                return Errors.SYNTAX;
            }
        }
        if (a.is(2, OFF)) {
            s.tracking = null;
            s.trackingCaching = false; // disableTracking clears CLIENT_TRACKING_CACHING
            return null;
        }
        if (!a.is(2, ON)) {
            return Errors.SYNTAX;
        }
        String error = check(s.tracking, options, prefixes);
        if (error != null) {
            return error;
        }
        s.tracking = new TrackingOptions(options, redirect, prefixesAfter(s.tracking, options, prefixes));
        s.trackingEver = true;
        return null;
    }

    /** enableTracking's checks in clientCommand's order, against the options the client has. */
    private static String check(TrackingOptions now, int options, List<byte[]> prefixes) {
        boolean bcast = (options & TrackingOptions.BCAST) != 0;
        if (!bcast && !prefixes.isEmpty()) {
            return Errors.TRACKING_PREFIX_NEEDS_BCAST;
        }
        if (now != null && now.has(TrackingOptions.BCAST) != bcast) {
            return Errors.TRACKING_SWITCH_BCAST;
        }
        if (bcast && (options & (TrackingOptions.OPTIN | TrackingOptions.OPTOUT)) != 0) {
            return Errors.TRACKING_BCAST_OPTIN;
        }
        if ((options & TrackingOptions.OPTIN) != 0 && (options & TrackingOptions.OPTOUT) != 0) {
            return Errors.TRACKING_OPTIN_OPTOUT;
        }
        if (now != null && (((options & TrackingOptions.OPTIN) != 0 && now.has(TrackingOptions.OPTOUT))
                || ((options & TrackingOptions.OPTOUT) != 0 && now.has(TrackingOptions.OPTIN)))) {
            return Errors.TRACKING_SWITCH_OPTIN;
        }
        return bcast ? collisions(now == null ? EMPTY : now.prefixes, prefixes) : null;
    }

    /** checkPrefixCollisionsOrReply: two prefixes collide when one starts the other. */
    private static String collisions(byte[][] existing, List<byte[]> given) {
        for (int i = 0; i < given.size(); i++) {
            byte[] p = given.get(i);
            for (byte[] x : existing) {
                if (overlap(x, p)) {
                    return Errors.prefixOverlapsExisting(latin1(p), latin1(x));
                }
            }
            for (int j = i + 1; j < given.size(); j++) {
                if (overlap(p, given.get(j))) {
                    return Errors.prefixOverlapsProvided(latin1(p), latin1(given.get(j)));
                }
            }
        }
        return null;
    }

    private static boolean overlap(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        return Arrays.equals(a, 0, n, b, 0, n);
    }

    /** The client's prefixes after enableTracking: those it had in BCAST mode plus the new ones ("" when none is given). */
    private static byte[][] prefixesAfter(TrackingOptions now, int options, List<byte[]> given) {
        if ((options & TrackingOptions.BCAST) == 0) {
            return EMPTY;
        }
        List<byte[]> all = new ArrayList<>();
        if (now != null) {
            all.addAll(Arrays.asList(now.prefixes));
        }
        for (byte[] p : given.isEmpty() ? Arrays.asList(ALL_KEYS) : given) {
            boolean known = false;
            for (byte[] x : all) {
                known |= Arrays.equals(x, p);
            }
            if (!known) {
                all.add(p);
            }
        }
        return all.toArray(EMPTY);
    }

    /** CLIENT CACHING yes|no: null when the flag was set. */
    private static String caching(Args a, ClientSession s) {
        TrackingOptions o = s.tracking;
        if (o == null) {
            return Errors.CACHING_NOT_TRACKING;
        }
        if (a.is(2, YES)) {
            if (!o.has(TrackingOptions.OPTIN)) {
                return Errors.CACHING_YES_NOT_OPTIN;
            }
        } else if (a.is(2, NO)) {
            if (!o.has(TrackingOptions.OPTOUT)) {
                return Errors.CACHING_NO_NOT_OPTOUT;
            }
        } else {
            return Errors.SYNTAX;
        }
        s.trackingCaching = true;
        return null;
    }

    /** Redis formats a prefix with %s: its bytes up to the first NUL. */
    private static String latin1(byte[] p) {
        int n = 0;
        while (n < p.length && p[n] != 0) {
            n++;
        }
        return new String(p, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
