package dev.dxgscope.ui.common;

import dev.dxgscope.model.report.CsvExport;
import dev.dxgscope.model.report.WholeFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * "Export CSV…": every row of a table, as RFC 4180 CSV, written by a Job with progress and cancel
 * (a VMBus list of 500,000 messages takes seconds). The table's rows are taken on the UI thread
 * ({@code source} captures what is shown); their cells are made in the Job, which is why a
 * {@link CsvSource}'s rows must be readable off the UI thread. A cancelled or failed export leaves
 * no partial file.
 */
public final class CsvExportAction extends Action {
    private final Supplier<Shell> shell;
    private final Supplier<CsvSource> source;
    private final String name;

    public CsvExportAction(String name, Supplier<Shell> shell, Supplier<CsvSource> source) {
        super("Export CSV…");
        this.name = name;
        this.shell = shell;
        this.source = source;
        setToolTipText("Save every row of this table as CSV");
    }

    @Override
    public void run() {
        FileDialog d = new FileDialog(shell.get(), SWT.SAVE);
        d.setFileName(name + ".csv");
        d.setFilterExtensions(new String[] {"*.csv"});
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            export(Path.of(f));
        }
    }

    /** Writes the CSV in an {@link ExportJob}; a failure is reported in a dialog. */
    public Job export(Path file) {
        CsvSource s = source.get();
        return ExportJob.schedule("Export CSV", file, shell, (f, monitor) -> write(s, f, monitor));
    }

    /** Exports as the menu does and waits for the Job (tests and views' test hooks). */
    public void exportAndWait(Path file) {
        try {
            export(file).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes the CSV here and now (tests). */
    public void write(Path file) throws IOException {
        write(source.get(), file, new NullProgressMonitor());
    }

    /** Cancelled or failed, it leaves the file as it was ({@link WholeFile}). */
    private static void write(CsvSource s, Path file, IProgressMonitor monitor) throws IOException {
        List<List<String>> rows = s.rows();
        monitor.beginTask("Writing " + rows.size() + " rows", rows.size());
        try {
            WholeFile.writeText(file, w -> {
                w.write(CsvExport.line(s.columns()));
                for (int i = 0; i < rows.size(); i++) {
                    w.write(CsvExport.line(rows.get(i)));
                    if ((i & 1023) == 1023) {
                        monitor.worked(1024);
                        if (monitor.isCanceled()) {
                            return false;
                        }
                    }
                }
                return !monitor.isCanceled(); /* a cancel during the last rows keeps nothing too */
            });
        } finally {
            monitor.done();
        }
    }
}
