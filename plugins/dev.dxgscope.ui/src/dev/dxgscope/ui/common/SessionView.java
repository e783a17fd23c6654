package dev.dxgscope.ui.common;

import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * What every capture view shares: it listens to {@link Sessions} while its control lives, and
 * turns bursts of live updates into at most one {@link #refresh()} per {@link #THROTTLE_MS}.
 * Subclasses build their controls, then call {@link #attach(Control)}.
 */
public abstract class SessionView implements SessionListener {
    /** A growing capture refreshes a view at most this often. */
    public static final int THROTTLE_MS = 500;
    /** What a view says when no capture is open. */
    public static final String NO_CAPTURE = "No capture open: File > Open Capture, or File > Demo to watch the simulator";

    private Control control;
    private boolean refreshQueued;
    private boolean cursorRefreshQueued;
    private long lastRefresh;

    /**
     * Starts listening, and shows the current session on the next turn of the event loop; detaches
     * by itself when the control is disposed.
     */
    protected void attach(Control c) {
        this.control = c;
        Sessions.get().addListener(this);
        c.addDisposeListener(e -> Sessions.get().removeListener(this));
        if (Sessions.get().current() != null) {
            /* on the event loop's next turn: making a view and filling it in one go blocked the UI
               thread for longer than either does alone */
            c.getDisplay().asyncExec(() -> {
                if (alive() && Sessions.get().current() != null) {
                    sessionChanged(Sessions.get().current());
                }
            });
        }
    }

    protected CaptureSession session() {
        return Sessions.get().current();
    }

    protected long cursor() {
        return Sessions.get().cursor();
    }

    protected boolean alive() {
        return control != null && !control.isDisposed();
    }

    /** Rebuilds what the view shows from the current session, cursor and selection. */
    protected abstract void refresh();

    @Override
    public void sessionChanged(CaptureSession session) {
        if (alive()) {
            refresh();
        }
    }

    @Override
    public void modelUpdated(CaptureSession session) {
        if (!alive() || refreshQueued) {
            return;
        }
        long wait = THROTTLE_MS - (System.currentTimeMillis() - lastRefresh);
        if (wait <= 0) {
            lastRefresh = System.currentTimeMillis();
            refresh();
            return;
        }
        refreshQueued = true;
        Display.getCurrent().timerExec((int) wait, () -> {
            refreshQueued = false;
            if (alive()) {
                lastRefresh = System.currentTimeMillis();
                refresh();
            }
        });
    }

    /**
     * Refreshes on the event loop's next turn, once however often the cursor moved before it: every
     * view refreshing in the turn that moved the cursor blocked the UI thread for their sum.
     */
    @Override
    public void cursorMoved(long seq) {
        if (!alive() || cursorRefreshQueued) {
            return;
        }
        cursorRefreshQueued = true;
        control.getDisplay().asyncExec(() -> {
            cursorRefreshQueued = false;
            if (alive()) {
                refresh();
            }
        });
    }
}
