package dev.dxgscope.ui.charts;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.Objects;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Size2D;

/**
 * A title in the top left corner of a plot's data area, placed in pixels rather than through the
 * axes, so it sits in the band a {@link HeadroomAxis} keeps free (JFreeChart's XYTitleAnnotation
 * places it through the range axis, that is below the band, over the data).
 */
public final class TopTitleAnnotation extends AbstractXYAnnotation {
    private static final long serialVersionUID = 1L;
    private static final double INDENT = 4;
    private final TextTitle title;

    public TopTitleAnnotation(TextTitle title) {
        this.title = Objects.requireNonNull(title);
    }

    public TextTitle title() {
        return title;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
            int rendererIndex, PlotRenderingInfo info) {
        Size2D size = title.arrange(g2);
        double width = Math.min(size.width, dataArea.getWidth() - INDENT);
        double height = Math.min(size.height, dataArea.getHeight());
        if (width > 0 && height > 0) {
            title.draw(g2, new Rectangle2D.Double(dataArea.getX() + INDENT, dataArea.getY(), width, height));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopTitleAnnotation t && t.title.equals(title) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return title.hashCode();
    }
}
