package dev.dxgscope.ui.allocations;

import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.common.CellToolTips;
import dev.dxgscope.ui.common.CheckBox;
import dev.dxgscope.ui.common.CsvExportAction;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.NoMemory;
import dev.dxgscope.ui.common.RowsFocus;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.common.WindowedTable;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

/**
 * Allocations: every allocation alive at the time cursor (or every one of the capture) with size,
 * segment, residency and lock state at the cursor, owner, flags and lifetime. A virtual table: rows
 * are computed in a Job and cells formatted as they scroll into view, so large captures neither load
 * every row into widgets nor block the UI thread. Click a header to sort; the filter matches any cell.
 */
public final class AllocationsView extends SessionView {
    private final ESelectionService selectionService;
    private Label totals;
    private Text filter;
    private Button all;
    private WindowedTable window;
    private Table table;
    private volatile AllocationRows rows = AllocationRows.empty();
    private AllocationRows.Column sort = AllocationRows.Column.CREATED;
    private boolean descending;
    private Job pending;

    @Inject
    public AllocationsView(ESelectionService selectionService) {
        this.selectionService = selectionService;
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        totals = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(totals);
        all = CheckBox.create(c, "Include destroyed", "Also list allocations destroyed by the time cursor");
        all.addListener(SWT.Selection, e -> refresh());
        filter = new Text(c, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("filter any column");
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(filter);
        filter.addModifyListener(e -> refresh());
        window = new WindowedTable(c, SWT.BORDER, this::fill, this::picked);
        table = window.table();
        CellToolTips.install(table, null); /* long owners and states show whole */
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(window.control());
        for (AllocationRows.Column col : AllocationRows.Column.values()) {
            TableColumn tc = new TableColumn(table, col == AllocationRows.Column.SIZE ? SWT.RIGHT : SWT.LEFT);
            tc.setText(col.title);
            tc.setWidth(col.width);
            tc.addListener(SWT.Selection, e -> sortBy(col, tc));
        }
        table.addListener(SWT.DefaultSelection, e -> {
            int i = window.selection();
            if (i >= 0 && i < rows.size()) {
                Sessions.get().moveCursor(rows.get(i).createdSeq());
            }
        });
        MenuManager menu = new MenuManager();
        menu.add(new Action("Move time cursor to its creation") {
            @Override
            public void run() {
                int i = window.selection();
                if (i >= 0 && i < rows.size()) {
                    Sessions.get().moveCursor(rows.get(i).createdSeq());
                }
            }
        });
        menu.add(new CsvExportAction("allocations", table::getShell, this::csv));
        table.setMenu(menu.createContextMenu(table));
        attach(c);
        if (session() == null) {
            refresh(); /* else attach() shows the session, once the view is on screen */
        }
    }

    /** Sets an item (reused for other rows as the window moves) to a row's texts, read under the lock. */
    private void fill(int i, TableItem item) {
        AllocationRows r = rows;
        if (i < 0 || i >= r.size()) {
            return;
        }
        Allocation a = r.get(i);
        CaptureSession s = session();
        String[] texts = s == null ? null : s.read((CaptureModel m) -> {
            String[] t = new String[AllocationRows.Column.values().length];
            for (AllocationRows.Column col : AllocationRows.Column.values()) {
                t[col.ordinal()] = AllocationRows.text(m, a, r.seq(), col);
            }
            return t;
        });
        if (texts != null) {
            item.setText(texts);
            item.setData(a);
        }
    }

    /** A row the user picked: selected everywhere. */
    private void picked(int i) {
        AllocationRows r = rows;
        if (i < 0 || i >= r.size()) {
            return;
        }
        selectionService.setSelection(new StructuredSelection(r.get(i)));
        Sessions.get().select(r.get(i), this);
    }

    private void sortBy(AllocationRows.Column col, TableColumn tc) {
        descending = sort == col && !descending;
        sort = col;
        table.setSortColumn(tc);
        table.setSortDirection(descending ? SWT.DOWN : SWT.UP);
        refresh();
    }

    /** Recomputes the rows in a Job; the table shows the old rows until the new ones are ready. */
    @Override
    protected void refresh() {
        CaptureSession s = session();
        long seq = cursor();
        boolean includeAll = all.getSelection();
        String f = filter.getText();
        AllocationRows.Column by = sort;
        boolean desc = descending;
        if (pending != null) {
            pending.cancel();
        }
        if (s == null) {
            show(AllocationRows.empty(), "No capture open");
            return;
        }
        org.eclipse.swt.widgets.Display display = table.getDisplay();
        pending = Job.create("Listing allocations", (IProgressMonitor monitor) -> {
            NoMemory.guard(display, "the allocations", monitor, why -> show(AllocationRows.empty(), why), () -> {
                AllocationRows r = s.read(m -> AllocationRows.build(m, seq, includeAll, f, by, desc));
                if (!monitor.isCanceled() && r != null && !table.isDisposed()) {
                    display.asyncExec(() -> show(r, null));
                }
            });
            return Status.OK_STATUS;
        });
        pending.setSystem(true);
        pending.schedule();
    }

    private void show(AllocationRows r, String message) {
        if (table.isDisposed()) {
            return;
        }
        Object selected = Sessions.get().selection();
        rows = r;
        window.setRows(r.size(), window.top(), -1);
        totals.setText(message != null ? message : r.totals());
        totals.getParent().layout();
        selected(selected, null);
    }

    @Override
    public void selected(Object selection, Object source) {
        if (source == this || !alive()) {
            return;
        }
        int i = rows.indexOf(selection);
        if (i >= 0) {
            window.select(i); /* no event: the selection came from elsewhere */
            window.show(i);
        }
    }

    /** For tests: the current rows. */
    public AllocationRows rows() {
        return rows;
    }

    private CsvSource csv() {
        AllocationRows r = rows;
        return new CsvSource() {
            @Override
            public List<String> columns() {
                List<String> c = new ArrayList<>();
                for (AllocationRows.Column col : AllocationRows.Column.values()) {
                    c.add(col.title);
                }
                return c;
            }

            @Override
            public List<List<String>> rows() {
                CaptureSession s = session();
                List<List<String>> out = new ArrayList<>();
                if (s != null) {
                    s.read(m -> {
                        for (int i = 0; i < r.size(); i++) {
                            List<String> row = new ArrayList<>();
                            for (AllocationRows.Column col : AllocationRows.Column.values()) {
                                row.add(AllocationRows.text(m, r.get(i), r.seq(), col));
                            }
                            out.add(row);
                        }
                        return null;
                    });
                }
                return out;
            }
        };
    }

    @Focus
    void focus() {
        RowsFocus.focus(table, window.selection() >= 0, filter);
    }
}
