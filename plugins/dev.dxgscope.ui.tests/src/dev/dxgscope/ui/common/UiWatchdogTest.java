package dev.dxgscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;

/**
 * The watchdog reports a block of the UI thread and where it was; a new window started in the
 * middle of a block keeps only what came after it.
 */
class UiWatchdogTest {
    private final Display display = Display.getDefault();

    private void spin(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(5, () -> { });
                display.sleep();
            }
        }
    }

    private static void blockBefore(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private static void blockAfter(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Test
    void aBlockIsMeasuredWithWhereItWas() throws Exception {
        try (UiWatchdog w = UiWatchdog.start(display)) {
            spin(100);
            blockBefore(150);
            spin(100);
            assertTrue(w.worstMs() >= 140, "the 150 ms block: " + w.worstMs());
            assertTrue(w.worstWhere().contains("UiWatchdogTest.blockBefore"), w.worstWhere());
        }
    }

    @Test
    void aResetInTheMiddleOfABlockKeepsOnlyWhatFollows() throws Exception {
        try (UiWatchdog w = UiWatchdog.start(display)) {
            spin(100);
            blockBefore(120);
            w.reset();
            blockAfter(80);
            spin(100);
            assertTrue(w.worstWhere().contains("UiWatchdogTest.blockAfter"), w.worstWhere());
            assertFalse(w.worstWhere().contains("blockBefore"), "samples from before the reset: " + w.worstWhere());
        }
    }
}
