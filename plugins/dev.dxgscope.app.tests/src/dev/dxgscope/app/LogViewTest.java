package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.CaptureWriter;
import dev.dxgscope.capture.RecordCursor;
import dev.dxgscope.capture.RecordKind;
import dev.dxgscope.model.analysis.HandleHistory;
import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.decode.Names;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.log.LogView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import dev.dxgscope.ui.vmbus.VmbusView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.PageBookView;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Log view in the real workbench: error-storm's dmesg lines linked to the calls that caused them. */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class LogViewTest {
    private static final int MESSAGE = 4;
    private static final int CAUSE = 5;
    private static final int HINT = 6;

    @TempDir
    static Path dir;
    private static Path storm;

    private final Display display = PlatformUI.getWorkbench().getDisplay();
    @BeforeAll
    static void record() throws Exception {
        storm = UiTestSupport.record(dir, "error-storm");
    }

    private IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    /** Whether a row of the Properties tree (or of its categories) shows {@code value}. */
    private static boolean treeHas(Tree tree, String value) {
        for (TreeItem category : tree.getItems()) {
            for (TreeItem row : category.getItems()) {
                if (value.equals(row.getText(1))) {
                    return true;
                }
            }
            if (value.equals(category.getText(1))) {
                return true;
            }
        }
        return false;
    }

    /** The value of the property with this display name. */
    private static String value(IPropertySource p, String name) {
        for (IPropertyDescriptor d : p.getPropertyDescriptors()) {
            if (d.getDisplayName().equals(name)) {
                return String.valueOf(p.getPropertyValue(d.getId()));
            }
        }
        return null;
    }

    @Test
    void ioctlFailedLinesAreLinkedToTheirCalls() throws Exception {
        CaptureSession s = UiTestSupport.open(display, storm);
        LogView log = page().showView(ViewIds.LOG).getAdapter(LogView.class);
        assertNotNull(log);
        UiTestSupport.waitUntil(display, () -> !log.busy() && log.rowCount() > 0, 10_000, "the log lines");
        List<FailedCall> calls = s.read((CaptureModel m) -> m.failedCalls().stream()
                .filter(f -> f.lines().stream().anyMatch(l -> l.text().contains("Ioctl failed"))).toList());
        assertTrue(calls.size() >= 8, "error-storm fails most of its calls: " + calls.size());
        int linked = 0;
        java.util.Set<FailedCall> rowsOf = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        String unknownDevice = null;
        for (int row = 0; row < log.rowCount(); row++) {
            List<String> cells = log.cells(row);
            if (cells.get(MESSAGE).contains("Ioctl failed")) {
                FailedCall f = (FailedCall) log.target(row);
                if (cells.get(HINT).contains("device 0x12345678")) {
                    unknownDevice = cells.get(HINT) + " / " + f.process().pid();
                }
                assertTrue(calls.contains(f), cells.toString());
                assertTrue(cells.get(CAUSE).startsWith(f.call() + (f.query().isEmpty() ? "" : " (" + f.query() + ")")
                        + " → " + Names.errno(f.errno())), cells.toString());
                assertTrue(cells.get(MESSAGE).endsWith(": -" + Math.abs(f.errno())), cells.toString());
                assertEquals(String.join("  ⏎  ", f.lines().stream().map(LogLine::text).toList()), cells.get(MESSAGE),
                        "the call's lines are one row, the reason first");
                assertEquals(f.lines().size() == 1 ? "dmesg" : "dmesg ×" + f.lines().size(), cells.get(1));
                assertTrue(rowsOf.add(f), "one row per call: " + cells);
                List<String> hint = new java.util.ArrayList<>();
                if (f.hint() != null) {
                    hint.add(f.hint());
                }
                hint.addAll(s.read((CaptureModel m) -> HandleHistory.of(m).explain(f)));
                assertEquals(String.join("; ", hint), cells.get(HINT), "the hint, then what was wrong with its handles");
                linked++;
            }
        }
        assertEquals(calls.size(), linked, "every 'Ioctl failed' line names its call");
        int pid = calls.get(0).process().pid();
        assertEquals("device 0x12345678: no object of pid " + pid + " had this handle in the capture (never created, "
                + "or before the recording began) / " + pid, unknownDevice, "check 1's line, in words");
        UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "log-view.png");
        log.setText("Call from a wrong process");
        assertEquals(1, log.rowCount(), "check 13's dispatcher line");
        assertTrue(log.cells(0).get(CAUSE).startsWith("LX_DXQUERYADAPTERINFO (ADAPTERTYPE) → ENOTTY, refused: wrong process (#"),
                log.cells(0).toString());
        assertTrue(log.cells(0).get(HINT).startsWith("this process did not open the /dev/dxg it called through"),
                log.cells(0).toString());
        log.setText("");
    }

    /**
     * Without the kernel's lines (an unreadable /dev/kmsg) every failed call is still a row of its
     * own, with its cause and what was wrong with its handles.
     */
    @Test
    void failedCallsWithoutDmesgLinesAreRowsOfTheirOwn() throws Exception {
        Path quiet = dir.resolve("error-storm-quiet.dxgcap");
        try (CaptureFile in = CaptureFile.open(storm); CaptureWriter out = new CaptureWriter(quiet)) {
            RecordCursor r = in.records();
            while (r.next()) {
                if (r.kind() != RecordKind.LOG) {
                    out.append(r.kindCode(), r.seq(), r.timestampNs(), r.pid(), r.tid(),
                            java.nio.ByteBuffer.allocate(r.payloadSize()).put(r.payload()).flip());
                }
            }
        }
        UiTestSupport.open(display, quiet);
        LogView log = page().showView(ViewIds.LOG).getAdapter(LogView.class);
        log.setText("");
        UiTestSupport.waitUntil(display, () -> !log.busy() && log.rowCount() >= 13, 10_000, "a row per failed call");
        List<List<String>> calls = new java.util.ArrayList<>();
        for (int row = 0; row < log.rowCount(); row++) {
            if (log.cells(row).get(1).equals("call")) {
                calls.add(log.cells(row));
            }
        }
        assertEquals(13, calls.size(), "error-storm's 13 failures: " + calls);
        assertEquals("LX_DXDESTROYALLOCATION2 failed with EINVAL (no dmesg line)", calls.get(1).get(MESSAGE));
        assertTrue(calls.get(1).get(HINT).contains(": a stale handle: allocation destroyed at #"), calls.get(1).toString());
        assertEquals("error", calls.get(1).get(3));
        log.setText("stale handle");
        assertEquals(2, log.rowCount(), "checks 2 and 3 name the destroyed allocation");
        UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "log-calls.png");
        log.setText("");
    }

    @Test
    void doubleClickMovesTheCursorToTheCauseAndSelectsItEverywhere() throws Exception {
        CaptureSession s = UiTestSupport.open(display, storm);
        VmbusView vmbus = page().showView(ViewIds.VMBUS).getAdapter(VmbusView.class);
        LogView log = page().showView(ViewIds.LOG).getAdapter(LogView.class);
        UiTestSupport.waitUntil(display, () -> !log.busy() && log.rowCount() > 0, 10_000, "the log lines");
        log.setText("make_resident: Ioctl failed");
        assertEquals(2, log.rowCount(), "error-storm's two failing MakeResident calls");
        int host = -1;
        for (int row = 0; row < 2; row++) {
            if (log.cells(row).get(CAUSE).contains("host STATUS_INVALID_PARAMETER")) {
                host = row;
            }
        }
        assertTrue(host >= 0, "one of them was refused by the host");
        FailedCall call = (FailedCall) log.target(host);
        log.activate(host); /* possibly before the VMBus view has its list: it selects the reply when it does */
        UiTestSupport.waitUntil(display, () -> vmbus.selectedRow() >= 0, 10_000, "the VMBus view selects the reply");
        assertEquals(call.seq(), Sessions.get().cursor(), "the cursor is at the call");
        assertSame(call, Sessions.get().selection());
        String[] reply = vmbus.cells(vmbus.selectedRow());
        assertEquals("MAKERESIDENT", reply[5], "the VMBus view shows the reply that failed it");
        assertEquals("STATUS_INVALID_PARAMETER", reply[6]);
        /* the Properties view, beside the Log, shows the row's call */
        PageBookView properties = (PageBookView) page().findView(ViewIds.PROPERTIES);
        assertNotNull(properties, "the Properties view is open in the perspective");
        assertTrue(page().isPartVisible(properties), "Properties is visible beside the Log");
        UiTestSupport.waitUntil(display, () -> properties.getCurrentPage().getControl() instanceof Tree t
                && treeHas(t, "LX_DXMAKERESIDENT"), 5_000, "the Properties view shows the selected log row's call");
        /* the adapters registered in plugin.xml */
        IPropertySource callProperties = Adapters.adapt(call, IPropertySource.class);
        assertNotNull(callProperties, "FailedCall adapts to IPropertySource");
        assertEquals("LX_DXMAKERESIDENT", value(callProperties, "call"));
        assertEquals("STATUS_INVALID_PARAMETER", value(callProperties, "host status"));
        assertEquals("0xc030470b (_IOWR 'G' 0x0b, 48 bytes)", value(callProperties, "request"));
        assertEquals("no (a handler ran)", value(callProperties, "refused by the dispatcher"));
        assertNull(value(callProperties, "hint"), "no empty rows: a call without a hint has no hint row");
        FailedCall forked = s.read((CaptureModel m) -> m.failedCalls().get(12));
        IPropertySource forkedProperties = Adapters.adapt(forked, IPropertySource.class);
        assertEquals("wrong process", value(forkedProperties, "refused by the dispatcher"), "check 13, the forked child");
        assertEquals("ADAPTERTYPE", value(forkedProperties, "query"));
        IPropertySource finding = Adapters.adapt(new Diagnostic(Diagnostic.Severity.WARNING, 4096, -1,
                "a test finding"), IPropertySource.class);
        assertNotNull(finding, "Diagnostic adapts to IPropertySource");
        assertEquals("a test finding", value(finding, "finding"));
        assertEquals("4096", value(finding, "record at byte"));

        log.setText("");
        log.setSeverity(2);
        int errors = log.rowCount();
        log.setSeverity(0);
        assertTrue(log.rowCount() >= errors);
        Path csv = dir.resolve("log.csv");
        log.exportCsv(csv);
        assertEquals(log.rowCount() + 1, Files.readAllLines(csv).size());

        /* the Log is behind another tab while another capture opens: shown again, its old row selects nothing */
        assertTrue(log.selectedRow() >= 0, "the activated row is still selected");
        page().activate(page().showView(ViewIds.PROGRESS));
        UiTestSupport.spin(display, 200);
        UiTestSupport.open(display, Files.copy(storm, dir.resolve("again.dxgcap"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        assertNull(Sessions.get().selection());
        page().activate(page().showView(ViewIds.LOG));
        UiTestSupport.waitUntil(display, () -> !log.busy() && log.rowCount() > 0, 10_000, "the new capture's lines");
        UiTestSupport.spin(display, 300);
        assertNull(Sessions.get().selection(), "showing the Log selected a row of the new capture by itself");
        assertEquals(-1, log.selectedRow());
    }
}
