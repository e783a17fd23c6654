package dev.dxgscope.ui.charts;

import dev.dxgscope.ui.common.ExportJob;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.ChartEntity;
import org.jfree.chart.entity.EntityCollection;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.swt.ChartComposite;
import org.jfree.data.Range;

/**
 * An SWT chart for time-series views: jfreechart-swt's ChartComposite with zoom along time only
 * (drag right to zoom, drag left or "Reset Zoom" to see everything, mouse wheel), pan (drag with
 * the middle button or Shift), a click callback that a drag never triggers, the time cursor as a
 * vertical line drawn over the chart's buffered image (moving it redraws no chart), level of
 * detail (its {@link LevelOfDetail} datasets are reduced to the visible range and pixel width
 * whenever either changes) and a context menu whose export entries work (PNG and SVG; the stock
 * "Save as" needs a class JFreeChart 1.5 no longer has). Measures the time of its last repaint.
 */
public class ChartCanvas extends ChartComposite {
    /** The tooltip where no marker is under the mouse: the values at time x in plot {@code plot} (-1: none). */
    @FunctionalInterface
    public interface ValueReadout {
        String at(double x, int plot);
    }

    /** What a click on the chart hit: the time under the mouse and the entity there (or null). */
    public record Click(double x, ChartEntity entity) {
    }

    private static final int CLICK_SLOP = 3;
    private static final int LABEL_GAP = 3;
    private static final org.eclipse.swt.graphics.Color CURSOR = new org.eclipse.swt.graphics.Color(
            ChartStyle.CURSOR.getRed(), ChartStyle.CURSOR.getGreen(), ChartStyle.CURSOR.getBlue());
    private final List<LevelOfDetail> details = new ArrayList<>();
    private double cursorValue = Double.NaN;
    private String exportName = "chart";
    private Consumer<Click> onClick = c -> { };
    private ValueReadout readout = (x, plot) -> null;
    private Point down;
    private int panLastX = -1;
    private long lastPaintNanos = -1;
    private int detailColumns;

    public ChartCanvas(Composite parent, JFreeChart chart) {
        /* buffered; drawn at its real size up to 10000 px (no scaled, blurry text); our own menu */
        super(parent, SWT.NONE, chart, 600, 400, 100, 80, 10000, 10000, true, false, false, false, true, true);
        setRangeZoomable(false);
        canvas().addMouseWheelListener(this::wheel);
        canvas().addListener(SWT.Resize, e -> updateDetail());
        domainAxis().addChangeListener(e -> updateDetail());
    }

    /** The SWT canvas the chart is painted on (tests post mouse events to it). */
    public Canvas canvas() {
        return (Canvas) getChildren()[0];
    }

    /** The file name (without extension) proposed by the export dialogs. */
    public void setExportName(String name) {
        this.exportName = name;
    }

    public void onClick(Consumer<Click> handler) {
        this.onClick = handler;
    }

    /** Sets the tooltip shown where the mouse is over no marker (the lines' values at that time). */
    public void setValueReadout(ValueReadout r) {
        this.readout = r;
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        ChartEntity entity = entityAt(e.x, e.y); /* one search of the entities, not a second in super's */
        String marker = entity instanceof XYItemEntity item && item.getDataset() instanceof MarkerDataset markers
                ? markers.toolTip(item.getSeriesIndex(), item.getItem())
                : entity == null ? null : entity.getToolTipText();
        if (marker != null) {
            return marker;
        }
        org.eclipse.swt.graphics.Rectangle area = getScreenDataArea(e.x, e.y);
        if (area == null || !area.contains(e.x, e.y)) {
            return null;
        }
        double x = valueAt(e.x);
        return Double.isNaN(x) ? null : readout.at(x, plotAt(e.x, e.y));
    }

    /** The index of the plot (subplot of a combined plot) under a canvas point, -1 when none. */
    public int plotAt(int x, int y) {
        XYPlot p = getChart().getXYPlot();
        if (!(p instanceof CombinedDomainXYPlot c)) {
            return 0;
        }
        org.jfree.chart.plot.PlotRenderingInfo info = getChartRenderingInfo().getPlotInfo();
        XYPlot sub = c.findSubplot(info, translateScreenToJava2D(new java.awt.Point(x, y)));
        return sub == null ? -1 : c.getSubplots().indexOf(sub);
    }

    /** Datasets to reduce to the visible range on every zoom, pan and resize. */
    public void addLevelOfDetail(LevelOfDetail d) {
        details.add(d);
        updateDetail();
    }

    /** Replaces every level-of-detail dataset (after a chart rebuilt its plots). */
    public void setLevelOfDetail(List<? extends LevelOfDetail> list) {
        details.clear();
        details.addAll(list);
        updateDetail();
    }

    public ValueAxis domainAxis() {
        return getChart().getXYPlot().getDomainAxis();
    }

    /** The plots that show data: the subplots of a combined plot, else the plot. */
    public List<XYPlot> plots() {
        return ChartStyle.plots(getChart());
    }

    /** Re-reduces the level-of-detail datasets for the current range and width (call after new data). */
    public void updateDetail() {
        if (details == null || isDisposed()) {
            return; /* called by the super constructor */
        }
        Range r = domainAxis().getRange();
        int columns = columns();
        detailColumns = columns;
        for (LevelOfDetail d : details) {
            d.setView(r.getLowerBound(), r.getUpperBound(), columns);
        }
    }

    private int columns() {
        org.eclipse.swt.graphics.Rectangle area = getScreenDataArea();
        if (area != null && area.width > 10) {
            return area.width;
        }
        return Math.max(100, canvas().getSize().x);
    }

    /**
     * Moves the time-cursor line (NaN hides it). The line is drawn over the chart's buffered image,
     * not into the chart, so a cursor step repaints a copy of the image and one line instead of the
     * whole chart (tens to hundreds of milliseconds for a million points).
     */
    public void setCursorValue(double x) {
        if (Double.compare(x, cursorValue) != 0) {
            cursorValue = x;
            canvas().redraw();
        }
    }

    /** The cursor's label (shown at the line's foot and in exports). */
    private String cursorLabel() {
        return Double.isNaN(cursorValue) ? null : String.format(Locale.ROOT, "cursor %.6f s", cursorValue);
    }

    /** The time-cursor line's position (NaN when hidden). */
    public double cursorValue() {
        return cursorValue;
    }

    /** The domain value (seconds) under a canvas x coordinate; NaN before the first paint. */
    public double valueAt(int x) {
        Rectangle2D area = getChartRenderingInfo().getPlotInfo().getDataArea();
        if (area == null || area.isEmpty()) {
            return Double.NaN;
        }
        Point2D p = translateScreenToJava2D(new java.awt.Point(x, 0));
        return domainAxis().java2DToValue(p.getX(), area, getChart().getXYPlot().getDomainAxisEdge());
    }

    /** The entity under a canvas point, or null. */
    public ChartEntity entityAt(int x, int y) {
        ChartRenderingInfo info = getChartRenderingInfo();
        EntityCollection entities = info == null ? null : info.getEntityCollection();
        if (entities == null) {
            return null;
        }
        Point2D p = translateScreenToJava2D(new java.awt.Point(x, y));
        return entities.getEntity(p.getX(), p.getY());
    }

    /** The canvas point at the centre of an entity's area (for tests and keyboard access). */
    public Point centreOf(ChartEntity e) {
        Rectangle2D b = e.getArea().getBounds2D();
        java.awt.Point p = translateJava2DToScreen(new Point2D.Double(b.getCenterX(), b.getCenterY()));
        return new Point(p.x, p.y);
    }

    /** Shows the whole capture again (time and value axes back to automatic ranges). */
    public void resetZoom() {
        domainAxis().setAutoRange(true);
        for (XYPlot p : plots()) {
            for (int i = 0; i < p.getRangeAxisCount(); i++) {
                if (p.getRangeAxis(i) != null) {
                    p.getRangeAxis(i).setAutoRange(true);
                }
            }
        }
    }

    /**
     * Writes the chart as shown (size, zoom, cursor) to a file in a Job (returned, already
     * scheduled), from what {@link ChartExport#prepare} made here; a failure is shown in a dialog.
     */
    public Job export(Path file, ChartExport.Format format) {
        org.eclipse.swt.graphics.Point size = canvas().getSize();
        ChartExport.Drawn drawn = ChartExport.prepare(getChart(), format, size.x, size.y, cursorValue, cursorLabel());
        return ExportJob.schedule("Export Chart", file, () -> isDisposed() ? null : getShell(),
                (f, monitor) -> drawn.writeTo(f));
    }

    /** Nanoseconds the last repaint took (the chart drawn into its buffer and copied), -1 before one. */
    public long lastPaintNanos() {
        return lastPaintNanos;
    }

    @Override
    public void paintControl(PaintEvent e) {
        long t = System.nanoTime();
        super.paintControl(e);
        drawCursor(e.gc);
        lastPaintNanos = System.nanoTime() - t;
        if (columns() != detailColumns) {
            /* the plot's width is known only once drawn (after a resize): reduce again for it */
            getDisplay().asyncExec(this::updateDetail);
        }
    }

    /**
     * The time cursor over the chart as drawn: a line through the data area (every subplot) and its
     * label at the foot, left of the line in the plot's right quarter, where it would be cut off.
     */
    private void drawCursor(GC gc) {
        Rectangle2D area = getChartRenderingInfo().getPlotInfo().getDataArea();
        if (Double.isNaN(cursorValue) || area == null || area.isEmpty()
                || !domainAxis().getRange().contains(cursorValue)) {
            return;
        }
        double x = domainAxis().valueToJava2D(cursorValue, area, getChart().getXYPlot().getDomainAxisEdge());
        java.awt.Point top = translateJava2DToScreen(new Point2D.Double(x, area.getMinY()));
        java.awt.Point foot = translateJava2DToScreen(new Point2D.Double(x, area.getMaxY()));
        java.awt.Point right = translateJava2DToScreen(new Point2D.Double(area.getMaxX(), area.getMaxY()));
        java.awt.Point left = translateJava2DToScreen(new Point2D.Double(area.getMinX(), area.getMaxY()));
        gc.setForeground(CURSOR);
        gc.setLineWidth(1);
        gc.drawLine(top.x, top.y, foot.x, foot.y);
        String label = cursorLabel();
        Point extent = gc.textExtent(label);
        boolean onLeft = foot.x > left.x + 0.75 * (right.x - left.x);
        gc.drawText(label, onLeft ? foot.x - LABEL_GAP - extent.x : foot.x + LABEL_GAP, foot.y - LABEL_GAP - extent.y,
                true);
    }

    @Override
    protected Menu createPopupMenu(boolean properties, boolean save, boolean print, boolean zoom) {
        Menu menu = new Menu(this);
        item(menu, "Reset Zoom", this::resetZoom);
        item(menu, "Zoom In", () -> domainAxis().resizeRange(0.5));
        item(menu, "Zoom Out", () -> domainAxis().resizeRange(2.0));
        new MenuItem(menu, SWT.SEPARATOR);
        item(menu, "Export as PNG…", () -> new ExportChartAction(this, ChartExport.Format.PNG, exportName).run());
        item(menu, "Export as SVG…", () -> new ExportChartAction(this, ChartExport.Format.SVG, exportName).run());
        return menu;
    }

    private static void item(Menu menu, String text, Runnable r) {
        MenuItem i = new MenuItem(menu, SWT.PUSH);
        i.setText(text);
        i.addListener(SWT.Selection, e -> r.run());
    }

    @Override
    public void mouseDown(MouseEvent e) {
        if (e.button == 2 || e.button == 1 && (e.stateMask & SWT.SHIFT) != 0) {
            panLastX = e.x;
            return;
        }
        down = e.button == 1 ? new Point(e.x, e.y) : null;
        super.mouseDown(e);
    }

    @Override
    public void mouseMove(MouseEvent e) {
        if (panLastX >= 0) {
            pan(e.x - panLastX);
            panLastX = e.x;
            return;
        }
        super.mouseMove(e);
    }

    @Override
    public void mouseUp(MouseEvent e) {
        if (panLastX >= 0) {
            panLastX = -1;
            return;
        }
        boolean click = down != null && e.button == 1 && Math.abs(e.x - down.x) <= CLICK_SLOP
                && Math.abs(e.y - down.y) <= CLICK_SLOP;
        down = null;
        super.mouseUp(e);
        if (click) {
            double x = valueAt(e.x);
            if (!Double.isNaN(x)) {
                onClick.accept(new Click(x, entityAt(e.x, e.y)));
            }
        }
    }

    private void pan(int dx) {
        org.eclipse.swt.graphics.Rectangle area = getScreenDataArea();
        if (area == null || area.width <= 0 || dx == 0) {
            return;
        }
        Range r = domainAxis().getRange();
        double shift = -dx * r.getLength() / area.width;
        domainAxis().setRange(r.getLowerBound() + shift, r.getUpperBound() + shift);
    }

    private void wheel(MouseEvent e) {
        if (e.count == 0) {
            return;
        }
        double anchor = valueAt(e.x);
        Range r = domainAxis().getRange();
        domainAxis().resizeRange2(e.count > 0 ? 0.8 : 1.25, Double.isNaN(anchor) ? r.getCentralValue() : anchor);
    }
}
