package dev.dxgscope.ui.leaks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.analysis.Leaks;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Leaks trees are rebuilt on every live update: what the user expanded and selected comes back,
 * also when an update comes while a row's objects are still being listed again.
 */
class TreeMemoryTest {
    private final Display display = Display.getDefault();
    private final Shell shell = new Shell(display);
    private final Tree tree = new Tree(shell, SWT.FULL_SELECTION);

    @AfterEach
    void close() {
        shell.dispose();
    }

    private TreeItem item(Object parent, String text) {
        TreeItem i = parent instanceof Tree t ? new TreeItem(t, SWT.NONE) : new TreeItem((TreeItem) parent, SWT.NONE);
        i.setText(0, text);
        return i;
    }

    /** A suspect, what it keeps (with its count), a type, a page (the last grows) and an object. */
    private TreeItem[] listed(int kept, int lastPageEnd) {
        tree.removeAll();
        TreeItem suspect = item(tree, "adapter 0x40000000 (pid 7)");
        item(suspect, "many-objects (pid 7)");
        TreeItem keeps = item(suspect, "Objects it keeps (" + kept + ")");
        TreeItem type = item(keeps, "allocation");
        item(type, "objects 1–1,000");
        TreeItem last = item(type, String.format("objects 1,001–%,d", lastPageEnd));
        TreeItem object = item(last, "allocation 0x40000040");
        item(keeps, "device");
        return new TreeItem[] {suspect, keeps, type, last, object};
    }

    /** The rows listed, down to the object, expanded, and the object selected: what the tree remembers. */
    private TreeMemory remembered() {
        shell.setLayout(new FillLayout());
        TreeItem[] rows = listed(1_500, 1_345);
        for (int i = 0; i < 4; i++) {
            rows[i].setExpanded(true);
        }
        tree.setSelection(rows[4]);
        return TreeMemory.of(tree, new TreeMemory());
    }

    @Test
    void rowsExpandedAndSelectedComeBackThoughTheirCountsGrew() {
        TreeMemory memory = remembered();

        TreeItem[] again = listed(1_600, 1_400); /* the live capture grew */
        List<TreeItem> lazy = new ArrayList<>();
        memory.restore(tree, lazy::add);
        for (int i = 0; i < 4; i++) {
            assertTrue(again[i].getExpanded(), again[i].getText());
        }
        assertFalse(again[2].getItem(0).getExpanded(), "a page not expanded");
        assertSame(again[4], tree.getSelection()[0], "the object is selected again");
        assertEquals(List.of(), lazy, "nothing to list: the rows are there");
    }

    @Test
    void anUpdateWhileARowIsListedAgainKeepsWhatWasBelowIt() {
        TreeMemory first = remembered();

        /* rebuilt: what it keeps is being listed again ("Listing..." below it) when the next update comes */
        tree.removeAll();
        TreeItem suspect = item(tree, "adapter 0x40000000 (pid 7)");
        TreeItem keeps = item(suspect, "Objects it keeps (1,500)");
        item(keeps, ObjectRows.LISTING);
        suspect.setExpanded(true);
        keeps.setExpanded(true);
        TreeMemory second = TreeMemory.of(tree, first);

        TreeItem[] again = listed(1_500, 1_345);
        second.restore(tree, i -> { });
        for (int i = 0; i < 4; i++) {
            assertTrue(again[i].getExpanded(), again[i].getText());
        }
        assertSame(again[4], tree.getSelection()[0], "the selection below the row being listed is kept");
    }

    @Test
    void aRowPickedWhileAListIsMadeIsNotUndoneByIt() {
        TreeMemory memory = remembered();
        TreeItem[] again = listed(1_500, 1_345);
        memory.forgetSelection(); /* the user clicked a row */
        tree.setSelection(again[0]);
        memory.restore(tree, i -> { });
        assertSame(again[0], tree.getSelection()[0]);
    }

    @Test
    void twoRecurringLeaksThatDifferOnlyByWhatTheyHoldAreTwoRows() {
        shell.setLayout(new FillLayout());
        TreeItem[] rows = recurrences("device, context");
        rows[1].setExpanded(true);
        TreeMemory memory = TreeMemory.of(tree, new TreeMemory());
        TreeItem[] again = recurrences("device, context"); /* the analysis redone: new, equal leaks */
        memory.restore(tree, i -> { });
        assertFalse(again[0].getExpanded(), "the other tree of the same program and call");
        assertTrue(again[1].getExpanded());
    }

    @Test
    void aLongListShowsItsRowsOfBeforeUntilListedAgainAndKeepsWhatTheUserDidMeanwhile() {
        shell.setLayout(new FillLayout());
        TreeItem[] rows = listed(1_500, 1_345);
        rows[1].setData(ObjectRows.LISTED, new ObjectRows.Pending(m -> List.of(), true, 3, null, 0, 1_500));
        rows[2].setData(ObjectRows.ABOUT, "the allocations' group");
        rows[4].setData("an object");
        for (int i = 0; i < 4; i++) {
            rows[i].setExpanded(true);
        }
        TreeMemory memory = TreeMemory.of(tree, new TreeMemory());

        /* rebuilt: what it keeps is to be listed again, in a Job (more than a thousand objects) */
        tree.removeAll();
        TreeItem suspect = item(tree, "adapter 0x40000000 (pid 7)");
        TreeItem keeps = item(suspect, "Objects it keeps (1,600)");
        suspect.setExpanded(true);
        ObjectRows.paste(keeps, memory.copyOf(keeps));
        assertEquals(List.of("allocation", "device"), texts(keeps));
        TreeItem type = keeps.getItem(0);
        TreeItem last = type.getItem(1);
        assertTrue(keeps.getExpanded() && type.getExpanded() && last.getExpanded(), "open as they were");
        assertFalse(keeps.getItem(1).getExpanded());
        assertEquals("the allocations' group", type.getData(ObjectRows.ABOUT), "what the type's row is about");
        assertEquals("an object", last.getItem(0).getData());

        /* meanwhile the user closes the last page and picks the first */
        last.setExpanded(false);
        tree.setSelection(type.getItem(0));
        memory.forgetSelection();
        memory.rememberBelow(keeps);

        /* listed: the new rows replace the copied ones, as the user left those */
        keeps.removeAll();
        TreeItem newType = item(keeps, "allocation");
        TreeItem first = item(newType, "objects 1–1,000");
        TreeItem newLast = item(newType, "objects 1,001–1,600");
        item(newLast, "allocation 0x40000040");
        item(keeps, "device");
        List<TreeItem> lazy = new ArrayList<>();
        memory.restoreBelow(keeps, lazy::add);
        assertTrue(newType.getExpanded());
        assertFalse(newLast.getExpanded(), "the page the user closed meanwhile");
        assertSame(first, tree.getSelection()[0], "the page the user picked meanwhile");
        assertEquals(List.of(), lazy);
    }

    @Test
    void aRowStillBeingListedIsCopiedAsNotListedYet() {
        TreeItem keeps = item(tree, "Objects it keeps (1,500)");
        TreeItem page = item(keeps, "objects 1–1,000");
        page.setData(ObjectRows.LISTED, new ObjectRows.Pending(m -> List.of(), false, 3, null, 0, 1_000));
        item(page, ObjectRows.LISTING);
        List<ObjectRows.Copy> copy = ObjectRows.copyBelow(keeps);
        assertEquals(1, copy.size());
        assertTrue(copy.get(0).data() instanceof ObjectRows.Pending && copy.get(0).below().isEmpty(),
                "listed again when it is restored, not a dead \"Listing...\" row");
    }

    @Test
    void anOpenListIsCopiedWithWhatIsOpenBelowItOnly() {
        shell.setLayout(new FillLayout());
        TreeItem keeps = item(tree, "Objects it keeps (900)"); /* up to 1000 now, maybe more at the next update */
        keeps.setData(ObjectRows.LISTED, new ObjectRows.Pending(m -> List.of(), true, 3, null, 0, 900));
        TreeItem type = item(keeps, "allocation");
        TreeItem closed = item(type, "objects 1–1,000");
        closed.setData(ObjectRows.LISTED, new ObjectRows.Pending(m -> List.of(), false, 3, null, 0, 1_000));
        item(closed, "allocation 0x40000040");
        TreeItem open = item(type, "objects 1,001–1,345");
        open.setData(ObjectRows.LISTED, new ObjectRows.Pending(m -> List.of(), false, 3, null, 1_000, 345));
        item(open, "allocation 0x40010000");
        keeps.setExpanded(true);
        type.setExpanded(true);
        open.setExpanded(true);
        TreeMemory memory = TreeMemory.of(tree, new TreeMemory());

        List<ObjectRows.Copy> copy = memory.copyOf(keeps);
        List<ObjectRows.Copy> pages = copy.get(0).below();
        assertTrue(pages.get(0).data() instanceof ObjectRows.Pending && pages.get(0).below().isEmpty()
                && !pages.get(0).expanded(), "a closed list is copied as not listed yet, as a rebuild makes it");
        assertEquals("allocation 0x40010000", pages.get(1).below().get(0).texts()[0], "an open one with its rows");
        assertTrue(pages.get(1).expanded());
        assertEquals(null, memory.copyOf(open), "copied once, with the list around it");
    }

    @Test
    void aRowTheUserMovedAwayFromMeanwhileIsNotGoneBackTo() {
        List<Object> row = List.of("adapter", "Objects it keeps");
        List<Object> inside = List.of("adapter", "Objects it keeps", "allocation");
        List<Object> outside = List.of("device");
        assertEquals(inside, TreeMemory.within(outside, inside, row), "now inside the list: that row");
        assertEquals(null, TreeMemory.within(inside, outside, row), "moved out of the list meanwhile: not back into it");
        assertEquals(outside, TreeMemory.within(outside, null, row), "what was remembered outside the list stays");
    }

    private static List<String> texts(TreeItem item) {
        return java.util.Arrays.stream(item.getItems()).map(i -> i.getText(0)).toList();
    }

    /** Two recurring adapter leaks of one program, one holding {@code first}, the other resources too. */
    private TreeItem[] recurrences(String first) {
        tree.removeAll();
        TreeItem[] rows = new TreeItem[2];
        String[] below = {first, first + ", resource"};
        for (int i = 0; i < 2; i++) {
            rows[i] = item(tree, "adapter (LX_DXENUMADAPTERS3) in 2 leaky-sharer processes, holding " + below[i]);
            rows[i].setData(new Leaks.Recurrence(Leaks.Reason.NEVER_RELEASED, "leaky-sharer", "adapter",
                    "LX_DXENUMADAPTERS3", below[i], List.of()));
            item(rows[i], "member");
        }
        return rows;
    }
}
