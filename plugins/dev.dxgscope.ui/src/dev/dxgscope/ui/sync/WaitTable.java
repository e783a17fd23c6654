package dev.dxgscope.ui.sync;

import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.ui.common.CellToolTips;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.WindowedTable;
import dev.dxgscope.ui.sync.SyncData.WaitRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The waits below the sync chart: kind, object, value, start, end, duration, outcome and the signal
 * that satisfied it; sorted by any column (click its header, again to reverse), stuck waits in red,
 * failed ones in orange. A {@link WindowedTable}: only the rows in view have items, filled from
 * precomputed texts (a render loop has one wait per frame: 85,000 rows).
 */
final class WaitTable {
    /** A column: its title, width, cell text and sort order. */
    private record Column(String title, int width, Function<WaitRow, String> text, Comparator<WaitRow> order) {
    }

    private static final Color STUCK_BG = new Color(0xfd, 0xe0, 0xdc);
    private static final Color STUCK_FG = new Color(0x9b, 0x10, 0x10);
    private static final Color FAILED_BG = new Color(0xfe, 0xed, 0xd6);
    private static final List<Column> COLUMNS = List.of(
            new Column("Kind", 150, WaitRow::kind, Comparator.comparing(WaitRow::kind)),
            new Column("Object", 270, WaitRow::object, Comparator.comparing(WaitRow::object)),
            new Column("Value", 70, r -> Long.toString(r.value()), Comparator.comparingLong(WaitRow::value)),
            new Column("Start (s)", 95, r -> seconds(r.start()), Comparator.comparingDouble(WaitRow::start)),
            new Column("End (s)", 140, r -> !r.stuck() ? seconds(r.end()) /* wide enough for "1.015218 abandoned" */
                    : r.target().abandonedSeq() != DxgObject.ALIVE ? seconds(r.end()) + " abandoned" : "never",
                    Comparator.comparingDouble(WaitRow::end)),
            new Column("Duration", 90, WaitRow::duration, Comparator.comparingLong(WaitRow::durationNs)),
            new Column("Outcome", 120, r -> r.outcome().label(), Comparator.comparing(WaitRow::outcome)),
            new Column("Satisfied by", 360, WaitRow::satisfiedBy, WaitRow.BY_SIGNAL));

    private final WindowedTable window;
    private final Table table;
    private List<WaitRow> rows = List.of();
    private int sortColumn = 3;
    private boolean ascending = true;
    private Comparator<WaitRow> order = order(sortColumn, ascending);

    WaitTable(Composite parent, Consumer<WaitRow> onSelect, Consumer<WaitRow> onOpen) {
        window = new WindowedTable(parent, SWT.BORDER, this::fill, r -> onSelect.accept(rows.get(r)));
        table = window.table();
        CellToolTips.install(table, null); /* long object names and signals show whole */
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < COLUMNS.size(); i++) {
            int index = i;
            TableColumn c = new TableColumn(table, i == 2 ? SWT.RIGHT : SWT.LEFT);
            c.setText(COLUMNS.get(i).title());
            c.setWidth(COLUMNS.get(i).width());
            c.addListener(SWT.Selection, e -> sortBy(index));
        }
        table.setSortColumn(table.getColumn(sortColumn));
        table.setSortDirection(SWT.UP);
        table.addListener(SWT.DefaultSelection, e -> {
            WaitRow r = selection();
            if (r != null) {
                onOpen.accept(r);
            }
        });
    }

    Table control() {
        return table;
    }

    /** The rows in the order shown. */
    List<WaitRow> rows() {
        return rows;
    }

    /** The order the table shows now: a snapshot's Job sorts its rows by it ({@link #sorted}). */
    Comparator<WaitRow> order() {
        return order;
    }

    /** A sorted copy, made off the UI thread (85,000 rows take tens of milliseconds). */
    static List<WaitRow> sorted(List<WaitRow> list, Comparator<WaitRow> order) {
        List<WaitRow> out = new ArrayList<>(list);
        out.sort(order);
        return out;
    }

    /** New rows, already sorted by {@code sortedBy} (sorted again only if the user re-sorted since). */
    void setRows(List<WaitRow> list, Comparator<WaitRow> sortedBy) {
        WaitRow keep = selection();
        rows = new ArrayList<>(list);
        if (sortedBy != order) {
            rows.sort(order);
        }
        window.setRows(rows.size(), window.top(), -1);
        if (keep != null) {
            select(keep.target());
        }
    }

    /** Selects the row of a model Wait (no event) and shows it; returns it, or null when not listed. */
    WaitRow select(Object wait) {
        for (int i = 0; i < rows.size(); i++) {
            if (wait != null && wait.equals(rows.get(i).target())) {
                window.select(i);
                window.show(i);
                return rows.get(i);
            }
        }
        window.select(-1);
        return null;
    }

    WaitRow selection() {
        int i = window.selection();
        return i < 0 || i >= rows.size() ? null : rows.get(i);
    }

    /** Clicks a row (tests): brings it into view and selects its item as the mouse would. */
    void click(int row) {
        window.show(row);
        table.setSelection(row - window.top());
        table.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    private void sortBy(int column) {
        ascending = column == sortColumn ? !ascending : true;
        sortColumn = column;
        table.setSortColumn(table.getColumn(column));
        table.setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        order = order(sortColumn, ascending);
        setRows(rows, null);
    }

    private static Comparator<WaitRow> order(int column, boolean ascending) {
        Comparator<WaitRow> c = COLUMNS.get(column).order().thenComparingLong(WaitRow::seq);
        return ascending ? c : c.reversed();
    }

    private void fill(int index, TableItem item) {
        WaitRow r = rows.get(index);
        for (int c = 0; c < COLUMNS.size(); c++) {
            item.setText(c, COLUMNS.get(c).text().apply(r));
        }
        item.setBackground(r.stuck() ? STUCK_BG
                : r.outcome() == dev.dxgscope.model.state.Wait.Outcome.FAILED ? FAILED_BG : null);
        item.setForeground(r.stuck() ? STUCK_FG : null);
    }

    /** Every row as shown (plus the start seq and the duration in ns), for "Export CSV…". */
    CsvSource csv() {
        List<WaitRow> shown = List.copyOf(rows); /* the export Job reads these while the table may re-sort */
        return new CsvSource() {
            @Override
            public List<String> columns() {
                List<String> out = new ArrayList<>(COLUMNS.stream().map(Column::title).toList());
                out.add("Start seq");
                out.add("Duration (ns)");
                return out;
            }

            @Override
            public List<List<String>> rows() {
                List<List<String>> out = new ArrayList<>();
                for (WaitRow r : shown) {
                    List<String> row = new ArrayList<>(COLUMNS.stream().map(c -> c.text().apply(r)).toList());
                    row.add(Long.toString(r.seq()));
                    row.add(Long.toString(r.durationNs()));
                    out.add(row);
                }
                return out;
            }
        };
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }
}
