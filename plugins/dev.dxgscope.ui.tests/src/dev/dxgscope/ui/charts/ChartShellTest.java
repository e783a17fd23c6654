package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A 900 x 500 shell for each test of a real {@link ChartCanvas}, and a way to see it painted. */
abstract class ChartShellTest {
    Shell shell;

    @BeforeEach
    void open() {
        shell = new Shell(Display.getDefault());
        shell.setLayout(new FillLayout());
        shell.setSize(900, 500);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    /** Asks for a repaint and runs the event loop until it happened (GTK paints on its frame clock). */
    static void paint(ChartCanvas c) {
        int[] paints = {0};
        Listener counter = e -> paints[0]++;
        c.canvas().addListener(SWT.Paint, counter);
        c.canvas().redraw();
        Display d = c.getDisplay();
        long until = System.currentTimeMillis() + 5000;
        while (paints[0] == 0 && System.currentTimeMillis() < until) {
            if (!d.readAndDispatch()) {
                d.timerExec(5, () -> { });
                d.sleep();
            }
        }
        c.canvas().removeListener(SWT.Paint, counter);
        assertTrue(paints[0] > 0, "the chart was repainted");
    }
}
