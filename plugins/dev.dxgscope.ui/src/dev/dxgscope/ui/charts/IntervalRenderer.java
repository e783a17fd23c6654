package dev.dxgscope.ui.charts;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Draws each item of an {@link IntervalXYDataset} as a horizontal bar from its start x to its end x
 * at its y (a wait from its call to its satisfaction, a paging operation from its call to its
 * paging fence), with the series shape at the start. The bar is the item's hotspot for tooltips
 * and clicks, a few pixels taller than drawn so thin bars are easy to hit. Bars shorter than
 * {@link #MIN_WIDTH} pixels are drawn that wide.
 */
public final class IntervalRenderer extends AbstractXYItemRenderer implements org.jfree.chart.util.PublicCloneable {
    private static final long serialVersionUID = 1L;
    static final double MIN_WIDTH = 2;
    private final double height;
    private final boolean startShapes;
    private java.util.Map<Integer, Double> seriesHeights = new java.util.HashMap<>();

    /** Bars {@code height} pixels tall; with {@code startShapes} the series shape marks each start. */
    public IntervalRenderer(double height, boolean startShapes) {
        this.height = height;
        this.startShapes = startShapes;
        setAutoPopulateSeriesPaint(false); /* the default supplier's red would win over our colours */
        setAutoPopulateSeriesOutlinePaint(false);
        setAutoPopulateSeriesShape(false);
        setDataBoundsIncludesVisibleSeriesOnly(false); /* bars that start left of the view count too */
    }

    /** A copy for a chart cloned to be drawn on another thread (exports). */
    @Override
    public IntervalRenderer clone() throws CloneNotSupportedException {
        IntervalRenderer c = (IntervalRenderer) super.clone();
        c.seriesHeights = new java.util.HashMap<>(seriesHeights);
        return c;
    }

    /** Bars of one series drawn {@code h} pixels tall instead (quiet ones thinner). */
    public void setSeriesHeight(int series, double h) {
        seriesHeights.put(series, h);
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        if (!getItemVisible(series, item)) {
            return;
        }
        IntervalXYDataset d = (IntervalXYDataset) dataset;
        double a = domainAxis.valueToJava2D(d.getStartXValue(series, item), dataArea, plot.getDomainAxisEdge());
        double b = domainAxis.valueToJava2D(d.getEndXValue(series, item), dataArea, plot.getDomainAxisEdge());
        double y = rangeAxis.valueToJava2D(d.getYValue(series, item), dataArea, plot.getRangeAxisEdge());
        if (Double.isNaN(a) || Double.isNaN(y) || Math.max(a, b) < dataArea.getMinX() || Math.min(a, b) > dataArea.getMaxX()) {
            return;
        }
        double left = Math.max(dataArea.getMinX() - 2, Math.min(a, b));
        double right = Math.min(dataArea.getMaxX() + 2, Math.max(a, b));
        double height = seriesHeights.getOrDefault(series, this.height);
        Rectangle2D bar = new Rectangle2D.Double(left, y - height / 2, Math.max(MIN_WIDTH, right - left), height);
        g2.setPaint(getItemPaint(series, item));
        g2.fill(bar);
        if (startShapes && a >= dataArea.getMinX()) {
            Shape s = ShapeUtils.createTranslatedShape(getItemShape(series, item), a, y);
            g2.setPaint(getItemOutlinePaint(series, item));
            g2.fill(s);
        }
        EntityCollection entities = state.getEntityCollection();
        if (entities != null) {
            Rectangle2D hot = new Rectangle2D.Double(bar.getX() - 2, y - height / 2 - 3, bar.getWidth() + 4, height + 6);
            addEntity(entities, hot, dataset, series, item, a, y);
        }
    }

    /** Every item the dataset holds: an interval that starts before the view may still reach into it. */
    @Override
    public XYItemRendererState initialise(Graphics2D g2, Rectangle2D dataArea, XYPlot plot, XYDataset dataset,
            PlotRenderingInfo info) {
        XYItemRendererState state = super.initialise(g2, dataArea, plot, dataset, info);
        state.setProcessVisibleItemsOnly(false);
        return state;
    }

    @Override
    public Range findDomainBounds(XYDataset dataset) {
        return findDomainBounds(dataset, true);
    }
}
