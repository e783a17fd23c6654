package dev.dxgscope.ui.residency;

import dev.dxgscope.ui.charts.ChartCanvas;
import dev.dxgscope.ui.charts.ChartViewParts;
import dev.dxgscope.ui.charts.LevelOfDetail;
import dev.dxgscope.ui.charts.SnapshotLoader;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import jakarta.annotation.PostConstruct;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.jfree.chart.entity.XYItemEntity;

/**
 * Residency: resident bytes per process and segment group over the capture against their budgets,
 * with every MakeResident and Evict (pending ones with their paging-fence latency, failed ones in
 * red), and the memory manager's evictions. The time cursor is a vertical line; clicking the chart
 * moves it (to the marker's call when one is hit). The data is copied from the model in a Job;
 * cursor moves only move the line.
 */
public final class ResidencyView extends SessionView {
    private Label header;
    private ResidencyChart chart;
    private ChartCanvas canvas;
    private SnapshotLoader<ResidencyData> loader;
    private CaptureSession shown;

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        ToolBarManager toolbar = new ToolBarManager(SWT.FLAT | SWT.RIGHT);
        header = ChartViewParts.header(c, toolbar);
        chart = new ResidencyChart();
        canvas = new ChartCanvas(c, chart.chart());
        canvas.setExportName("residency");
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(canvas);
        for (LevelOfDetail d : chart.levelOfDetail()) {
            canvas.addLevelOfDetail(d);
        }
        canvas.onClick(this::clicked);
        canvas.setValueReadout((x, plot) -> chart.readout(x));
        ChartViewParts.zoomAndExport(toolbar, canvas, "residency");
        toolbar.update(true);
        loader = new SnapshotLoader<>("Residency chart", c, this::show, why -> {
            chart.show(ResidencyData.empty());
            header.setText(why);
        });
        attach(c);
        if (session() == null) {
            refresh();
        }
    }

    @Override
    protected void refresh() {
        CaptureSession s = session();
        if (s == null) {
            header.setText(NO_CAPTURE);
            loader.showNow(ResidencyData.empty());
            return;
        }
        String title = s.title();
        loader.load(s, m -> ResidencyData.of(m, title));
    }

    private void show(ResidencyData d) {
        CaptureSession s = session();
        if (s != shown) {
            shown = s;
            canvas.resetZoom(); /* another capture: show all of it */
        }
        if (s != null) {
            header.setText("Drag to zoom (leftwards to reset), Shift+drag or middle button to pan, wheel to zoom; "
                    + "click to move the time cursor; hover a marker for details");
        }
        chart.show(d);
        canvas.updateDetail();
        cursorMoved(cursor());
    }

    @Override
    public void cursorMoved(long seq) {
        canvas.setCursorValue(ChartViewParts.x(session(), seq));
    }

    private void clicked(ChartCanvas.Click click) {
        CaptureSession s = session();
        if (s == null) {
            return;
        }
        if (click.entity() instanceof XYItemEntity e) {
            ResidencyData.Marker m = chart.marker(e.getDataset(), e.getSeriesIndex(), e.getItem());
            if (m != null) {
                Sessions.get().moveCursor(m.seq());
                return;
            }
        }
        Long seq = ChartViewParts.seqAt(s, click.x());
        if (seq != null) {
            Sessions.get().moveCursor(seq);
        }
    }

    /** The chart (tests read its datasets). */
    public ResidencyChart chart() {
        return chart;
    }

    public ChartCanvas canvas() {
        return canvas;
    }

    /** Whether the view is still copying or showing the newest data (tests wait for false). */
    public boolean busy() {
        return loader.busy();
    }

    @Focus
    void focus() {
        canvas.setFocus();
    }
}
