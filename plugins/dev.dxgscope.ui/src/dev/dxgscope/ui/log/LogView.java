package dev.dxgscope.ui.log;

import dev.dxgscope.model.decode.Diagnostic;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.FailedCall;
import dev.dxgscope.model.state.LogLine;
import dev.dxgscope.ui.charts.SnapshotLoader;
import dev.dxgscope.ui.common.CellToolTips;
import dev.dxgscope.ui.common.CsvExportAction;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.RowsFocus;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.common.WindowedTable;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;

/**
 * The Log: the driver's dmesg lines and the capture's health findings in one table, each with what
 * caused it (the failed call, its errno by name, the host's status, a known-issue hint).
 * Double-clicking a row moves the time cursor to its cause and selects the call everywhere (the
 * VMBus view then shows the failing reply). Filters by level and text; exports CSV. The rows are
 * made in a Job and shown in a {@link WindowedTable}, so an error storm of a million lines costs
 * the UI thread a window of items.
 */
public final class LogView extends SessionView {
    private static final String[] SEVERITIES = {"All levels", "Warnings and errors", "Errors only"};

    private final ESelectionService selectionService;
    private Combo severity;
    private Text text;
    private Label count;
    private WindowedTable window;
    private Table table;
    private SnapshotLoader<Built> loader;
    private List<LogRow> all = List.of();
    private List<LogRow> rows = List.of();
    private int counted = -1;
    private int countedObjects = -1;
    private LogRows.Made made;
    private CaptureSession shown;

    @Inject
    public LogView(ESelectionService selectionService) {
        this.selectionService = selectionService;
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).margins(2, 2).spacing(6, 3).applyTo(c);
        severity = new Combo(c, SWT.READ_ONLY);
        severity.setItems(SEVERITIES);
        severity.select(0);
        severity.addListener(SWT.Selection, e -> applyFilters());
        text = new Text(c, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        text.setMessage("filter: text, call, errno, pid");
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER).applyTo(text);
        text.addModifyListener(e -> applyFilters());
        count = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(count);
        Button export = new Button(c, SWT.PUSH);
        CsvExportAction csv = new CsvExportAction("log", c::getShell, this::csv);
        export.setText(csv.getText());
        export.setToolTipText("Save the rows shown as CSV");
        export.addListener(SWT.Selection, e -> csv.run());
        Color red = c.getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
        Color amber = new Color(c.getDisplay(), 170, 100, 0);
        c.addDisposeListener(e -> amber.dispose());
        window = new WindowedTable(c, SWT.BORDER, (row, item) -> {
            LogRow r = rows.get(row);
            item.setText(r.cells().toArray(String[]::new));
            item.setForeground(3, r.severity() == 0 ? red : r.severity() == 1 ? amber : null);
        }, row -> publish(rows.get(row).target()));
        table = window.table();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(4, 1).applyTo(window.control());
        for (int k = 0; k < LogRow.TITLES.size(); k++) {
            TableColumn col = new TableColumn(table, k == 2 ? SWT.RIGHT : SWT.LEFT);
            col.setText(LogRow.TITLES.get(k));
            col.setWidth(LogRow.WIDTHS[k]);
        }
        /* a cut message or hint shows whole on hover; elsewhere, what a double-click does */
        CellToolTips.install(table, "Double-click: move the time cursor to the call that caused the line and select it");
        table.addListener(SWT.DefaultSelection, e -> activate(window.selection()));
        loader = new SnapshotLoader<>("Log lines", c, this::show, why -> {
            count.setText("Not enough memory");
            count.setToolTipText(why);
        });
        attach(c);
        if (session() == null) {
            refresh();
        }
    }

    @Override
    protected void refresh() {
        CaptureSession s = session();
        if (s != shown) {
            shown = s;
            counted = -1;
            countedObjects = -1;
            made = null;
        }
        if (s == null) {
            loader.cancel(); /* a Job of the last session must not fill the rows again */
            all = List.of();
            applyFilters();
            return;
        }
        int seen = counted;
        int seenObjects = countedObjects;
        LogRows.Made last = made;
        boolean growing = s.live() && !s.finished();
        loader.load(s, (CaptureModel m) -> {
            /* each only grows; a line linked to a failure later moves it from a call row to a line row,
               and a late host status changes its row */
            int n = m.logLines().size() + m.diagnostics().size() + m.failedCalls().size() + m.failedCallChanges();
            int objects = m.objects().size();
            /* a new object matters only if a finding awaits it (a "no object" finding becomes "not yet
               created"; an object an overlapping call made was alive at the failed call) */
            boolean awaits = last != null && last.awaits() && objects > seenObjects;
            if (n == seen && !(awaits && last.answeredBy(m.objects().subList(seenObjects, objects)))) {
                return awaits ? new Built(null, n, objects) : null; /* the new objects were looked at, or none */
            }
            return new Built(LogRows.of(m, growing), n, objects);
        });
    }

    /**
     * The rows made (null: the rows stand, only the objects were looked at), of how many lines,
     * findings and failures, and how many objects had been looked at for awaited handles.
     */
    private record Built(LogRows.Made made, int from, int objects) {
    }

    /** New rows from the Job. */
    private void show(Built built) {
        countedObjects = built.objects();
        if (built.made() == null) {
            return;
        }
        boolean again = counted >= 0; /* more of the capture shown: the user keeps the place they scrolled to */
        made = built.made();
        all = made.rows();
        counted = built.from();
        applyFilters(again ? window.top() : 0);
    }

    @Override
    public void cursorMoved(long seq) {
        /* the log lists the whole capture; the cursor does not change it */
    }

    private void applyFilters() {
        applyFilters(0);
    }

    /** Filters the rows again and shows them from {@code top} on (the selected row stays selected). */
    private void applyFilters(int top) {
        Object selected = selectedLine() == null ? null : selectedLine().target();
        int worst = 2 - severity.getSelectionIndex();
        String f = text.getText().trim();
        rows = all.stream().filter(r -> r.severity() <= worst && r.matches(f)).toList();
        window.setRows(rows.size(), top, -1);
        select(selected);
        /* the view is often narrow: a short text, the whole of it on hover */
        count.setText(session() == null ? "No capture open"
                : all.isEmpty() ? "0 rows (no dmesg, no failed call, capture whole)"
                        : rows.size() + " of " + all.size() + " rows");
        count.setToolTipText(session() != null && all.isEmpty()
                ? "The capture has no dmesg lines, no call failed and it read whole (no capture-health note)."
                        + " Leaks and stuck waits are not log lines: Leaks and Sync Objects show them."
                : count.getText());
    }

    private LogRow selectedLine() {
        int i = window.selection();
        return i >= 0 && i < rows.size() ? rows.get(i) : null;
    }

    private boolean select(Object target) {
        for (int i = 0; target != null && i < rows.size(); i++) {
            if (rows.get(i).target() == target) {
                window.select(i);
                window.show(i);
                return true;
            }
        }
        return false;
    }

    /** Double-click: the cursor goes to the cause, and the cause is selected everywhere. */
    public void activate(int row) {
        if (row < 0 || row >= rows.size()) {
            return;
        }
        LogRow r = rows.get(row);
        window.select(row); /* already so after a double-click; not when a test or another caller activates */
        if (r.cursorSeq() >= 0) {
            Sessions.get().moveCursor(r.cursorSeq());
        }
        publish(r.target());
        Sessions.get().select(r.target(), this);
    }

    /** Shows a row's target in the Properties view (which listens to post-selections). */
    private void publish(Object target) {
        StructuredSelection selection = new StructuredSelection(target);
        selectionService.setSelection(selection);
        selectionService.setPostSelection(selection);
    }

    @Override
    public void selected(Object selection, Object source) {
        if (source == this || !alive()) {
            return;
        }
        if (selection instanceof FailedCall || selection instanceof LogLine || selection instanceof Diagnostic) {
            select(selection);
        }
    }

    private CsvSource csv() {
        List<LogRow> visible = rows;
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return List.of("time_s", "source", "pid", "level", "message", "caused_by", "hint");
            }

            @Override
            public List<List<String>> rows() {
                return visible.stream().map(LogRow::cells).toList();
            }
        };
    }

    @Focus
    void focus() {
        RowsFocus.focus(table, window.selection() >= 0, text);
    }

    /* What UI tests drive and read. */

    public int rowCount() {
        return rows.size();
    }

    /** The selected row, -1 when none. */
    public int selectedRow() {
        return window.selection();
    }

    /** Whether the lines are still being read from the model (tests wait for this). */
    public boolean busy() {
        return loader.busy();
    }

    public List<String> cells(int row) {
        return rows.get(row).cells();
    }

    /** What a row selects when activated (a FailedCall, LogLine or Diagnostic). */
    public Object target(int row) {
        return rows.get(row).target();
    }

    /** 0 all levels, 1 warnings and errors, 2 errors only. */
    public void setSeverity(int index) {
        severity.select(index);
        applyFilters();
    }

    public void setText(String filter) {
        text.setText(filter);
        applyFilters();
    }

    public void exportCsv(Path file) throws IOException {
        new CsvExportAction("log", table::getShell, this::csv).exportAndWait(file);
    }
}
