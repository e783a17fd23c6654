package dev.dxgscope.ui.charts;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Line2D;
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
 * Draws each item of an {@link IntervalXYDataset} as its series shape at (start x, start y) with a
 * thin dotted line to (end x, end y): a signal and the wait it satisfied. The shape is the item's
 * hotspot.
 */
public final class LinkRenderer extends AbstractXYItemRenderer implements org.jfree.chart.util.PublicCloneable {
    private static final long serialVersionUID = 1L;
    private static final Stroke DOTTED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {2f, 3f}, 0f);

    public LinkRenderer() {
        setAutoPopulateSeriesPaint(false);
        setAutoPopulateSeriesShape(false);
        setDataBoundsIncludesVisibleSeriesOnly(false);
    }

    /** A copy for a chart cloned to be drawn on another thread (exports). */
    @Override
    public LinkRenderer clone() throws CloneNotSupportedException {
        return (LinkRenderer) super.clone();
    }

    @Override
    public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
            XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
            CrosshairState crosshairState, int pass) {
        IntervalXYDataset d = (IntervalXYDataset) dataset;
        double x0 = domainAxis.valueToJava2D(d.getStartXValue(series, item), dataArea, plot.getDomainAxisEdge());
        double y0 = rangeAxis.valueToJava2D(d.getStartYValue(series, item), dataArea, plot.getRangeAxisEdge());
        double x1 = domainAxis.valueToJava2D(d.getEndXValue(series, item), dataArea, plot.getDomainAxisEdge());
        double y1 = rangeAxis.valueToJava2D(d.getEndYValue(series, item), dataArea, plot.getRangeAxisEdge());
        if (Double.isNaN(x0) || Double.isNaN(y0)) {
            return;
        }
        g2.setPaint(getItemPaint(series, item));
        if (!Double.isNaN(x1) && !Double.isNaN(y1) && (Math.abs(x1 - x0) > 1 || Math.abs(y1 - y0) > 1)) {
            g2.setStroke(DOTTED);
            g2.draw(new Line2D.Double(x0, y0, x1, y1));
        }
        if (x0 < dataArea.getMinX() || x0 > dataArea.getMaxX()) {
            return;
        }
        Shape s = ShapeUtils.createTranslatedShape(getItemShape(series, item), x0, y0);
        g2.fill(s);
        EntityCollection entities = state.getEntityCollection();
        if (entities != null) {
            addEntity(entities, s.getBounds2D().getBounds2D(), dataset, series, item, x0, y0);
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
