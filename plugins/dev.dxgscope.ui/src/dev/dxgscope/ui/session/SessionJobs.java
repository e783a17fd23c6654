package dev.dxgscope.ui.session;

import dev.dxgscope.capture.ReadProblem;
import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.statushandlers.StatusManager;

/**
 * The background work of sessions: loading a capture as a Job (progress from the first records,
 * cancel), following a live capture every {@link #POLL_MS} ms, and telling the user plainly when a
 * capture cannot be read or is damaged.
 */
public final class SessionJobs {
    public static final String PLUGIN = "dev.dxgscope.ui";
    /** Live captures are re-read this often (the views lag by at most about this much). */
    static final long POLL_MS = 400;
    /** Family of the jobs, so tests can wait for them. */
    public static final Object FAMILY = SessionJobs.class;

    /** How long a live capture that cannot be read waits for its recorder to end and say why. */
    private static final long RECORDER_END_WAIT_MS = 3000;

    private SessionJobs() {
    }

    /** Loads the session in the background, then makes it the current one (and follows it when live). */
    public static Job open(CaptureSession session) {
        Job job = new Job("Opening " + session.title()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Reading " + session.file(), 1000);
                int[] done = {0};
                ModelLoader.Progress progress = new ModelLoader.Progress() {
                    @Override
                    public void loaded(long bytes, long total) {
                        int now = total <= 0 ? 1000 : (int) Math.min(1000, bytes * 1000 / total);
                        if (now > done[0]) {
                            monitor.worked(now - done[0]);
                            done[0] = now;
                        }
                        monitor.subTask(String.format("%,d of %,d bytes", bytes, total));
                    }

                    @Override
                    public boolean cancelled() {
                        return monitor.isCanceled();
                    }
                };
                try {
                    session.load(progress);
                    CaptureSession crowding = crowding(session);
                    if (crowding != null) {
                        /* the capture shown took memory this one needs: it is closed, and this one read again */
                        crowding.release();
                        monitor.setTaskName("Reading " + session.file() + " again, with the memory the capture shown used");
                        session.reload(progress);
                    }
                    /* what the cursor steps through, computed here rather than on the first key press */
                    session.read(Milestones::cached);
                } catch (CancellationException e) {
                    closeQuietly(session);
                    return Status.CANCEL_STATUS;
                } catch (IOException e) {
                    String why = whyNotOpened(session, e, monitor::isCanceled);
                    closeQuietly(session);
                    return failed(session, why);
                } catch (OutOfMemoryError e) { /* the load stops short of this; finishing or indexing did not fit */
                    closeQuietly(session);
                    return failed(session, "not enough memory " + dev.dxgscope.model.MemoryGuard.moreMemory());
                }
                Display.getDefault().asyncExec(() -> {
                    Sessions.get().setCurrent(session);
                    reportHealth(session);
                    if (session.live()) {
                        follow(session);
                    }
                });
                return Status.OK_STATUS;
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

    /**
     * When a whole-file capture was cut short for memory while another whole file was shown (its
     * model, and the views' copies of it, took room this one may need): that other one, closed now
     * (no capture shown). Null otherwise; a live recording shown is never closed for this.
     */
    private static CaptureSession crowding(CaptureSession session) {
        if (session.live() || session.read(CaptureModel::memoryCut) == null) {
            return null;
        }
        CaptureSession[] closed = {null};
        Display.getDefault().syncExec(() -> {
            CaptureSession shown = Sessions.get().current();
            if (shown != null && shown != session && !shown.live()) {
                Sessions.get().setCurrent(null);
                closed[0] = shown;
            }
        });
        return closed[0];
    }

    /**
     * Why a capture could not be read; for a live one also how its recorder ended, since a
     * recorder that fails to start (a simulator that did not come up) removes the capture it began.
     */
    public static String whyNotOpened(CaptureSession session, IOException e, BooleanSupplier cancelled) {
        String recorder = session.recorderProblemWithin(RECORDER_END_WAIT_MS, cancelled);
        return ReadProblem.of(e) + (recorder == null ? "" : "\n\n" + recorder);
    }

    private static void closeQuietly(CaptureSession s) {
        try {
            s.close();
        } catch (IOException e) {
            // already reported
        }
    }

    private static IStatus failed(CaptureSession s, String why) {
        IStatus status = new Status(IStatus.ERROR, PLUGIN, "Cannot open " + s.file() + ": " + why);
        StatusManager.getManager().handle(status, StatusManager.SHOW | StatusManager.LOG);
        return Status.OK_STATUS; /* handled: no second dialog from the job framework */
    }

    /** Polls a live capture until it finishes or another one is shown. */
    static void follow(CaptureSession session) {
        Job job = new Job("Following " + session.title()) {
            /* a cut while the capture was opened was said then */
            private boolean cutSaid = session.read(CaptureModel::memoryCut) != null;

            @Override
            protected IStatus run(IProgressMonitor monitor) {
                if (Sessions.get().current() != session || monitor.isCanceled()) {
                    return Status.OK_STATUS;
                }
                try {
                    if (session.poll()) {
                        Sessions.get().modelUpdated(session);
                    }
                    Diagnostic cut = cutSaid ? null : session.read(CaptureModel::memoryCut);
                    if (cut != null) {
                        cutSaid = true;
                        Display.getDefault().asyncExec(() -> note(NO_MEMORY, sentence(cut.text()) + "\n\nThe recording goes on to its"
                                + " file; the views show what was read."));
                    }
                } catch (IOException e) {
                    return new Status(IStatus.ERROR, PLUGIN, "Reading the live capture " + session.file() + " failed", e);
                }
                if (!session.finished()) {
                    schedule(POLL_MS);
                } else {
                    Display.getDefault().asyncExec(() -> reportRecorderEnd(session));
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setSystem(true);
        job.schedule(POLL_MS);
    }

    /** The title of the note shown when a capture's model did not fit in memory. */
    public static final String NO_MEMORY = "Not enough memory";

    /** The title of the note shown when a live recording's recorder failed. */
    public static final String RECORDER_ENDED = "Recording ended";

    /**
     * A recorder that failed (a recorded command's error, a simulator that did not start, a full
     * disk) says so once, with its last lines, without blocking; a stop by the user or a clean end
     * says nothing.
     */
    static void reportRecorderEnd(CaptureSession s) {
        String problem = s.recorderProblem();
        if (problem != null) {
            note(RECORDER_ENDED, problem + " What it recorded is shown.");
        }
    }

    /** A health finding as a note's first sentence: capitalized. */
    private static String sentence(String finding) {
        return finding.isEmpty() ? finding : Character.toUpperCase(finding.charAt(0)) + finding.substring(1);
    }

    /** A warning that does not block, over the workbench window (none without a workbench). */
    private static void note(String title, String text) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow() == null ? null
                : PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        MessageDialog d = new MessageDialog(shell, title, null, text, MessageDialog.WARNING, 0, "OK");
        d.setBlockOnOpen(false);
        d.open();
    }

    /**
     * A damaged or truncated capture loads what is whole; say so once, without blocking (the Log
     * view lists every problem).
     */
    static void reportHealth(CaptureSession s) {
        Diagnostic cut = s.read(CaptureModel::memoryCut);
        if (cut != null) {
            note(NO_MEMORY, sentence(cut.text()) + "\n\nWhat was read is shown. The Log view lists the capture's health.");
            return;
        }
        List<Diagnostic> errors = s.read((CaptureModel m) -> m.diagnostics().stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList());
        if (errors == null || errors.isEmpty()) {
            return;
        }
        String text = s.file().getFileName() + " is damaged: " + errors.size() + " problem"
                + (errors.size() == 1 ? "" : "s") + ", the first " + errors.get(0).text()
                + (errors.get(0).offset() >= 0 ? " (at byte " + errors.get(0).offset() + ")" : "")
                + ".\n\nEverything that could be read is shown. The Log view lists every problem.";
        note("Damaged capture", text);
    }
}
