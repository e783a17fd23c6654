package dev.dxgscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The windowed table with real SWT (under Xvfb): only a window of items, whatever the rows. */
class WindowedTableTest {
    private static final int MILLION = 1_000_000;

    private Shell shell;
    private WindowedTable window;
    private Table table;
    private final List<Integer> selected = new ArrayList<>();
    private int fills;
    private int mostItems;

    @BeforeEach
    void open() {
        shell = new Shell(Display.getDefault());
        shell.setLayout(new FillLayout());
        shell.setSize(600, 400);
        window = new WindowedTable(shell, SWT.BORDER, (row, item) -> {
            fills++;
            mostItems = Math.max(mostItems, item.getParent().getItemCount());
            item.setText(new String[] {"row " + row, String.valueOf(row % 7)});
        }, selected::add);
        table = window.table();
        table.setHeaderVisible(true);
        for (String title : List.of("Row", "Mod 7")) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(title);
            c.setWidth(200);
        }
        shell.open();
        spin();
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private void spin() {
        Display d = shell.getDisplay();
        long end = System.currentTimeMillis() + 50;
        while (System.currentTimeMillis() < end) {
            while (d.readAndDispatch()) {
                /* drain */
            }
        }
    }

    private void press(int keyCode) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.doit = true;
        table.notifyListeners(SWT.KeyDown, e);
        assertFalse(e.doit, "the table's own handling of the key is cancelled");
    }

    /** The row texts of the items, in order. */
    private List<String> shown() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < table.getItemCount(); i++) {
            out.add(table.getItem(i).getText(0));
        }
        return out;
    }

    private List<String> rows(int from, int count) {
        List<String> out = new ArrayList<>();
        for (int r = from; r < from + count; r++) {
            out.add("row " + r);
        }
        return out;
    }

    /** The row of the table's selected item, -1 when none is selected. */
    private int selectedItemRow() {
        int i = table.getSelectionIndex();
        return i < 0 ? -1 : Integer.parseInt(table.getItem(i).getText(0).substring(4));
    }

    @Test
    void aMillionRowsMakeOnlyTheItemsThatFit() {
        long t0 = System.nanoTime();
        window.setRowCount(MILLION);
        long setMs = (System.nanoTime() - t0) / 1_000_000;
        int visible = window.visibleRows(); /* known once there are items (GTK guesses the item height before) */
        assertTrue(visible > 5 && visible < 30, "a 400-pixel shell shows some rows: " + visible);
        assertEquals(visible + 1, table.getItemCount(), "the visible rows and the partly visible one");
        assertTrue(mostItems <= visible + 1, "never more items than the window: " + mostItems);
        assertTrue(fills <= 2 * (visible + 1), "filled the window, not the rows: " + fills);
        assertEquals(rows(0, visible + 1), shown());
        assertEquals(MILLION, window.slider().getMaximum(), "the slider spans every row");
        assertEquals(visible, window.slider().getThumb());
        System.out.println("windowed table: 1,000,000 rows set in " + setMs + " ms, " + fills + " items filled");

        fills = 0;
        window.setRowCount(10);
        assertEquals(rows(0, 10), shown(), "shrinking to fewer rows than fit");
        assertTrue(fills <= 10, "shrinking fills what is left: " + fills);
        assertFalse(window.slider().getEnabled(), "nothing to scroll");
        window.setRowCount(0);
        assertEquals(0, table.getItemCount());
    }

    @Test
    void theSliderAndTheWheelScrollTheWindow() {
        window.setRowCount(MILLION);
        int visible = window.visibleRows();
        window.slider().setSelection(500_000);
        window.slider().notifyListeners(SWT.Selection, new Event());
        assertEquals(500_000, window.top());
        assertEquals(rows(500_000, visible + 1), shown());

        Event wheel = new Event();
        wheel.count = -3; /* one notch down */
        wheel.doit = true;
        table.notifyListeners(SWT.MouseVerticalWheel, wheel);
        assertFalse(wheel.doit);
        assertEquals(500_003, window.top());
        assertEquals(500_003, window.slider().getSelection(), "the slider follows");
        assertEquals("row 500003", table.getItem(0).getText(0));

        window.slider().setSelection(MILLION);
        window.slider().notifyListeners(SWT.Selection, new Event());
        assertEquals(MILLION - visible, window.top(), "the end: the last row at the bottom");
        assertEquals(rows(MILLION - visible, visible), shown(), "no partly visible row after the last");
        assertEquals(List.of(), selected, "scrolling selects nothing");
    }

    @Test
    void keysMoveTheSelectionThroughEveryRow() {
        window.setRowCount(MILLION);
        int visible = window.visibleRows();
        window.select(visible - 1); /* the last row shown in full */
        assertEquals(visible - 1, selectedItemRow());
        press(SWT.ARROW_DOWN);
        assertEquals(visible, window.selection());
        assertEquals(1, window.top(), "scrolled by one row");
        assertEquals(visible, selectedItemRow(), "the item of the row is selected");
        press(SWT.PAGE_DOWN);
        assertEquals(2 * visible, window.selection());
        assertEquals(1 + visible, window.top(), "a page further, the selection on the same line");
        press(SWT.END);
        assertEquals(MILLION - 1, window.selection());
        assertEquals(MILLION - visible, window.top());
        assertEquals("row 999999", table.getItem(table.getItemCount() - 1).getText(0));
        assertEquals(MILLION - 1, selectedItemRow());
        press(SWT.ARROW_DOWN);
        assertEquals(MILLION - 1, window.selection(), "nothing after the last row");
        press(SWT.PAGE_UP);
        assertEquals(MILLION - 1 - visible, window.selection());
        press(SWT.HOME);
        assertEquals(0, window.selection());
        assertEquals(0, window.top());
        press(SWT.ARROW_UP);
        assertEquals(0, window.selection());
        assertEquals(List.of(visible, 2 * visible, MILLION - 1, MILLION - 1 - visible, 0), selected,
                "each move is reported once, as a click is");
    }

    @Test
    void theSelectionIsARowAndSurvivesScrollingAndNewRows() {
        window.setRowCount(1000);
        window.select(5);
        window.setTop(600);
        assertEquals(5, window.selection());
        assertEquals(0, table.getSelectionCount(), "its row is not in the window: no item is selected");
        window.setRowCount(MILLION);
        assertEquals(600, window.top(), "new rows keep the scroll position");
        assertEquals(5, window.selection(), "and the selection");
        window.show(5);
        assertEquals(5, selectedItemRow());
        assertTrue(window.top() <= 5 && 5 < window.top() + window.visibleRows(), "shown: top " + window.top());
        window.setRowCount(3);
        assertEquals(-1, window.selection(), "its row went away");
        assertEquals(0, table.getSelectionCount());
    }

    @Test
    void clickingThePartlyVisibleRowScrollsItIntoView() {
        window.setRowCount(MILLION);
        int visible = window.visibleRows();
        table.setSelection(visible); /* the item below the full rows, as a click selects it */
        table.notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of(visible), selected);
        assertEquals(1, window.top(), "scrolled by one row so the clicked row shows in full");
        assertEquals(visible, selectedItemRow());
        assertEquals(visible - 1, table.getSelectionIndex());
    }

    @Test
    void resizingChangesTheWindowNotTheRows() {
        window.setRowCount(MILLION);
        window.setTop(1234);
        int before = window.visibleRows();
        shell.setSize(600, 700);
        spin();
        int after = window.visibleRows();
        assertTrue(after > before + 5, before + " -> " + after);
        assertEquals(after + 1, table.getItemCount());
        assertEquals(rows(1234, after + 1), shown());
        assertEquals(after, window.slider().getThumb());
    }
}
