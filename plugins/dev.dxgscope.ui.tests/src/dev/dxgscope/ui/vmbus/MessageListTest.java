package dev.dxgscope.ui.vmbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message list's rows, selection and scrolling as message indexes (no capture: the cells stay
 * empty; the VMBus view's workbench tests check what they show).
 */
class MessageListTest {
    private Shell shell;
    private MessageList list;
    private final List<Integer> selected = new ArrayList<>();
    private final List<Table> configured = new ArrayList<>();

    @BeforeEach
    void open() {
        shell = new Shell(Display.getDefault());
        shell.setLayout(new FillLayout());
        shell.setSize(900, 400);
        list = new MessageList(shell, () -> null, selected::add, configured::add);
        list.create();
        shell.open();
        while (shell.getDisplay().readAndDispatch()) {
            /* lay out */
        }
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private static int[] range(int from, int to, int step) {
        return IntStream.iterate(from, i -> i < to, i -> i + step).toArray();
    }

    private int visible() {
        return list.items() - 1;
    }

    private void scrollToEnd() {
        Slider s = (Slider) list.control().getParent().getChildren()[1];
        s.setSelection(s.getMaximum());
        s.notifyListeners(SWT.Selection, new Event());
    }

    @Test
    void theTableHasTheColumnsAndIsConfiguredOnce() {
        assertEquals(List.of(list.control()), configured);
        assertEquals(MessageColumns.TITLES.size(), list.control().getColumnCount());
        assertTrue(list.control().getHeaderVisible());
    }

    @Test
    void aLiveListFollowsItsEndOnlyWhenTheEndWasInViewAndNothingIsSelected() {
        list.setRows(range(0, 100, 1), null);
        assertEquals(0, list.topRow(), "a new list starts at its first row");
        int v = visible();
        list.setRows(range(0, 150, 1), null);
        assertEquals(0, list.topRow(), "the end was not in view: the list does not scroll");
        scrollToEnd();
        assertEquals(150 - v, list.topRow());
        list.setRows(range(0, 400, 1), null);
        assertEquals(400 - v, list.topRow(), "the end was in view: it stays in view");
        assertEquals(400, list.rowCount());
        assertTrue(list.items() <= v + 1, "a window of items: " + list.items());

        assertTrue(list.select(395));
        list.setRows(range(0, 500, 1), null);
        assertEquals(400 - v, list.topRow(), "a selection keeps the list where it is");
        assertEquals(395, list.selectedMessage());
        assertEquals(List.of(), selected, "selecting by program tells no one");
    }

    @Test
    void theSelectionIsAMessageAcrossFiltersAndScrolling() {
        list.setRows(range(0, 10_000, 1), null);
        assertTrue(list.select(5_000));
        assertEquals(5_000, list.selectedRow());
        int top = list.topRow();
        assertTrue(top <= 5_000 && 5_000 < top + visible(), "brought into view: " + top);

        list.setRows(range(0, 10_000, 2), null); /* a filter: even messages only */
        assertEquals(5_000, list.selectedMessage(), "the same message");
        assertEquals(2_500, list.selectedRow(), "on its new row");
        assertEquals(list.rowAtOrAfter(top), list.topRow(), "the first visible message stays first");
        assertEquals(5_002, list.step(1, m -> true));
        assertEquals(4_998, list.step(-1, m -> true));
        assertEquals(5_010, list.step(1, m -> m % 10 == 0 && m > 5_000));

        list.markCursor(9_000);
        assertEquals(9_000, list.cursorMessage());
        assertTrue(list.topRow() <= 4_500 && 4_500 < list.topRow() + visible(), "the cursor's message is shown");
        assertEquals(5_000, list.selectedMessage(), "marking the cursor keeps the selection");

        list.setRows(range(1, 10_000, 2), null); /* odd messages: the selected one is filtered out */
        assertEquals(-1, list.selectedMessage());
        assertEquals(-1, list.selectedRow());
        assertEquals(list.message(list.topRow() - 1), list.step(-1, m -> true), "from the top when nothing is selected");
        assertEquals(-1, list.step(1, m -> m > 10_000), "none");
        assertTrue(!list.select(5_000), "a hidden message cannot be selected");

        list.reset();
        assertEquals(0, list.rowCount());
        assertEquals(0, list.items());
        assertEquals(-1, list.cursorMessage());
    }

    @Test
    void theKeysSelectMessagesBeyondTheWindow() {
        list.setRows(range(0, 2_000_000, 2), null);
        Table t = list.control();
        Event end = new Event();
        end.keyCode = SWT.END;
        t.notifyListeners(SWT.KeyDown, end);
        assertEquals(List.of(1_999_998), selected, "End selects the last message, as a click would");
        assertEquals(1_999_998, list.selectedMessage());
        assertEquals(999_999, list.selectedRow());
        assertEquals(t.getItemCount() - 1, t.getSelectionIndex(), "on the last item");
        Event up = new Event();
        up.keyCode = SWT.ARROW_UP;
        t.notifyListeners(SWT.KeyDown, up);
        assertEquals(List.of(1_999_998, 1_999_996), selected);
    }
}
