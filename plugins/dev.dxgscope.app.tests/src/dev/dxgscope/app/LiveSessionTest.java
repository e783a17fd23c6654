package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RecordCursor;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.Signal;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.log.LogView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.NativeTools;
import dev.dxgscope.ui.session.Recorders;
import dev.dxgscope.ui.session.SessionJobs;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live session on the simulator: the views follow the growing capture while the workload runs,
 * and the capture is complete when it ends; Stop ends a recording early with a complete file.
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class LiveSessionTest {
    private final Display display = PlatformUI.getWorkbench().getDisplay();
    @TempDir
    Path dir;

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

    /** One record of a capture, copied. */
    private record Copied(int kind, long seq, long ts, int pid, int tid, byte[] payload) {
    }

    private static List<Copied> records(Path capture) throws Exception {
        List<Copied> out = new ArrayList<>();
        try (CaptureFile f = CaptureFile.open(capture)) {
            RecordCursor c = f.records();
            while (c.next()) {
                ByteBuffer p = c.payload();
                byte[] bytes = new byte[p.remaining()];
                p.get(bytes);
                out.add(new Copied(c.kindCode(), c.seq(), c.timestampNs(), c.pid(), c.tid(), bytes));
            }
        }
        return out;
    }

    private static void append(CaptureWriter w, List<Copied> records) throws Exception {
        for (Copied r : records) {
            w.append(r.kind(), r.seq(), r.ts(), r.pid(), r.tid(), ByteBuffer.wrap(r.payload()));
        }
        w.flush();
    }

    /**
     * A live capture written as it grows (late-object.dxgcap, see the model tests'
     * LateObjectCaptureTest): the Log's row for a call naming a device nobody has reads "no object";
     * when the process makes that device later, the row is made again and reads "not yet created".
     */
    @Test
    void aLiveLogRowChangesWhenTheObjectItAwaitsArrives() throws Exception {
        List<Copied> all = records(CaptureViewsTest.CAPTURES.resolve("late-object.dxgcap"));
        int pause = 0;
        while (all.get(pause).kind() != RecordKind.MARKER.code()) {
            pause++;
        }
        Path file = dir.resolve("late.dxgcap");
        Process recorder = new ProcessBuilder("sleep", "60").start(); /* stands for dxgcap while the file grows */
        try (CaptureWriter w = new CaptureWriter(file)) {
            append(w, all.subList(0, pause + 1));
            CaptureSession s = CaptureSession.live(file, "late", recorder);
            SessionJobs.open(s);
            LogView log = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(ViewIds.LOG)
                    .getAdapter(LogView.class);
            java.util.function.Supplier<String> hint = () -> {
                for (int row = 0; row < log.rowCount(); row++) {
                    if (log.cells(row).get(4).startsWith("LX_DXCREATECONTEXTVIRTUAL failed")) {
                        return log.cells(row).get(6);
                    }
                }
                return "";
            };
            UiTestSupport.waitUntil(display, () -> hint.get().contains("no object of pid 100"), 20_000,
                    "the failed call's row with its finding");
            append(w, all.subList(pause + 1, all.size() - 2)); /* the device; the exit and END wait */
            UiTestSupport.waitUntil(display, () -> hint.get().contains("not yet created: device created at #"), 20_000,
                    "the row made again when the device arrived: " + hint.get());
            assertTrue(!s.finished(), "still live: the row changed while the capture grew");
            append(w, all.subList(all.size() - 2, all.size()));
            recorder.destroy();
            UiTestSupport.waitUntil(display, s::finished, 20_000, "the capture to finish");
        } finally {
            recorder.destroy();
        }
    }

    @Test
    void stopEndsARecordingWithACompleteCapture() throws Exception {
        CaptureSession s = Recorders.record(List.of(workload("render-loop").toString(), "100000", "10"), true);
        SessionJobs.open(s);
        UiTestSupport.waitUntil(display, () -> Sessions.get().current() == s, 20_000, "the session");
        UiTestSupport.spin(display, 1500);
        org.eclipse.swt.widgets.Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        org.eclipse.swt.widgets.ToolItem stop = UiTestSupport.visibleToolItem(shell, "Stop");
        org.eclipse.swt.widgets.ToolItem follow = UiTestSupport.visibleToolItem(shell, "Pause/Follow");
        assertTrue(stop.getEnabled() && follow.getEnabled(), "a recording can be stopped and paused");
        s.stop();
        UiTestSupport.waitUntil(display, s::finished, 30_000, "the capture to finish after Stop");
        UiTestSupport.waitUntil(display, () -> !stop.getEnabled() && !follow.getEnabled(), 5_000,
                "Stop and Pause/Follow disabled once the capture is complete");
        assertNotNull(s.read(CaptureModel::end), "END record written");
        assertTrue(s.read(CaptureModel::events) > 50);
        /* the reading job ends by queueing the recorder's report on the UI thread: once it has ended,
           running what the UI thread has queued runs the report */
        UiTestSupport.waitUntil(display, () -> org.eclipse.core.runtime.jobs.Job.getJobManager()
                .find(SessionJobs.FAMILY).length == 0, 10_000, "the live reading to end");
        while (display.readAndDispatch()) {
            /* the queued report, if any */
        }
        assertEquals(null, recorderNote(), "a stop by the user is not a failure");
    }

    /**
     * A recorded command that fails: when the capture is read to its end, a note (not blocking)
     * gives the recorder's status and its last lines, and where its whole output is.
     */
    @Test
    void aFailedRecordingSaysHowItEnded() throws Exception {
        CaptureSession s = Recorders.record(List.of("/bin/sh", "-c", "echo 'no adapter for this test' >&2; exit 3"), true);
        SessionJobs.open(s);
        UiTestSupport.waitUntil(display, s::finished, 30_000, "the capture to finish");
        UiTestSupport.waitUntil(display, () -> recorderNote() != null, 10_000, "the note on the recorder's end");
        org.eclipse.swt.widgets.Shell note = recorderNote();
        List<String> texts = new ArrayList<>();
        UiTestSupport.collectTexts(note, texts);
        String text = String.join("\n", texts);
        UiTestSupport.screenshot(note, "recorder-ended.png");
        note.close();
        assertTrue(text.contains("The recorder ended with status 3"), text);
        assertTrue(text.contains("no adapter for this test"), "its last lines: " + text);
        assertTrue(text.contains(s.file().getFileName() + ".log"), "where its output is: " + text);
    }

    /**
     * A recorder that fails to start after it began the capture (a simulator that did not come up:
     * dxgcap then removes the file): the capture cannot be read, and the reason says how the
     * recorder ended and what it wrote, not only that the file is missing.
     */
    @Test
    void aCaptureItsRecorderRemovedSaysWhy() throws Exception {
        Path capture = dir.resolve("gone.dxgcap");
        Path sample = UiTestSupport.recordProgram(dir, "sample", Path.of("/bin/true"));
        java.nio.file.Files.copy(sample, capture);
        Process recorder = new ProcessBuilder("/bin/sh", "-c",
                "rm -f '" + capture + "'; echo 'dxgcap: the simulator did not start: address in use' >&2; exit 1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("gone.dxgcap.log").toFile()).start();
        recorder.waitFor();
        CaptureSession s = CaptureSession.live(capture, "gone", recorder);
        java.io.IOException failure = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> s.load(null));
        String why = SessionJobs.whyNotOpened(s, failure, () -> false);
        s.close();
        assertTrue(why.contains("The recorder ended with status 1"), why);
        assertTrue(why.contains("the simulator did not start: address in use"), "its last lines: " + why);
        assertTrue(why.contains("gone.dxgcap.log"), "where its output is: " + why);
    }

    private org.eclipse.swt.widgets.Shell recorderNote() {
        for (org.eclipse.swt.widgets.Shell shell : display.getShells()) {
            if (!shell.isDisposed() && shell.isVisible() && SessionJobs.RECORDER_ENDED.equals(shell.getText())) {
                return shell;
            }
        }
        return null;
    }
}
