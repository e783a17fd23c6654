package dev.dxgscope.ui.charts;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.Range;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * Step series (resident bytes, budgets, fence values) of any length, shown through a
 * {@link StepDownsampler} per series: the plot only ever iterates the few thousand points the
 * visible range needs, so zooming out over a million points repaints as fast as over a hundred.
 * UI thread only.
 */
public final class StepDataset extends AbstractXYDataset implements LevelOfDetail,
        org.jfree.chart.util.PublicCloneable {
    private static final long serialVersionUID = 1L;

    /** One series: x ascending; y holds from x[i] to x[i+1]. The arrays are kept, not copied. */
    public record Steps(String key, double[] x, double[] y) {
    }

    private List<Steps> series = List.of();
    private List<StepDownsampler> reduced = new ArrayList<>();
    private double x0 = Double.NaN;
    private double x1 = Double.NaN;
    private int columns = 2000;

    /**
     * A copy that another thread may draw while this one changes with the view: the series are
     * shared (never changed), what the view shows of them is copied.
     */
    @Override
    public StepDataset clone() throws CloneNotSupportedException {
        StepDataset c = (StepDataset) super.clone();
        c.reduced = new ArrayList<>(reduced.size());
        for (StepDownsampler r : reduced) {
            c.reduced.add(r.copy());
        }
        return c;
    }

    /** Replaces every series and reduces them for the current view. */
    public void setSeries(List<Steps> list) {
        series = List.copyOf(list);
        while (reduced.size() < series.size()) {
            reduced.add(new StepDownsampler());
        }
        reduce();
        fireDatasetChanged();
    }

    public List<Steps> series() {
        return series;
    }

    @Override
    public void setView(double from, double to, int width) {
        if (from == x0 && to == x1 && width == columns) {
            return;
        }
        x0 = from;
        x1 = to;
        columns = width;
        reduce();
        fireDatasetChanged();
    }

    private void reduce() {
        Range all = getDomainBounds(false);
        double from = Double.isNaN(x0) ? all == null ? 0 : all.getLowerBound() : x0;
        double to = Double.isNaN(x1) ? all == null ? 0 : all.getUpperBound() : x1;
        for (int s = 0; s < series.size(); s++) {
            Steps st = series.get(s);
            reduced.get(s).reduce(st.x(), st.y(), st.x().length, from, to, columns);
        }
    }

    /** The value of a step series at x, NaN before its first point or after its last (its end). */
    public static double valueAt(double[] x, double[] y, double at) {
        int i = StepDownsampler.upperBound(x, x.length, at);
        return i == 0 || at > x[x.length - 1] ? Double.NaN : y[i - 1];
    }

    /** Index into the full series of visible item {@code item}. */
    public int sourceIndex(int s, int item) {
        return reduced.get(s).sourceIndex(item);
    }

    /** Sorted by x: the plot finds the visible items by binary search, keeping one either side. */
    @Override
    public org.jfree.data.DomainOrder getDomainOrder() {
        return org.jfree.data.DomainOrder.ASCENDING;
    }

    @Override
    public int getSeriesCount() {
        return series.size();
    }

    @Override
    public Comparable<?> getSeriesKey(int s) {
        return series.get(s).key();
    }

    @Override
    public int getItemCount(int s) {
        return reduced.get(s).size();
    }

    @Override
    public Number getX(int s, int item) {
        return reduced.get(s).x(item);
    }

    @Override
    public double getXValue(int s, int item) {
        return reduced.get(s).x(item);
    }

    @Override
    public Number getY(int s, int item) {
        return reduced.get(s).y(item);
    }

    @Override
    public double getYValue(int s, int item) {
        return reduced.get(s).y(item);
    }

    @Override
    public Range getDomainBounds(boolean includeInterval) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Steps s : series) {
            if (s.x().length > 0) {
                lo = Math.min(lo, s.x()[0]);
                hi = Math.max(hi, s.x()[s.x().length - 1]);
            }
        }
        return lo > hi ? null : new Range(lo, hi);
    }
}
