package dev.dxgscope.app;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;

/**
 * Types into a native file dialog that a test is about to open, with key events posted through
 * {@link Display#post}: the dialog runs its own event loop, and SWT timers still fire in it. Once
 * GTK shows its file chooser ({@link GtkDialogs}) it opens the location entry (Ctrl+L), replaces
 * what is there with the text (pasted from the clipboard) and presses Return, again every 0.7 s while the dialog stays open
 * (the entry may take the first for its completion). If the dialog is still open 10 s after, it
 * saves a screenshot and presses Escape until the dialog closes: a dialog that ignores the keys
 * fails the test instead of hanging the run.
 */
final class KeyTyper implements AutoCloseable {
    private static final int SHOW_MS = 300;
    private static final int CONFIRM_MS = 700;
    private static final int GIVE_UP_MS = 10_000;
    private final Display display;
    private final String text;
    private final String name;
    private final long armedAt = System.currentTimeMillis();
    private long shownAt = -1;
    private boolean closed;
    private boolean gaveUp;

    private KeyTyper(Display display, String text, String name) {
        this.display = display;
        this.text = text;
        this.name = name;
    }

    /**
     * Arms the typing of {@code text} + Return into the next file dialog; open the dialog inside the
     * try. {@code name} names the screenshot taken when the dialog does not take the keys.
     */
    static KeyTyper whenDialogShows(Display display, String text, String name) {
        KeyTyper t = new KeyTyper(display, text, name);
        display.timerExec(SHOW_MS, t::type);
        display.timerExec(GIVE_UP_MS, t::giveUp);
        return t;
    }

    private void type() {
        if (closed || gaveUp) {
            return;
        }
        if (!GtkDialogs.fileChooserShowing()) {
            display.timerExec(100, this::type);
            return;
        }
        if (shownAt < 0) {
            shownAt = System.currentTimeMillis();
            display.timerExec(SHOW_MS, this::type); /* mapped: let it take the focus and lay out */
            return;
        }
        System.out.printf("native dialog: filled in %d ms after it was armed%n", System.currentTimeMillis() - armedAt);
        /* pasted, not typed: the entry completes names as they are typed, and a key typed into a
           completion it just inserted mangled the path ("/tmp/freshresh-ci/…") */
        Clipboard clipboard = new Clipboard(display);
        try {
            clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
            chord('l'); /* the location entry: typing alone may start a search instead */
            chord('a'); /* its text, if any, is replaced */
            chord('v');
        } finally {
            clipboard.dispose();
        }
        display.timerExec(CONFIRM_MS, this::confirm);
    }

    /** Return, again while the dialog stays open: the entry may first take it for its completion. */
    private void confirm() {
        if (!closed && !gaveUp) {
            key(SWT.CR);
            display.timerExec(CONFIRM_MS, this::confirm);
        }
    }

    private void giveUp() {
        if (closed) {
            return;
        }
        if (!gaveUp) {
            UiTestSupport.screenshot(display, name + "-not-taken.png");
            gaveUp = true;
        }
        key(SWT.ESC);
        display.timerExec(1000, this::giveUp);
    }

    private void chord(char c) {
        post(SWT.KeyDown, SWT.CTRL, (char) 0);
        key(c);
        post(SWT.KeyUp, SWT.CTRL, (char) 0);
        settle();
    }

    /** A printable character, or Return or Escape (which SWT posts by key code, not as a character). */
    private void key(char c) {
        int keyCode = c == SWT.CR || c == SWT.ESC ? c : 0;
        post(SWT.KeyDown, keyCode, c);
        post(SWT.KeyUp, keyCode, c);
        settle();
    }

    private void post(int type, int keyCode, char c) {
        Event e = new Event();
        e.type = type;
        e.keyCode = keyCode;
        e.character = c;
        display.post(e);
    }

    /** Lets the dialog take each key before the next. */
    private void settle() {
        long end = System.currentTimeMillis() + 15;
        while (System.currentTimeMillis() < end) {
            display.readAndDispatch();
        }
    }

    /** Stops typing; fails when the dialog had to be closed with Escape. */
    @Override
    public void close() {
        closed = true;
        if (gaveUp) {
            throw new AssertionError("the file dialog did not take \"" + text + "\" and was closed with Escape (see "
                    + name + "-not-taken.png)");
        }
    }
}
