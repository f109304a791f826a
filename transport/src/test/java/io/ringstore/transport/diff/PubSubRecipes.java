package io.ringstore.transport.diff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.ringstore.transport.diff.Normalizer.EXACT;
import static io.ringstore.transport.diff.Normalizer.SORTED;

/**
 * Recipes of the pub/sub family for the random stream: PUBLISH and SPUBLISH to a small channel
 * pool, PUBSUB CHANNELS / NUMSUB / NUMPAT / SHARDCHANNELS / SHARDNUMSUB / HELP. Not part of
 * {@link CommandGenerator#allRecipes()}: SubscribedStreamDifferentialTest asks for them, with
 * subscribers of {@link #CHANNELS} and {@link #PATTERNS} connected (StreamSubscribers), so the
 * streams of the other differential tests keep their seeds. The stream's own connection never
 * subscribes (RESP2 subscribed mode would refuse the rest of the stream); the scenarios of
 * PubSubScenarios cover subscribing.
 */
final class PubSubRecipes {
    static final String FAMILY = "pubsub";

    /** Channels the subscribers listen to, and a few nobody does. */
    static final String[] CHANNELS = {"news.fx", "news.rates", "chat", "c1", "h[a]llo", "hallo", ""};
    static final String[] PATTERNS = {"news.*", "c?", "h[a]llo", "*a*"};
    private static final String[] PUBLISHED = {"news.fx", "news.rates", "chat", "c1", "c2", "h[a]llo", "hallo",
        "hbllo", "", "nobody", "caf\u00e9"};
    private static final String[] CHANNEL_PATTERNS = {"*", "news.*", "c?", "h[a]llo", "h\\[a]llo", "[^n]*", "nomatch"};

    private PubSubRecipes() {
    }

    static List<Recipe> all() {
        List<Recipe> r = new ArrayList<>();
        r.add(new Recipe("publish", FAMILY, 16, EXACT, g -> g.add(g.pick("PUBLISH", "publish"), g.pick(PUBLISHED))
                .add(g.value())));
        r.add(new Recipe("spublish", FAMILY, 2, EXACT, g -> g.add("SPUBLISH", g.pick(PUBLISHED)).add(g.value())));
        r.add(new Recipe("pubsub|channels", FAMILY, 1, SORTED, g -> {
            g.add("PUBSUB", "CHANNELS");
            if (g.chance(0.7)) {
                g.add(g.pick(CHANNEL_PATTERNS));
            }
        }));
        r.add(new Recipe("pubsub|numsub", FAMILY, 1, EXACT, g -> {
            g.add("PUBSUB", "NUMSUB");
            for (int n = g.between(0, 3); n > 0; n--) {
                g.add(g.pick(PUBLISHED));
            }
        }));
        r.add(new Recipe("pubsub|numpat", FAMILY, 1, EXACT, g -> g.add("PUBSUB", "NUMPAT")));
        r.add(new Recipe("pubsub|shardchannels", FAMILY, 1, SORTED, g -> {
            g.add("PUBSUB", "SHARDCHANNELS");
            if (g.chance(0.5)) {
                g.add(g.pick(CHANNEL_PATTERNS));
            }
        }));
        r.add(new Recipe("pubsub|shardnumsub", FAMILY, 1, EXACT, g -> {
            g.add("PUBSUB", "SHARDNUMSUB");
            for (int n = g.between(0, 2); n > 0; n--) {
                g.add(g.pick(PUBLISHED));
            }
        }));
        r.add(new Recipe("pubsub|help", FAMILY, 1, EXACT, g -> g.add("PUBSUB", "HELP")));
        return Collections.unmodifiableList(r);
    }
}
