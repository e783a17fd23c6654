package dev.dxgscope.ui.sync;

import dev.dxgscope.ui.charts.CaptureTimeAxis;
import dev.dxgscope.ui.charts.ChartStyle;
import dev.dxgscope.ui.charts.HeadroomAxis;
import dev.dxgscope.ui.charts.TopTitleAnnotation;
import dev.dxgscope.ui.charts.IntervalRenderer;
import dev.dxgscope.ui.charts.LevelOfDetail;
import dev.dxgscope.ui.charts.LinkRenderer;
import dev.dxgscope.ui.charts.MarkerDataset;
import dev.dxgscope.ui.charts.StepDataset;
import dev.dxgscope.ui.charts.StepPathRenderer;
import dev.dxgscope.ui.sync.SyncData.Backward;
import dev.dxgscope.ui.sync.SyncData.FenceLine;
import dev.dxgscope.ui.sync.SyncData.WaitRow;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;

/**
 * The Sync objects chart: one track (subplot) per chosen fence, sharing the time axis. In each
 * track the fence's value is a step line and every wait is a bar at the value it waits for, from
 * its call to its satisfaction: the line crosses the bar's end when the fence gets there. Stuck
 * waits are red bars reaching the end of the capture (the line never gets up to them), failed ones
 * orange; the signal that satisfied a wait is a green triangle with a dotted link to the wait's end;
 * values that went backwards are flagged. Every dataset is level-of-detail.
 */
public final class SyncChart {
    static final Color FENCE = ChartStyle.PALETTE[0];
    static final Color SIGNAL = new Color(0x1a7f1a);
    static final Color BACKWARDS = new Color(0xc51b7d);
    static final Color SELECTED = new Color(0, 0, 0, 110);
    static final Color DESTROYED = new Color(0x555555);
    static final String DESTROYED_LEGEND = "fence destroyed (dashed line)";
    private static final Shape SIGNAL_SHAPE = ShapeUtils.createUpTriangle(4f);
    private static final Shape BACKWARDS_SHAPE = ShapeUtils.createDownTriangle(5f);
    /** Pixels kept above a track's data for its title (a line of the small font and its padding). */
    static final double TITLE_HEIGHT = 18;
    private static final Shape BAR = new Rectangle2D.Double(-8, -3, 16, 6);

    /** One fence's subplot and its datasets. */
    public record Track(int fence, XYPlot plot, StepDataset values, MarkerDataset waits, MarkerDataset signals,
            MarkerDataset backwards, MarkerDataset selection) {
        List<LevelOfDetail> datasets() {
            return List.of(values, waits, signals, backwards, selection);
        }
    }

    /** Wait series in each track, by outcome. */
    public enum Outcome {
        SATISFIED("wait satisfied", ChartStyle.OK, true),
        STUCK("wait never satisfied (stuck)", ChartStyle.FAILED, false),
        FAILED("wait failed (call error)", ChartStyle.PENDING, false);

        final String label;
        final Color color;
        final boolean thin;

        Outcome(String label, Color color, boolean thin) {
            this.label = label;
            this.color = color;
            this.thin = thin;
        }

        static Outcome of(WaitRow r) {
            return r.stuck() ? STUCK : r.outcome() == dev.dxgscope.model.state.Wait.Outcome.FAILED ? FAILED : SATISFIED;
        }
    }

    private final CombinedDomainXYPlot plot = new CombinedDomainXYPlot(ChartStyle.timeAxis());
    private final JFreeChart chart;
    private final List<Track> tracks = new ArrayList<>();
    private SyncData data = SyncData.empty();
    private WaitRow selected;

    public SyncChart() {
        plot.setGap(6);
        ChartStyle.plot(plot);
        plot.setFixedLegendItems(legend(data, List.of()));
        chart = ChartStyle.chart("Sync objects: fence values, waits and the signals that satisfied them", plot);
    }

    public JFreeChart chart() {
        return chart;
    }

    public List<Track> tracks() {
        return tracks;
    }

    public SyncData data() {
        return data;
    }

    /** The level-of-detail datasets of every track (replace the canvas's after {@link #show}). */
    public List<LevelOfDetail> levelOfDetail() {
        List<LevelOfDetail> all = new ArrayList<>();
        for (Track t : tracks) {
            all.addAll(t.datasets());
        }
        return all;
    }

    /** Shows the chosen fences of new data (keeping the zoom); {@code fences} in track order. */
    public void show(SyncData d, List<Integer> fences) {
        show(d, fences, tracks(d, fences));
    }

    /**
     * The tracks of {@code fences}: plain JFreeChart objects, so a Job can make them (a fence with
     * 85,000 waits takes tens of milliseconds) and {@link #show(SyncData, List, List)} install them.
     */
    public static List<Track> tracks(SyncData d, List<Integer> fences) {
        List<Track> out = new ArrayList<>();
        for (int id : fences) {
            FenceLine f = d.fence(id);
            if (f != null) {
                out.add(track(d, f));
            }
        }
        return out;
    }

    /** Shows new data with tracks made by {@link #tracks} for the same fences. */
    public void show(SyncData d, List<Integer> fences, List<Track> prepared) {
        data = d;
        for (Track t : tracks) {
            plot.remove(t.plot());
        }
        tracks.clear();
        for (Track t : prepared) {
            tracks.add(t);
            plot.add(t.plot(), 1);
        }
        int shownWaits = 0;
        for (int id : fences) {
            FenceLine f = d.fence(id);
            shownWaits += f == null ? 0 : f.waits();
        }
        plot.setFixedLegendItems(legend(d, fences));
        ((CaptureTimeAxis) plot.getDomainAxis()).span(d.end()); /* the whole capture, whichever fences are shown */
        ChartStyle.subtitle(chart, (d.title().isEmpty() ? "" : d.title() + " · ") + String.format(Locale.ROOT,
                "%d of %d fences shown · %d waits (%d shown), %d never satisfied · %d values went backwards",
                tracks.size(), d.fences().size(), d.waits().size(), shownWaits, d.stuckCount(), d.backwards().size()));
        select(selected == null ? null : find(selected.target()));
    }

    private WaitRow find(Object wait) {
        for (WaitRow r : data.waits()) {
            if (wait != null && wait.equals(r.target())) {
                return r;
            }
        }
        return null;
    }

    /** Highlights a wait (null: none). */
    public void select(WaitRow row) {
        selected = row;
        for (Track t : tracks) {
            boolean here = row != null && row.fence() == t.fence();
            t.selection().setSeries(here ? List.of(new MarkerDataset.Markers("selected wait", new double[] {row.start()},
                    new double[] {row.value()}, new double[] {row.end()}, new Object[] {row}, false)) : List.of());
        }
    }

    public WaitRow selected() {
        return selected;
    }

    /** The tooltip away from markers: the fence's value at time x in a track and the waits pending then. */
    public String readout(double x, int track) {
        if (track < 0 || track >= tracks.size()) {
            return null;
        }
        FenceLine f = data.fence(tracks.get(track).fence());
        double v = StepDataset.valueAt(f.x(), f.y(), x);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.6f s\n%s: ", x, f.label()))
                .append(Double.isNaN(v) ? "no value known yet" : Long.toString((long) v));
        List<String> pending = new ArrayList<>();
        for (WaitRow r : data.waits()) {
            if (r.fence() == f.id() && r.start() <= x && x < r.end()) {
                pending.add(Long.toString(r.value()));
            }
        }
        if (!pending.isEmpty()) {
            b.append("\n").append(pending.size()).append(pending.size() == 1 ? " wait" : " waits")
                    .append(" pending, for ").append(String.join(", ", pending.subList(0, Math.min(8, pending.size()))))
                    .append(pending.size() > 8 ? ", ..." : "");
        }
        return b.toString();
    }

    /** The wait (or satisfied wait of a signal) behind a visible item, or null. */
    public WaitRow waitAt(Object dataset, int series, int item) {
        for (Track t : tracks) {
            if (dataset == t.waits() || dataset == t.signals() || dataset == t.selection()) {
                return (WaitRow) ((MarkerDataset) dataset).payload(series, item);
            }
        }
        return null;
    }

    private static Track track(SyncData d, FenceLine f) {
        StepDataset values = new StepDataset();
        values.setSeries(f.x().length == 0 ? List.of()
                : List.of(new StepDataset.Steps("value of " + f.label(), f.x(), f.y())));
        MarkerDataset waits = new MarkerDataset();
        MarkerDataset signals = new MarkerDataset();
        MarkerDataset backwards = new MarkerDataset();
        MarkerDataset selection = new MarkerDataset();
        selection.setToolTips(r -> ((WaitRow) r).tooltip());
        IntervalRenderer waitRenderer = new IntervalRenderer(6, false);
        List<MarkerDataset.Markers> waitSeries = new ArrayList<>();
        SyncData.FenceWaits split = d.waitsOf(f.id());
        List<WaitRow> linked = split.linked();
        for (Outcome o : Outcome.values()) {
            List<WaitRow> rows = split.of(o);
            if (!rows.isEmpty()) {
                waitRenderer.setSeriesPaint(waitSeries.size(), o.color);
                if (o == Outcome.SATISFIED) {
                    waitRenderer.setSeriesHeight(waitSeries.size(), 3); /* the stuck ones stand out */
                }
                waitSeries.add(waitMarkers(o.label, rows, o.thin));
            }
        }
        waits.setSeries(waitSeries);
        signals.setSeries(linked.isEmpty() ? List.of() : List.of(signalMarkers(linked)));
        List<Backward> back = d.backwards().stream().filter(b -> b.fence() == f.id()).toList();
        backwards.setSeries(back.isEmpty() ? List.of() : List.of(backwardMarkers(back)));

        NumberAxis axis = new HeadroomAxis("value", TITLE_HEIGHT); /* the track's title above its data */
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setLabelFont(ChartStyle.SMALL_FONT);
        axis.setUpperMargin(0.08);
        axis.setLowerMargin(0.08);
        axis.setAutoRangeStickyZero(false); /* keep 0 off the axis line: a fence at 0 stays visible */
        XYPlot p = new XYPlot(selection, null, axis, selectionRenderer());
        ChartStyle.plot(p);
        p.setDataset(1, waits);
        p.setRenderer(1, waitRenderer);
        waits.setToolTips(r -> ((WaitRow) r).tooltip());
        StepPathRenderer line = new StepPathRenderer();
        line.setDefaultPaint(FENCE);
        line.setDefaultStroke(ChartStyle.LINE);
        p.setDataset(2, values);
        p.setRenderer(2, line);
        LinkRenderer links = new LinkRenderer();
        links.setDefaultPaint(SIGNAL);
        links.setDefaultShape(SIGNAL_SHAPE);
        signals.setToolTips(payload -> {
            WaitRow r = (WaitRow) payload;
            return r.satisfiedBy() + String.format(Locale.ROOT, " at %.6f s", r.signalX()) + "\nsatisfied: "
                    + r.kind() + " for " + r.value() + String.format(Locale.ROOT, " (ended %.6f s)", r.end());
        });
        p.setDataset(3, signals);
        p.setRenderer(3, links);
        XYLineAndShapeRenderer flags = new XYLineAndShapeRenderer(false, true);
        flags.setAutoPopulateSeriesPaint(false);
        flags.setAutoPopulateSeriesShape(false);
        flags.setDataBoundsIncludesVisibleSeriesOnly(false);
        flags.setDefaultPaint(BACKWARDS);
        flags.setDefaultShape(BACKWARDS_SHAPE);
        backwards.setToolTips(b -> ((Backward) b).tooltip());
        p.setDataset(4, backwards);
        p.setRenderer(4, flags);
        p.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        TextTitle title = new TextTitle(f.label() + " · " + f.waits() + (f.waits() == 1 ? " wait" : " waits")
                + (f.stuck() > 0 ? ", " + f.stuck() + " never satisfied" : "") + " · last value " + f.lastValue(),
                ChartStyle.SMALL_FONT);
        title.setBackgroundPaint(new Color(255, 255, 255, 170)); /* data behind it stays visible */
        title.setPadding(new RectangleInsets(1, 3, 1, 14)); /* SWT text runs wider than measured */
        title.setHorizontalAlignment(HorizontalAlignment.LEFT); /* cut at the right in a narrow plot, not both sides */
        title.setTextAlignment(HorizontalAlignment.LEFT);
        p.addAnnotation(new TopTitleAnnotation(title), false); /* in the axis's headroom */
        if (f.destroyed()) { /* where the fence went away: nothing after it can be about this fence */
            /* named in the legend, not by a label: a label collides with the track's title or the cursor's */
            p.addDomainMarker(new ValueMarker(f.gone(), DESTROYED, ChartStyle.DASHED), Layer.FOREGROUND);
        }
        return new Track(f.id(), p, values, waits, signals, backwards, selection);
    }

    private static IntervalRenderer selectionRenderer() {
        IntervalRenderer r = new IntervalRenderer(14, false);
        r.setDefaultPaint(SELECTED);
        return r;
    }

    private static MarkerDataset.Markers waitMarkers(String key, List<WaitRow> rows, boolean thin) {
        int n = rows.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xEnd = new double[n];
        Object[] payload = new Object[n];
        for (int i = 0; i < n; i++) {
            WaitRow r = rows.get(i);
            x[i] = r.start();
            y[i] = r.value();
            xEnd[i] = r.end();
            payload[i] = r;
        }
        return new MarkerDataset.Markers(key, x, y, xEnd, payload, thin);
    }

    private static MarkerDataset.Markers signalMarkers(List<WaitRow> rows) {
        int n = rows.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xEnd = new double[n];
        double[] yEnd = new double[n];
        Object[] payload = new Object[n];
        for (int i = 0; i < n; i++) {
            WaitRow r = rows.get(i);
            x[i] = r.signalX();
            y[i] = r.signalValue();
            xEnd[i] = r.end();
            yEnd[i] = r.value();
            payload[i] = r;
        }
        return new MarkerDataset.Markers("satisfying signal", x, y, xEnd, yEnd, payload, true);
    }

    private static MarkerDataset.Markers backwardMarkers(List<Backward> list) {
        int n = list.size();
        double[] x = new double[n];
        double[] y = new double[n];
        Object[] payload = new Object[n];
        for (int i = 0; i < n; i++) {
            x[i] = list.get(i).x();
            y[i] = list.get(i).to();
            payload[i] = list.get(i);
        }
        return new MarkerDataset.Markers("value went backwards", x, y, x, payload, false);
    }

    /** The legend for what the shown fences have: always the value line, then what occurs. */
    private static LegendItemCollection legend(SyncData d, List<Integer> fences) {
        LegendItemCollection items = new LegendItemCollection();
        Shape stroke = new Line2D.Double(-8, 0, 8, 0);
        items.add(new LegendItem("fence value", null, null, null, stroke, ChartStyle.LINE, FENCE));
        boolean signals = false;
        for (int id : fences) {
            signals |= !d.waitsOf(id).linked().isEmpty();
        }
        for (Outcome o : Outcome.values()) {
            boolean present = false;
            for (int id : fences) {
                present |= !d.waitsOf(id).of(o).isEmpty();
            }
            if (present) {
                items.add(new LegendItem(o.label, null, null, null, BAR, o.color));
            }
        }
        if (signals) {
            items.add(new LegendItem("signal that satisfied it (dotted link)", null, null, null, SIGNAL_SHAPE,
                    SIGNAL));
        }
        if (d.backwards().stream().anyMatch(b -> fences.contains(b.fence()))) {
            items.add(new LegendItem("value went backwards", null, null, null, BACKWARDS_SHAPE, BACKWARDS));
        }
        if (d.fences().stream().anyMatch(f -> f.destroyed() && fences.contains(f.id()))) {
            items.add(new LegendItem(DESTROYED_LEGEND, null, null, null, stroke, ChartStyle.DASHED, DESTROYED));
        }
        return items;
    }
}
