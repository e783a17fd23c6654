package dev.dxgscope.ui.vmbus;

import dev.dxgscope.model.analysis.VmbusExpert;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.session.CaptureSession;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The message list: a virtual table over the rows the filter lets through (message indexes into
 * the capture's VMBus table), so a million messages cost a million ints, not a million items; only
 * visible rows are asked for. Rows are coloured by expert flags; the selected message's request
 * or reply is marked, and so is the message at the time cursor. New rows keep the selection and
 * the scroll position (or the end in view, when the end was in view).
 */
final class MessageList {
    /**
     * Shrinking a GTK virtual table removes its rows one by one (measured: 1M to 10k rows took
     * 125 s, removeAll 23 s); a new table costs 1.5 s. Beyond this many fewer rows, start afresh.
     */
    private static final int RECREATE_BELOW = 20_000;

    private final Composite holder;
    private final Supplier<CaptureSession> session;
    private final IntConsumer selected;
    private final Consumer<Table> configure;
    private final Color errorBg;
    private final Color warningBg;
    private final Color pairBg;
    private Table table;
    private int[] rows = new int[0];
    private VmbusExpert expert;
    private int pair = -1;
    private int cursor = -1;

    /** {@code configure} adds the view's keys and menu to each table (the list may start a new one). */
    MessageList(Composite parent, Supplier<CaptureSession> session, IntConsumer selected, Consumer<Table> configure) {
        this.session = session;
        this.selected = selected;
        this.configure = configure;
        holder = new Composite(parent, SWT.NONE);
        holder.setLayout(new FillLayout());
        errorBg = new Color(holder.getDisplay(), 255, 221, 221);
        warningBg = new Color(holder.getDisplay(), 255, 240, 200);
        pairBg = new Color(holder.getDisplay(), 206, 226, 255);
        holder.addDisposeListener(e -> {
            errorBg.dispose();
            warningBg.dispose();
            pairBg.dispose();
        });
    }

    /** Creates the first table; after construction, so the view's fields exist for {@code configure}. */
    void create() {
        table = createTable(null);
    }

    /** A new table with the columns (and the widths of {@code old}, if any) and every listener. */
    private Table createTable(Table old) {
        Table t = new Table(holder, SWT.VIRTUAL | SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        t.setHeaderVisible(true);
        t.setLinesVisible(true);
        for (int c = 0; c < MessageColumns.TITLES.size(); c++) {
            TableColumn col = new TableColumn(t, c == 0 || c == 2 || c == 7 || c == 8 ? SWT.RIGHT : SWT.LEFT);
            col.setText(MessageColumns.TITLES.get(c));
            col.setWidth(old != null ? old.getColumn(c).getWidth() : MessageColumns.WIDTHS[c]);
            col.setToolTipText(c == MessageColumns.TITLES.size() - 1 ? MessageColumns.TOOLTIP : null);
        }
        t.addListener(SWT.SetData, e -> fill((TableItem) e.item, e.index));
        t.addListener(SWT.Selection, e -> {
            int m = selectedMessage();
            if (m >= 0) {
                selected.accept(m);
            }
        });
        configure.accept(t);
        return t;
    }

    /** Replaces the table by an empty one (far cheaper than removing many rows). */
    private void recreate() {
        Table old = table;
        boolean focused = old.isFocusControl();
        table = createTable(old);
        old.dispose();
        holder.layout(true);
        if (focused) {
            table.setFocus();
        }
    }

    /** The table (a new one after the rows shrank a lot). */
    Table control() {
        return table;
    }

    private void fill(TableItem item, int row) {
        CaptureSession s = session.get();
        if (s == null || row < 0 || row >= rows.length || expert == null) {
            /* GTK asks for rows while clearing the list (index -1) and for rows it is removing */
            return;
        }
        int i = rows[row];
        String[] cells = s.read((CaptureModel m) -> i < m.vmbus().size() ? MessageColumns.row(m, expert, i) : null);
        if (cells == null) {
            return;
        }
        if (i == cursor) {
            cells[0] = "▸ " + cells[0];
        }
        item.setText(cells);
        int f = expert.flags(i);
        item.setBackground(i == pair ? pairBg : (f & VmbusExpert.ERROR) != 0 ? errorBg
                : (f & (VmbusExpert.SLOW | VmbusExpert.UNANSWERED)) != 0 ? warningBg : null);
    }

    /** Forgets the rows, the selection and the marks (another capture is shown). */
    void reset() {
        rows = new int[0];
        pair = -1;
        cursor = -1;
        if (table.getItemCount() > RECREATE_BELOW) {
            recreate();
        } else {
            table.deselectAll();
            table.setItemCount(0);
        }
    }

    /** Shows these rows; the selected message and the first visible one stay where they are. */
    void setRows(int[] newRows, VmbusExpert x) {
        int selected = selectedMessage();
        int top = table.getTopIndex() < rows.length ? rows[table.getTopIndex()] : -1;
        boolean endInView = rows.length == 0 || table.getTopIndex() + visibleRows() >= rows.length;
        rows = newRows;
        expert = x;
        if (table.getItemCount() - rows.length > RECREATE_BELOW) {
            recreate();
        }
        table.setRedraw(false);
        try {
            table.setItemCount(rows.length);
            table.clearAll();
            int r = selected < 0 ? -1 : rowOf(selected);
            if (r >= 0) {
                table.setSelection(r);
            } else {
                table.deselectAll();
            }
            if (endInView && selected < 0 && top >= 0) {
                table.setTopIndex(Math.max(0, rows.length - visibleRows()));
            } else if (top >= 0) {
                table.setTopIndex(Math.max(0, rowAtOrAfter(top)));
            }
        } finally {
            table.setRedraw(true);
        }
    }

    private int visibleRows() {
        return Math.max(1, (table.getClientArea().height - table.getHeaderHeight()) / Math.max(1, table.getItemHeight()));
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
        int r = table.getSelectionIndex();
        return r >= 0 && r < rows.length ? rows[r] : -1;
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
        table.setSelection(r);
        table.showSelection();
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
        if (r < rows.length && (r < table.getTopIndex() || r >= table.getTopIndex() + visibleRows())) {
            table.setTopIndex(Math.max(0, r - visibleRows() / 3));
        }
    }

    int cursorMessage() {
        return cursor;
    }

    private void refreshRow(int message) {
        int r = message < 0 ? -1 : rowOf(message);
        if (r >= 0) {
            table.clear(r);
        }
    }

    /**
     * The next message (step +1) or previous one (step -1) after the selected row, or after the
     * top row when nothing is selected, that the test accepts; -1 when none.
     */
    int step(int step, IntPredicate accept) {
        int r = table.getSelectionIndex();
        if (r < 0) {
            r = step > 0 ? table.getTopIndex() - 1 : table.getTopIndex();
        }
        for (int k = r + step; k >= 0 && k < rows.length; k += step) {
            if (accept.test(rows[k])) {
                return rows[k];
            }
        }
        return -1;
    }

    /** The cells shown for a row, as the table has them (tests). */
    String[] cells(int row) {
        TableItem item = table.getItem(row);
        String[] out = new String[table.getColumnCount()];
        for (int c = 0; c < out.length; c++) {
            out[c] = item.getText(c);
        }
        return out;
    }
}
