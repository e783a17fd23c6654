package dev.dxgscope.ui.charts;

import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A vertical value axis that keeps a band of fixed height free at the top of the data area, for a
 * title drawn inside the plot: data, ticks and grid lines map into the rest, so the title does not
 * cover the data in any plot at least twice the band's height (a lower one gives the band half).
 * An upper margin cannot do this, because it is a fraction of the range, and a stacked track may
 * be 30 or 300 pixels high. Costs one rectangle per mapped value (escape analysis usually removes
 * it).
 */
public final class HeadroomAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;
    private final double headroom;

    /** {@code headroom}: pixels kept free at the top, at most half of the data area. */
    public HeadroomAxis(String label, double headroom) {
        super(label);
        this.headroom = headroom;
    }

    /** The part of {@code area} that values map into. */
    private Rectangle2D below(Rectangle2D area, RectangleEdge edge) {
        if (!RectangleEdge.isLeftOrRight(edge)) {
            return area;
        }
        double top = Math.min(headroom, area.getHeight() / 2);
        return new Rectangle2D.Double(area.getX(), area.getY() + top, area.getWidth(), area.getHeight() - top);
    }

    @Override
    public double valueToJava2D(double value, Rectangle2D area, RectangleEdge edge) {
        return super.valueToJava2D(value, below(area, edge), edge);
    }

    @Override
    public double java2DToValue(double java2DValue, Rectangle2D area, RectangleEdge edge) {
        return super.java2DToValue(java2DValue, below(area, edge), edge);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((HeadroomAxis) o).headroom == headroom && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
