package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.ui.SimCaptures;
import dev.dxgscope.ui.session.CaptureSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart's copy that finds no room in the heap (or whose drawing finds none) reaches the view as
 * a sentence saying so and how to give dxgscope more memory, not as an internal error that leaves
 * the view as it was; a copy that fits is shown.
 */
class SnapshotLoaderTest {
    @TempDir
    Path dir;
    private final Display display = Display.getDefault();
    private Shell shell;

    @AfterEach
    void close() {
        if (shell != null) {
            shell.dispose();
        }
    }

    @Test
    void aCopyWithoutRoomIsSaidInTheView() throws Exception {
        CaptureSession s = CaptureSession.ofFile(SimCaptures.record(dir, "render-loop", "5"));
        s.load(null);
        shell = new Shell(display);
        List<String> shown = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        SnapshotLoader<String> loader = new SnapshotLoader<>("Residency chart", shell, shown::add, failed::add);

        loader.load(s, m -> {
            throw new OutOfMemoryError("Java heap space");
        });
        waitFor(loader);
        assertEquals(List.of(), shown);
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).startsWith("Not enough memory to show the residency chart (dxgscope may use "),
                failed.get(0));
        assertTrue(failed.get(0).contains("DXGSCOPE_HEAP="), failed.get(0));

        loader.load(s, m -> "records: " + m.timeline().size());
        waitFor(loader);
        assertEquals(1, shown.size(), "a copy that fits is shown");
        assertTrue(shown.get(0).startsWith("records: "));

        SnapshotLoader<String> drawing = new SnapshotLoader<>("Sync objects chart", shell, v -> {
            throw new OutOfMemoryError("Java heap space"); /* drawing it on the UI thread */
        }, failed::add);
        drawing.load(s, m -> "copy");
        waitFor(drawing);
        assertEquals(2, failed.size());
        assertTrue(failed.get(1).startsWith("Not enough memory to show the sync objects chart"), failed.get(1));
        s.close();
    }

    private void waitFor(SnapshotLoader<?> loader) {
        long end = System.currentTimeMillis() + 10_000;
        while (loader.busy() && System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        assertFalse(loader.busy(), "the copy arrived");
    }
}
