package dev.dxgscope.ui.residency;

import dev.dxgscope.ui.charts.ByteFormat;
import dev.dxgscope.ui.charts.CaptureTimeAxis;
import dev.dxgscope.ui.charts.ChartStyle;
import dev.dxgscope.ui.charts.IntervalRenderer;
import dev.dxgscope.ui.charts.LevelOfDetail;
import dev.dxgscope.ui.charts.MarkerDataset;
import dev.dxgscope.ui.charts.StepDataset;
import dev.dxgscope.ui.charts.StepPathRenderer;
import dev.dxgscope.ui.residency.ResidencyData.Kind;
import dev.dxgscope.ui.residency.ResidencyData.Marker;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.util.ShapeUtils;

/**
 * The Residency chart: resident bytes per process and segment group as step lines (dataset 0),
 * their budgets dashed in the same colour (1), pending MakeResident calls with a bar to their
 * paging fence (2) and the other markers (3): MakeResident, failed MakeResident (a red cross,
 * never thinned), Evict, evictions by the memory manager. Every dataset is level-of-detail.
 */
public final class ResidencyChart {
    static final int RESIDENT = 0;
    static final int BUDGETS = 1;
    static final int PENDING = 2;
    static final int MARKERS = 3;
    /** Lines named in the legend; more would crowd the plot (the readout names them all). */
    static final int MAX_LEGEND_LINES = 8;
    private static final Map<Kind, Shape> SHAPES = new EnumMap<>(Kind.class);
    private static final Map<Kind, Color> COLORS = new EnumMap<>(Kind.class);

    static {
        SHAPES.put(Kind.MAKE_RESIDENT, ShapeUtils.createUpTriangle(3.5f));
        SHAPES.put(Kind.PENDING, ShapeUtils.createDiamond(4f));
        SHAPES.put(Kind.FAILED, ShapeUtils.createDiagonalCross(6f, 1.4f));
        SHAPES.put(Kind.EVICT, ShapeUtils.createDownTriangle(3.5f));
        SHAPES.put(Kind.EVICTED_BY_MM, new Ellipse2D.Double(-4, -4, 8, 8));
        SHAPES.put(Kind.OFFER, ShapeUtils.createDownTriangle(3.5f));
        SHAPES.put(Kind.RECLAIM, ShapeUtils.createUpTriangle(3.5f));
        COLORS.put(Kind.MAKE_RESIDENT, ChartStyle.OK);
        COLORS.put(Kind.PENDING, ChartStyle.PENDING);
        COLORS.put(Kind.FAILED, ChartStyle.FAILED);
        COLORS.put(Kind.EVICT, ChartStyle.EVICTED);
        COLORS.put(Kind.EVICTED_BY_MM, ChartStyle.INFERRED);
        COLORS.put(Kind.OFFER, ChartStyle.OFFERED);
        COLORS.put(Kind.RECLAIM, ChartStyle.OFFERED);
    }

    private final StepDataset resident = new StepDataset();
    private final StepDataset budgets = new StepDataset();
    private final MarkerDataset pending = new MarkerDataset();
    private final MarkerDataset markers = new MarkerDataset();
    private final StepPathRenderer residentRenderer = new StepPathRenderer();
    private final StepPathRenderer budgetRenderer = new StepPathRenderer();
    private final XYLineAndShapeRenderer markerRenderer = new XYLineAndShapeRenderer(false, true);
    private final XYPlot plot;
    private final JFreeChart chart;
    private ResidencyData data = ResidencyData.empty();

    public ResidencyChart() {
        plot = new XYPlot(resident, ChartStyle.timeAxis(), ChartStyle.byteAxis("Resident bytes"), residentRenderer);
        ChartStyle.plot(plot);
        plot.setDataset(BUDGETS, budgets);
        plot.setRenderer(BUDGETS, budgetRenderer);
        IntervalRenderer bars = new IntervalRenderer(4, true);
        bars.setDefaultPaint(ChartStyle.PENDING);
        bars.setDefaultOutlinePaint(ChartStyle.PENDING);
        bars.setDefaultShape(SHAPES.get(Kind.PENDING));
        pending.setToolTips(m -> ((Marker) m).tooltip());
        plot.setDataset(PENDING, pending);
        plot.setRenderer(PENDING, bars);
        markerRenderer.setDataBoundsIncludesVisibleSeriesOnly(false);
        markers.setToolTips(m -> ((Marker) m).tooltip());
        plot.setDataset(MARKERS, markers);
        plot.setRenderer(MARKERS, markerRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        chart = ChartStyle.chart("Residency: resident bytes against budget", plot);
    }

    public JFreeChart chart() {
        return chart;
    }

    public XYPlot plot() {
        return plot;
    }

    /** The datasets a {@link dev.dxgscope.ui.charts.ChartCanvas} must keep reduced to the view. */
    public List<LevelOfDetail> levelOfDetail() {
        return List.of(resident, budgets, pending, markers);
    }

    public ResidencyData data() {
        return data;
    }

    /** The tooltip away from markers: every line's resident bytes (and budget) at time x. */
    public String readout(double x) {
        StringBuilder b = new StringBuilder(seconds(x));
        for (ResidencyData.Line l : data.lines()) {
            double v = StepDataset.valueAt(l.x(), l.y(), x);
            if (Double.isNaN(v)) {
                continue;
            }
            b.append('\n').append(l.label()).append(": ").append(ByteFormat.bytes(v)).append(" resident");
            double budget = l.budgetX() == null ? Double.NaN : StepDataset.valueAt(l.budgetX(), l.budgetY(), x);
            if (!Double.isNaN(budget)) {
                b.append(" of ").append(ByteFormat.bytes(budget)).append(" budget");
            }
        }
        return data.lines().isEmpty() ? null : b.toString();
    }

    /** The marker at a visible item of the pending or marker dataset, or null. */
    public Marker marker(Object dataset, int series, int item) {
        MarkerDataset d = dataset == pending ? pending : dataset == markers ? markers : null;
        return d == null ? null : (Marker) d.payload(series, item);
    }

    /** Shows new data, keeping the zoom. */
    public void show(ResidencyData d) {
        data = d;
        List<StepDataset.Steps> lines = new ArrayList<>();
        List<StepDataset.Steps> budgetLines = new ArrayList<>();
        for (int i = 0; i < d.lines().size(); i++) {
            ResidencyData.Line l = d.lines().get(i);
            lines.add(new StepDataset.Steps(l.label(), l.x(), l.y()));
            residentRenderer.setSeriesPaint(i, ChartStyle.color(i), false);
            residentRenderer.setSeriesStroke(i, ChartStyle.LINE, false);
            if (l.budgetX() != null) {
                budgetRenderer.setSeriesPaint(budgetLines.size(), ChartStyle.color(i), false);
                budgetRenderer.setSeriesStroke(budgetLines.size(), ChartStyle.DASHED, false);
                budgetLines.add(new StepDataset.Steps("budget of " + l.label(), l.budgetX(), l.budgetY()));
            }
        }
        List<MarkerDataset.Markers> marks = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (k == Kind.PENDING || d.markers(k).isEmpty()) {
                continue;
            }
            markerRenderer.setSeriesShape(marks.size(), SHAPES.get(k), false);
            markerRenderer.setSeriesPaint(marks.size(), COLORS.get(k), false);
            markerRenderer.setSeriesShapesFilled(marks.size(), k != Kind.EVICTED_BY_MM);
            markerRenderer.setSeriesStroke(marks.size(), ChartStyle.LINE, false);
            marks.add(markers(k.label(), d.markers(k), k != Kind.FAILED));
        }
        plot.setFixedLegendItems(legend(d, budgetLines.size()));
        ((CaptureTimeAxis) plot.getDomainAxis()).span(d.end()); /* the whole capture, with nothing to draw too */
        resident.setSeries(lines);
        budgets.setSeries(budgetLines);
        pending.setSeries(d.markers(Kind.PENDING).isEmpty() ? List.of()
                : List.of(markers(Kind.PENDING.label(), d.markers(Kind.PENDING), true)));
        markers.setSeries(marks);
        ChartStyle.subtitle(chart, d.summary());
    }

    private static MarkerDataset.Markers markers(String key, List<Marker> list, boolean thin) {
        int n = list.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] xEnd = new double[n];
        Object[] payload = new Object[n];
        for (int i = 0; i < n; i++) {
            Marker m = list.get(i);
            x[i] = m.x();
            y[i] = m.y();
            xEnd[i] = m.xEnd();
            payload[i] = m;
        }
        return new MarkerDataset.Markers(key, x, y, xEnd, payload, thin);
    }

    /** One entry per line, one for all budgets, one per marker kind present. */
    private static LegendItemCollection legend(ResidencyData d, int budgetCount) {
        LegendItemCollection items = new LegendItemCollection();
        Shape stroke = new Line2D.Double(-8, 0, 8, 0);
        int shown = Math.min(d.lines().size(), MAX_LEGEND_LINES);
        for (int i = 0; i < shown; i++) {
            items.add(new LegendItem(d.lines().get(i).label(), null, null, null, stroke, ChartStyle.LINE,
                    ChartStyle.color(i)));
        }
        if (shown < d.lines().size()) {
            items.add(new LegendItem("... " + (d.lines().size() - shown) + " more lines (hover the chart)", null,
                    null, null, stroke, ChartStyle.LINE, Color.LIGHT_GRAY));
        }
        if (budgetCount > 0) {
            items.add(new LegendItem("budget (dashed, colour of its line)", null, null, null, stroke,
                    ChartStyle.DASHED, Color.GRAY));
        }
        for (Kind k : Kind.values()) {
            if (!d.markers(k).isEmpty()) {
                boolean filled = k != Kind.EVICTED_BY_MM;
                items.add(new LegendItem(k.label(), null, null, null, true, SHAPES.get(k), filled, COLORS.get(k),
                        !filled, COLORS.get(k), ChartStyle.LINE, false, stroke, ChartStyle.LINE, COLORS.get(k)));
            }
        }
        return items;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f s", s);
    }
}
