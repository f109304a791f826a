package io.ringstore.engine.tracking;

import java.util.Arrays;

/**
 * One client's CLIENT TRACKING options as a value: the mode flags, the REDIRECT target (0 when
 * none) and the BCAST prefixes, sorted as Redis's rax keeps them (unsigned bytes). Immutable: each
 * successful CLIENT TRACKING builds a new one at ingress, which the I/O thread keeps on the
 * session and stamps on the event, and the shards copy it in ring order. Any thread.
 */
public final class TrackingOptions {
    public static final int BCAST = 1;
    public static final int OPTIN = 2;
    public static final int OPTOUT = 4;
    public static final int NOLOOP = 8;

    public final int flags;
    public final long redirect;
    /** Every BCAST prefix of the client, sorted; empty outside BCAST mode. */
    public final byte[][] prefixes;

    public TrackingOptions(int flags, long redirect, byte[][] prefixes) {
        this.flags = flags;
        this.redirect = redirect;
        byte[][] sorted = prefixes.clone();
        Arrays.sort(sorted, Arrays::compareUnsigned);
        this.prefixes = sorted;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
