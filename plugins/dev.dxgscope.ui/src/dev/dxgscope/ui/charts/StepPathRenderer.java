package dev.dxgscope.ui.charts;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * Step lines drawn as one path per series. JFreeChart's XYStepRenderer draws every step as its own
 * line, and on SWT each line is a separate native path: 5,000 points cost over 100 ms. One path
 * costs a few milliseconds (measured in LevelOfDetailRepaintTest). x is clamped just outside the
 * plot so the points kept either side of the view stay cheap to draw. No item entities (5,000
 * hotspots and their tooltip texts would cost more than the drawing): {@link ChartCanvas} reads the
 * lines' values under the mouse instead. Vertical orientation only.
 */
public final class StepPathRenderer extends XYLineAndShapeRenderer {
    private static final long serialVersionUID = 1L;

    public StepPathRenderer() {
        super(true, false);
        setDrawSeriesLineAsPath(true);
        setAutoPopulateSeriesPaint(false);
        setAutoPopulateSeriesStroke(false);
        /* the value axis fits every item the level of detail kept, including the value in effect at the
           left edge (JFreeChart would only look at items inside the visible x-range) */
        setDataBoundsIncludesVisibleSeriesOnly(false);
    }

    /** The line pass only: no shapes, no entities. */
    @Override
    public int getPassCount() {
        return 1;
    }

    @Override
    protected void drawPrimaryLineAsPath(XYItemRendererState state, Graphics2D g2, XYPlot plot, XYDataset dataset,
            int pass, int series, int item, ValueAxis domainAxis, ValueAxis rangeAxis, Rectangle2D dataArea) {
        State s = (State) state;
        double x = domainAxis.valueToJava2D(dataset.getXValue(series, item), dataArea, plot.getDomainAxisEdge());
        double y = rangeAxis.valueToJava2D(dataset.getYValue(series, item), dataArea, plot.getRangeAxisEdge());
        if (Double.isNaN(x) || Double.isNaN(y)) {
            s.setLastPointGood(false);
        } else {
            float fx = (float) Math.max(dataArea.getMinX() - 10, Math.min(dataArea.getMaxX() + 10, x));
            float fy = (float) y;
            if (s.isLastPointGood()) {
                Point2D last = s.seriesPath.getCurrentPoint();
                s.seriesPath.lineTo(fx, (float) last.getY());
                s.seriesPath.lineTo(fx, fy);
            } else {
                s.seriesPath.moveTo(fx, fy);
            }
            s.setLastPointGood(true);
        }
        if (item == s.getLastItemIndex()) {
            drawFirstPassShape(g2, pass, series, item, s.seriesPath);
        }
    }
}
