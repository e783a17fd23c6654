package dev.dxgscope.ui.vmbus;

import dev.dxgscope.model.analysis.VmbusExpert;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.common.CellToolTips;
import dev.dxgscope.ui.common.WindowedTable;
import dev.dxgscope.ui.session.CaptureSession;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The message list: a {@link WindowedTable} over the rows the filter lets through (message indexes
 * into the capture's VMBus table), so a million messages cost a million ints and a window of items;
 * setting them costs the UI thread as much as filling the window. Rows are coloured by expert
 * flags; the selected message's request or reply is marked, and so is the message at the time
 * cursor. The selection is a message: new rows keep it and the scroll position (or the end in view,
 * when the end was in view and nothing is selected).
 */
final class MessageList {
    private static final String[] BLANK = MessageColumns.TITLES.stream().map(t -> "").toArray(String[]::new);

    private final Supplier<CaptureSession> session;
    private final IntConsumer selected;
    private final Consumer<Table> configure;
    private final WindowedTable window;
    private final Color errorBg;
    private final Color warningBg;
    private final Color pairBg;
    private int[] rows = new int[0];
    private VmbusExpert expert;
    private int pair = -1;
    private int cursor = -1;

    /** {@code configure} adds the view's keys and menu to the table. */
    MessageList(Composite parent, Supplier<CaptureSession> session, IntConsumer selected, Consumer<Table> configure) {
        this.session = session;
        this.selected = selected;
        this.configure = configure;
        window = new WindowedTable(parent, SWT.BORDER, this::fill, r -> this.selected.accept(rows[r]));
        Table t = window.table();
        CellToolTips.install(t, null); /* long summaries show whole */
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        for (int c = 0; c < MessageColumns.TITLES.size(); c++) {
            TableColumn col = new TableColumn(t, c == 0 || c == 2 || c == 7 || c == 8 ? SWT.RIGHT : SWT.LEFT);
            col.setText(MessageColumns.TITLES.get(c));
            col.setWidth(MessageColumns.WIDTHS[c]);
            col.setToolTipText(c == MessageColumns.TITLES.size() - 1 ? MessageColumns.TOOLTIP : null);
        }
        errorBg = new Color(t.getDisplay(), 255, 221, 221);
        warningBg = new Color(t.getDisplay(), 255, 240, 200);
        pairBg = new Color(t.getDisplay(), 206, 226, 255);
        t.addDisposeListener(e -> {
            errorBg.dispose();
            warningBg.dispose();
            pairBg.dispose();
        });
    }

    /** Adds the view's keys and menu; after construction, so the view's fields exist for {@code configure}. */
    void create() {
        configure.accept(window.table());
    }

    /** The table (keys, menu, focus). */
    Table control() {
        return window.table();
    }

    private void fill(int row, TableItem item) {
        String[] cells = cellsOf(row);
        item.setText(cells == null ? BLANK : cells);
        int f = cells == null ? 0 : expert.flags(rows[row]);
        item.setBackground(cells != null && rows[row] == pair ? pairBg : (f & VmbusExpert.ERROR) != 0 ? errorBg
                : (f & (VmbusExpert.SLOW | VmbusExpert.UNANSWERED)) != 0 ? warningBg : null);
    }

    /** What a row shows, the cursor's mark included; null when the capture has no such message. */
    private String[] cellsOf(int row) {
        CaptureSession s = session.get();
        if (s == null || row < 0 || row >= rows.length || expert == null) {
            return null;
        }
        int i = rows[row];
        String[] cells = s.read((CaptureModel m) -> i < m.vmbus().size() ? MessageColumns.row(m, expert, i) : null);
        if (cells != null && i == cursor) {
            cells[0] = "▸ " + cells[0];
        }
        return cells;
    }

    /** Forgets the rows, the selection and the marks (another capture is shown). */
    void reset() {
        rows = new int[0];
        pair = -1;
        cursor = -1;
        window.setRows(0, 0, -1);
    }

    /** Shows these rows; the selected message and the first visible one stay where they are. */
    void setRows(int[] newRows, VmbusExpert x) {
        int selectedMessage = selectedMessage();
        int top = window.top() < rows.length ? rows[window.top()] : -1;
        boolean endInView = rows.length == 0 || window.top() + window.visibleRows() >= rows.length;
        rows = newRows;
        expert = x;
        int newTop = window.top();
        if (endInView && selectedMessage < 0 && top >= 0) {
            newTop = rows.length;
        } else if (top >= 0) {
            newTop = rowAtOrAfter(top);
        }
        window.setRows(rows.length, newTop, selectedMessage < 0 ? -1 : rowOf(selectedMessage));
    }

    int rowCount() {
        return rows.length;
    }

    /** The message index of every row (replaced, never changed in place). */
    int[] rows() {
        return rows;
    }

    /** The message index of a row. */
    int message(int row) {
        return rows[row];
    }

    int selectedMessage() {
        int r = window.selection();
        return r >= 0 && r < rows.length ? rows[r] : -1;
    }

    /** The row of the selected message, -1 when none. */
    int selectedRow() {
        return window.selection();
    }

    /** The first row shown. */
    int topRow() {
        return window.top();
    }

    /** The row showing message i, -1 when filtered out. */
    int rowOf(int message) {
        int r = Arrays.binarySearch(rows, message);
        return r >= 0 ? r : -1;
    }

    /** The first row showing message i or a later one (rows.length when none). */
    int rowAtOrAfter(int message) {
        int r = Arrays.binarySearch(rows, message);
        return r >= 0 ? r : -r - 1;
    }

    /** Selects the row of a message and brings it into view; no selection event. */
    boolean select(int message) {
        int r = rowOf(message);
        if (r < 0) {
            return false;
        }
        window.select(r);
        window.show(r);
        return true;
    }

    /** Marks the paired message of the selection (-1: none). */
    void markPair(int message) {
        int old = pair;
        pair = message;
        refreshRow(old);
        refreshRow(message);
    }

    /** Marks the message at the time cursor and scrolls it into view (without selecting it). */
    void markCursor(int message) {
        int old = cursor;
        cursor = message;
        refreshRow(old);
        refreshRow(message);
        int r = rowAtOrAfter(message);
        int visible = window.visibleRows();
        if (r < rows.length && (r < window.top() || r >= window.top() + visible)) {
            window.setTop(r - visible / 3);
        }
    }

    int cursorMessage() {
        return cursor;
    }

    private void refreshRow(int message) {
        int r = message < 0 ? -1 : rowOf(message);
        if (r >= 0) {
            window.refresh(r);
        }
    }

    /**
     * The next message (step +1) or previous one (step -1) after the selected row, or after the
     * top row when nothing is selected, that the test accepts; -1 when none.
     */
    int step(int step, IntPredicate accept) {
        int r = window.selection();
        if (r < 0) {
            r = step > 0 ? window.top() - 1 : window.top();
        }
        for (int k = r + step; k >= 0 && k < rows.length; k += step) {
            if (accept.test(rows[k])) {
                return rows[k];
            }
        }
        return -1;
    }

    /** The cells a row shows: read from its item when it is in the window, else as it would show them (tests). */
    String[] cells(int row) {
        int i = row - window.top();
        Table t = window.table();
        if (i < 0 || i >= t.getItemCount()) {
            return cellsOf(row);
        }
        TableItem item = t.getItem(i);
        String[] out = new String[t.getColumnCount()];
        for (int c = 0; c < out.length; c++) {
            out[c] = item.getText(c);
        }
        return out;
    }

    /** The rows the table holds items for (tests: the window, never every row). */
    int items() {
        return window.table().getItemCount();
    }
}
