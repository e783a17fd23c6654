package dev.dxgscope.ui.commands;

import dev.dxgscope.model.report.HtmlRenderer;
import dev.dxgscope.model.report.ReportBuilder;
import dev.dxgscope.model.report.TraceExport;
import dev.dxgscope.model.report.WholeFile;
import dev.dxgscope.ui.common.ExportJob;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * File > Export: the HTML report or the Chrome/Perfetto trace of the current capture, written in a
 * Job (a million-record capture takes about half a second, too long for the UI thread), which the
 * Progress view can cancel. A cancelled or failed export leaves no partial file.
 */
public final class ExportHandler extends AbstractHandler {
    public static final String REPORT = "dev.dxgscope.ui.exportReport";
    public static final String TRACE = "dev.dxgscope.ui.exportTrace";

    @Override
    public Object execute(ExecutionEvent event) {
        Shell shell = HandlerUtil.getActiveShell(event);
        CaptureSession s = Sessions.get().current();
        if (s == null) {
            MessageDialog.openInformation(shell, "Export", "Open a capture first.");
            return null;
        }
        boolean report = REPORT.equals(event.getCommand().getId());
        FileDialog d = new FileDialog(shell, SWT.SAVE);
        String stem = s.file().getFileName().toString().replaceFirst("\\.dxgcap$", "");
        d.setFileName(stem + (report ? "-report.html" : "-trace.json"));
        d.setOverwrite(true);
        String f = d.open();
        if (f != null) {
            export(s, Path.of(f), report, shell);
        }
        return null;
    }

    /** Writes the report (HTML) or the trace (JSON) in an {@link ExportJob}; a failure is shown in a dialog. */
    public static Job export(CaptureSession s, Path file, boolean report, Shell shell) {
        return ExportJob.schedule("Export", file, () -> shell, (f, monitor) -> write(s, f, report, monitor));
    }

    /**
     * Writes here and now (the Job; tests); stops, leaving the file as it was, when cancelled. The
     * report is gathered under the session's read lock and rendered after it is released, so a live
     * session's next update waits only for the gathering (about half of the work); the trace is
     * written from the model, under the lock.
     */
    public static void write(CaptureSession s, Path file, boolean report, IProgressMonitor monitor) throws IOException {
        monitor.beginTask("Writing " + file.getFileName(), IProgressMonitor.UNKNOWN);
        if (s.read(m -> Boolean.TRUE) == null) {
            throw new IOException("the capture has not loaded yet");
        }
        Optional<IOException> failure;
        if (report) {
            Map<String, Object> content = s.read(m -> new ReportBuilder(m, s.file().toString()).build(null, null,
                    Set.of()));
            if (content == null) {
                throw new IOException("the capture was closed");
            }
            String title = "dxgscope report: " + s.file().getFileName();
            failure = writeTo(file, monitor, w -> HtmlRenderer.write(content, title, w));
        } else {
            failure = s.read(m -> writeTo(file, monitor, w -> TraceExport.write(m, w)));
            if (failure == null) {
                throw new IOException("the capture was closed");
            }
        }
        if (failure.isPresent() && !monitor.isCanceled()) { /* either way the file is as it was */
            throw failure.get();
        }
    }

    /** What an export writes. */
    private interface Body {
        void write(Writer w) throws IOException;
    }

    /**
     * Writes {@code body} to {@code file} whole or not at all ({@link WholeFile}); the failure, if
     * it failed (a cancel fails the writer).
     */
    private static Optional<IOException> writeTo(Path file, IProgressMonitor monitor, Body body) {
        try {
            WholeFile.writeText(file, w -> {
                body.write(new CancellableWriter(w, monitor));
                return !monitor.isCanceled();
            });
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e);
        }
    }

    /** A writer that fails with an IOException once the export is cancelled, so the writing stops. */
    private static final class CancellableWriter extends java.io.FilterWriter {
        private final IProgressMonitor monitor;

        CancellableWriter(Writer out, IProgressMonitor monitor) {
            super(out);
            this.monitor = monitor;
        }

        private void check() throws IOException {
            if (monitor.isCanceled()) {
                throw new IOException("cancelled");
            }
        }

        @Override
        public void write(int c) throws IOException {
            check();
            super.write(c);
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            check();
            super.write(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            check();
            super.write(str, off, len);
        }
    }
}
