package io.ringstore.bench.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

/**
 * Latency by percentile as a PNG, drawn the way HdrHistogram's plotter draws it: the x axis is
 * 1/(1-percentile) on a log scale (ticks at 90%, 99%, 99.9%, ...) so the tail gets room, the y axis
 * is latency in microseconds. Several runs share one chart, one colour each. Plain Java2D and
 * ImageIO, no charting dependency. Main thread only ({@code scripts/ringstore-bench plot ...}, or
 * {@code --plot} at the end of a run).
 */
public final class LatencyPlot {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    /** One line of the chart. Latencies in nanoseconds. */
    public record Series(String label, Histogram histogram) {
    }

    private LatencyPlot() {
    }

    /** {@code plot OUT.png RUN.hlog...}: every interval of each log summed into one line. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args[0].startsWith("-")) {
            System.out.println("Usage: ringstore-bench plot OUT.png RUN.hlog [RUN.hlog...]   latency by percentile, one line per run");
            System.exit(args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")) ? 0 : 2);
        }
        final List<Series> series = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            series.add(new Series(label(args[i]), readLog(new File(args[i]))));
        }
        write(series, Path.of(args[0]), "latency by percentile");
        System.out.println("wrote " + args[0]);
    }

    static String label(String file) {
        final String name = new File(file).getName();
        return name.endsWith(".hlog") ? name.substring(0, name.length() - 5) : name;
    }

    /** Sums every interval histogram of an interval log written by {@link LoadGenerator}. */
    public static Histogram readLog(File hlog) throws FileNotFoundException {
        final Histogram total = new Histogram(LoadOptions.HIGHEST_TRACKABLE_NS, 3);
        final HistogramLogReader reader = new HistogramLogReader(hlog);
        while (reader.hasNext()) {
            total.add((Histogram) reader.nextIntervalHistogram());
        }
        return total;
    }

    public static void write(List<Series> series, Path png, String title) throws IOException {
        double maxX = 100;       // 99% at least
        double maxYUs = 1;
        for (Series s : series) {
            if (s.histogram().getTotalCount() > 0) {
                maxX = Math.max(maxX, s.histogram().getTotalCount());
                maxYUs = Math.max(maxYUs, s.histogram().getMaxValue() / 1000.0);
            }
        }
        maxX = Math.pow(10, Math.ceil(Math.log10(maxX)));
        final double yTop = niceCeiling(maxYUs);

        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        final int plotW = WIDTH - LEFT - RIGHT;
        final int plotH = HEIGHT - TOP - BOTTOM;
        final double logMaxX = Math.log10(maxX);

        for (int d = 0; d <= (int) logMaxX; d++) {                    // x ticks: 0%, 90%, 99%, ...
            final int x = LEFT + (int) Math.round(plotW * d / logMaxX);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            final String tick = d == 0 ? "0%" : percentLabel(100 - 100 / Math.pow(10, d));
            final int w = g.getFontMetrics().stringWidth(tick);
            g.drawString(tick, Math.min(x - w / 2, WIDTH - w - 4), TOP + plotH + 18);
        }
        for (int i = 0; i <= 5; i++) {                                  // y ticks
            final int y = TOP + plotH - (int) Math.round(plotH * i / 5.0);
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            final String tick = String.format(Locale.ROOT, "%,.0f", yTop * i / 5);
            g.drawString(tick, LEFT - 8 - g.getFontMetrics().stringWidth(tick), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString("percentile", LEFT + plotW / 2 - 30, HEIGHT - 15);
        g.drawString("latency (µs)", 10, TOP - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT + plotW / 2 - g.getFontMetrics().stringWidth(title) / 2, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.size(); s++) {
            final Series run = series.get(s);
            final Color colour = COLOURS[s % COLOURS.length];
            g.setColor(colour);
            int px = -1;
            int py = -1;
            for (HistogramIterationValue v : run.histogram().percentiles(5)) {
                final double p = v.getPercentileLevelIteratedTo() / 100.0;
                if (p >= 1.0) {
                    break;
                }
                final double xv = Math.log10(1 / (1 - p)) / logMaxX;
                final int x = LEFT + (int) Math.round(plotW * Math.min(1, xv));
                final int y = TOP + plotH - (int) Math.round(plotH * (v.getValueIteratedTo() / 1000.0) / yTop);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            final int ly = TOP + 18 + 18 * s;                           // legend
            g.drawLine(LEFT + 12, ly - 4, LEFT + 36, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%s  (p50 %,.0f, p99 %,.0f, max %,.0f µs)", run.label(),
                run.histogram().getValueAtPercentile(50) / 1000.0, run.histogram().getValueAtPercentile(99) / 1000.0,
                run.histogram().getMaxValue() / 1000.0), LEFT + 42, ly);
        }
        g.dispose();
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static String percentLabel(double percent) {
        String s = String.format(Locale.ROOT, "%.6f", percent);
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    /** 1, 2 or 5 times a power of ten, at or above v. */
    private static double niceCeiling(double v) {
        final double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
