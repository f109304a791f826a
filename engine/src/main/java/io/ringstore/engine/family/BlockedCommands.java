package io.ringstore.engine.family;

import io.ringstore.engine.block.BlockedCommand;
import io.ringstore.engine.family.lists.BlockingLists;
import io.ringstore.engine.family.streams.StreamReads;
import io.ringstore.engine.family.zsets.BlockingZsets;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@link BlockedCommand} a waiter of each blocking command carries, by command name: what a
 * snapshot's waiter record (which stores the command's arguments) is re-created with. Must name
 * every command that calls {@code Blocking.block}; {@code BlockedCommandsTest} checks the table's
 * blocking rows against it. Stateless; any thread.
 */
public final class BlockedCommands {
    private BlockedCommands() {
    }

    /** The waiter behaviour of blocking command {@code name} (any case), or null. */
    public static BlockedCommand forName(byte[] name) {
        switch (new String(name, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)) {
            case "blpop":
                return BlockingLists.BLPOP;
            case "brpop":
                return BlockingLists.BRPOP;
            case "blmove":
                return BlockingLists.BLMOVE;
            case "brpoplpush":
                return BlockingLists.BRPOPLPUSH;
            case "blmpop":
                return BlockingLists.BLMPOP;
            case "bzpopmin":
                return BlockingZsets.BZPOPMIN;
            case "bzpopmax":
                return BlockingZsets.BZPOPMAX;
            case "bzmpop":
                return BlockingZsets.BZMPOP;
            case "xread":
                return StreamReads.XREAD_WAIT;
            case "xreadgroup":
                return StreamReads.XREADGROUP_WAIT;
            default:
                return null;
        }
    }
}
