package dev.dxgscope.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jfree.data.Range;
import org.jfree.data.xy.AbstractIntervalXYDataset;

/**
 * Markers (calls, evictions, signals, waits): points with an optional x-interval (a latency bar,
 * a wait from start to end) and a payload for tooltips and clicks. Series marked "thin" keep one
 * marker per pixel column of the visible range ({@link PointThinner}); the others (failures,
 * stuck waits: rare and important) keep every marker. Its domain bounds (of every marker) are
 * found once per {@link #setSeries}: the plot
 * asks for them several times per paint, and walking every interval's end each time cost a first
 * paint tens of milliseconds. UI thread only.
 */
public final class MarkerDataset extends AbstractIntervalXYDataset implements LevelOfDetail,
        org.jfree.chart.util.PublicCloneable {
    private static final long serialVersionUID = 1L;

    /**
     * One series. {@code x} ascending; {@code xEnd}, {@code yEnd} the other end of each marker's
     * interval or link (equal to x, y for a point); {@code payload} what the marker stands for
     * (tooltips, selection).
     */
    public record Markers(String key, double[] x, double[] y, double[] xEnd, double[] yEnd, Object[] payload,
            boolean thin) {
        /** Markers with an x-interval each (a bar at y from x to xEnd). */
        public Markers(String key, double[] x, double[] y, double[] xEnd, Object[] payload, boolean thin) {
            this(key, x, y, xEnd, y, payload, thin);
        }
    }

    private List<Markers> series = List.of();
    private List<PointThinner> visible = new ArrayList<>();
    private double x0 = Double.NEGATIVE_INFINITY;
    private double x1 = Double.POSITIVE_INFINITY;
    private int columns = 2000;
    private Range points;
    private Range intervals;
    private Function<Object, String> toolTips = payload -> null;

    /**
     * A copy that another thread may draw while this one changes with the view: the series are
     * shared (never changed), what the view shows of them is copied.
     */
    @Override
    public MarkerDataset clone() throws CloneNotSupportedException {
        MarkerDataset c = (MarkerDataset) super.clone();
        c.visible = new ArrayList<>(visible.size());
        for (PointThinner t : visible) {
            c.visible.add(t.copy());
        }
        return c;
    }

    public void setSeries(List<Markers> list) {
        series = List.copyOf(list);
        points = bounds(false);
        intervals = bounds(true);
        while (visible.size() < series.size()) {
            visible.add(new PointThinner());
        }
        thin();
        fireDatasetChanged();
    }

    public List<Markers> series() {
        return series;
    }

    /**
     * How a marker's tooltip is made from its payload. {@link ChartCanvas} asks when the mouse rests
     * on the marker: a renderer's tooltip generator would make the text of every marker at every draw.
     */
    public void setToolTips(Function<Object, String> fromPayload) {
        this.toolTips = fromPayload;
    }

    /** The tooltip of visible item {@code item} of series {@code s}, or null. */
    public String toolTip(int s, int item) {
        return toolTips.apply(payload(s, item));
    }

    @Override
    public void setView(double from, double to, int width) {
        if (from == x0 && to == x1 && width == columns) {
            return;
        }
        x0 = from;
        x1 = to;
        columns = width;
        thin();
        fireDatasetChanged();
    }

    private void thin() {
        for (int s = 0; s < series.size(); s++) {
            Markers m = series.get(s);
            /* an interval that starts before the range but reaches into it stays visible: widen the
               range by the longest interval (the series are small: markers, not samples) */
            double from = x0;
            for (int i = 0; i < m.x().length && m.x()[i] < x0; i++) {
                if (m.xEnd()[i] >= x0) {
                    from = m.x()[i];
                    break;
                }
            }
            visible.get(s).thin(m.x(), m.x().length, from, x1, m.thin() ? columns : 0);
        }
    }

    @Override
    public Range getDomainBounds(boolean includeInterval) {
        return includeInterval ? intervals : points;
    }

    private Range bounds(boolean includeInterval) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Markers m : series) {
            int n = m.x().length;
            if (n > 0) {
                lo = Math.min(lo, m.x()[0]);
                hi = Math.max(hi, m.x()[n - 1]);
                for (int i = 0; includeInterval && i < n; i++) {
                    if (!Double.isNaN(m.xEnd()[i])) {
                        hi = Math.max(hi, m.xEnd()[i]);
                    }
                }
            }
        }
        return lo > hi ? null : new Range(lo, hi);
    }

    /** The payload of visible item {@code item} of series {@code s}. */
    public Object payload(int s, int item) {
        return series.get(s).payload()[sourceIndex(s, item)];
    }

    public int sourceIndex(int s, int item) {
        return visible.get(s).sourceIndex(item);
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
        return visible.get(s).size();
    }

    @Override
    public Number getX(int s, int item) {
        return getXValue(s, item);
    }

    @Override
    public double getXValue(int s, int item) {
        return series.get(s).x()[sourceIndex(s, item)];
    }

    @Override
    public Number getY(int s, int item) {
        return getYValue(s, item);
    }

    @Override
    public double getYValue(int s, int item) {
        return series.get(s).y()[sourceIndex(s, item)];
    }

    @Override
    public Number getStartX(int s, int item) {
        return getXValue(s, item);
    }

    @Override
    public Number getEndX(int s, int item) {
        return series.get(s).xEnd()[sourceIndex(s, item)];
    }

    @Override
    public Number getStartY(int s, int item) {
        return getYValue(s, item);
    }

    @Override
    public Number getEndY(int s, int item) {
        return series.get(s).yEnd()[sourceIndex(s, item)];
    }
}
