package dev.dxgscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.allocations.AllocationRows;
import dev.dxgscope.ui.allocations.AllocationsView;
import dev.dxgscope.ui.commands.CursorHandler;
import dev.dxgscope.ui.commands.GoToHandler;
import dev.dxgscope.ui.commands.SessionHandlers;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.leaks.LeaksView;
import dev.dxgscope.ui.processes.ProcessesView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture views of the real workbench on committed captures whose ground truth is known
 * (native-probe/workloads/README.md): handle trees at chosen times, allocations with their sizes in
 * the Properties view, leak suspects, stepping the time cursor, a damaged capture.
 */
@org.junit.jupiter.api.extension.ExtendWith(NoUiErrors.class)
class CaptureViewsTest {
    static final Path CAPTURES = Path.of(System.getProperty("dxgscope.root", "../.."),
            "plugins/dev.dxgscope.model.tests/resources/captures");
    private final Display display = PlatformUI.getWorkbench().getDisplay();
    @TempDir
    Path dir;

    private IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }

    private Shell shell() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
    }

    /** Opens a capture the way File > Open does and waits until the views have it. */
    private CaptureSession open(Path file) {
        SessionHandlers.open(file);
        UiTestSupport.waitUntil(display, () -> Sessions.get().current() != null
                && Sessions.get().current().file().equals(file), 30_000, "the capture to open");
        UiTestSupport.spin(display, 300);
        return Sessions.get().current();
    }

    private <T> T read(Function<CaptureModel, T> f) {
        return Sessions.get().current().read(f);
    }

    private <T> T view(String id, Class<T> type) throws Exception {
        IViewPart v = page().showView(id);
        UiTestSupport.spin(display, 200);
        return UiTestSupport.pojo(v, type);
    }

    @Test
    void handleTreeShowsEachProcessAtTheTimeCursor() throws Exception {
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        ProcessesView view = view(ViewIds.PROCESSES, ProcessesView.class);
        DxgProcess a = read(m -> m.dxgProcesses().get(0));
        DxgObject resource = read(m -> a.objects().stream().filter(o -> o.type() == ObjectType.RESOURCE).findFirst()
                .orElseThrow());
        long afterShare = read(m -> a.fds().stream().filter(f -> f.shared() != null).mapToLong(f -> f.openedSeq())
                .max().orElseThrow()) + 1;
        Sessions.get().moveCursor(afterShare);
        UiTestSupport.waitUntil(display, view::listed, 10_000, "the handle tree at the cursor");
        List<String> rows = view.rows();
        assertTrue(rows.contains("      resource (shared) " + resource.handleHex()), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.contains("fd ") && r.contains("shared resource")), rows.toString());
        assertFalse(rows.stream().anyMatch(r -> r.contains("resource (opened)")), "B has not opened it yet: " + rows);
        List<String> texts = new ArrayList<>();
        UiTestSupport.collectTexts(shell(), texts);
        assertTrue(texts.contains(resource.handleHex()), "the tree widget shows the handle");
        UiTestSupport.screenshot(shell(), "processes.png");
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("handles", ".csv");
        view.exportCsv(csv); /* the rows are made in the export Job, from the tree shown */
        List<String> lines = java.nio.file.Files.readAllLines(csv);
        assertEquals("depth,name,handle,created,created_by,size,state", lines.get(0));
        assertEquals(rows.size() + 1, lines.size(), "a line per row of the tree (no pages in a small one)");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("3,resource (shared)," + resource.handleHex() + ",")),
                lines.toString());
        java.nio.file.Files.delete(csv);

        Sessions.get().select(resource, null);
        org.eclipse.swt.widgets.Tree tree = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Tree.class,
                t -> t.getColumnCount() > 1 && t.getColumn(1).getText().equals("Handle"));
        assertEquals(1, tree.getSelectionCount(), "an object selected elsewhere is selected in the tree");
        assertEquals(resource.handleHex(), tree.getSelection()[0].getText(1));
        int all = rows.size();
        view.setFilter(resource.handleHex());
        UiTestSupport.waitUntil(display, view::listed, 10_000, "the filtered handle tree");
        rows = view.rows();
        assertTrue(rows.contains("      resource (shared) " + resource.handleHex()), rows.toString());
        assertTrue(rows.size() < all, "the filter hides the rest: " + rows);
        view.setFilter("");

        Sessions.get().moveCursor(a.exitSeq());
        UiTestSupport.waitUntil(display, view::listed, 10_000, "the handle tree at the cursor");
        rows = view.rows();
        assertFalse(rows.contains("      resource (shared) " + resource.handleHex()), "A's objects went at its exit");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("leaky-sharer (pid " + a.pid() + ")") && r.contains("exited")),
                rows.toString());

        /* an empty tree says why: every process exited (the box unticked), or the filter matches nothing */
        org.eclipse.swt.widgets.Button box = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Button.class,
                b -> "Exited processes".equals(b.getText()));
        int processes = read(m -> m.dxgProcesses().size());
        Sessions.get().moveCursor(read(m -> m.timeline().lastSeq()));
        box.setSelection(false);
        box.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        UiTestSupport.waitUntil(display, view::listed, 10_000, "the handle tree without exited processes");
        assertEquals(List.of(), view.rows());
        UiTestSupport.waitForText(display, shell(), t -> t.endsWith(": no process is alive; " + processes
                + " have exited (tick Exited processes to list them)"), 5_000);
        UiTestSupport.screenshot(shell(), "processes-none-alive.png");
        box.setSelection(true);
        box.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        view.setFilter("no such handle");
        UiTestSupport.waitUntil(display, view::listed, 10_000, "the filtered handle tree");
        UiTestSupport.waitForText(display, shell(), t -> t.endsWith(": nothing matches \"no such handle\""), 5_000);
        view.setFilter("");
    }

    /**
     * A ticked check box in a view looks ticked: the workbench theme gives it a background, which
     * GTK draws as an empty box unless the box has a foreground for its tick (CheckBox).
     */
    @Test
    void aTickedCheckBoxInAViewShowsItsTick() throws Exception {
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        ProcessesView view = view(ViewIds.PROCESSES, ProcessesView.class);
        org.eclipse.swt.widgets.Button box = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Button.class,
                b -> "Exited processes".equals(b.getText()));
        UiTestSupport.waitUntil(display, view::listed, 10_000, "the handle tree");
        box.setSelection(false);
        int unticked = darkPixelsOfTheBox(box);
        box.setSelection(true);
        int ticked = darkPixelsOfTheBox(box);
        UiTestSupport.screenshot(shell(), "check-box.png");
        assertTrue(ticked >= unticked + 8, "the tick is drawn: " + ticked + " dark pixels ticked, " + unticked
                + " unticked");
    }

    /** Dark pixels (the tick) in the box at the left of a check box, as drawn on the screen. */
    private int darkPixelsOfTheBox(org.eclipse.swt.widgets.Button box) {
        box.redraw();
        UiTestSupport.spin(display, 300);
        org.eclipse.swt.graphics.Rectangle r = box.getBounds();
        org.eclipse.swt.graphics.Point at = box.getParent().toDisplay(r.x, r.y);
        int side = Math.min(20, r.height); /* the box, not the label after it */
        org.eclipse.swt.graphics.ImageData d = UiTestSupport.grab(display,
                new org.eclipse.swt.graphics.Rectangle(at.x, at.y, side, r.height));
        int dark = 0;
        for (int y = 0; y < d.height; y++) {
            for (int x = 0; x < d.width; x++) {
                org.eclipse.swt.graphics.RGB c = d.palette.getRGB(d.getPixel(x, y));
                dark += c.red + c.green + c.blue < 3 * 100 ? 1 : 0;
            }
        }
        return dark;
    }

    @Test
    void allocationsListSizesAndPropertiesShowTheSelectedOne() throws Exception {
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        long seq = read(m -> m.dxgProcesses().get(1).objects().stream().filter(o -> o instanceof Allocation)
                .mapToLong(DxgObject::createdSeq).max().orElseThrow()) + 1;
        Sessions.get().moveCursor(seq);
        AllocationsView view = view(ViewIds.ALLOCATIONS, AllocationsView.class);
        UiTestSupport.waitUntil(display, () -> view.rows().seq() == seq && view.rows().size() == 4, 10_000,
                "A's 2 and B's 2 allocations alive (B's opened ones are destroyed by then)");
        AllocationRows rows = view.rows();
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            bytes += rows.get(i).size();
        }
        assertEquals(2 * 4194304L + 2 * 2097152L, bytes);
        page().showView(ViewIds.PROPERTIES, null, IWorkbenchPage.VIEW_VISIBLE);
        page().activate(page().findView(ViewIds.ALLOCATIONS));
        Table table = findTable(page().findView(ViewIds.ALLOCATIONS));
        int big = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() == 4194304L) {
                big = i;
            }
        }
        table.setSelection(big);
        Event e = new Event();
        table.notifyListeners(SWT.Selection, e);
        UiTestSupport.spin(display, 400);
        assertEquals(rows.get(big), Sessions.get().selection());
        assertNotNull(Adapters.adapt(rows.get(big), IPropertySource.class), "allocations adapt to property sources");
        assertEquals("4194304 bytes (4 MiB)", property(rows.get(big), "size"));
        assertEquals("unknown (no MakeResident or query seen)", property(rows.get(big), "residency at the cursor"),
                "leaky-sharer makes none resident");
        long end = read(m -> m.timeline().lastSeq());
        Sessions.get().moveCursor(end);
        assertEquals("destroyed", property(rows.get(big), "residency at the cursor"), "its process exited by the end");
        assertEquals("no", property(rows.get(big), "locked at the cursor"));
        assertEquals("no", property(rows.get(big), "evicted by the memory manager"));
        SyncObject sync = read(m -> m.objects().stream().filter(SyncObject.class::isInstance)
                .map(SyncObject.class::cast).filter(o -> !o.aliveAtEnd()).findFirst().orElseThrow());
        long last = read(m -> sync.fence().lastValue());
        assertEquals("destroyed (its fence: " + last + ")", property(sync, "value at the cursor"));
        Sessions.get().moveCursor(sync.createdSeq() - 1);
        assertEquals("not yet created", property(sync, "value at the cursor"));
        Sessions.get().moveCursor(seq);
        UiTestSupport.screenshot(shell(), "allocations.png");
        UiTestSupport.waitForText(display, shell(), t -> t.equals("Allocation"), 5_000); /* the Properties view's category row */
        UiTestSupport.screenshot(shell(), "allocations.png");

        /* the view is behind another tab while another capture opens: shown again, its old row selects nothing */
        page().activate(page().showView(ViewIds.LEAKS));
        UiTestSupport.spin(display, 200);
        open(Files.copy(CAPTURES.resolve("leaky-sharer.dxgcap"), dir.resolve("again.dxgcap")));
        assertNull(Sessions.get().selection());
        page().activate(page().showView(ViewIds.ALLOCATIONS));
        UiTestSupport.spin(display, 500);
        assertNull(Sessions.get().selection(), "showing the view selected a row of the new capture by itself");
    }

    /** The text of the property named {@code name} of what {@code o} shows in Properties, at the cursor. */
    private static String property(Object o, String name) {
        IPropertySource props = Adapters.adapt(o, IPropertySource.class);
        for (IPropertyDescriptor d : props.getPropertyDescriptors()) {
            if (d.getDisplayName().equals(name)) {
                return String.valueOf(props.getPropertyValue(d.getId()));
            }
        }
        throw new AssertionError("no property " + name);
    }

    private static Table findTable(IViewPart part) {
        List<Table> tables = new ArrayList<>();
        collect(part.getSite().getShell(), tables, part);
        assertFalse(tables.isEmpty());
        return tables.get(0);
    }

    private static void collect(org.eclipse.swt.widgets.Control c, List<Table> out, IViewPart part) {
        if (c instanceof Table t && t.isVisible() && t.getColumnCount() == AllocationRows.Column.values().length) {
            out.add(t);
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                collect(child, out, part);
            }
        }
    }

    /**
     * A refresh (a live update, another mode) rebuilds the Leaks trees: a short list the user had
     * open is there again as soon as the tree is, with no "Listing..." in between.
     */
    @Test
    void leaksListsStayOpenAcrossARebuild() throws Exception {
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        LeaksView view = view(ViewIds.LEAKS, LeaksView.class);
        org.eclipse.swt.widgets.Tree suspects = suspectsTree();
        UiTestSupport.waitUntil(display, () -> view.result() != null && keeps(suspects) != null, 10_000, "a suspect");
        org.eclipse.swt.widgets.TreeItem kept = keeps(suspects);
        kept.getParentItem().setExpanded(true);
        Event expand = new Event();
        expand.item = kept;
        suspects.notifyListeners(SWT.Expand, expand);
        kept.setExpanded(true);
        UiTestSupport.waitUntil(display, () -> kept.getItemCount() > 0 && !"Listing...".equals(kept.getItem(0).getText()),
                10_000, "what the suspect keeps");
        List<String> listed = java.util.Arrays.stream(kept.getItems()).map(i -> i.getText(0)).toList();
        Leaks.Result before = view.result();
        Button whole = UiTestSupport.find(shell(), Button.class, b -> "Leaks of the whole capture".equals(b.getText()));
        whole.notifyListeners(SWT.Selection, new Event()); /* the analysis again, the trees rebuilt */
        long deadline = System.currentTimeMillis() + 10_000;
        while (view.result() == before && System.currentTimeMillis() < deadline) {
            if (!display.readAndDispatch()) { /* one runnable at a time: stop right after the rebuild */
                display.sleep();
            }
        }
        org.eclipse.swt.widgets.TreeItem again = keeps(suspects);
        assertTrue(again != kept && again.getExpanded(), "a new row, expanded again");
        assertEquals(listed, java.util.Arrays.stream(again.getItems()).map(i -> i.getText(0)).toList(),
                "listed in the same turn as the tree was rebuilt");

        /* a click on an expander arrow that gives the tree focus: GTK selects the row, SWT says nothing */
        org.eclipse.swt.widgets.TreeItem last = suspects.getItem(suspects.getItemCount() - 1);
        suspects.setSelection(last);
        suspects.notifyListeners(SWT.MouseUp, new Event());
        Object want = last.getData() instanceof Leaks.Suspect s && s.object() != null ? s.object() : last.getData();
        UiTestSupport.waitUntil(display, () -> Sessions.get().selection() == want, 5_000,
                "Properties to show the row GTK selected");
    }

    @Test
    void aLiveUpdateWaitsWhileThePointerIsOnTheLeaksLists() throws Exception {
        CaptureSession session = open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        LeaksView view = view(ViewIds.LEAKS, LeaksView.class);
        org.eclipse.swt.widgets.Tree suspects = suspectsTree();
        org.eclipse.swt.widgets.Label summary = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Label.class,
                l -> l.getText().startsWith("Never released by the application"));
        UiTestSupport.waitUntil(display, () -> view.result() != null && suspects.getItemCount() > 0, 10_000, "the suspects");
        Leaks.Result before = view.result();
        String text = summary.getText();

        display.setCursorLocation(suspects.toDisplay(20, suspects.getHeaderHeight() + 5)); /* on the first row */
        UiTestSupport.waitUntil(display, () -> display.getCursorControl() == suspects, 5_000, "the pointer on the suspects");
        Sessions.get().modelUpdated(session); /* as a live capture's growth does */
        UiTestSupport.spin(display, SessionView.THROTTLE_MS + 300);
        assertSame(before, view.result(), "no new analysis while the pointer is on the rows");
        assertEquals(text + LeaksView.WAITING, summary.getText(), "the summary says an update waits");

        UiTestSupport.find(shell(), Button.class, b -> "Leaks of the whole capture".equals(b.getText()))
                .notifyListeners(SWT.Selection, new Event()); /* a user's action redoes the analysis at once */
        UiTestSupport.waitUntil(display, () -> view.result() != before && summary.getText().equals(text), 10_000,
                () -> "the analysis redone, without the note: " + summary.getText());
        Leaks.Result held = view.result();
        Sessions.get().modelUpdated(session);
        UiTestSupport.spin(display, SessionView.THROTTLE_MS + 300);
        assertSame(held, view.result());
        assertEquals(text + LeaksView.WAITING, summary.getText(), "the note once");

        display.setCursorLocation(shell().toDisplay(5, 5)); /* off the lists */
        suspects.notifyListeners(SWT.MouseExit, new Event());
        UiTestSupport.waitUntil(display, () -> view.result() != held, 10_000, "the analysis once the pointer left");
        UiTestSupport.waitUntil(display, () -> summary.getText().equals(text), 5_000, () -> "the summary as it was: "
                + summary.getText());
        Sessions.get().modelUpdated(session);
        Leaks.Result after = view.result();
        UiTestSupport.waitUntil(display, () -> view.result() != after, 10_000, "an update with the pointer elsewhere");

        /* an update's analysis that starts with the pointer elsewhere and ends with it on the rows is held too */
        Leaks.Result last = view.result();
        org.eclipse.core.runtime.jobs.Job.getJobManager().suspend(); /* the analysis waits to run */
        try {
            UiTestSupport.spin(display, SessionView.THROTTLE_MS + 100);
            Sessions.get().modelUpdated(session);
            UiTestSupport.spin(display, SessionView.THROTTLE_MS + 300);
            display.setCursorLocation(suspects.toDisplay(20, suspects.getHeaderHeight() + 5));
            UiTestSupport.waitUntil(display, () -> display.getCursorControl() == suspects, 5_000, "the pointer back on the rows");
        } finally {
            org.eclipse.core.runtime.jobs.Job.getJobManager().resume();
        }
        UiTestSupport.waitUntil(display, () -> summary.getText().equals(text + LeaksView.WAITING), 10_000,
                () -> "the update held when its analysis ended: " + summary.getText());
        assertSame(last, view.result(), "the rows as they were");
        display.setCursorLocation(shell().toDisplay(5, 5));
        suspects.notifyListeners(SWT.MouseExit, new Event());
        UiTestSupport.waitUntil(display, () -> view.result() != last && summary.getText().equals(text), 10_000,
                () -> "the analysis once the pointer left again: " + summary.getText());

        /* a live update that takes the place of a user's request is shown even if it ends with the pointer on the rows */
        Leaks.Result whole = view.result();
        Button capture = UiTestSupport.find(shell(), Button.class, b -> "Leaks of the whole capture".equals(b.getText()));
        Button atCursor = UiTestSupport.find(shell(), Button.class, b -> "Alive at the time cursor".equals(b.getText()));
        org.eclipse.core.runtime.jobs.Job.getJobManager().suspend();
        try {
            capture.setSelection(false);
            atCursor.setSelection(true);
            atCursor.notifyListeners(SWT.Selection, new Event()); /* the user's request waits to run */
            UiTestSupport.spin(display, SessionView.THROTTLE_MS + 100);
            Sessions.get().modelUpdated(session); /* and a live update takes its place */
            UiTestSupport.spin(display, SessionView.THROTTLE_MS + 300);
            display.setCursorLocation(suspects.toDisplay(20, suspects.getHeaderHeight() + 5));
            UiTestSupport.waitUntil(display, () -> display.getCursorControl() == suspects, 5_000, "the pointer on the rows");
        } finally {
            org.eclipse.core.runtime.jobs.Job.getJobManager().resume();
        }
        UiTestSupport.waitUntil(display, () -> view.result() != whole && summary.getText().startsWith("Alive at "), 10_000,
                () -> "the mode the user picked: " + summary.getText());
        display.setCursorLocation(shell().toDisplay(5, 5));
        atCursor.setSelection(false);
        capture.setSelection(true);
        capture.notifyListeners(SWT.Selection, new Event());
        UiTestSupport.waitUntil(display, () -> summary.getText().equals(text), 10_000, "the whole capture again");
    }

    /** The Leaks view's upper tree, of suspects. */
    private org.eclipse.swt.widgets.Tree suspectsTree() {
        return UiTestSupport.find(shell(), org.eclipse.swt.widgets.Tree.class,
                t -> t.getColumnCount() == 4 && "Suspect".equals(t.getColumn(0).getText()));
    }

    /** The first suspect's "Objects it keeps" row, or null. */
    private static org.eclipse.swt.widgets.TreeItem keeps(org.eclipse.swt.widgets.Tree suspects) {
        for (org.eclipse.swt.widgets.TreeItem s : suspects.getItems()) {
            for (org.eclipse.swt.widgets.TreeItem row : s.getItems()) {
                if (row.getText(0).startsWith("Objects it keeps (")) {
                    return row;
                }
            }
        }
        return null;
    }

    @Test
    void leaksRankTheSharedFenceKeptAliveByTheChild() throws Exception {
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        LeaksView view = view(ViewIds.LEAKS, LeaksView.class);
        UiTestSupport.waitUntil(display, () -> view.result() != null, 10_000, "the leak analysis");
        assertTrue(!UiTestSupport.visibleToolItem(shell(), "Stop").getEnabled()
                && !UiTestSupport.visibleToolItem(shell(), "Pause/Follow").getEnabled(), "a file is no recording");
        List<Leaks.Reason> reasons = view.result().suspects().stream().map(Leaks.Suspect::reason).toList();
        assertTrue(reasons.contains(Leaks.Reason.KEPT_ALIVE_BY_SHARE), reasons.toString());
        assertEquals(3, reasons.stream().filter(r -> r == Leaks.Reason.FD_NEVER_CLOSED).count());
        assertEquals(12 * 1048576L, view.result().totalBytes());
        assertEquals(List.of(), view.result().recurring(), "one run: A's leak and B's are two leaks");
        UiTestSupport.waitForText(display, shell(), t -> t.contains("outlived its creator"), 5_000);
        org.eclipse.swt.widgets.Tree suspects = suspectsTree();
        assertEquals(3, java.util.Arrays.stream(suspects.getItems()).filter(i -> i.getText(2).equals("1 fd")).count(),
                "a descriptor's row counts an fd, not an object");

        /* run twice, A's adapter trees are one leak of the program: one row, the two suspects below it */
        Path w = UiTestSupport.DIST.resolve("workloads/leaky-sharer");
        open(UiTestSupport.recordProgram(dir, "leaky-sharer-twice", Path.of("/bin/sh"), "-c", w + " && " + w));
        UiTestSupport.waitUntil(display, () -> view.result() != null && view.result().recurring().size() == 6, 10_000,
                "the leak analysis of two runs");
        org.eclipse.swt.widgets.Tree tree = suspectsTree();
        UiTestSupport.waitUntil(display, () -> tree.getItemCount() == 6, 5_000, "a row per recurring leak");
        org.eclipse.swt.widgets.TreeItem first = tree.getItem(0);
        assertEquals("adapter (LX_DXENUMADAPTERS3) in 2 leaky-sharer processes, 16 MiB, holding device, resource,"
                + " allocation, sync object", first.getText(0));
        assertEquals("12", first.getText(2), "6 objects in each");
        List<Leaks.Suspect> members = view.result().recurring().get(0).suspects();
        assertEquals(members.stream().map(Leaks.Suspect::summary).toList(),
                java.util.Arrays.stream(first.getItems()).map(i -> i.getText(0)).toList());
        tree.setSelection(first);
        Event click = new Event();
        click.item = first;
        tree.notifyListeners(SWT.Selection, click);
        Leaks.Recurrence recurrence = view.result().recurring().get(0);
        assertSame(recurrence, Sessions.get().selection(), "the row selects the recurring leak");
        IPropertySource props = Adapters.adapt(recurrence, IPropertySource.class);
        Map<String, String> shown = new java.util.HashMap<>();
        for (IPropertyDescriptor d : props.getPropertyDescriptors()) {
            shown.put(d.getDisplayName(), String.valueOf(props.getPropertyValue(d.getId())));
        }
        assertEquals("leaky-sharer", shown.get("program"));
        assertEquals("2", shown.get("processes"));
        assertEquals(members.stream().map(Leaks.Suspect::process).distinct().map(p -> String.valueOf(p.pid()))
                .collect(Collectors.joining(", ")),
                shown.get("pids"));
        assertEquals("16 MiB", shown.get("retained"));
        assertEquals("device, resource, allocation, sync object", shown.get("holding"));

    }

    @Test
    void leaksCompareTheMarkWithTheCursorPerProcessBothWays() throws Exception {
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        LeaksView view = view(ViewIds.LEAKS, LeaksView.class);
        UiTestSupport.waitUntil(display, () -> view.result() != null, 10_000, "the leak analysis");
        CursorHandler.step(CursorHandler.START);
        long start = Sessions.get().cursor();
        org.eclipse.swt.widgets.Button mark = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Button.class,
                b -> "Mark the cursor".equals(b.getText()));
        mark.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        Sessions.get().cursorToEnd();
        long end = Sessions.get().cursor();
        List<Leaks.Change> expected = read(m -> Leaks.compare(m, start, end));
        assertFalse(expected.isEmpty());
        UiTestSupport.waitUntil(display, () -> view.changes().equals(expected), 10_000, "the comparison");
        org.eclipse.swt.widgets.Tree tree = UiTestSupport.find(shell(), org.eclipse.swt.widgets.Tree.class,
                t -> t.getColumnCount() == 6 && "At mark".equals(t.getColumn(1).getText()));
        Map<DxgProcess, Leaks.Change> totals = read(m -> Leaks.objectTotals(m, start, end));
        List<String> objectTypes = java.util.Arrays.stream(ObjectType.values()).map(ObjectType::label).toList();
        int rows = 0;
        for (org.eclipse.swt.widgets.TreeItem process : tree.getItems()) {
            DxgProcess p = (DxgProcess) process.getData();
            Leaks.Change t = totals.get(p);
            assertEquals(p.label() + ": objects", process.getText(0));
            assertEquals(List.of(t.before(), t.created(), t.destroyed(), t.after()), java.util.stream.IntStream
                    .rangeClosed(1, 4).mapToObj(col -> (int) count(process.getText(col))).toList(),
                    "a process's row counts its objects of every type, not its descriptors or shares");
            long created = 0;
            long destroyed = 0;
            for (org.eclipse.swt.widgets.TreeItem type : process.getItems()) {
                rows++;
                if (objectTypes.contains(type.getText(0))) {
                    created += count(type.getText(2));
                    destroyed += count(type.getText(3));
                }
            }
            assertEquals(t.created(), created, "objects created are those of its object types' rows");
            assertEquals(t.destroyed(), destroyed);
        }
        assertEquals(expected.size(), rows, "a row per process and type that changed");
        Leaks.Change top = expected.get(0);
        org.eclipse.swt.widgets.TreeItem first = java.util.Arrays.stream(tree.getItems())
                .filter(i -> i.getData() == top.process()).findFirst().orElseThrow();
        assertTrue(java.util.Arrays.stream(first.getItems()).anyMatch(i -> i.getText(0).equals(top.kind())
                && count(i.getText(2)) == top.created() && count(i.getText(3)) == top.destroyed()),
                "the model's biggest change is shown under its process: " + top);
        for (String kind : List.of(Leaks.NT_HANDLE_FD, Leaks.SHARED_OBJECT)) {
            assertTrue(java.util.Arrays.stream(tree.getItems()).flatMap(p -> java.util.Arrays.stream(p.getItems()))
                    .anyMatch(i -> i.getText(0).equals(kind)), "descriptors and shares are compared too: " + kind);
        }
        UiTestSupport.screenshot(shell(), "leaks-compare.png");
    }

    @Test
    void aTypedMarkIsComparedWithTheCursor() throws Exception {
        open(CAPTURES.resolve("stuck-wait.dxgcap"));
        LeaksView view = view(ViewIds.LEAKS, LeaksView.class);
        assertNull(view.markAt("#3"), "a mark in another capture first");
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        UiTestSupport.waitUntil(display, () -> view.result() != null && view.changes().isEmpty(), 10_000,
                "the leak analysis of the whole capture, not a comparison with the other capture's mark");
        Sessions.get().cursorToEnd();
        long end = Sessions.get().cursor();
        long childStart = read(m -> m.dxgProcesses().get(1).startSeq());
        String[] offered = new String[1];
        whenDialogOpens("Mark a Time or Seq", (input, ok) -> {
            offered[0] = input.getText();
            input.setText("#" + childStart);
            ok.notifyListeners(SWT.Selection, new Event());
        });
        UiTestSupport.find(shell(), org.eclipse.swt.widgets.Button.class, b -> "Mark a Time or Seq...".equals(b.getText()))
                .notifyListeners(SWT.Selection, new Event());
        assertEquals("#0", offered[0], "no mark in this capture yet (a mark set in another capture went with it)");
        List<Leaks.Change> expected = read(m -> Leaks.compare(m, childStart, end));
        UiTestSupport.waitUntil(display, () -> view.changes().equals(expected), 10_000, "the comparison from the typed mark");
        assertFalse(expected.equals(read(m -> Leaks.compare(m, 0, end))), "the typed mark, not the start, is compared");
        String problem = view.markAt("#" + (end + 1));
        assertTrue(problem != null && problem.contains("is not in the capture"), problem);
        UiTestSupport.spin(display, 200);
        assertEquals(expected, view.changes(), "a bad entry leaves the comparison as it was");
    }

    /**
     * Once an input dialog titled {@code title} opens (within 10 s; its event loop runs the check),
     * hands its text field and OK button to {@code then}.
     */
    private void whenDialogOpens(String title,
            java.util.function.BiConsumer<org.eclipse.swt.widgets.Text, org.eclipse.swt.widgets.Button> then) {
        long giveUp = System.currentTimeMillis() + 10_000;
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            Shell dialog = java.util.Arrays.stream(display.getShells())
                    .filter(sh -> !sh.isDisposed() && title.equals(sh.getText())).findFirst().orElse(null);
            if (dialog == null) {
                if (System.currentTimeMillis() < giveUp) {
                    display.timerExec(50, check[0]);
                }
                return;
            }
            then.accept(UiTestSupport.find(dialog, org.eclipse.swt.widgets.Text.class, t -> t.getText().startsWith("#")),
                    UiTestSupport.find(dialog, org.eclipse.swt.widgets.Button.class,
                            b -> b.getText().replace("&", "").equals("OK")));
        };
        display.timerExec(50, check[0]);
    }

    /** A count cell: "+3", "-2", "5" or empty for none. */
    private static long count(String cell) {
        return cell.isEmpty() ? 0 : Math.abs(Long.parseLong(cell));
    }

    @Test
    void adaptersWithACaptureOpenSayItIsThisMachineThatHasNoDevice() throws Exception {
        open(CAPTURES.resolve("leaky-sharer.dxgcap"));
        page().showView(ViewIds.ADAPTERS);
        /* the view may have said "No dxg device available" before the capture was open: wait for the new title */
        UiTestSupport.waitForText(display, shell(), t -> t.equals("No dxg device on this machine (the capture's"
                + " adapters are below)"), 15_000);
        UiTestSupport.waitForText(display, shell(), t -> t.startsWith("Adapters in leaky-sharer"), 15_000);
    }

    @Test
    void theTimeCursorStepsBetweenEvents() throws Exception {
        open(CAPTURES.resolve("stuck-wait.dxgcap"));
        view(ViewIds.PROCESSES, ProcessesView.class);
        CursorHandler.step(CursorHandler.START);
        long start = Sessions.get().cursor();
        CursorHandler.step(CursorHandler.NEXT);
        long first = Sessions.get().cursor();
        assertTrue(first > start, "moved forward");
        long created = read(m -> m.objects().get(0).createdSeq());
        assertEquals(created, first, "the first event is the first object's creation");
        CursorHandler.step(CursorHandler.NEXT);
        assertTrue(Sessions.get().cursor() > first);
        CursorHandler.step(CursorHandler.PREVIOUS);
        assertEquals(first, Sessions.get().cursor());
        CursorHandler.step(CursorHandler.END);
        assertTrue(Sessions.get().cursorAtEnd());
        assertEquals((long) read(m -> m.timeline().lastSeq()), Sessions.get().cursor());
    }

    @Test
    void goToMovesTheCursorToATypedSeqAndRefusesOneOutsideTheCapture() throws Exception {
        open(CAPTURES.resolve("stuck-wait.dxgcap"));
        view(ViewIds.PROCESSES, ProcessesView.class);
        CursorHandler.step(CursorHandler.START);
        long last = read(m -> m.timeline().lastSeq());
        long target = read(m -> { /* a record the next one follows by 2 ns or more: a time between them */
            long seq = last / 2;
            while (m.timeline().sinceStart(seq + 1) - m.timeline().sinceStart(seq) < 2) {
                seq++;
            }
            return seq;
        });
        List<String> refused = new ArrayList<>();
        List<String> byTime = new ArrayList<>();
        boolean[] okEnabledWhenBad = {true};
        String typed = read(m -> (m.timeline().sinceStart(target) + m.timeline().sinceStart(target + 1)) / 2) + "ns";
        whenDialogOpens(GoToHandler.TITLE, (input, ok) -> {
            input.setText("#" + (last + 1));
            UiTestSupport.collectTexts(input.getShell(), refused);
            okEnabledWhenBad[0] = ok.isEnabled();
            UiTestSupport.screenshot(input.getShell(), "go-to-refused.png");
            input.setText(typed);
            UiTestSupport.collectTexts(input.getShell(), byTime);
            UiTestSupport.screenshot(input.getShell(), "go-to-time.png");
            input.setText("#" + target);
            ok.notifyListeners(SWT.Selection, new Event());
        });
        PlatformUI.getWorkbench().getService(org.eclipse.ui.handlers.IHandlerService.class)
                .executeCommand(GoToHandler.ID, null);
        assertFalse(okEnabledWhenBad[0], "OK is off while the entry is outside the capture");
        assertTrue(refused.stream().anyMatch(t -> t.contains("is not in the capture")), "says why: " + refused);
        assertEquals(target, Sessions.get().cursor(), "the cursor went to the typed seq");
        String to = read(m -> dev.dxgscope.ui.common.Formats.position(m, target));
        assertTrue(byTime.contains("Goes to " + to + ", the last record at or before that time"),
                "a typed time says which record it goes to: " + byTime);
        assertFalse(refused.stream().anyMatch(t -> t.startsWith("Goes to")), "a refused entry goes nowhere: " + refused);
        assertEquals("bad time 'soon' (seconds since the start: 1.5, 250ms, 40us, 900ns; #SEQ, start or end)", GoToHandler.goTo("soon"));
        assertEquals(target, Sessions.get().cursor(), "a bad entry moves nothing");
        assertNull(GoToHandler.goTo("end"));
        assertTrue(Sessions.get().cursorAtEnd(), "end follows the end");
    }

    /**
     * A capture whose model does not fit (here: may fill none of the heap) is read up to the first
     * check, said in a note, and shown; one cut while another is shown is read again once that
     * other one is closed, since its model took the room.
     */
    @Test
    void aCaptureCutForMemoryIsSaidAndOneCutBesideAnotherIsReadAgainAlone() throws Exception {
        Path renderLoop = UiTestSupport.DIST.resolve("workloads/render-loop");
        Path a = UiTestSupport.recordProgram(dir, "first", renderLoop, "1500", "0"); /* about 20K records: one check */
        Path b = UiTestSupport.recordProgram(dir, "second", renderLoop, "1500", "0");
        System.setProperty("dxgscope.modelShare", "0");
        try {
            CaptureSession first = open(a);
            Shell note = noMemoryNote();
            List<String> texts = new ArrayList<>();
            UiTestSupport.collectTexts(note, texts);
            assertTrue(texts.stream().anyMatch(t -> t.startsWith("Not enough memory: the model ends here, at #16384 (")),
                    texts.toString());
            UiTestSupport.screenshot(note, "no-memory-note.png");
            note.close();
            assertEquals(16384, read(m -> m.timeline().size()), "read up to the first check");

            List<CaptureSession> shown = new ArrayList<>();
            dev.dxgscope.ui.session.SessionListener watch = new dev.dxgscope.ui.session.SessionListener() {
                @Override
                public void sessionChanged(CaptureSession s) {
                    shown.add(s);
                }
            };
            Sessions.get().addListener(watch);
            try {
                CaptureSession second = open(b);
                assertEquals(java.util.Arrays.asList(null, second), shown,
                        "the first capture closed before the second was read again, then the second shown");
                assertNull(first.read(m -> m), "the closed capture let go of its model");
                noMemoryNote().close();
                assertNotNull(read(CaptureModel::memoryCut), "cut again: this test's heap share is none");
            } finally {
                Sessions.get().removeListener(watch);
            }
        } finally {
            System.clearProperty("dxgscope.modelShare");
            for (Shell s : display.getShells()) {
                if (dev.dxgscope.ui.session.SessionJobs.NO_MEMORY.equals(s.getText())) {
                    s.close(); /* left open by a failed assertion: later tests must not find it */
                }
            }
        }
    }

    /** The "Not enough memory" note, once it is up. */
    private Shell noMemoryNote() {
        Shell[] found = {null};
        UiTestSupport.waitUntil(display, () -> {
            for (Shell s : display.getShells()) {
                if (dev.dxgscope.ui.session.SessionJobs.NO_MEMORY.equals(s.getText()) && s.isVisible()) {
                    found[0] = s;
                }
            }
            return found[0] != null;
        }, 10_000, "the not-enough-memory note");
        return found[0];
    }

    @Test
    void aDamagedCaptureSaysSoAndShowsWhatIsWhole() throws Exception {
        byte[] b = Files.readAllBytes(CAPTURES.resolve("stuck-wait.dxgcap"));
        for (int i = 60_000; i < 60_040; i++) {
            b[i] ^= 0x5a;
        }
        Path damaged = dir.resolve("damaged.dxgcap");
        Files.write(damaged, b);
        open(damaged);
        Shell notice = null;
        long end = System.currentTimeMillis() + 10_000;
        while (notice == null && System.currentTimeMillis() < end) {
            for (Shell s : display.getShells()) {
                if ("Damaged capture".equals(s.getText()) && s.isVisible()) {
                    notice = s;
                }
            }
            UiTestSupport.spin(display, 50);
        }
        assertNotNull(notice, "a damaged-capture notice");
        List<String> texts = new ArrayList<>();
        UiTestSupport.collectTexts(notice, texts);
        assertTrue(texts.stream().anyMatch(t -> t.contains("damaged.dxgcap is damaged") && t.contains("at byte")),
                texts.toString());
        UiTestSupport.screenshot(notice, "damaged-notice.png");
        notice.close();
        ProcessesView view = view(ViewIds.PROCESSES, ProcessesView.class);
        UiTestSupport.waitUntil(display, view::listed, 10_000, "the handle tree");
        assertTrue(view.rows().stream().anyMatch(r -> r.startsWith("stuck-wait")), "the part before the damage is shown");
        long events = read(CaptureModel::events);
        assertTrue(events > 50, "most records were read: " + events);
    }
}
