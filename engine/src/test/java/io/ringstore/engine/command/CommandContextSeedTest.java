package io.ringstore.engine.command;

import io.ringstore.engine.EngineContext;
import io.ringstore.engine.RequestEvent;
import io.ringstore.engine.SessionRegistry;
import io.ringstore.engine.ThreadProfile;
import io.ringstore.engine.config.Config;
import io.ringstore.engine.family.Commands;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Randomness is seeded from the journal sequence, so a replayed write draws what it drew live. */
class CommandContextSeedTest {
    private static CommandContext context(long sequenceBase) {
        EngineContext ctx = new EngineContext(Commands.table(), new Config(), new SessionRegistry(),
                new ThreadProfile(1, 1, "phased", false, true));
        ctx.sequenceBase = sequenceBase;
        return new CommandContext(ctx);
    }

    @Test
    void shouldDrawTheSameRandomNumbersLiveAndOnReplayOfTheSameJournalSequence() {
        RequestEvent live = new RequestEvent();
        CommandContext a = context(1000);
        a.bind(live, 42, 0); // journal sequence 1042

        RequestEvent replayed = new RequestEvent();
        replayed.replayed = true;
        replayed.replaySeq = 1042;
        CommandContext b = context(0);
        b.bind(replayed, 7, 0); // a different ring sequence at replay

        for (int i = 0; i < 3; i++) {
            assertEquals(a.nextRandom(), b.nextRandom());
        }
        a.bind(live, 43, 0);
        b.bind(replayed, 7, 0);
        assertNotEquals(a.nextRandom(), b.nextRandom());
    }
}
