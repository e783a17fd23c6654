package dev.dxgscope.ui.commands;

import dev.dxgscope.model.report.HtmlRenderer;
import dev.dxgscope.model.report.ReportBuilder;
import dev.dxgscope.model.report.TraceExport;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/** File > Export: the HTML report or the Chrome/Perfetto trace of the current capture. */
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
            try {
                export(s, Path.of(f), report);
            } catch (IOException e) {
                MessageDialog.openError(shell, "Export", "Cannot write " + f + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** Writes the report (HTML) or the trace (JSON). */
    public static void export(CaptureSession s, Path file, boolean report) throws IOException {
        IOException[] failure = new IOException[1];
        s.read(m -> {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                if (report) {
                    HtmlRenderer.write(new ReportBuilder(m, s.file().toString()).build(null, null, Set.of()),
                            "dxgscope report: " + s.file().getFileName(), w);
                } else {
                    TraceExport.write(m, w);
                }
            } catch (IOException e) {
                failure[0] = e;
            }
            return null;
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
