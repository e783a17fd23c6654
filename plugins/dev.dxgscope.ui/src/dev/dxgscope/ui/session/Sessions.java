package dev.dxgscope.ui.session;

import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.swt.widgets.Display;

/**
 * The workbench's one current capture, one time cursor and one selection, shared by every view.
 * Views register a {@link SessionListener}; every notification arrives on the UI thread. The
 * cursor is a seq (the model's exact clock); -1 means "the end of the capture".
 */
public final class Sessions {
    private static final Sessions INSTANCE = new Sessions();

    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile CaptureSession current;
    private volatile long cursor = -1;
    private volatile Object selection;

    private Sessions() {
    }

    public static Sessions get() {
        return INSTANCE;
    }

    public void addListener(SessionListener l) {
        listeners.add(l);
    }

    public void removeListener(SessionListener l) {
        listeners.remove(l);
    }

    public CaptureSession current() {
        return current;
    }

    /** Shows another capture (closing the previous one); UI thread. */
    public void setCurrent(CaptureSession session) {
        CaptureSession old = current;
        current = session;
        cursor = -1;
        selection = null;
        if (old != null && old != session) {
            try {
                old.close();
            } catch (IOException e) {
                ILog.of(Sessions.class).log(new Status(IStatus.WARNING, "dev.dxgscope.ui", "closing " + old.file(), e));
            }
        }
        for (SessionListener l : listeners) {
            l.sessionChanged(session);
        }
    }

    /** Tells the views that the current live capture grew; any thread. */
    public void modelUpdated(CaptureSession session) {
        Display d = Display.getDefault();
        d.asyncExec(() -> {
            if (session == current) {
                for (SessionListener l : listeners) {
                    l.modelUpdated(session);
                }
            }
        });
    }

    /** The cursor's seq: the end of the capture when it was never set. */
    public long cursor() {
        if (cursor >= 0) {
            return cursor;
        }
        CaptureSession s = current;
        Long end = s == null ? null : s.read((CaptureModel m) -> m.timeline().lastSeq());
        return end == null ? 0 : end;
    }

    /** Whether the cursor follows the end of the capture (never set, or reset with {@link #cursorToEnd()}). */
    public boolean cursorAtEnd() {
        return cursor < 0;
    }

    /** Moves the time cursor; UI thread. */
    public void moveCursor(long seq) {
        cursor = Math.max(0, seq);
        for (SessionListener l : listeners) {
            l.cursorMoved(cursor);
        }
    }

    /** The cursor follows the end again. */
    public void cursorToEnd() {
        cursor = -1;
        long at = cursor();
        for (SessionListener l : listeners) {
            l.cursorMoved(at);
        }
    }

    public Object selection() {
        return selection;
    }

    /** Selects something everywhere that shows it; UI thread. */
    public void select(Object o, Object source) {
        selection = o;
        for (SessionListener l : listeners) {
            l.selected(o, source);
        }
    }
}
