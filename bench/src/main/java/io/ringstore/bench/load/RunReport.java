package io.ringstore.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a finished run: the summary table (stdout), {@code NAME.hgrm} (HdrHistogram percentile
 * distribution, microseconds), {@code NAME.json} and, with {@code --plot}, {@code NAME.png}. The interval log {@code NAME.hlog} is written
 * while the run goes, by {@link LoadGenerator}. Main thread only.
 */
public final class RunReport {
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private RunReport() {
    }

    public static void printSummary(RunResult r, PrintStream out) {
        out.println();
        out.println("ringstore-bench " + r.options().name + ": " + r.options().describe());
        out.printf(Locale.ROOT, "%14s %14s %10s %12s %11s %10s%n",
            "requests", "throughput/s", "errors", "disconnects", "unanswered", "seconds");
        out.printf(Locale.ROOT, "%,14d %,14.0f %,10d %,12d %,11d %10.2f%n",
            r.replies(), r.throughputPerSecond(), r.errors(), r.disconnects(), r.unanswered(), r.measuredSeconds());
        out.printf(Locale.ROOT, "%10s %10s %10s %10s %10s %10s %10s%n",
            "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "p99.99 µs", "max µs", "mean µs");
        out.printf(Locale.ROOT, "%10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f%n",
            r.percentileUs(50), r.percentileUs(90), r.percentileUs(99), r.percentileUs(99.9),
            r.percentileUs(99.99), r.maxUs(), r.meanUs());
        if (r.delivery() != null) {
            printDelivery(r.delivery(), out);
        }
    }

    /** The subscriber side: the same layout, messages instead of requests, publish-to-receive latency. */
    static void printDelivery(DeliveryResult d, PrintStream out) {
        out.printf(Locale.ROOT, "delivered to %,d subscribers (%,d subscriptions), latency publish to receive%n",
            d.subscribers(), d.confirmations());
        out.printf(Locale.ROOT, "%14s %14s %10s %12s %11s %10s %10s%n",
            "messages", "delivered/s", "errors", "disconnects", "missing", "seconds", "sub busy %");
        out.printf(Locale.ROOT, "%,14d %,14.0f %,10d %,12d %11s %10.2f %10.0f%n",
            d.delivered(), d.deliveredPerSecond(), d.errors(), d.disconnects(),
            d.expected() < 0 ? "-" : String.format(Locale.ROOT, "%,d", d.missing()), d.measuredSeconds(), d.busyPercent());
        if (d.histogram().getTotalCount() == 0) {
            out.printf(Locale.ROOT, "(no timed messages: %,d untimed, latency not recorded)%n", d.untimed());
            return;
        }
        out.printf(Locale.ROOT, "%10s %10s %10s %10s %10s %10s %10s%n",
            "p50 µs", "p90 µs", "p99 µs", "p99.9 µs", "p99.99 µs", "max µs", "mean µs");
        out.printf(Locale.ROOT, "%10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f%n",
            d.percentileUs(50), d.percentileUs(90), d.percentileUs(99), d.percentileUs(99.9),
            d.percentileUs(99.99), d.maxUs(), d.meanUs());
    }

    /** Writes NAME.hgrm and NAME.json into {@code dir}. */
    public static void writeFiles(RunResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (PrintStream hgrm = new PrintStream(Files.newOutputStream(dir.resolve(r.options().name + ".hgrm")),
                false, StandardCharsets.UTF_8)) {
            r.histogram().outputPercentileDistribution(hgrm, 5, 1000.0); // ns recorded, µs printed
        }
        if (r.delivery() != null) {
            try (PrintStream hgrm = new PrintStream(Files.newOutputStream(dir.resolve(r.options().name + ".delivery.hgrm")),
                    false, StandardCharsets.UTF_8)) {
                r.delivery().histogram().outputPercentileDistribution(hgrm, 5, 1000.0);
            }
        }
        Files.writeString(dir.resolve(r.options().name + ".json"), json(r), StandardCharsets.UTF_8);
        if (r.options().plot) {
            LatencyPlot.write(List.of(new LatencyPlot.Series(r.options().name, r.histogram())),
                dir.resolve(r.options().name + ".png"), r.options().name + ": " + r.options().mix.describe());
        }
    }

    static String json(RunResult r) {
        final StringBuilder sb = new StringBuilder(1024);
        sb.append("{\n  \"name\": ").append(quote(r.options().name)).append(",\n  \"settings\": {");
        boolean first = true;
        for (Map.Entry<String, Object> e : r.options().describe().entrySet()) {
            sb.append(first ? "\n" : ",\n").append("    ").append(quote(e.getKey())).append(": ");
            final Object v = e.getValue();
            sb.append(v instanceof Number ? number(((Number) v).doubleValue()) : quote(String.valueOf(v)));
            first = false;
        }
        sb.append("\n  },\n");
        sb.append("  \"requests\": ").append(r.replies()).append(",\n");
        sb.append("  \"errors\": ").append(r.errors()).append(",\n");
        sb.append("  \"disconnects\": ").append(r.disconnects()).append(",\n");
        sb.append("  \"unanswered\": ").append(r.unanswered()).append(",\n");
        sb.append("  \"measuredSeconds\": ").append(number(r.measuredSeconds())).append(",\n");
        sb.append("  \"throughputPerSecond\": ").append(number(r.throughputPerSecond())).append(",\n");
        sb.append("  \"latencyUs\": {");
        for (double p : PERCENTILES) {
            sb.append("\"p").append(p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)).append("\": ")
                .append(number(r.percentileUs(p))).append(", ");
        }
        sb.append("\"max\": ").append(number(r.maxUs())).append(", \"mean\": ").append(number(r.meanUs())).append("}");
        final DeliveryResult d = r.delivery();
        if (d != null) {
            sb.append(",\n  \"delivery\": {\n");
            sb.append("    \"subscribers\": ").append(d.subscribers()).append(",\n");
            sb.append("    \"subscriptions\": ").append(d.confirmations()).append(",\n");
            sb.append("    \"delivered\": ").append(d.delivered()).append(",\n");
            sb.append("    \"untimed\": ").append(d.untimed()).append(",\n");
            sb.append("    \"expected\": ").append(d.expected()).append(",\n");
            sb.append("    \"missing\": ").append(d.missing()).append(",\n");
            sb.append("    \"errors\": ").append(d.errors()).append(",\n");
            sb.append("    \"disconnects\": ").append(d.disconnects()).append(",\n");
            sb.append("    \"measuredSeconds\": ").append(number(d.measuredSeconds())).append(",\n");
            sb.append("    \"deliveredPerSecond\": ").append(number(d.deliveredPerSecond())).append(",\n");
            sb.append("    \"subscriberBusyPercent\": ").append(number(d.busyPercent())).append(",\n");
            sb.append("    \"latencyUs\": {");
            for (double p : PERCENTILES) {
                sb.append("\"p").append(p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)).append("\": ")
                    .append(number(d.percentileUs(p))).append(", ");
            }
            sb.append("\"max\": ").append(number(d.maxUs())).append(", \"mean\": ").append(number(d.meanUs())).append("}\n  }");
        }
        sb.append("\n}\n");
        return sb.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    static String quote(String s) {
        final StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
