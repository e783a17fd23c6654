package dev.dxgscope.ui.charts;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.MessageDialog;
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
        Target target = Target.of(f, format, d.getFilterIndex());
        /* the dialog asked about the name typed; an extension added to it may name another existing file */
        if (!target.file().equals(Path.of(f)) && Files.exists(target.file()) && !MessageDialog.openQuestion(
                canvas.getShell(), d.getText(), target.file().getFileName() + " already exists. Replace it?")) {
            return;
        }
        BusyIndicator.showWhile(canvas.getDisplay(), () -> canvas.export(target.file(), target.format())); /* clones here; draws and writes in a Job */
    }

    /**
     * The file and format an export writes, from the name the file dialog returned: the action's own
     * format, else the one the name ends with, else the dialog's filter ({@code filterIndex} 1 is
     * SVG). A name that does not end with the format's extension gets it appended.
     */
    record Target(Path file, ChartExport.Format format) {
        static Target of(String chosen, ChartExport.Format fixed, int filterIndex) {
            Path file = Path.of(chosen);
            ChartExport.Format named = ChartExport.Format.of(file);
            ChartExport.Format format = fixed != null ? fixed
                    : named != null ? named : filterIndex == 1 ? ChartExport.Format.SVG : ChartExport.Format.PNG;
            return new Target(named == format ? file : Path.of(chosen + "." + format.extension()), format);
        }
    }
}
