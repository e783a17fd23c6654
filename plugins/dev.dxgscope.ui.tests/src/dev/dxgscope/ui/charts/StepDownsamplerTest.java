package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Level of detail: what the reduced series draws is what the full series draws, pixel column by column. */
class StepDownsamplerTest {
    @Test
    void reducedStepsCoverTheSamePixelsAsTheFullSeries() {
        Random r = new Random(42);
        int n = 200_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 1; i < n; i++) {
            x[i] = x[i - 1] + (r.nextInt(10) == 0 ? 0 : r.nextDouble() * 1e-4); /* equal times happen */
            y[i] = Math.max(0, y[i - 1] + (r.nextInt(3) - 1) * r.nextInt(1 << 20));
        }
        StepDownsampler d = new StepDownsampler();
        double[][] ranges = {{x[0], x[n - 1]}, {x[n / 3], x[n / 3 + 5000]}, {x[n / 2] - 1e-3, x[n / 2] + 1e-3},
            {-1, x[n - 1] + 1}, {x[10] + 1e-9, x[20000]}};
        for (double[] range : ranges) {
            for (int columns : new int[] {1, 7, 800, 1920}) {
                int kept = d.reduce(x, y, n, range[0], range[1], columns);
                /* four per column; the point before the range; the points at its right edge and the next one */
                assertTrue(kept <= 4 * columns + 5, kept + " kept for " + columns + " columns");
                double[] rx = new double[kept];
                double[] ry = new double[kept];
                int last = -1;
                for (int i = 0; i < kept; i++) {
                    rx[i] = d.x(i);
                    ry[i] = d.y(i);
                    assertTrue(d.sourceIndex(i) > last, "kept points keep their order");
                    last = d.sourceIndex(i);
                    assertEquals(x[last], rx[i]);
                    assertEquals(y[last], ry[i]);
                }
                double[][] full = coverage(x, y, n, range[0], range[1], columns);
                double[][] reduced = coverage(rx, ry, kept, range[0], range[1], columns);
                assertArrayEquals(full[0], reduced[0], "lowest value per column " + columns);
                assertArrayEquals(full[1], reduced[1], "highest value per column " + columns);
            }
        }
    }

    @Test
    void aMillionPointsReduceToAFewPerColumn() {
        int n = 1_000_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 1e-6;
            y[i] = (i * 7919L) % 1000;
        }
        StepDownsampler d = new StepDownsampler();
        int kept = d.reduce(x, y, n, 0, 1, 1500);
        assertTrue(kept <= 4 * 1500 + 5, "kept " + kept);
        long t = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            d.reduce(x, y, n, 0, 1, 1500);
        }
        System.out.printf("StepDownsampler: 1,000,000 points -> %d for 1500 columns in %.2f ms (mean of 20)%n", kept,
                (System.nanoTime() - t) / 20 / 1e6);
    }

    @Test
    void smallSeriesAndRangesOutsideTheDataAreKeptWhole() {
        double[] x = {1, 2, 3};
        double[] y = {5, 6, 7};
        StepDownsampler d = new StepDownsampler();
        assertEquals(3, d.reduce(x, y, 3, 0, 10, 100));
        assertEquals(0, d.reduce(x, y, 3, 5, 10, 100), "after the line's end: nothing");
        assertEquals(0, d.reduce(x, y, 3, -5, 0, 100), "before the line's start: nothing");
        assertEquals(2, d.reduce(x, y, 3, 3, 10, 100), "the last point at the left edge: kept");
        assertEquals(7, d.y(1));
        assertEquals(0, d.reduce(x, y, 0, 0, 1, 100));
        assertEquals(2, d.reduce(x, y, 3, 2.5, 2.6, 100), "inside one step: both ends");
    }

    @Test
    void markersKeepOnePerColumnOrAll() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 1000.0;
        }
        PointThinner t = new PointThinner();
        assertEquals(10, t.thin(x, x.length, 0, 1, 10));
        for (int i = 0; i < 10; i++) {
            assertEquals(i * 100, t.sourceIndex(i));
        }
        assertEquals(101, t.thin(x, x.length, 0.5, 0.6, 0), "columns <= 0: every visible marker");
        assertEquals(0, t.thin(x, x.length, 2, 3, 10));
    }

    /**
     * For each pixel column of [x0, x1], the lowest and highest value a step line through the points
     * touches (horizontal runs and vertical jumps); NaN where it touches none.
     */
    static double[][] coverage(double[] x, double[] y, int n, double x0, double x1, int columns) {
        double[] lo = new double[columns];
        double[] hi = new double[columns];
        java.util.Arrays.fill(lo, Double.NaN);
        java.util.Arrays.fill(hi, Double.NaN);
        double per = columns / (x1 - x0);
        for (int i = 0; i < n; i++) {
            if (i + 1 < n) {
                mark(lo, hi, col(x[i], x0, per), col(x[i + 1], x0, per), y[i], y[i]);
            }
            if (i > 0) {
                int c = col(x[i], x0, per);
                mark(lo, hi, c, c, Math.min(y[i - 1], y[i]), Math.max(y[i - 1], y[i]));
            }
        }
        return new double[][] {lo, hi};
    }

    private static int col(double x, double x0, double per) {
        double c = Math.floor((x - x0) * per);
        return (int) Math.max(-1, Math.min(Integer.MAX_VALUE - 1, c));
    }

    private static void mark(double[] lo, double[] hi, int from, int to, double a, double b) {
        for (int c = Math.max(0, from); c <= Math.min(lo.length - 1, to); c++) {
            lo[c] = Double.isNaN(lo[c]) ? a : Math.min(lo[c], a);
            hi[c] = Double.isNaN(hi[c]) ? b : Math.max(hi[c], b);
        }
    }
}
