package dev.dxgscope.ui.commands;

import dev.dxgscope.model.report.TimeArg;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Navigate > Go to Time or Seq (Ctrl+G): moves the time cursor to a time or seq the user types, so
 * the two ends of a comparison (mark and cursor) can be put exactly where a report or a log line
 * says. Accepts what the report's --at accepts ({@link TimeArg}); a bad entry is explained in the
 * dialog and moves nothing, a good one says where it goes before OK is pressed.
 */
public final class GoToHandler extends AbstractHandler {
    public static final String ID = "dev.dxgscope.ui.cursor.goTo";
    public static final String TITLE = "Go to Time or Seq";

    @Override
    public Object execute(ExecutionEvent event) {
        CaptureSession s = Sessions.get().current();
        if (s == null) {
            return null;
        }
        long at = Sessions.get().cursor();
        String now = s.read((CaptureModel m) -> Formats.position(m, at));
        InputDialog d = dialog(HandlerUtil.getActiveShell(event), TITLE, "The cursor is at " + now + ".", at);
        if (d.open() == Window.OK) {
            goTo(d.getValue());
        }
        return null;
    }

    /**
     * A dialog that asks for a time or seq of the current capture, says what is wrong with a bad
     * entry and allows OK only for a good one; {@code about} follows the help text, {@code initial}
     * is the seq offered.
     */
    public static InputDialog dialog(Shell shell, String title, String about, long initial) {
        return new PlaceDialog(shell, title, "Seconds since the start (1.5, 250ms, 40us), #SEQ, start or end. "
                + about, "#" + initial);
    }

    /**
     * The dialog of {@link #dialog}: below the entry it says where a good one goes, as a time names
     * no record of its own and goes to the last record at or before it.
     */
    private static final class PlaceDialog extends InputDialog {
        private Label where;

        PlaceDialog(Shell shell, String title, String message, String initial) {
            super(shell, title, message, initial, GoToHandler::problem);
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite area = (Composite) super.createDialogArea(parent);
            where = new Label(area, SWT.WRAP);
            /* as wide as the message, two lines high: the dialog does not grow as the text changes */
            GridDataFactory.fillDefaults().grab(true, false).hint(convertHorizontalDLUsToPixels(
                    org.eclipse.jface.dialogs.IDialogConstants.MINIMUM_MESSAGE_AREA_WIDTH),
                    convertHeightInCharsToPixels(2)).applyTo(where);
            where.setText(preview(getText().getText()));
            return area;
        }

        @Override
        protected void validateInput() {
            super.validateInput();
            if (where != null && !where.isDisposed()) {
                where.setText(preview(getText().getText()));
                where.getParent().layout();
            }
        }
    }

    /**
     * Where {@code text} goes in the current capture ("Goes to 0.091818 s (#439), the last record at
     * or before that time"), or "" when it is not a place.
     */
    public static String preview(String text) {
        Place p = place(text);
        if (p.problem() != null) {
            return "";
        }
        String t = text.trim();
        boolean time = !t.startsWith("#") && !t.equals("start") && !t.equals("end");
        String at = Sessions.get().current().read((CaptureModel m) -> Formats.position(m, p.seq()));
        return "Goes to " + at + (time ? ", the last record at or before that time" : "")
                + (t.equals("end") ? ", and stays at the end while a live capture grows" : "");
    }

    /** What is wrong with {@code text} as a place in the current capture, or null when it is one. */
    public static String problem(String text) {
        return place(text).problem();
    }

    /** Moves the cursor to {@code text} ("end" follows the end); returns what was wrong, or null. */
    public static String goTo(String text) {
        Place p = place(text);
        if (p.problem() == null) {
            if (text.trim().equals("end")) {
                Sessions.get().cursorToEnd();
            } else {
                Sessions.get().moveCursor(p.seq());
            }
        }
        return p.problem();
    }

    /** A typed place: its seq, or what is wrong with it (then the seq is -1). */
    public record Place(long seq, String problem) {
    }

    /** Reads {@code text} as a place in the current capture, once. */
    public static Place place(String text) {
        CaptureSession s = Sessions.get().current();
        if (s == null) {
            return new Place(-1, "no capture is open");
        }
        return s.read((CaptureModel m) -> {
            try {
                return new Place(TimeArg.seq(m, text), null);
            } catch (IllegalArgumentException e) {
                return new Place(-1, e.getMessage());
            }
        });
    }
}
