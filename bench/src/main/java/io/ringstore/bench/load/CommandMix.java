package io.ringstore.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A weighted choice among command templates ({@code --mix set:1,get:9}). Built on the main thread,
 * then {@link #copy()}-ed once per {@link LoadWorker}, whose thread owns the copy (the templates are
 * mutable scratch).
 */
public final class CommandMix {
    private final CommandTemplate[] templates;
    private final long[] cumulativeWeights;
    private final long totalWeight;

    public CommandMix(List<CommandTemplate> templates, List<Long> weights) {
        if (templates.isEmpty() || templates.size() != weights.size()) {
            throw new IllegalArgumentException("mix: " + templates.size() + " commands, " + weights.size() + " weights");
        }
        this.templates = templates.toArray(new CommandTemplate[0]);
        this.cumulativeWeights = new long[templates.size()];
        long sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            final long w = weights.get(i);
            if (w < 1) {
                throw new IllegalArgumentException("weight of " + templates.get(i).name() + ": " + w + " (expected: >= 1)");
            }
            sum += w;
            cumulativeWeights[i] = sum;
        }
        this.totalWeight = sum;
    }

    public CommandMix copy() {
        final List<CommandTemplate> t = new ArrayList<>();
        final List<Long> w = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < templates.length; i++) {
            t.add(templates[i].copy());
            w.add(cumulativeWeights[i] - previous);
            previous = cumulativeWeights[i];
        }
        return new CommandMix(t, w);
    }

    public CommandTemplate next(SplittableRandom random) {
        if (templates.length == 1) {
            return templates[0];
        }
        final long r = random.nextLong(totalWeight);
        int i = 0;
        while (r >= cumulativeWeights[i]) {
            i++;
        }
        return templates[i];
    }

    /** Largest encoded request, to size write buffers. */
    public int maxEncodedLength() {
        int max = 0;
        for (CommandTemplate t : templates) {
            max = Math.max(max, t.encodedLength());
        }
        return max;
    }

    /** "set:1,get:9" form, for the summary. */
    public String describe() {
        final StringBuilder sb = new StringBuilder();
        long previous = 0;
        for (int i = 0; i < templates.length; i++) {
            sb.append(i == 0 ? "" : ",").append(templates[i].name()).append(':').append(cumulativeWeights[i] - previous);
            previous = cumulativeWeights[i];
        }
        return sb.toString();
    }
}
