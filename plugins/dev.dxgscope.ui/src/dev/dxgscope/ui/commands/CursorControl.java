package dev.dxgscope.ui.commands;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.Timeline;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.ui.menus.WorkbenchWindowControlContribution;

/**
 * The time cursor on the main toolbar: where it is (seconds and seq) and a slider over the whole
 * capture. Every view shows the state at this cursor; Alt+Left/Right step it between events.
 */
public final class CursorControl extends WorkbenchWindowControlContribution implements SessionListener {
    private static final int STEPS = 1000;
    private Label label;
    private Scale scale;
    private boolean updating;

    @Override
    protected Control createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(3, false);
        l.marginHeight = 0;
        c.setLayout(l);
        new Label(c, SWT.NONE).setText("Time cursor");
        scale = new Scale(c, SWT.HORIZONTAL);
        scale.setMinimum(0);
        scale.setMaximum(STEPS);
        scale.setPageIncrement(STEPS / 20);
        scale.setToolTipText("Drag to move the time cursor; Alt+Left/Right step between events, Alt+End follows the "
                + "end, Ctrl+G goes to a time or seq you type");
        GridData g = new GridData(SWT.FILL, SWT.CENTER, false, false);
        g.widthHint = 260;
        scale.setLayoutData(g);
        scale.addListener(SWT.Selection, e -> {
            if (!updating) {
                moveTo(scale.getSelection());
            }
        });
        label = new Label(c, SWT.NONE);
        GridData lg = new GridData(SWT.FILL, SWT.CENTER, false, false);
        lg.widthHint = 320;
        label.setLayoutData(lg);
        Sessions.get().addListener(this);
        c.addDisposeListener(e -> Sessions.get().removeListener(this));
        show();
        return c;
    }

    private void moveTo(int step) {
        CaptureSession s = Sessions.get().current();
        if (s == null) {
            return;
        }
        if (step >= STEPS) {
            Sessions.get().cursorToEnd();
            return;
        }
        Long seq = s.read((CaptureModel m) -> {
            Timeline t = m.timeline();
            return t.seqAt(t.startNs() + (t.endNs() - t.startNs()) * step / STEPS);
        });
        if (seq != null) {
            Sessions.get().moveCursor(seq);
        }
    }

    private void show() {
        if (label == null || label.isDisposed()) {
            return;
        }
        CaptureSession s = Sessions.get().current();
        long seq = Sessions.get().cursor();
        String[] text = {"no capture"};
        int[] pos = {0};
        if (s != null) {
            s.read((CaptureModel m) -> {
                Timeline t = m.timeline();
                long span = Math.max(1, t.endNs() - t.startNs());
                pos[0] = Sessions.get().cursorAtEnd() ? STEPS : (int) ((t.timeOf(seq) - t.startNs()) * STEPS / span);
                text[0] = Formats.position(m, seq) + " of " + String.format("%.3f s", span / 1e9)
                        + (Sessions.get().cursorAtEnd() ? " (end)" : "");
                return null;
            });
        }
        updating = true;
        try {
            scale.setSelection(pos[0]);
        } finally {
            updating = false;
        }
        label.setText(text[0]);
    }

    @Override
    public void sessionChanged(CaptureSession session) {
        show();
    }

    @Override
    public void modelUpdated(CaptureSession session) {
        show();
    }

    @Override
    public void cursorMoved(long seq) {
        show();
    }
}
