package dev.dxgscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.ui.session.Sessions;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two views in the tabs of one folder, as the workbench stacks them: the one in front refreshes for
 * a cursor move (once per turn however often the cursor moved); the one behind does not, and
 * catches up once when its tab is brought to the front.
 */
class SessionViewTest {
    private final Display display = Display.getDefault();
    private Shell shell;
    private CTabFolder folder;
    private CountingView front;
    private CountingView behind;

    /** A view that counts its refreshes. */
    private static final class CountingView extends SessionView {
        int refreshes;

        CountingView(Composite parent) {
            Composite c = new Composite(parent, SWT.NONE);
            attach(c);
        }

        @Override
        protected void refresh() {
            refreshes++;
        }
    }

    @BeforeEach
    void open() {
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        folder = new CTabFolder(shell, SWT.BORDER);
        front = new CountingView(tab("front"));
        behind = new CountingView(tab("behind"));
        folder.setSelection(0);
        shell.setSize(400, 300);
        shell.open();
        spin();
        front.refreshes = 0;
        behind.refreshes = 0;
    }

    private Composite tab(String name) {
        CTabItem item = new CTabItem(folder, SWT.NONE);
        item.setText(name);
        Composite page = new Composite(folder, SWT.NONE);
        page.setLayout(new FillLayout());
        item.setControl(page);
        return page;
    }

    @AfterEach
    void close() {
        shell.dispose();
        spin();
    }

    private void spin() {
        for (int i = 0; i < 20; i++) {
            while (display.readAndDispatch()) {
                /* drain */
            }
        }
    }

    @Test
    void onlyTheViewInFrontRefreshesForACursorMove() {
        Sessions.get().moveCursor(3);
        Sessions.get().moveCursor(4);
        Sessions.get().moveCursor(5);
        spin();
        assertEquals(1, front.refreshes, "one refresh for three moves in one turn");
        assertEquals(0, behind.refreshes, "the view behind its tab waits");
        assertTrue(behind.stale());
        assertFalse(front.stale());
    }

    @Test
    void aStaleViewRefreshesOnceWhenItsTabIsBroughtToTheFront() {
        Sessions.get().moveCursor(7);
        Sessions.get().moveCursor(8);
        spin();
        folder.setSelection(1);
        spin();
        assertEquals(1, behind.refreshes, "caught up once, on being shown");
        assertFalse(behind.stale());
        folder.setSelection(0);
        folder.setSelection(1);
        spin();
        assertEquals(1, behind.refreshes, "nothing changed while it was hidden: no refresh");
    }

    @Test
    void aViewNeverMadeStaleDoesNotRefreshWhenShown() {
        folder.setSelection(1);
        spin();
        assertEquals(0, behind.refreshes);
    }
}
