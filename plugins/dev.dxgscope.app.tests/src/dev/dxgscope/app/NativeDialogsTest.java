package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.common.ExportJob;
import dev.dxgscope.ui.log.LogView;
import dev.dxgscope.ui.session.Sessions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native (GTK) file dialogs, driven with real key events as a user types into them: File >
 * Open takes the path typed, and the save dialogs of a table's CSV export, a chart's export and
 * the HTML report write the file named, with the extension added where the chart dialog needs it.
 * The report and trace exports run in a Job that can be cancelled.
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class NativeDialogsTest {
    private final Display display = PlatformUI.getWorkbench().getDisplay();
    @TempDir
    static Path dir;

    private static Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    @Test
    void fileOpenTakesTheTypedPath() throws Exception {
        Path capture = UiTestSupport.record(dir, "leaky-sharer");
        try (KeyTyper typer = KeyTyper.whenDialogShows(display, capture.toString(), "open-dialog")) {
            PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("dev.dxgscope.ui.open", null);
        }
        UiTestSupport.waitUntil(display, () -> Sessions.get().current() != null
                && Sessions.get().current().file().equals(capture) && Sessions.get().current().finished(), 30_000,
                "the capture typed in the dialog to open");
        assertEquals(capture, Sessions.get().current().file());
    }

    @Test
    void saveDialogsWriteTheFileTyped() throws Exception {
        Path capture = UiTestSupport.record(dir, "error-storm");
        UiTestSupport.open(display, capture);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();

        LogView log = UiTestSupport.pojo(page.showView(ViewIds.LOG), LogView.class);
        UiTestSupport.waitUntil(display, () -> !log.busy() && log.rowCount() > 0, 10_000, "the log rows");
        Button csvButton = UiTestSupport.find(shell(), Button.class,
                b -> b.isVisible() && b.getText().equals("Export CSV…"));
        assertNotNull(csvButton, "the Log view's Export CSV button");
        Path typed = dir.resolve("log-typed.csv");
        try (KeyTyper typer = KeyTyper.whenDialogShows(display, typed.toString(), "csv-dialog")) {
            csvButton.notifyListeners(SWT.Selection, new Event());
        }
        waitForExports(typed);
        Path reference = dir.resolve("log-reference.csv");
        log.exportCsv(reference);
        assertArrayEquals(Files.readAllBytes(reference), Files.readAllBytes(typed), "the CSV saved through the dialog");
        assertEquals(log.rowCount() + 1, Files.readAllLines(typed).size(), "a header and every row shown");

        page.showView(ViewIds.RESIDENCY);
        UiTestSupport.spin(display, 300);
        ToolItem exportChart = UiTestSupport.visibleToolItem(shell(), "Export Chart…");
        Path stem = dir.resolve("residency-typed");
        try (KeyTyper typer = KeyTyper.whenDialogShows(display, stem.toString(), "chart-dialog")) {
            exportChart.notifyListeners(SWT.Selection, new Event());
        }
        Path png = dir.resolve("residency-typed.png");
        waitForExports(png);
        assertFalse(Files.exists(stem), "the name typed without an extension gets the PNG filter's");
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, "a PNG file");

        Path html = dir.resolve("report-typed.html");
        try (KeyTyper typer = KeyTyper.whenDialogShows(display, html.toString(), "report-dialog")) {
            PlatformUI.getWorkbench().getService(IHandlerService.class)
                    .executeCommand("dev.dxgscope.ui.exportReport", null);
        }
        waitForExports(html);
        String report = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(report.startsWith("<!DOCTYPE html>") && report.contains("error-storm"), report.substring(0, 200));
    }

    @Test
    void reportAndTraceAreWrittenInACancellableJob() throws Exception {
        Path capture = UiTestSupport.record(dir, "stuck-wait");
        var session = UiTestSupport.open(display, capture);
        Path html = dir.resolve("job-report.html");
        Path json = dir.resolve("job-trace.json");
        Job report = dev.dxgscope.ui.commands.ExportHandler.export(session, html, true, shell());
        Job trace = dev.dxgscope.ui.commands.ExportHandler.export(session, json, false, shell());
        assertTrue(report.belongsTo(ExportJob.FAMILY) && report.isUser(), "a user Job the Progress view shows");
        waitForExports(json);
        assertTrue(report.getResult().isOK() && trace.getResult().isOK());
        assertTrue(Files.readString(html).contains("stuck-wait"));
        assertTrue(Files.readString(json).startsWith("{\"displayTimeUnit\":\"ms\",\"traceEvents\":["));

        Path cancelled = dir.resolve("cancelled-report.html");
        var monitor = new org.eclipse.core.runtime.NullProgressMonitor();
        monitor.setCanceled(true);
        dev.dxgscope.ui.commands.ExportHandler.write(session, cancelled, true, monitor);
        assertFalse(Files.exists(cancelled), "a cancelled export leaves no partial file");
    }

    /** Waits until {@code file} exists and no export Job runs (CSV and chart exports write in Jobs). */
    private void waitForExports(Path file) {
        UiTestSupport.waitUntil(display, () -> Files.exists(file)
                && Job.getJobManager().find(ExportJob.FAMILY).length == 0, 30_000,
                file.getFileName() + " to be written");
    }
}
