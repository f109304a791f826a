package io.ringstore.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Who subscribes to what in a pub/sub run, decided once on the main thread from the options:
 *
 * <ul>
 *   <li>no patterns: every subscriber sends {@code SUBSCRIBE channel}; a publish reaches all S;</li>
 *   <li>{@code --patterns N --matching M}: N patterns spread round-robin over the S subscribers
 *       (pattern i goes to subscriber i mod S), one {@code PSUBSCRIBE} each. Patterns 0..M-1 match
 *       the channel (its prefixes: {@code channel*}, {@code channe*}, ...), the others cannot
 *       ({@code channel.<i>.*} needs more characters than the channel has); a publish reaches M;</li>
 *   <li>{@code --psubscribe P} (repeatable): the given patterns spread the same way, receivers per
 *       publish unknown (e.g. {@code __keyevent@0__:*} beside a SET load).</li>
 * </ul>
 */
public final class SubscriptionPlan {
    private final List<List<String>> commands;      // per subscriber: SUBSCRIBE or PSUBSCRIBE and its arguments
    private final long confirmations;
    private final long receiversPerPublish;         // -1: unknown

    private SubscriptionPlan(List<List<String>> commands, long confirmations, long receiversPerPublish) {
        this.commands = commands;
        this.confirmations = confirmations;
        this.receiversPerPublish = receiversPerPublish;
    }

    /**
     * The plan for {@code subscribers} connections; {@code explicitPatterns} wins over generated
     * ones. Throws {@link IllegalArgumentException} with a message for the user.
     */
    public static SubscriptionPlan of(int subscribers, String channel, int patterns, int matching,
                                      List<String> explicitPatterns) {
        if (subscribers < 1) {
            throw new IllegalArgumentException("subscribers: " + subscribers + " (expected: >= 1)");
        }
        final List<List<String>> commands = new ArrayList<>(subscribers);
        if (explicitPatterns.isEmpty() && patterns == 0) {
            for (int s = 0; s < subscribers; s++) {
                commands.add(List.of("SUBSCRIBE", channel));
            }
            return new SubscriptionPlan(commands, subscribers, subscribers);
        }
        final List<String> all = explicitPatterns.isEmpty() ? generate(channel, patterns, matching) : explicitPatterns;
        if (all.size() < subscribers) {
            throw new IllegalArgumentException("patterns: " + all.size() + " (expected: >= subscribers " + subscribers
                + ", each subscriber needs one)");
        }
        for (int s = 0; s < subscribers; s++) {
            final List<String> command = new ArrayList<>();
            command.add("PSUBSCRIBE");
            for (int i = s; i < all.size(); i += subscribers) {
                command.add(all.get(i));
            }
            commands.add(List.copyOf(command));
        }
        return new SubscriptionPlan(commands, all.size(), explicitPatterns.isEmpty() ? matching : -1);
    }

    /** N patterns of which the first M match {@code channel} and the others cannot. */
    static List<String> generate(String channel, int patterns, int matching) {
        if (channel.isEmpty() || channel.matches(".*[*?\\[\\]\\\\].*")) {
            throw new IllegalArgumentException("channel: '" + channel + "' (expected: no glob characters * ? [ ] \\)");
        }
        if (matching < 0 || matching > patterns || matching > channel.length()) {
            throw new IllegalArgumentException("matching: " + matching + " (expected: 0 .. min(patterns " + patterns
                + ", channel length " + channel.length() + "))");
        }
        final List<String> out = new ArrayList<>(patterns);
        for (int i = 0; i < patterns; i++) {
            out.add(i < matching ? channel.substring(0, channel.length() - i) + "*" : channel + "." + i + ".*");
        }
        return out;
    }

    public int subscribers() {
        return commands.size();
    }

    /** Subscriber {@code s}'s command, e.g. {@code [PSUBSCRIBE, channel*, channel.1.*]}. */
    public List<String> command(int s) {
        return commands.get(s);
    }

    /** Subscribe/psubscribe confirmations to wait for before publishing. */
    public long confirmations() {
        return confirmations;
    }

    /** How many messages one PUBLISH to the channel delivers, or -1 when not known. */
    public long receiversPerPublish() {
        return receiversPerPublish;
    }
}
