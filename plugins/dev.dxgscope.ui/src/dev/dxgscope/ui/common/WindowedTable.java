package dev.dxgscope.ui.common;

import java.util.function.IntConsumer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Layout;
import org.eclipse.swt.widgets.ScrollBar;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * A table over any number of rows that holds only the items its height shows: a plain SWT table
 * with one item per visible row (and one for the partly visible row below them) and a slider
 * beside it whose range is every row. Scrolling re-fills those items from rows
 * {@code [top, top + items)}; the selection is a row, not an item.
 * <p>
 * Why: a GTK {@code SWT.VIRTUAL} table costs the UI thread time in proportion to its rows (setting
 * 500,000 rows blocked it for 2 s, shrinking 1,000,000 to 10,000 rows for 125 s). Here setting the
 * row count costs as much as filling the window. What it costs instead: every scroll step fills
 * every item again (tens of rows), and the table's own scrolling is replaced: the wheel, the
 * slider and Up/Down/Page Up/Page Down/Home/End inside the table move the window (the keys move
 * the selection too and report it, as a click does).
 */
public final class WindowedTable {
    /** Sets every cell and the background of an item to what a row shows (items are reused for other rows). */
    @FunctionalInterface
    public interface Filler {
        void fill(int row, TableItem item);
    }

    private final Composite holder;
    private final Table table;
    private final Slider slider;
    private final Filler filler;
    private final IntConsumer selected;
    private int rows;
    private int top;
    private int selection = -1;
    private int visible = 1;

    /**
     * {@code style}: the table's border and lines (it is always single-selection and full-row);
     * {@code selected} hears the row the user picks by mouse or key.
     */
    public WindowedTable(Composite parent, int style, Filler filler, IntConsumer selected) {
        this.filler = filler;
        this.selected = selected;
        holder = new Composite(parent, SWT.NONE);
        table = new Table(holder, (style & ~SWT.VIRTUAL & ~SWT.MULTI) | SWT.SINGLE | SWT.FULL_SELECTION);
        slider = new Slider(holder, SWT.VERTICAL);
        holder.setLayout(new Layout() {
            @Override
            protected Point computeSize(Composite c, int wHint, int hHint, boolean flush) {
                Point t = table.computeSize(wHint, hHint, flush);
                return new Point(t.x + slider.computeSize(SWT.DEFAULT, SWT.DEFAULT).x, t.y);
            }

            @Override
            protected void layout(Composite c, boolean flush) {
                Rectangle a = c.getClientArea();
                int w = slider.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
                table.setBounds(a.x, a.y, Math.max(0, a.width - w), a.height);
                int y = Math.min(a.height, table.getBorderWidth() + (table.getHeaderVisible() ? table.getHeaderHeight() : 0));
                slider.setBounds(a.x + a.width - w, a.y + y, w, a.height - y);
            }
        });
        slider.addListener(SWT.Selection, e -> scrollTo(slider.getSelection(), false));
        table.addListener(SWT.Resize, e -> update());
        table.addListener(SWT.MouseVerticalWheel, e -> {
            e.doit = false;
            setTop(top - e.count);
        });
        table.addListener(SWT.KeyDown, this::key);
        if (table.getVerticalBar() != null) {
            table.getVerticalBar().addListener(SWT.Selection, e -> unscroll());
        }
        table.addListener(SWT.Selection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && top + i < rows) {
                selection = top + i;
                show(selection);
                selected.accept(selection);
            }
        });
    }

    /** The composite holding the table and its slider (for layout data). */
    public Control control() {
        return holder;
    }

    public Table table() {
        return table;
    }

    public Slider slider() {
        return slider;
    }

    public int rowCount() {
        return rows;
    }

    /** Sets the number of rows and shows them again; the top and the selection stay unless beyond the end. */
    public void setRowCount(int count) {
        setRows(count, top, selection < count ? selection : -1);
    }

    /** Shows {@code count} rows from {@code top} on (as far as they fill the window) with this selection (-1: none). */
    public void setRows(int count, int top, int selection) {
        rows = Math.max(0, count);
        this.selection = selection >= 0 && selection < rows ? selection : -1;
        this.top = top;
        update();
    }

    /** The first row shown. */
    public int top() {
        return top;
    }

    /** Scrolls so this row is the first shown (as far as the rows after it fill the window). */
    public void setTop(int row) {
        scrollTo(row, true);
    }

    private void scrollTo(int row, boolean moveSlider) {
        int t = clampTop(row);
        if (t != top) {
            top = t;
            if (moveSlider) {
                slider.setSelection(top);
            }
            fill();
        }
    }

    private int clampTop(int row) {
        return Math.max(0, Math.min(row, rows - visible));
    }

    /** The rows the table shows in full (at least 1), as last measured. */
    public int visibleRows() {
        return visible;
    }

    /** Measures the rows that fit (asks the X server: not on every scroll step). */
    private void measure() {
        int height = table.getClientArea().height - (table.getHeaderVisible() ? table.getHeaderHeight() : 0);
        visible = Math.max(1, height / Math.max(1, table.getItemHeight()));
    }

    /** The selected row, -1 when none. */
    public int selection() {
        return selection;
    }

    /** Selects a row (-1: none) without telling the listener and without scrolling. */
    public void select(int row) {
        selection = row >= 0 && row < rows ? row : -1;
        markSelection();
    }

    /** Scrolls the least that shows this row in full; a row further than one step away comes a third down the window. */
    public void show(int row) {
        if (row < 0 || row >= rows || (row >= top && row < top + visible)) {
            return;
        }
        if (row == top - 1) {
            setTop(row);
        } else if (row == top + visible) {
            setTop(row - visible + 1);
        } else {
            setTop(row - visible / 3);
        }
    }

    /** Fills every item again (what the rows show changed). */
    public void refresh() {
        fill();
    }

    /** Fills a row's item again when the row is in the window. */
    public void refresh(int row) {
        int i = row - top;
        if (i >= 0 && i < table.getItemCount()) {
            filler.fill(row, table.getItem(i));
        }
    }

    /** The window changed size: as many items as fit, the items' rows, the slider's page. */
    private void update() {
        measure();
        top = clampTop(top);
        fill();
        top = clampTop(top); /* the first items can change the item height */
        slider.setValues(top, 0, Math.max(1, rows), Math.max(1, Math.min(visible, rows)), 1, visible);
        slider.setEnabled(rows > visible);
    }

    private void fill() {
        int items = items();
        if (table.getItemCount() != items) {
            table.setItemCount(items);
            measure(); /* GTK knows the real item height once there are items */
            items = items();
            table.setItemCount(items);
        }
        for (int i = 0; i < items; i++) {
            filler.fill(top + i, table.getItem(i));
        }
        markSelection();
        unscroll();
    }

    /** The rows shown in full and the one partly shown below them, as far as there are rows. */
    private int items() {
        return Math.max(0, Math.min(visible + 1, rows - top));
    }

    /** Undoes the table's own scrolling (GTK scrolls the partly visible last item into view when it is clicked). */
    private void unscroll() {
        ScrollBar own = table.getVerticalBar();
        if (own != null && own.getSelection() != 0) {
            own.setSelection(0);
        }
    }

    private void markSelection() {
        int i = selection - top;
        if (i >= 0 && i < table.getItemCount()) {
            if (table.getSelectionIndex() != i) {
                table.deselectAll();
                table.select(i);
            }
        } else if (table.getSelectionCount() > 0) {
            table.deselectAll();
        }
    }

    /** The arrow and page keys, Home and End move the selection through every row, not only the items. */
    private void key(Event e) {
        int from = selection >= 0 ? selection : top;
        int to;
        switch (e.keyCode) {
            case SWT.ARROW_UP -> to = selection >= 0 ? from - 1 : from;
            case SWT.ARROW_DOWN -> to = selection >= 0 ? from + 1 : from;
            case SWT.PAGE_UP -> {
                to = from - visible;
                setTop(top - visible);
            }
            case SWT.PAGE_DOWN -> {
                to = from + visible;
                setTop(top + visible);
            }
            case SWT.HOME -> to = 0;
            case SWT.END -> to = rows - 1;
            default -> {
                return;
            }
        }
        e.doit = false;
        if (rows == 0) {
            return;
        }
        to = Math.max(0, Math.min(to, rows - 1));
        show(to);
        if (to != selection) {
            select(to);
            selected.accept(to);
        }
    }
}
