package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.allocations.AllocationsView;
import dev.dxgscope.ui.common.UiWatchdog;
import dev.dxgscope.ui.leaks.LeaksView;
import dev.dxgscope.ui.processes.ProcessesView;
import dev.dxgscope.ui.session.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process with 100,000 allocations alive (the many-objects workload): the handle tree lists them
 * in pages, the Allocations table has every one, the Leaks view counts them (alive at the cursor:
 * one leak, with the loop inside it), and the longest
 * UI-thread block of each step is printed (timings are reported, not asserted).
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class ManyObjectsTest {
    private static final int COUNT = 100_000;
    private final Display display = PlatformUI.getWorkbench().getDisplay();
    @TempDir
    static Path dir;

    @Test
    void aHundredThousandObjectsAreListedInPagesAndEveryTableHasThem() throws Exception {
        Path capture = UiTestSupport.record(dir, "many-objects", Integer.toString(COUNT));
        UiTestSupport.open(display, capture);
        long allAlive = Sessions.get().current().read((CaptureModel m) -> m.objects().stream()
                .filter(o -> o.type() == ObjectType.ALLOCATION).mapToLong(DxgObject::createdSeq).max().orElseThrow());
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        Object selectedBefore = Sessions.get().selection();
        StringBuilder report = new StringBuilder("many objects: UI thread blocked at most");
        try (UiWatchdog watchdog = UiWatchdog.start(display)) {
            ProcessesView processes = UiTestSupport.pojo(page.showView(ViewIds.PROCESSES), ProcessesView.class);
            Sessions.get().moveCursor(allAlive);
            UiTestSupport.waitUntil(display, processes::listed, 30_000, "the handle tree with every allocation");
            UiTestSupport.spin(display, 300);
            report.append(String.format(" %.0f ms listing the handle tree", watchdog.worstMs()));
            watchdog.reset();

            AllocationsView allocations = UiTestSupport.pojo(page.showView(ViewIds.ALLOCATIONS), AllocationsView.class);
            UiTestSupport.waitUntil(display, () -> allocations.rows() != null && allocations.rows().size() == COUNT,
                    30_000, () -> "every allocation in the table (it has " + (allocations.rows() == null ? "no rows"
                            : allocations.rows().size() + " rows") + (allocations.stale() ? ", waiting to be shown" : "")
                            + ", the active part " + page.getActivePart().getTitle() + ")");
            UiTestSupport.spin(display, 300);
            report.append(String.format(", %.0f ms%s listing allocations", watchdog.worstMs(), where(watchdog)));
            watchdog.reset();

            LeaksView leaks = UiTestSupport.pojo(page.showView(ViewIds.LEAKS), LeaksView.class);
            UiTestSupport.waitUntil(display, () -> leaks.result() != null, 30_000, "the leak analysis");
            UiTestSupport.spin(display, 300);
            report.append(String.format(", %.0f ms%s analysing leaks", watchdog.worstMs(), where(watchdog)));
        }
        System.out.println(report);
        assertSame(selectedBefore, Sessions.get().selection(), "showing a view does not select anything");

        List<String> rows = UiTestSupport.pojo(page.findView(ViewIds.PROCESSES), ProcessesView.class).rows();
        assertEquals(COUNT, rows.stream().filter(r -> r.trim().startsWith("allocation ")).count(),
                "every allocation is in the tree");
        assertTrue(rows.stream().anyMatch(r -> r.trim().startsWith("objects 1–1,000")), "the first page");
        assertTrue(rows.stream().anyMatch(r -> r.trim().startsWith("objects 99,001–100,000")), "the last page");
        UiTestSupport.screenshot(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), "many-objects.png");

        /* Alive at the cursor: one leak, the adapter's tree, with the allocations made again and again inside it */
        LeaksView leaks = UiTestSupport.pojo(page.showView(ViewIds.LEAKS), LeaksView.class);
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        Button atCursor = UiTestSupport.find(shell, Button.class, b -> "Alive at the time cursor".equals(b.getText()));
        UiTestSupport.find(shell, Button.class, b -> "Leaks of the whole capture".equals(b.getText())).setSelection(false);
        atCursor.setSelection(true); /* as a click does: a radio set from code leaves its sibling set */
        atCursor.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.waitUntil(display, () -> leaks.result() != null && leaks.result().seq() == allAlive, 30_000,
                "the leaks alive at the cursor");
        Tree suspects = UiTestSupport.find(shell, Tree.class,
                t -> t.getColumnCount() == 4 && "Suspect".equals(t.getColumn(0).getText()));
        UiTestSupport.waitUntil(display, () -> suspects.getItemCount() > 0, 10_000, "the suspects");
        assertEquals(1, suspects.getItemCount(), "one leak");
        TreeItem tree = suspects.getItem(0);
        assertTrue(tree.getText(0).startsWith("adapter 0x40000000 (pid "), tree.getText(0));
        assertEquals(String.valueOf(COUNT + 2), tree.getText(2), "the adapter, the device, the allocations");
        String pid = tree.getText(0).replaceAll(".*\\(pid (\\d+)\\).*", "$1");
        List<String> below = Arrays.stream(tree.getItems()).map(i -> i.getText(0)).toList();
        assertEquals(List.of("many-objects (pid " + pid + ")", "adapter 0x40000000", "Objects it keeps (" + (COUNT + 2)
                + ")", COUNT + " x allocation created by LX_DXCREATEALLOCATION in many-objects (pid " + pid
                + "), all alive at the chosen moment"), below, "its path, what it keeps, then the loop inside it");

        /* what it keeps, by type, made on the first expand: a thousand rows of a type, then how many more */
        TreeItem kept = tree.getItem(2);
        expand(suspects, kept);
        List<String> types = Arrays.stream(kept.getItems()).map(i -> i.getText(0) + "|" + i.getText(2) + "|"
                + i.getText(3)).toList();
        assertEquals(List.of("allocation|" + COUNT + "|" + Format.bytes(COUNT * (64L << 10)), "adapter|1|", "device|1|"),
                types, "most bytes first, as the lower tree orders a process's types");
        TreeItem allocations = kept.getItem(0);
        assertEquals(COUNT / 1000, allocations.getItemCount(), "pages of a thousand");
        assertEquals("objects 1–1,000", allocations.getItem(0).getText(0));
        assertEquals(String.format("objects %,d–%,d", COUNT - 999, COUNT), allocations.getItem(COUNT / 1000 - 1).getText(0));
        allocations.setExpanded(true); /* as a click on its arrow: its pages are there already */
        TreeItem lastPage = allocations.getItem(COUNT / 1000 - 1);
        expand(suspects, lastPage);
        assertEquals(1000, lastPage.getItemCount(), "the last page lists its objects");
        TreeItem one = lastPage.getItem(0);
        assertTrue(one.getText(0).matches("allocation 0x[0-9a-f]+, made by LX_DXCREATEALLOCATION at .* \\(#\\d+\\)"),
                one.getText(0));
        assertEquals("64 KiB", one.getText(3));
        Event pick = new Event();
        pick.item = one;
        suspects.notifyListeners(SWT.Selection, pick);
        assertSame(one.getData(), Sessions.get().selection(), "an object's row selects the object");
        pick.item = allocations;
        suspects.notifyListeners(SWT.Selection, pick);
        suspects.setSelection(allocations);
        assertTrue(Sessions.get().selection() instanceof Leaks.Group g && g.type() == ObjectType.ALLOCATION
                && g.count() == COUNT && g.process() == leaks.result().suspects().get(0).process(),
                "a type's row selects the group, for Properties: " + Sessions.get().selection());
        pick.item = one;
        suspects.notifyListeners(SWT.Selection, pick);
        pick.item = lastPage;
        suspects.notifyListeners(SWT.Selection, pick);
        assertTrue(Sessions.get().selection() instanceof Leaks.Group g && g.type() == ObjectType.ALLOCATION
                && g.count() == COUNT, "a page's row: what the row above it is about: " + Sessions.get().selection());

        /* the analysis done again (a live capture's every second): the rows stay as they were left */
        Tree held = UiTestSupport.find(shell, Tree.class, t -> t.getColumnCount() > 0 && "Process / type".equals(t.getColumn(0).getText()));
        held.getItem(0).setExpanded(false); /* the user collapsed a row the view expands */
        Leaks.Result before = leaks.result();
        pick.item = allocations;
        suspects.notifyListeners(SWT.Selection, pick);
        suspects.setSelection(allocations);
        Object group = Sessions.get().selection();
        atCursor.notifyListeners(SWT.Selection, new Event());
        long deadline = System.currentTimeMillis() + 30_000;
        while (leaks.result() == before && System.currentTimeMillis() < deadline) {
            if (!display.readAndDispatch()) { /* one runnable at a time: stop right after the rebuild */
                display.sleep();
            }
        }
        /* what it keeps (100,002 objects) is listed again in a Job; until then its rows of before are there */
        assertTrue(leaks.result() != before, "the analysis redone");
        assertRebuiltAsLeft(suspects, held, "right after the rebuild");
        assertSame(group, Sessions.get().selection(), "Properties keeps the group until the new one is listed");
        UiTestSupport.waitUntil(display, () -> Sessions.get().selection() != group, 30_000, "the new list");
        assertRebuiltAsLeft(suspects, held, "listed again");
        assertTrue(Sessions.get().selection() instanceof Leaks.Group g && g.type() == ObjectType.ALLOCATION
                && g.count() == COUNT, "Properties shows the group of the new analysis: " + Sessions.get().selection());
        assertSame(Sessions.get().selection(), suspects.getSelection()[0].getData("dxgscope.about"), /* ObjectRows.ABOUT */
                "the selected row is the new group's");

        /* the process's allocations in the lower tree list their objects too */
        held.getItem(0).setExpanded(true);
        TreeItem type = Arrays.stream(held.getItem(0).getItems()).filter(i -> i.getText(0).equals("allocation"))
                .findFirst().orElseThrow();
        expand(held, type);
        assertEquals(COUNT / 1000, type.getItemCount());
        expand(held, type.getItem(0));
        assertEquals(1000, type.getItem(0).getItemCount());
        assertEquals("64 KiB", type.getItem(0).getItem(0).getText(2));
        Path csv = dir.resolve("suspects.csv");
        leaks.exportSuspectsCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "a header and both suspects: " + lines);
        assertTrue(lines.get(0).endsWith(",part_of"), lines.get(0));
        assertTrue(lines.get(1).startsWith("alive,") && lines.get(1).endsWith(","), "the tree is part of nothing: " + lines.get(1));
        assertTrue(lines.get(2).startsWith("created_in_loop,") && lines.get(2).endsWith(",0"),
                "the loop is part of data row 0: " + lines.get(2));
        suspects.getItem(0).setExpanded(true);
        UiTestSupport.spin(display, 200);
        UiTestSupport.screenshot(shell, "many-objects-leaks.png");
    }

    /** The rebuilt suspect tree as the user left it: its rows open down to the last page, the type's row selected. */
    private static void assertRebuiltAsLeft(Tree suspects, Tree held, String when) {
        TreeItem again = suspects.getItem(0);
        TreeItem kept = again.getItem(2);
        assertEquals(3, kept.getItemCount(), when + ": the types it keeps, no \"Listing...\"");
        TreeItem type = kept.getItem(0);
        assertEquals(COUNT / 1000, type.getItemCount(), when);
        TreeItem lastPage = type.getItem(COUNT / 1000 - 1);
        assertEquals(1000, lastPage.getItemCount(), when + ": the last page's objects");
        assertTrue(again.getExpanded() && kept.getExpanded() && type.getExpanded() && lastPage.getExpanded(),
                when + ": the suspect, what it keeps, its allocations and their last page are expanded again");
        assertFalse(held.getItem(0).getExpanded(), when + ": a row the user collapsed stays collapsed");
        assertEquals(1, suspects.getSelectionCount(), when);
        assertSame(type, suspects.getSelection()[0], when + ": the type's row is selected again");
        assertEquals(0, held.getSelectionCount(), when + ": one selected row in the view");
    }

    /**
     * Expands a row as a click on its arrow does: the tree is told first, so lazy rows get made
     * (in a Job: "Listing..." until they are there).
     */
    private void expand(Tree tree, TreeItem item) {
        Event e = new Event();
        e.item = item;
        tree.notifyListeners(SWT.Expand, e);
        item.setExpanded(true);
        UiTestSupport.waitUntil(display, () -> item.getItemCount() > 0 && !"Listing...".equals(item.getItem(0).getText()),
                10_000, "the rows of " + item.getText());
    }

    /** Where the UI thread was in the worst block, when it was long enough to have been sampled. */
    private static String where(UiWatchdog watchdog) {
        return watchdog.worstWhere().isEmpty() ? "" : " (" + watchdog.worstWhere() + ")";
    }
}
