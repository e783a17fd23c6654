package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A million-point step series in a real {@link ChartCanvas} (SWT under Xvfb): zooming and panning
 * reduce it to the view and repaint. Prints the repaint times, with the same chart drawn from every
 * point as the baseline (no timed assertions: the machines are shared and noisy).
 */
class LevelOfDetailRepaintTest {
    private static final int POINTS = 1_000_000;
    private Shell shell;

    @BeforeEach
    void open() {
        shell = new Shell(Display.getDefault());
        shell.setLayout(new FillLayout());
        shell.setSize(1400, 700);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    @Test
    void aMillionPointsRepaintFromTheirLevelOfDetail() {
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        java.util.Random r = new java.util.Random(7);
        for (int i = 1; i < POINTS; i++) {
            x[i] = x[i - 1] + 1e-5 * (0.5 + r.nextDouble());
            y[i] = Math.max(0, Math.min(256L << 20, y[i - 1] + (r.nextInt(3) - 1) * (1L << 20)));
        }
        StepDataset lod = new StepDataset();
        lod.setSeries(List.of(new StepDataset.Steps("resident", x, y)));
        ChartCanvas canvas = canvas(lod);
        shell.open();
        paint(canvas); /* warm-up: fonts, classes */
        paint(canvas);
        double full = x[POINTS - 1];
        long[] times = new long[20];
        int maxItems = 0;
        for (int i = 0; i < times.length; i++) {
            /* alternate zoom levels and pans, each a new range: reduce, then repaint */
            double width = full / (1 + (i % 5) * 4);
            double from = (full - width) * (i % 7) / 6;
            long t = System.nanoTime();
            canvas.domainAxis().setRange(from, from + width);
            paint(canvas);
            times[i] = System.nanoTime() - t;
            maxItems = Math.max(maxItems, lod.getItemCount(0));
        }
        canvas.resetZoom();
        long t = System.nanoTime();
        paint(canvas);
        long fullView = System.nanoTime() - t;
        java.util.Arrays.sort(times);
        assertTrue(maxItems <= 4 * 1400 + 5, "reduced to the pixel width: " + maxItems);

        /* baseline: the same chart drawing every point (the view spans 100 million columns) */
        StepDataset all = new StepDataset();
        all.setSeries(List.of(new StepDataset.Steps("resident", x, y)));
        ChartCanvas plain = canvas(all);
        plain.setLevelOfDetail(List.of());
        all.setView(0, full, 100_000_000);
        paint(plain);
        long base = System.nanoTime();
        plain.getChart().fireChartChanged(); /* the buffer is drawn again only when the chart changed */
        paint(plain);
        base = System.nanoTime() - base;
        System.out.printf(Locale.ROOT, "Level of detail, %,d points, %dx%d chart: zoom/pan repaint median %.1f ms, "
                + "max %.1f ms (20 ranges, <= %d items drawn); whole range %.1f ms; without level of detail %.0f ms "
                + "(%.0fx slower)%n", POINTS, shell.getSize().x, shell.getSize().y, times[times.length / 2] / 1e6,
                times[times.length - 1] / 1e6, maxItems, fullView / 1e6, base / 1e6,
                base / (double) times[times.length / 2]);
        assertTrue(all.getItemCount(0) == POINTS, "the baseline draws every point");
    }

    private ChartCanvas canvas(StepDataset d) {
        for (var c : shell.getChildren()) {
            c.dispose();
        }
        StepPathRenderer renderer = new StepPathRenderer();
        XYPlot plot = new XYPlot(d, ChartStyle.timeAxis(), ChartStyle.byteAxis("Resident bytes"), renderer);
        ChartStyle.plot(plot);
        JFreeChart chart = ChartStyle.chart("1,000,000 points", plot);
        ChartCanvas canvas = new ChartCanvas(shell, chart);
        canvas.addLevelOfDetail(d);
        shell.layout(true, true);
        return canvas;
    }

    /** Draws the chart into its buffer (when it changed since the last paint) and onto the screen now. */
    private static void paint(ChartCanvas c) {
        c.forceRedraw();
        c.canvas().update();
        Display d = c.getDisplay();
        while (d.readAndDispatch()) {
            /* drain */
        }
    }
}
