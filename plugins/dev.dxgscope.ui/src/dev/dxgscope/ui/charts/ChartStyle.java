package dev.dxgscope.ui.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The look every dxgscope chart shares: white plot with light grid, the time axis in seconds since
 * the capture's first record, byte axes in binary units, one palette for lines (no red, green or
 * orange: those mean failed, done and pending), a small title and a legend below.
 */
public final class ChartStyle {
    /** Lines (processes, fences): distinct, and never the colours of the markers. */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0x17becf), new Color(0x8c564b),
        new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x393b79), new Color(0x9edae5)};
    public static final Color OK = new Color(0x2ca02c);
    public static final Color PENDING = new Color(0xff7f0e);
    public static final Color FAILED = new Color(0xd62728);
    public static final Color EVICTED = new Color(0x555555);
    public static final Color INFERRED = new Color(0x9467bd);
    /** Offered and reclaimed allocations (the application gave memory back, then took it again). */
    public static final Color OFFERED = new Color(0x17becf);
    public static final Color CURSOR = new Color(0x202020);
    public static final Color GRID = new Color(0xdddddd);
    public static final Font TITLE_FONT = new Font("SansSerif", Font.BOLD, 13);
    /** 12 px: exactly 9 pt on a 96 dpi screen, so SWT draws it as wide as Java2D measures it. */
    public static final Font SMALL_FONT = new Font("SansSerif", Font.PLAIN, 12);
    public static final Stroke LINE = new BasicStroke(1.6f);
    public static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private ChartStyle() {
    }

    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** x: seconds since the capture's first record, over the whole capture ({@link CaptureTimeAxis#span}). */
    public static CaptureTimeAxis timeAxis() {
        CaptureTimeAxis a = new CaptureTimeAxis("Time since capture start (s)");
        TickUnits units = new TickUnits();
        for (int exp = -9; exp <= 5; exp++) {
            java.text.DecimalFormat f = new java.text.DecimalFormat(exp >= 0 ? "0" : "0." + "0".repeat(-exp),
                    java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
            for (int m : new int[] {1, 2, 5}) {
                units.add(new NumberTickUnit(m * Math.pow(10, exp), f, 4));
            }
        }
        a.setStandardTickUnits(units);
        a.setAutoRangeIncludesZero(false);
        a.setLowerMargin(0.01);
        a.setUpperMargin(0.01);
        return a;
    }

    /** y: bytes, with ticks at binary steps (1, 2, 4 ... 512 of B, KiB, MiB, GiB, TiB). */
    public static NumberAxis byteAxis(String label) {
        NumberAxis a = new SpacedNumberAxis(label, 36);
        TickUnits units = new TickUnits();
        ByteFormat f = new ByteFormat();
        for (long scale = 1; scale <= 1L << 40; scale <<= 10) {
            for (int m = 1; m < 1024; m <<= 1) {
                units.add(new NumberTickUnit((double) m * scale, f, 4));
            }
        }
        a.setStandardTickUnits(units);
        a.setNumberFormatOverride(f);
        a.setAutoRangeIncludesZero(true);
        a.setUpperMargin(0.08);
        return a;
    }

    /** A number axis whose ticks are at least {@code spacing} pixels apart (not one per label height). */
    static final class SpacedNumberAxis extends NumberAxis {
        private static final long serialVersionUID = 1L;
        private final double spacing;

        SpacedNumberAxis(String label, double spacing) {
            super(label);
            this.spacing = spacing;
        }

        @Override
        protected void selectVerticalAutoTickUnit(java.awt.Graphics2D g2, java.awt.geom.Rectangle2D dataArea,
                RectangleEdge edge) {
            super.selectVerticalAutoTickUnit(g2, dataArea, edge);
            org.jfree.chart.axis.TickUnit unit = getTickUnit();
            org.jfree.chart.axis.TickUnitSource units = getStandardTickUnits();
            for (int i = 0; i < 64 && lengthToJava2D(unit.getSize(), dataArea, edge) < spacing; i++) {
                unit = units.getLargerTickUnit(unit);
            }
            setTickUnit((NumberTickUnit) unit, false, false);
        }
    }

    /** White plot, light grid lines. */
    public static void plot(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(GRID);
        p.setRangeGridlinePaint(GRID);
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        p.setOutlinePaint(new Color(0xbbbbbb));
    }

    /**
     * Rotated labels (the value axis) are drawn as text, not as glyph outlines, so an SVG export
     * holds them as searchable text. JFreeChart's switch is global; it is set once before any
     * chart is drawn and never switched back, since exports draw on other threads.
     */
    public static void rotatedLabelsAsText() {
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** The plots of {@code chart} that show data: the subplots of a combined plot, else its plot. */
    public static java.util.List<XYPlot> plots(JFreeChart chart) {
        XYPlot p = chart.getXYPlot();
        return p instanceof org.jfree.chart.plot.CombinedDomainXYPlot c ? c.getSubplots() : java.util.List.of(p);
    }

    /** A chart with a small title and the legend below the plot. */
    public static JFreeChart chart(String title, XYPlot plot) {
        rotatedLabelsAsText();
        JFreeChart c = new JFreeChart(title, TITLE_FONT, plot, false);
        c.setBackgroundPaint(Color.WHITE);
        c.setTextAntiAlias(true);
        c.setPadding(new RectangleInsets(4, 4, 4, 18)); /* room for the last time tick's label */
        c.addLegend(legend(plot));
        return c;
    }

    /** The legend below the plot, listing {@code source}'s items. */
    public static LegendTitle legend(org.jfree.chart.LegendItemSource source) {
        LegendTitle legend = new LegendTitle(source);
        legend.setMargin(new RectangleInsets(1, 1, 1, 1)); /* as JFreeChart's own legend */
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(SMALL_FONT);
        legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        /* SWT draws text a little wider than Java2D measures it: room between items */
        legend.setItemLabelPadding(new RectangleInsets(2, 2, 2, 16));
        return legend;
    }

    /** Replaces the chart's subtitle line (facts about the capture under the title); keeps the legend. */
    public static void subtitle(JFreeChart c, String text) {
        for (int i = c.getSubtitleCount() - 1; i >= 0; i--) {
            if (c.getSubtitle(i) instanceof TextTitle) {
                c.removeSubtitle(c.getSubtitle(i));
            }
        }
        TextTitle t = new TextTitle(text, SMALL_FONT);
        t.setPaint(new Color(0x444444));
        c.addSubtitle(0, t);
    }

    /** A paint with alpha, for bars drawn over lines. */
    public static Paint translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
