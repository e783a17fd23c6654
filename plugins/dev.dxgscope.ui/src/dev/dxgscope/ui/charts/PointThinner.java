package dev.dxgscope.ui.charts;

import java.util.Arrays;

/**
 * Level of detail for markers: keeps the first point of each pixel column of the visible x-range
 * (markers in one column would be drawn on top of each other anyway). Cost: two binary searches
 * and one pass over the visible points; no SWT or JFreeChart. One instance per marker series,
 * reused on every zoom. Not thread-safe.
 */
public final class PointThinner {
    private int[] kept = new int[64];
    private int size;

    /** A copy of what the last {@link #thin} kept (a chart cloned for drawing elsewhere). */
    public PointThinner copy() {
        PointThinner c = new PointThinner();
        c.kept = Arrays.copyOf(kept, Math.max(size, 1));
        c.size = size;
        return c;
    }

    public int size() {
        return size;
    }

    /** The index in the full series of kept point {@code i}. */
    public int sourceIndex(int i) {
        return kept[i];
    }

    /**
     * Thins the first {@code n} points ({@code x} ascending) to one per pixel column of
     * [x0, x1]; with {@code columns <= 0} keeps every visible point. Returns the number kept.
     */
    public int thin(double[] x, int n, double x0, double x1, int columns) {
        size = 0;
        int lo = StepDownsampler.upperBound(x, n, Math.nextDown(x0)); /* first x >= x0 */
        int hi = StepDownsampler.upperBound(x, n, x1);
        if (hi <= lo) {
            return 0;
        }
        boolean all = columns <= 0 || hi - lo <= columns || !(x1 > x0);
        if (kept.length < (all ? hi - lo : columns + 1)) {
            kept = Arrays.copyOf(kept, Math.max(all ? hi - lo : columns + 1, kept.length * 2));
        }
        double perColumn = all ? 0 : columns / (x1 - x0);
        long column = Long.MIN_VALUE;
        for (int i = lo; i < hi; i++) {
            long c = all ? i : (long) ((x[i] - x0) * perColumn);
            if (c != column) {
                kept[size++] = i;
                column = c;
            }
        }
        return size;
    }
}
