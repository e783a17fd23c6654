package dev.dxgscope.ui.charts;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Objects;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.TextAnchor;

/**
 * The time cursor in an exported chart: a line across the plot at a domain value, with an optional
 * label at its foot (on screen, {@link ChartCanvas} draws the same over the chart's image). An
 * annotation rather than a marker because a plot's clone (what an export draws on another thread)
 * gets copies of its annotations but shares its markers. The label goes left of the line
 * in the right quarter of the plot, where it would otherwise be cut off; that is decided when
 * drawn, so a zoom changes nothing here.
 */
public final class CursorAnnotation extends AbstractXYAnnotation {
    private static final long serialVersionUID = 1L;
    private static final Font FONT = new Font("SansSerif", Font.PLAIN, 10);
    private static final float LABEL_GAP = 3f;
    private static final Stroke STROKE = new BasicStroke(1.2f);

    private double value = Double.NaN;
    private String label;

    /** Moves the line and sets its label (null: none); the plot repaints. */
    public void set(double value, String label) {
        if (Double.compare(value, this.value) != 0 || !Objects.equals(label, this.label)) {
            this.value = value;
            this.label = label;
            fireAnnotationChanged();
        }
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
            int rendererIndex, PlotRenderingInfo info) {
        if (Double.isNaN(value) || !domainAxis.getRange().contains(value)) {
            return;
        }
        boolean vertical = plot.getOrientation() == PlotOrientation.VERTICAL;
        double at = domainAxis.valueToJava2D(value, dataArea, plot.getDomainAxisEdge());
        g2.setPaint(ChartStyle.CURSOR);
        g2.setStroke(STROKE);
        g2.draw(vertical ? new Line2D.Double(at, dataArea.getMinY(), at, dataArea.getMaxY())
                : new Line2D.Double(dataArea.getMinX(), at, dataArea.getMaxX(), at));
        if (label == null || !vertical) {
            return;
        }
        boolean left = at > dataArea.getMinX() + 0.75 * dataArea.getWidth();
        g2.setFont(FONT);
        TextUtils.drawAlignedString(label, g2, (float) (left ? at - LABEL_GAP : at + LABEL_GAP),
                (float) dataArea.getMaxY() - LABEL_GAP, left ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CursorAnnotation c && Double.compare(c.value, value) == 0
                && Objects.equals(c.label, label) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, label);
    }
}
