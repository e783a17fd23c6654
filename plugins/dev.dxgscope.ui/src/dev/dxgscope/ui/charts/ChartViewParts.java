package dev.dxgscope.ui.charts;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.session.CaptureSession;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * What the chart views share: a header line with a toolbar at its right, its zoom and export
 * actions, and the time axis
 * (seconds since the capture's first record) to and from seqs.
 */
public final class ChartViewParts {
    private ChartViewParts() {
    }

    /** Lays {@code c} out as two columns: a grey header label (returned), then the toolbar; the chart spans both below. */
    public static Label header(Composite c, ToolBarManager toolbar) {
        GridLayout layout = new GridLayout(2, false);
        layout.marginHeight = 2;
        c.setLayout(layout);
        Label header = new Label(c, SWT.NONE);
        header.setForeground(c.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DARK_SHADOW));
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(header);
        toolbar.createControl(c);
        return header;
    }

    /** Adds "Reset Zoom" and "Export Chart…" (PNG or SVG, proposed as {@code exportName}) for {@code canvas}. */
    public static void zoomAndExport(ToolBarManager toolbar, ChartCanvas canvas, String exportName) {
        toolbar.add(new org.eclipse.jface.action.Action("Reset Zoom") {
            @Override
            public void run() {
                canvas.resetZoom();
            }
        });
        toolbar.add(new ExportChartAction(canvas, null, exportName));
    }

    /** Seconds since the capture's first record at {@code seq}; NaN without a capture. */
    public static double x(CaptureSession s, long seq) {
        Double x = s == null ? null : s.read((CaptureModel m) -> m.timeline().sinceStart(seq) / 1e9);
        return x == null ? Double.NaN : x;
    }

    /** The seq at {@code x} seconds since the capture's first record; null without a capture. */
    public static Long seqAt(CaptureSession s, double x) {
        return s == null ? null
                : s.read((CaptureModel m) -> m.timeline().seqAt(m.timeline().startNs() + Math.round(x * 1e9)));
    }
}
