package dev.dxgscope.ui.common;

import dev.dxgscope.model.report.WholeFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Writes an export file (a table's CSV, a chart, the report, the trace) in a user Job, which the
 * Progress view shows with cancel. A failure is shown once, in a dialog titled after the export;
 * the Job then ends with a warning, as an error status would make the workbench show a second
 * dialog. Writers write through {@code WholeFile}: a failed or cancelled export leaves the file as
 * it was.
 */
public final class ExportJob {
    /** Job family of every export (tests wait for it). */
    public static final Object FAMILY = ExportJob.class;

    /** What the Job runs: writes {@code file}, stopping early when {@code monitor} is cancelled. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file, IProgressMonitor monitor) throws IOException;
    }

    private ExportJob() {
    }

    /**
     * Schedules the writing of {@code file}; {@code shell} gives the failure dialog's parent (null
     * when it is gone). Call on the UI thread.
     */
    public static Job schedule(String title, Path file, Supplier<Shell> shell, Writer writer) {
        Display display = Display.getCurrent();
        Job job = new Job("Exporting " + file.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    writer.write(file, monitor);
                } catch (IOException | RuntimeException e) {
                    display.asyncExec(() -> {
                        Shell parent = shell.get();
                        if (parent != null && !parent.isDisposed()) {
                            MessageDialog.openError(parent, title, "Cannot write " + file + ": "
                                    + (e instanceof IOException io ? WholeFile.problem(io) : e.toString()));
                        }
                    });
                    return new Status(IStatus.WARNING, "dev.dxgscope.ui", "Cannot write " + file, e);
                }
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setUser(true);
        job.schedule();
        return job;
    }
}
