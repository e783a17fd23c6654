package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.Signal;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.NativeTools;
import dev.dxgscope.ui.session.Recorders;
import dev.dxgscope.ui.session.SessionJobs;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;

/**
 * A live session on the simulator: the views follow the growing capture while the workload runs,
 * and the capture is complete when it ends; Stop ends a recording early with a complete file.
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class LiveSessionTest {
    private final Display display = PlatformUI.getWorkbench().getDisplay();
    private static Path workload(String name) {
        Path w = NativeTools.workloads();
        assertNotNull(w, "the workloads next to dxgcap");
        return w.resolve(name);
    }

    @Test
    void viewsFollowAGrowingCaptureUntilItIsComplete() throws Exception {
        PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(ViewIds.PROCESSES);
        List<Long> sizes = new ArrayList<>();
        List<Long> lagsMs = new ArrayList<>();
        CaptureSession live = Recorders.record(List.of(workload("render-loop").toString(), "80", "25"), true);
        SessionListener l = new SessionListener() {
            @Override
            public void modelUpdated(CaptureSession s) {
                if (s != live) {
                    return;
                }
                Long events = s.read(CaptureModel::events);
                Long lastTs = s.read(m -> m.timeline().endNs());
                sizes.add(events);
                if (!s.finished() && lastTs != null) {
                    /* age of the newest record the views now show; CLOCK_MONOTONIC is System.nanoTime's clock on Linux */
                    lagsMs.add((System.nanoTime() - lastTs) / 1_000_000);
                }
            }
        };
        Sessions.get().addListener(l);
        try {
            CaptureSession s = live;
            SessionJobs.open(s);
            UiTestSupport.waitUntil(display, s::finished, 60_000, "the live capture to finish");
            UiTestSupport.spin(display, 300);
            assertTrue(sizes.size() >= 3, "updated while growing: " + sizes);
            assertTrue(sizes.get(0) < sizes.get(sizes.size() - 1), "it grew: " + sizes);
            assertNotNull(s.read(CaptureModel::end), "complete: END record");
            assertEquals(80L, s.read(m -> m.signals().stream().filter(x -> x.kind() == Signal.Kind.GPU).count()));
            System.out.println("live session: " + sizes.size() + " updates, newest record age when shown (ms): " + lagsMs);
            assertTrue(s.read(m -> m.dxgProcesses().stream().anyMatch(p -> p.commandLine().startsWith("render-loop"))));
        } finally {
            Sessions.get().removeListener(l);
        }
    }

    @Test
    void stopEndsARecordingWithACompleteCapture() throws Exception {
        CaptureSession s = Recorders.record(List.of(workload("render-loop").toString(), "100000", "10"), true);
        SessionJobs.open(s);
        UiTestSupport.waitUntil(display, () -> Sessions.get().current() == s, 20_000, "the session");
        UiTestSupport.spin(display, 1500);
        s.stop();
        UiTestSupport.waitUntil(display, s::finished, 30_000, "the capture to finish after Stop");
        assertNotNull(s.read(CaptureModel::end), "END record written");
        assertTrue(s.read(CaptureModel::events) > 50);
    }
}
