package dev.dxgscope.ui.common;

import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * What every capture view shares: it listens to {@link Sessions} while its control lives, and
 * turns bursts of live updates into at most one {@link #refresh()} per {@link #THROTTLE_MS}.
 * A view that is not on screen (a tab behind another) does not refresh: it notes that it is stale
 * and refreshes on the event loop's turn after it is shown, so opening a capture or moving the
 * cursor costs only the views a user can see. Subclasses build their controls, then call
 * {@link #attach(Control)}.
 */
public abstract class SessionView implements SessionListener {
    /** A growing capture refreshes a view at most this often. */
    public static final int THROTTLE_MS = 500;
    /** What a view says when no capture is open. */
    public static final String NO_CAPTURE = "No capture open: File > Open Capture, or File > Demo to watch the simulator";

    /** Views that skipped a refresh while hidden; UI thread only. */
    private static final Set<SessionView> STALE = new LinkedHashSet<>();
    private static Display filtered;

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
        c.addDisposeListener(e -> {
            Sessions.get().removeListener(this);
            STALE.remove(this);
        });
        installShowFilter(c.getDisplay());
        /* a view can also come on screen without a Show of its own (moved to another stack, a reset
           layout): it is laid out anew then */
        c.addListener(SWT.Resize, e -> {
            if (STALE.contains(this)) {
                c.getDisplay().asyncExec(SessionView::refreshShownStaleViews);
            }
        });
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

    /**
     * Refreshes now if the view is on screen; otherwise remembers to refresh when it is next shown.
     * What the base class's notifications call; a subclass's own notifications should too.
     */
    protected void refreshWhenShown() {
        if (!alive()) {
            return;
        }
        if (control.isVisible()) {
            STALE.remove(this);
            refresh();
        } else {
            STALE.add(this);
        }
    }

    /** Whether this view skipped a refresh while hidden and has not caught up yet (for tests). */
    public boolean stale() {
        return STALE.contains(this);
    }

    /**
     * One display filter for all views: a control being shown (a tab brought to the front, a
     * restored stack) sends Show before it is visible, so stale views are checked a turn later.
     */
    private static void installShowFilter(Display display) {
        if (filtered == display) {
            return;
        }
        filtered = display;
        display.addFilter(SWT.Show, e -> {
            if (!STALE.isEmpty()) {
                display.asyncExec(SessionView::refreshShownStaleViews);
            }
        });
    }

    private static void refreshShownStaleViews() {
        for (SessionView v : List.copyOf(STALE)) {
            if (!v.alive()) {
                STALE.remove(v);
            } else if (v.control.isVisible()) {
                v.refreshWhenShown();
            }
        }
    }

    @Override
    public void sessionChanged(CaptureSession session) {
        refreshWhenShown();
    }

    @Override
    public void modelUpdated(CaptureSession session) {
        if (!alive() || refreshQueued) {
            return;
        }
        long wait = THROTTLE_MS - (System.currentTimeMillis() - lastRefresh);
        if (wait <= 0) {
            lastRefresh = System.currentTimeMillis();
            grew();
            return;
        }
        refreshQueued = true;
        Display.getCurrent().timerExec((int) wait, () -> {
            refreshQueued = false;
            if (alive()) {
                lastRefresh = System.currentTimeMillis();
                grew();
            }
        });
    }

    /** The live capture grew (at most once per {@link #THROTTLE_MS}): refreshes, unless a view holds it off. */
    protected void grew() {
        refreshWhenShown();
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
            refreshWhenShown();
        });
    }
}
