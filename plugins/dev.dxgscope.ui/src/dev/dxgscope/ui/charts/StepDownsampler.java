package dev.dxgscope.ui.charts;

import java.util.Arrays;

/**
 * Level of detail for a step function (a value that holds from one x to the next): keeps, for each
 * pixel column of the visible x-range, the first, lowest, highest and last point, in their order.
 * Drawn as steps, the result covers exactly the pixels the full series covers (every vertical jump
 * stays inside [min, max] of its column, every horizontal run keeps its value), with at most four
 * points per column. Points just outside the range are kept so the line reaches both edges; a line
 * that ends before the range (its last point is its end) or starts after it keeps nothing.
 * <p>
 * Cost: two binary searches plus one pass over the points inside the range (no allocation once the
 * buffers have grown); a million visible points take a few milliseconds. No SWT or JFreeChart: one
 * instance per series, reused on every zoom, pan and resize. Not thread-safe.
 */
public final class StepDownsampler {
    private double[] outX = new double[64];
    private double[] outY = new double[64];
    private int[] outIndex = new int[64];
    private int size;

    /** A copy of what the last {@link #reduce} kept (a chart cloned for drawing elsewhere). */
    public StepDownsampler copy() {
        StepDownsampler c = new StepDownsampler();
        c.outX = Arrays.copyOf(outX, Math.max(size, 1));
        c.outY = Arrays.copyOf(outY, Math.max(size, 1));
        c.outIndex = Arrays.copyOf(outIndex, Math.max(size, 1));
        c.size = size;
        return c;
    }

    /** Points kept by the last {@link #reduce}. */
    public int size() {
        return size;
    }

    public double x(int i) {
        return outX[i];
    }

    public double y(int i) {
        return outY[i];
    }

    /** The index in the full series of kept point {@code i}. */
    public int sourceIndex(int i) {
        return outIndex[i];
    }

    /**
     * Reduces the first {@code n} points of a series ({@code x} ascending) to what {@code columns}
     * pixel columns spanning [x0, x1] can show; returns the number of points kept.
     */
    public int reduce(double[] x, double[] y, int n, double x0, double x1, int columns) {
        size = 0;
        if (n <= 0) {
            return 0;
        }
        int cols = Math.max(1, columns);
        int inside = upperBound(x, n, Math.nextDown(x0)); /* the first point at or after x0 */
        int after = upperBound(x, n, x1); /* the first point after x1 */
        if (inside == n || after == 0) {
            return 0; /* the line ends before the range or starts after it */
        }
        int start = Math.max(0, inside - 1); /* the value in effect before x0 */
        int end = Math.min(n, after + 1); /* and the first change after x1 */
        if (end - start <= 4 * cols || !(x1 > x0)) {
            ensure(end - start);
            for (int i = start; i < end; i++) {
                put(x, y, i);
            }
            return size;
        }
        ensure(4 * (cols + 2));
        double perColumn = cols / (x1 - x0);
        long column = Long.MIN_VALUE;
        int first = -1;
        int min = -1;
        int max = -1;
        int last = -1;
        for (int i = start; i < end; i++) {
            long c = x[i] < x0 ? -1 : x[i] > x1 ? cols : (long) ((x[i] - x0) * perColumn);
            if (c != column) {
                if (first >= 0) {
                    flush(x, y, first, min, max, last);
                }
                column = c;
                first = i;
                min = i;
                max = i;
            } else if (y[i] < y[min]) {
                min = i;
            } else if (y[i] > y[max]) {
                max = i;
            }
            last = i;
        }
        flush(x, y, first, min, max, last);
        return size;
    }

    /** Emits a column's first, min, max and last points in index order, each once. */
    private void flush(double[] x, double[] y, int first, int min, int max, int last) {
        int lo = Math.min(min, max);
        int hi = Math.max(min, max);
        put(x, y, first);
        if (lo != first) {
            put(x, y, lo);
        }
        if (hi != lo && hi != first) {
            put(x, y, hi);
        }
        if (last != hi && last != lo && last != first) {
            put(x, y, last);
        }
    }

    private void put(double[] x, double[] y, int i) {
        outX[size] = x[i];
        outY[size] = y[i];
        outIndex[size] = i;
        size++;
    }

    private void ensure(int capacity) {
        if (outX.length < capacity) {
            int c = Math.max(capacity, outX.length * 2);
            outX = Arrays.copyOf(outX, c);
            outY = Arrays.copyOf(outY, c);
            outIndex = Arrays.copyOf(outIndex, c);
        }
    }

    /** The first index whose x is greater than {@code v} ({@code n} when none). */
    static int upperBound(double[] x, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
