package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RawRecord;
import dev.dxgscope.capture.RecordCursor;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.common.UiWatchdog;
import dev.dxgscope.ui.vmbus.VmbusView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VMBus view with a million messages (500,000 MakeResident exchanges built from error-storm's
 * real message bytes, one in 10,000 failing): the list stays correct and its table holds only a
 * window of items; what each step costs, and the longest it blocked the UI thread, is printed
 * (machines are noisy: no timed assertions).
 */
class VmbusScaleTest {
    private static final int PAIRS = 500_000;
    private static final int STATUS = 6;

    @TempDir
    static Path dir;
    private static Path big;

    private final Display display = PlatformUI.getWorkbench().getDisplay();
    private final List<String> timings = new ArrayList<>();
    private long start;
    private UiWatchdog watchdog;

    @BeforeAll
    static void write() throws Exception {
        big = synthetic(UiTestSupport.record(dir, "error-storm"), dir.resolve("million.dxgcap"));
    }

    /** The SESSION and ABI records of {@code from}, then PAIRS copies of its MakeResident request and reply. */
    private static Path synthetic(Path from, Path to) throws Exception {
        ByteBuffer session = null;
        ByteBuffer abi = null;
        ByteBuffer request = null;
        ByteBuffer reply = null;
        try (CaptureFile f = CaptureFile.open(from)) {
            RecordCursor c = f.records();
            while (c.next()) {
                RawRecord r = c.copy();
                ByteBuffer p = r.data();
                switch (r.kind()) {
                    case SESSION -> session = p;
                    case ABI -> abi = p;
                    case VMBUS -> {
                        if (p.getInt(40) == 11 && p.getInt(4) == 1) {
                            request = p;
                        } else if (p.getInt(40) == 11 && p.getInt(4) == 2) {
                            reply = p;
                        }
                    }
                    default -> { }
                }
            }
        }
        long seq = 1;
        long ts = 1_000_000_000L;
        try (CaptureWriter w = new CaptureWriter(to)) {
            w.append(RecordKind.SESSION, seq++, ts, 1, 0, session);
            w.append(RecordKind.ABI, seq++, ts, 1, 0, abi);
            for (int k = 0; k < PAIRS; k++) {
                w.append(RecordKind.VMBUS, seq++, ts, 4242, 4242, copy(request).putLong(16, 0).putLong(24, k + 1L));
                ts += 50_000 + (k % 97) * 100;
                int status = k % 10_000 == 1234 ? 0xC0000017 : 0;
                ByteBuffer r = copy(reply).putLong(16, 0).putLong(24, k + 1L).putInt(36, status);
                r.putInt(48 + 16, status);
                w.append(RecordKind.VMBUS, seq++, ts, 4242, 4242, r);
                ts += 10_000;
            }
        }
        return to;
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.limit()).order(ByteOrder.LITTLE_ENDIAN);
        c.put(b.duplicate().position(0));
        return c.flip();
    }

    private void lap(String what) {
        long now = System.nanoTime();
        timings.add(String.format("%-58s %6d ms, UI thread blocked at most %4.0f ms%s", what, (now - start) / 1_000_000,
                watchdog.worstMs(), watchdog.worstMs() > 100 ? " (" + watchdog.worstWhere() + ")" : ""));
        watchdog.reset();
        start = System.nanoTime();
    }

    @Test
    void aMillionMessagesStayUsable() throws Exception {
        watchdog = UiWatchdog.start(display);
        try {
            run();
        } finally {
            watchdog.close();
        }
    }

    private void run() throws Exception {
        start = System.nanoTime();
        UiTestSupport.open(display, big);
        lap("open and load the capture (model)");
        VmbusView v = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(ViewIds.VMBUS)
                .getAdapter(VmbusView.class);
        UiTestSupport.spin(display, 50);
        UiTestSupport.waitUntil(display, v::listed, 120_000, "the message list");
        assertEquals(2 * PAIRS, v.rowCount());
        assertTrue(v.tableItems() > 0 && v.tableItems() <= 100, "a window of items, not a million: " + v.tableItems());
        lap("list 1,000,000 messages (expert flags, rows, table)");
        v.stepError(1);
        assertEquals("STATUS_NO_MEMORY", v.cells(v.selectedRow())[STATUS]);
        assertEquals(2 * 1234 + 1, v.selectedMessage());
        lap("step to the first error and decode it");
        v.setFilter("status != 0");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertEquals(PAIRS / 10_000, v.rowCount());
        lap("filter 'status != 0' (50 rows)");
        v.setFilter("command == MAKERESIDENT && direction == request");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertEquals(PAIRS, v.rowCount());
        lap("filter requests (500,000 rows)");
        v.setFilter("");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertEquals(2 * PAIRS, v.rowCount());
        lap("clear the filter (1,000,000 rows)");
        assertTrue(v.tableItems() <= 100, "still a window of items: " + v.tableItems());
        v.selectRow(2 * PAIRS - 1);
        assertEquals(String.valueOf(2 * PAIRS), v.cells(v.selectedRow())[0].replace("▸ ", ""), "the last row shown");
        v.stepError(-1);
        assertEquals(2 * (PAIRS - 10_000 + 1234) + 1, v.selectedMessage(), "the last error");
        assertEquals("STATUS_NO_MEMORY", v.cells(v.selectedRow())[STATUS]);
        lap("select the last row, step back to the last error");
        Runtime rt = Runtime.getRuntime();
        System.gc();
        timings.add(String.format("%-58s %6d MiB", "heap in use afterwards", (rt.totalMemory() - rt.freeMemory()) >> 20));
        System.out.println("VMBus view with 1,000,000 messages:\n  " + String.join("\n  ", timings));
    }
}
