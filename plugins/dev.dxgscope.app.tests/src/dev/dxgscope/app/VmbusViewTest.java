package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.decode.VmbusField;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.VmbusMessage;
import dev.dxgscope.model.state.VmbusTable;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import dev.dxgscope.ui.vmbus.VmbusView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VMBus messages view in the real workbench, on error-storm recorded now (its MakeResident with
 * a foreign handle gets STATUS_INVALID_PARAMETER from the host).
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class VmbusViewTest {
    private static final int NO = 0;
    private static final int DIRECTION = 4;
    private static final int COMMAND = 5;
    private static final int STATUS = 6;
    private static final int EXPERT = 10;

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

    private Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    private VmbusView show() throws Exception {
        VmbusView v = showGrowing();
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the message list");
        return v;
    }

    /** The view without waiting for its list to catch up (a live capture keeps growing). */
    private VmbusView showGrowing() throws Exception {
        VmbusView v = page().showView(ViewIds.VMBUS).getAdapter(VmbusView.class);
        assertNotNull(v, "the VMBus view's part");
        UiTestSupport.spin(display, 200);
        return v;
    }

    @Test
    void listsEveryMessageStepsToTheFirstErrorAndHighlightsFieldBytes() throws Exception {
        CaptureSession s = UiTestSupport.open(display, storm);
        VmbusView v = show();
        int messages = s.read((CaptureModel m) -> m.vmbus().size());
        assertTrue(messages > 20, "error-storm sends VMBus traffic");
        assertEquals(messages, v.rowCount(), "one row per message");
        assertEquals(-1, v.selectedMessage(), "showing the view selects nothing (and moves no cursor)");

        org.eclipse.swt.widgets.Table list = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Table.class,
                t -> t.getColumnCount() > 0 && t.getColumn(0).getText().equals("No."));
        list.setFocus();
        UiTestSupport.press(list, org.eclipse.swt.SWT.F8, 0);
        String[] error = v.cells(v.selectedRow());
        assertEquals("MAKERESIDENT", error[COMMAND]);
        assertEquals("reply", error[DIRECTION]);
        assertEquals("STATUS_INVALID_PARAMETER", error[STATUS]);
        assertEquals("error", error[EXPERT]);
        VmbusMessage reply = (VmbusMessage) Sessions.get().selection();
        assertEquals(reply.seq(), Sessions.get().cursor(), "the time cursor moved to the message");
        VmbusField status = v.selectField("reply/status");
        assertEquals("STATUS_INVALID_PARAMETER", status.value());
        assertHighlighted(v, status);
        UiTestSupport.screenshot(shell(), "vmbus-view.png");

        UiTestSupport.press(list, org.eclipse.swt.SWT.F3, 0);
        String[] request = v.cells(v.selectedRow());
        assertEquals("request", request[DIRECTION]);
        assertEquals("MAKERESIDENT", request[COMMAND]);
        assertEquals(reply.pair(), v.selectedMessage());
        for (String path : List.of("command/alloc_count", "command/paging_queue", "command header/command_type",
                "extension header")) {
            VmbusField f = v.selectField(path);
            assertNotNull(f, path);
            assertHighlighted(v, f);
        }
        VmbusField handles = v.selectField("command").children().stream()
                .filter(f -> f.name().startsWith("allocations[")).findFirst().orElseThrow();
        v.selectField("command/" + handles.name());
        assertHighlighted(v, handles);
        assertTrue(handles.size() >= 4);
        UiTestSupport.screenshot(shell(), "vmbus-view-request.png");

        UiTestSupport.press(list, org.eclipse.swt.SWT.F6, 0);
        assertEquals(reply.index(), v.selectedMessage(), "F6 from the request is its reply");
        UiTestSupport.press(list, org.eclipse.swt.SWT.F6, org.eclipse.swt.SWT.SHIFT);
        assertEquals(reply.pair(), v.selectedMessage(), "Shift+F6 goes back");
        v.stepError(1);
        v.stepError(1);
        assertEquals(reply.index(), v.selectedMessage(), "no later error: the selection stays");
        v.stepError(-1);
        assertEquals(reply.index(), v.selectedMessage(), "and no earlier one");
    }

    private static void assertHighlighted(VmbusView v, VmbusField f) {
        assertEquals(IntStream.range(f.offset(), f.end()).boxed().toList(), v.highlightedBytes(), f.toString());
    }

    @Test
    void filtersKeepTheLastGoodExpressionAndExportWhatTheyShow() throws Exception {
        CaptureSession s = UiTestSupport.open(display, storm);
        VmbusView v = show();
        int all = v.rowCount();
        v.setFilter("command == MAKERESIDENT");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertEquals(2, v.rowCount());
        v.setFilter("status != 0");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertEquals(1, v.rowCount());
        assertEquals("STATUS_INVALID_PARAMETER", v.cells(0)[STATUS]);
        v.setFilter("command == FROBNICATE");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertTrue(v.filterError().contains("unknown command 'FROBNICATE'"), v.filterError());
        assertTrue(v.filterError().contains("still showing: status != 0"), v.filterError());
        assertEquals(1, v.rowCount(), "the last good filter stays");
        UiTestSupport.screenshot(shell(), "vmbus-filter-error.png");

        v.setFilter("channel == global && direction == request");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        int global = s.read((CaptureModel m) -> {
            int n = 0;
            for (int i = 0; i < m.vmbus().size(); i++) {
                n += m.vmbus().channel(i) == 0 && m.vmbus().direction(i) == VmbusTable.REQUEST ? 1 : 0;
            }
            return n;
        });
        assertEquals(global, v.rowCount());
        assertEquals("", v.filterError());
        Path csv = dir.resolve("global.csv");
        v.exportCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(global + 1, lines.size(), "a header and the rows shown");
        assertTrue(lines.get(0).startsWith("no,seq,time_s,pid,channel"), lines.get(0));
        assertTrue(lines.get(1).contains(",global,"), lines.get(1));

        v.setFilter("");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertEquals(all, v.rowCount());

        v.selectRow(0);
        v.stepError(1);
        assertEquals("STATUS_INVALID_PARAMETER", v.cells(v.selectedRow())[STATUS]);
        org.eclipse.swt.widgets.Table list = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Table.class,
                t -> t.getColumnCount() > 0 && t.getColumn(0).getText().equals("No."));
        org.eclipse.swt.widgets.Menu menu = list.getMenu();
        menu.notifyListeners(org.eclipse.swt.SWT.Show, new org.eclipse.swt.widgets.Event());
        org.eclipse.swt.widgets.MenuItem only = java.util.Arrays.stream(menu.getItems())
                .filter(i -> i.getText().startsWith("Show Only This Command")).findFirst().orElseThrow();
        only.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        UiTestSupport.spin(display, 100);
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
        assertEquals(2, v.rowCount(), "the failing MakeResident's command, as a filter");
        v.setFilter("");
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the filtered list");
    }

    @Test
    void followsTheTimeCursorAndShowsTheMessageInProperties() throws Exception {
        CaptureSession s = UiTestSupport.open(display, storm);
        VmbusView v = show();
        int last = v.rowCount() - 1;
        /* a message after a gap in seqs (other records between two messages) */
        int after = s.read((CaptureModel m) -> {
            for (int i = last; i > 0; i--) {
                if (m.vmbus().seq(i) > m.vmbus().seq(i - 1) + 1) {
                    return i;
                }
            }
            return -1;
        });
        assertTrue(after > 0);
        long seq = s.read((CaptureModel m) -> m.vmbus().seq(after - 1) + 1);
        Sessions.get().moveCursor(seq);
        UiTestSupport.spin(display, 100);
        assertEquals(after, v.cursorMessage(), "the message at or after the cursor is marked");
        assertTrue(v.cells(after)[NO].startsWith("▸"), v.cells(after)[NO]);
        assertEquals(-1, v.selectedMessage(), "marked, not selected");

        v.selectRow(last);
        /* the Properties view shares its folder with the Log: bring it to the front, as its tab would */
        PropertySheet properties = (PropertySheet) page().showView(ViewIds.PROPERTIES, null,
                IWorkbenchPage.VIEW_VISIBLE);
        UiTestSupport.spin(display, 300);
        Tree tree = (Tree) properties.getCurrentPage().getControl();
        List<String> texts = UiTestSupport.treeTexts(tree);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("command = DESTROYPROCESS")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("latency = ")), texts.toString());
        v.selectRow(0);
        UiTestSupport.spin(display, 300);
        texts = UiTestSupport.treeTexts((Tree) properties.getCurrentPage().getControl());
        assertTrue(texts.contains("pid = none (not sent for a process)"), "the driver's own first message: " + texts);

        /* another view is active when another capture opens (another file, so opening waits for it) */
        org.eclipse.ui.IViewPart vmbus = page().findView(ViewIds.VMBUS);
        page().activate(page().showView(ViewIds.ALLOCATIONS));
        UiTestSupport.spin(display, 200);
        UiTestSupport.open(display, Files.copy(storm, dir.resolve("another.dxgcap"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        UiTestSupport.spin(display, 300);
        assertEquals(List.of(), UiTestSupport.treeTexts((Tree) properties.getCurrentPage().getControl()),
                "Properties shows nothing of a capture that is no longer open");
        /* back to the VMBus view: Properties keeps a page per view, and that page held the closed capture's message */
        page().activate(vmbus);
        page().bringToTop(properties);
        UiTestSupport.spin(display, 300);
        assertEquals(List.of(), UiTestSupport.treeTexts((Tree) properties.getCurrentPage().getControl()),
                "the VMBus view's Properties page shows nothing of the closed capture either");
        /* a selection made in the open capture is kept when its view is activated again */
        v.selectRow(last);
        page().activate(page().findView(ViewIds.ALLOCATIONS));
        page().activate(vmbus);
        page().bringToTop(properties);
        UiTestSupport.spin(display, 300);
        texts = UiTestSupport.treeTexts((Tree) properties.getCurrentPage().getControl());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("command = DESTROYPROCESS")), texts.toString());
    }

    private org.eclipse.swt.widgets.Table table() {
        return UiTestSupport.find(shell(), org.eclipse.swt.widgets.Table.class,
                t -> t.getColumnCount() > 0 && t.getColumn(0).getText().equals("No."));
    }

    /** The list's scroll bar: a slider beside its table. */
    private org.eclipse.swt.widgets.Slider slider() {
        org.eclipse.swt.widgets.Table t = table();
        return UiTestSupport.find(t.getParent(), org.eclipse.swt.widgets.Slider.class, x -> true);
    }

    private static void scrollTo(org.eclipse.swt.widgets.Slider s, int row) {
        s.setSelection(row);
        s.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    /** The message numbers ("No.") the table's items show, top to bottom. */
    private List<Integer> shownNumbers() {
        org.eclipse.swt.widgets.Table t = table();
        return java.util.Arrays.stream(t.getItems()).map(i -> Integer.parseInt(i.getText(NO).replace("▸ ", ""))).toList();
    }

    @Test
    void theListHoldsAWindowOfRowsThatItsScrollBarAndKeysMove() throws Exception {
        UiTestSupport.open(display, storm);
        VmbusView v = show();
        int rows = v.rowCount();
        org.eclipse.swt.widgets.Table t = table();
        org.eclipse.swt.widgets.Slider s = slider();
        int items = t.getItemCount();
        assertTrue(items > 2 && items < rows, "a window of " + items + " items over " + rows + " rows");
        assertEquals(rows, s.getMaximum(), "the scroll bar spans every row");
        assertTrue(s.getBounds().x >= t.getBounds().x + t.getBounds().width, "the scroll bar is beside the table");

        scrollTo(s, 10);
        assertEquals(10, v.topRow());
        assertEquals(IntStream.rangeClosed(11, 10 + items).boxed().toList(), shownNumbers(), "rows 10 on (No. 11 on)");
        assertEquals(-1, v.selectedMessage(), "scrolling selects nothing");

        t.setFocus();
        UiTestSupport.press(t, org.eclipse.swt.SWT.END, 0);
        assertEquals(rows - 1, v.selectedMessage(), "End selects the last message");
        assertEquals(v.selectedMessage(), ((VmbusMessage) Sessions.get().selection()).index(), "and selects it everywhere");
        List<Integer> shown = shownNumbers();
        assertEquals(rows, shown.get(shown.size() - 1), "the last row is the last item");
        assertEquals(String.valueOf(rows), t.getItem(t.getSelectionIndex()).getText(NO).replace("▸ ", ""));
        UiTestSupport.press(t, org.eclipse.swt.SWT.ARROW_UP, 0);
        assertEquals(rows - 2, v.selectedMessage());
        UiTestSupport.press(t, org.eclipse.swt.SWT.HOME, 0);
        assertEquals(0, v.selectedMessage());
        assertEquals(0, v.topRow());
        assertEquals(1, shownNumbers().get(0));

        scrollTo(s, rows);
        assertEquals(0, v.selectedMessage(), "the selection is a message: scrolling it away keeps it");
        assertEquals(0, t.getSelectionCount(), "no item is selected while its row is not in the window");
        UiTestSupport.press(t, org.eclipse.swt.SWT.F6, 0);
        assertEquals(1, v.selectedMessage(), "F6 steps from the selected message, not from the window");
        assertEquals("2", v.cells(v.selectedRow())[NO].replace("▸ ", ""));
        assertTrue(v.topRow() <= 1, "and brings it into view");
        UiTestSupport.screenshot(shell(), "vmbus-window.png");
    }

    @Test
    void aLiveCaptureGrowsUnderAStableSelection() throws Exception {
        Path root = Path.of(System.getProperty("dxgscope.root", "../.."));
        String loop = root.resolve("native-probe/target/dist/workloads/render-loop").toString();
        CaptureSession live = dev.dxgscope.ui.session.Recorders.record(List.of(loop, "1000", "10"), true);
        dev.dxgscope.ui.session.SessionJobs.open(live);
        UiTestSupport.waitUntil(display, () -> Sessions.get().current() == live, 30_000, "the live session");
        VmbusView v = showGrowing();
        UiTestSupport.waitUntil(display, () -> v.rowCount() > 40, 30_000, "40 messages");
        scrollTo(slider(), v.rowCount());
        int atEnd = v.rowCount();
        assertEquals(atEnd, shownNumbers().get(shownNumbers().size() - 1), "scrolled to the end");
        UiTestSupport.waitUntil(display, () -> v.rowCount() > atEnd + 20, 30_000, "more messages");
        List<Integer> following = shownNumbers();
        assertEquals(v.rowCount(), following.get(following.size() - 1), "the end stays in view as the capture grows");
        assertTrue(table().getItemCount() < v.rowCount(), "still a window of items");

        v.selectRow(30);
        int selected = v.selectedMessage();
        int top = v.topMessage();
        int before = v.rowCount();
        UiTestSupport.waitUntil(display, () -> v.rowCount() > before + 20, 30_000, "more messages");
        assertEquals(selected, v.selectedMessage(), "the selection stays on its message");
        assertEquals(30, v.selectedRow());
        assertEquals(top, v.topMessage(), "the list does not scroll");
        UiTestSupport.screenshot(shell(), "vmbus-live.png");
        live.stop();
        UiTestSupport.waitUntil(display, live::finished, 30_000, "the live capture to finish");
        UiTestSupport.spin(display, 800);
        UiTestSupport.waitUntil(display, v::listed, 60_000, "the final list");
        assertEquals((int) live.read((CaptureModel m) -> m.vmbus().size()), v.rowCount(), "every message listed");
    }
}
