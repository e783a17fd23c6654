package dev.dxgscope.ui.charts;

import java.nio.file.Path;
import org.eclipse.jface.action.Action;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.BusyIndicator;
import org.eclipse.swt.widgets.FileDialog;

/**
 * "Export chart…" (PNG or SVG, chosen by the file's extension) for a view's toolbar, and
 * "Export as PNG…"/"Export as SVG…" for the chart's context menu. Writes what the chart shows now
 * (zoom, cursor, selection) at its size on screen; the file is written in a Job.
 */
public final class ExportChartAction extends Action {
    private final ChartCanvas canvas;
    private final ChartExport.Format format;
    private final String name;

    /** {@code format} null: the user picks PNG or SVG in the file dialog. */
    public ExportChartAction(ChartCanvas canvas, ChartExport.Format format, String name) {
        super(format == null ? "Export Chart…" : "Export as " + format.name() + "…");
        this.canvas = canvas;
        this.format = format;
        this.name = name;
        setToolTipText(format == null ? "Save this chart as a PNG image or an SVG drawing"
                : "Save this chart as " + format.label());
    }

    @Override
    public void run() {
        FileDialog d = new FileDialog(canvas.getShell(), SWT.SAVE);
        d.setText(getText().replace("…", ""));
        ChartExport.Format first = format == null ? ChartExport.Format.PNG : format;
        d.setFileName(name + "." + first.extension());
        if (format == null) {
            d.setFilterExtensions(new String[] {"*.png", "*.svg"});
            d.setFilterNames(new String[] {"PNG image (*.png)", "SVG drawing (*.svg)"});
        } else {
            d.setFilterExtensions(new String[] {"*." + format.extension()});
        }
        d.setOverwrite(true);
        String f = d.open();
        if (f == null) {
            return;
        }
        Path file = Path.of(f);
        ChartExport.Format chosen = format != null ? format
                : ChartExport.Format.of(file) != null ? ChartExport.Format.of(file)
                : d.getFilterIndex() == 1 ? ChartExport.Format.SVG : ChartExport.Format.PNG;
        if (ChartExport.Format.of(file) != chosen) {
            file = Path.of(f + "." + chosen.extension());
        }
        Path target = file;
        BusyIndicator.showWhile(canvas.getDisplay(), () -> canvas.export(target, chosen)); /* draws, then writes in a Job */
    }
}
