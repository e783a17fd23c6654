package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.ViewWarmup;
import dev.dxgscope.ui.allocations.AllocationsView;
import dev.dxgscope.ui.commands.CursorHandler;
import dev.dxgscope.ui.commands.SessionHandlers;
import dev.dxgscope.ui.common.UiWatchdog;
import dev.dxgscope.ui.processes.ProcessesView;
import dev.dxgscope.ui.session.NativeTools;
import dev.dxgscope.ui.session.SessionJobs;
import dev.dxgscope.ui.session.Sessions;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture of about a million records (render-loop, 85,000 frames on the simulator): how soon the
 * load shows progress and the first view is populated, and the longest the UI thread is blocked
 * while opening, stepping the cursor and switching views. Prints the numbers (the machines are
 * noisy; timings are reported, not asserted) and checks the model is whole.
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class LargeCaptureTest {
    private final Display display = PlatformUI.getWorkbench().getDisplay();
    @TempDir
    static Path dir;

    @Test
    void aMillionRecordCaptureOpensWithProgressAndWithoutFreezingTheUi() throws Exception {
        Path capture = dir.resolve("big.dxgcap");
        Path cap = NativeTools.dxgcap();
        assertNotNull(cap);
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        double warmupWorst;
        String warmupWhere;
        /* recorded while the event loop runs, as a user would start dxgscope and open a capture some
           seconds later: the start-up warm-up makes the views behind the tabs meanwhile */
        try (UiWatchdog watchdog = UiWatchdog.start(display)) {
            Process p = new ProcessBuilder(cap.toString(), "record", "--sim", "-o", capture.toString(), "--",
                    NativeTools.workloads().resolve("render-loop").toString(), "85000", "0")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("record.log").toFile()).start();
            UiTestSupport.waitUntil(display, () -> !p.isAlive(), 180_000, "the recording");
            assertEquals(0, p.exitValue());
            UiTestSupport.waitUntil(display, ViewWarmup::finished, 30_000, "the start-up warm-up");
            UiTestSupport.spin(display, 500);
            warmupWorst = watchdog.worstMs();
            warmupWhere = watchdog.worstWhere();
        }
        ProcessesView processes = UiTestSupport.pojo(page.showView(ViewIds.PROCESSES), ProcessesView.class);
        try (UiWatchdog watchdog = UiWatchdog.start(display)) {
            long t0 = System.nanoTime();
            SessionHandlers.open(capture);
            long progressAt = -1;
            while (Sessions.get().current() == null || !Sessions.get().current().file().equals(capture)) {
                if (progressAt < 0 && Job.getJobManager().find(SessionJobs.FAMILY).length > 0) {
                    progressAt = System.nanoTime() - t0;
                }
                UiTestSupport.spin(display, 5);
            }
            UiTestSupport.waitUntil(display, () -> processes.rows().stream().anyMatch(r -> r.startsWith("render-loop")),
                    30_000, "the Processes view");
            long populated = System.nanoTime() - t0;
            double openWorst = watchdog.worstMs();
            String openWhere = watchdog.worstWhere();
            long records = Sessions.get().current().read(m -> (long) m.timeline().size());
            assertTrue(records > 1_000_000, "records: " + records);
            assertEquals(85_000L, Sessions.get().current().read(m -> (long) m.waits().stream()
                    .filter(w -> w.object().kind() == dev.dxgscope.model.state.SyncObject.Kind.SYNC_OBJECT).count()));

            watchdog.reset();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                CursorHandler.step(i < 10 ? CursorHandler.NEXT : CursorHandler.PREVIOUS);
                long stepMs = (System.nanoTime() - t) / 1_000_000;
                if (stepMs > 50) {
                    System.out.println("large capture: cursor step " + i + " took " + stepMs + " ms on the UI thread");
                }
                UiTestSupport.spin(display, 10);
            }
            Sessions.get().moveCursor(Sessions.get().current().read((CaptureModel m) -> m.timeline().seq(m.timeline().size() / 2)));
            UiTestSupport.spin(display, 200);
            double cursorWorst = watchdog.worstMs();
            String cursorWhere = watchdog.worstWhere();

            watchdog.reset();
            List<String> views = List.of(ViewIds.ALLOCATIONS, ViewIds.LEAKS, ViewIds.ADAPTERS, ViewIds.PROCESSES,
                    ViewIds.SYNC, ViewIds.RESIDENCY, ViewIds.VMBUS);
            double firstShowWorst = 0; /* creating each view, unless the start-up warm-up made it */
            String firstShowWhere = "";
            StringBuilder perView = new StringBuilder();
            for (String id : views) {
                page.showView(id);
                UiTestSupport.spin(display, 300);
                perView.append(String.format("%n    %s %.0f ms", id.substring(id.lastIndexOf('.') + 1), watchdog.worstMs()))
                        .append(watchdog.worstMs() > 100 ? ": " + watchdog.worstWhere() : "");
                if (watchdog.worstMs() > firstShowWorst) {
                    firstShowWorst = watchdog.worstMs();
                    firstShowWhere = watchdog.worstWhere();
                }
                watchdog.reset();
            }
            AllocationsView allocations = UiTestSupport.pojo(page.findView(ViewIds.ALLOCATIONS), AllocationsView.class);
            UiTestSupport.waitUntil(display, () -> allocations.rows().size() == 8, 10_000, "the 8 allocations");
            watchdog.reset();
            for (int round = 0; round < 2; round++) {
                for (String id : views) {
                    page.showView(id);
                    UiTestSupport.spin(display, 200);
                }
            }
            double viewsWorst = watchdog.worstMs();
            String viewsWhere = watchdog.worstWhere();
            System.out.printf("large capture: %,d records; progress job after %.0f ms; first view populated after %.0f ms;"
                    + " UI thread blocked at most %.0f ms while opening, %.0f ms stepping the cursor, %.0f ms creating"
                    + " the views, %.0f ms switching between them (%d watchdog samples)%n", records, progressAt / 1e6,
                    populated / 1e6, openWorst, cursorWorst, firstShowWorst, viewsWorst, watchdog.samples());
            System.out.printf("large capture: while recording (start-up warm-up) the UI thread was blocked at most %.0f ms"
                    + " (%s); the warm-up made the views behind the tabs in %s ms each%n", warmupWorst, warmupWhere,
                    ViewWarmup.createdMs());
            System.out.printf("large capture: where the UI thread was in each worst block (sampled every %d ms):%n"
                    + "  opening: %s%n  stepping: %s%n  first shown:%s; %s%n  switching: %s%n", 20, openWhere, cursorWhere,
                    perView, firstShowWhere, viewsWhere);
            for (String id : List.of(ViewIds.SYNC, ViewIds.RESIDENCY)) {
                page.showView(id);
                UiTestSupport.spin(display, 300);
                dev.dxgscope.ui.charts.ChartCanvas chart = id.equals(ViewIds.SYNC)
                        ? UiTestSupport.pojo(page.findView(id), dev.dxgscope.ui.sync.SyncView.class).canvas()
                        : UiTestSupport.pojo(page.findView(id), dev.dxgscope.ui.residency.ResidencyView.class).canvas();
                watchdog.reset();
                long slowestPaint = 0;
                for (int i = 0; i < 20; i++) { /* the cursor stepped with the chart on screen: each step repaints it */
                    CursorHandler.step(i < 10 ? CursorHandler.NEXT : CursorHandler.PREVIOUS);
                    UiTestSupport.spin(display, 30);
                    slowestPaint = Math.max(slowestPaint, chart.lastPaintNanos());
                }
                System.out.printf("large capture: stepping the cursor with the %s chart on screen: slowest repaint %.1f ms,"
                        + " UI thread blocked at most %.0f ms%s%n", id.substring(id.lastIndexOf('.') + 1), slowestPaint / 1e6,
                        watchdog.worstMs(), watchdog.worstMs() > 50 ? " (" + watchdog.worstWhere() + ")" : "");
                long slowestDraw = 0;
                for (int i = 0; i < 5; i++) { /* what a live update, zoom or pan costs: the whole chart drawn again */
                    chart.getChart().fireChartChanged();
                    UiTestSupport.spin(display, 50);
                    slowestDraw = Math.max(slowestDraw, chart.lastPaintNanos());
                }
                System.out.printf("large capture: the %s chart drawn whole in at most %.1f ms%n",
                        id.substring(id.lastIndexOf('.') + 1), slowestDraw / 1e6);
                for (var format : dev.dxgscope.ui.charts.ChartExport.Format.values()) {
                    Path out = dir.resolve(id.substring(id.lastIndexOf('.') + 1) + "." + format.extension());
                    long t = System.nanoTime();
                    Job export = chart.export(out, format);
                    long onUi = System.nanoTime() - t;
                    export.join();
                    long inJob = System.nanoTime() - t - onUi;
                    assertTrue(export.getResult().isOK() && java.nio.file.Files.size(out) > 1000, out.toString());
                    System.out.printf("large capture: %s exported as %s: %.0f ms on the UI thread (the chart"
                            + " cloned), %.0f ms in the Job (the clone drawn, encoded and written)%n",
                            id.substring(id.lastIndexOf('.') + 1), format,
                            onUi / 1e6, inJob / 1e6);
                }
            }
            for (boolean report : new boolean[] {true, false}) {
                Path out = dir.resolve(report ? "big-report.html" : "big-trace.json");
                long t = System.nanoTime();
                Job export = dev.dxgscope.ui.commands.ExportHandler.export(Sessions.get().current(), out, report,
                        display.getActiveShell() != null ? display.getActiveShell()
                                : PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
                long onUi = System.nanoTime() - t;
                UiTestSupport.waitUntil(display, () -> export.getResult() != null, 60_000, out.getFileName().toString());
                assertTrue(export.getResult().isOK() && java.nio.file.Files.size(out) > 1_000_000, out.toString());
                System.out.printf("large capture: %s written in %.0f ms, %.0f ms of it on the UI thread (%,d bytes)%n",
                        report ? "HTML report" : "trace", (System.nanoTime() - t) / 1e6, onUi / 1e6,
                        java.nio.file.Files.size(out));
            }
            UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "large-capture.png");
        }
    }
}
