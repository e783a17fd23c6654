package dev.dxgscope.ui.sync;

import dev.dxgscope.model.state.SyncObject;
import dev.dxgscope.model.state.Wait;
import dev.dxgscope.ui.charts.ChartCanvas;
import dev.dxgscope.ui.charts.ChartViewParts;
import dev.dxgscope.ui.charts.SnapshotLoader;
import dev.dxgscope.ui.common.CsvExportAction;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import dev.dxgscope.ui.sync.SyncData.WaitRow;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.jfree.chart.entity.XYItemEntity;

/**
 * Sync objects: a track per fence (its value over time, its waits as bars at the awaited value,
 * the signals that satisfied them; stuck waits red to the end of the capture) above a sortable table
 * of every wait. Clicking a wait (bar, signal or row) selects it everywhere, in the Properties view
 * and, as its sync object, in the other views; clicking elsewhere moves the time cursor. The fences
 * shown are those with waits until the user chooses others ("Fences…"). The data is copied from the
 * model in a Job; cursor moves only move the line.
 */
public final class SyncView extends SessionView {
    private final ESelectionService selectionService;
    private Label header;
    private SyncChart chart;
    private ChartCanvas canvas;
    private WaitTable table;
    private SnapshotLoader<Snapshot> loader;
    private CsvExportAction csv;
    private List<Integer> chosen;
    private CaptureSession shown;

    /**
     * What the Job makes: the data, its waits sorted the way the table showed them then, and the
     * chart's tracks for the fences shown then.
     */
    private record Snapshot(SyncData data, List<WaitRow> sorted, Comparator<WaitRow> order, List<Integer> fences,
            List<SyncChart.Track> tracks) {
    }

    @Inject
    public SyncView(ESelectionService selectionService) {
        this.selectionService = selectionService;
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        ToolBarManager toolbar = new ToolBarManager(SWT.FLAT | SWT.RIGHT);
        header = ChartViewParts.header(c, toolbar);
        SashForm sash = new SashForm(c, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(sash);
        chart = new SyncChart();
        canvas = new ChartCanvas(sash, chart.chart());
        canvas.setExportName("sync-objects");
        canvas.onClick(this::clicked);
        canvas.setValueReadout(chart::readout);
        table = new WaitTable(sash, this::select, r -> Sessions.get().moveCursor(r.seq()));
        sash.setWeights(70, 30);
        csv = new CsvExportAction("waits", c::getShell, table::csv);
        MenuManager menu = new MenuManager();
        menu.add(new Action("Move Time Cursor to the Wait's Start") {
            @Override
            public void run() {
                WaitRow r = table.selection();
                if (r != null) {
                    Sessions.get().moveCursor(r.seq());
                }
            }
        });
        menu.add(new Separator());
        menu.add(csv);
        table.control().setMenu(menu.createContextMenu(table.control()));
        toolbar.add(new Action("Fences…") {
            @Override
            public void run() {
                chooseFences();
            }
        });
        ChartViewParts.zoomAndExport(toolbar, canvas, "sync-objects");
        toolbar.add(csv);
        toolbar.update(true);
        loader = new SnapshotLoader<>("Sync objects chart", c, this::show, why -> {
            loader.showNow(new Snapshot(SyncData.empty(), List.of(), table.order(), List.of(), List.of()));
            header.setText(why);
        });
        attach(c);
        if (session() == null) {
            refresh();
        }
    }

    @Override
    protected void refresh() {
        CaptureSession s = session();
        if (s == null) {
            header.setText(NO_CAPTURE);
            loader.showNow(new Snapshot(SyncData.empty(), List.of(), table.order(), List.of(), List.of()));
            return;
        }
        String title = s.title();
        Comparator<WaitRow> order = table.order();
        List<Integer> wanted = s == shown && chosen != null ? List.copyOf(chosen) : null;
        loader.load(s, m -> {
            SyncData d = SyncData.of(m, title);
            List<Integer> fences = fences(d, wanted);
            return new Snapshot(d, WaitTable.sorted(d.waits(), order), order, fences, SyncChart.tracks(d, fences));
        });
    }

    private void show(Snapshot snapshot) {
        SyncData d = snapshot.data();
        CaptureSession s = session();
        if (s != shown) {
            shown = s;
            chosen = null; /* another capture: its own fences with waits */
            canvas.resetZoom();
        }
        if (s != null) {
            /* the legend says what the bars are; at 1280 pixels a longer line was cut off by the buttons */
            header.setText("Click a wait to select it, elsewhere to move the time cursor; drag to zoom, "
                    + "Shift+drag to pan, wheel to zoom");
        }
        List<Integer> fences = fences(d);
        if (fences.equals(snapshot.fences())) {
            chart.show(d, fences, snapshot.tracks());
            canvas.setLevelOfDetail(chart.levelOfDetail());
        } else {
            showChart(d); /* the user chose other fences meanwhile */
        }
        table.setRows(snapshot.sorted(), snapshot.order());
        cursorMoved(cursor());
        if (Sessions.get().selection() instanceof Wait w) {
            chart.select(table.select(w));
        }
    }

    private void showChart(SyncData d) {
        chart.show(d, fences(d));
        canvas.setLevelOfDetail(chart.levelOfDetail());
    }

    private List<Integer> fences(SyncData d) {
        return fences(d, chosen);
    }

    /** The fences to show: the user's choice that {@code d} has, or by default those with waits. */
    private static List<Integer> fences(SyncData d, List<Integer> chosen) {
        if (chosen == null) {
            return d.defaultFences();
        }
        return chosen.stream().filter(id -> d.fence(id) != null).toList();
    }

    /** "Fences…": the user picks the fences that get a track (a modal dialog). */
    public void chooseFences() {
        SyncData d = chart.data();
        List<Integer> withWaits = d.fences().stream().filter(f -> f.waits() > 0).map(SyncData.FenceLine::id).toList();
        FenceDialog dialog = new FenceDialog(canvas.getShell(), d.fences(), fences(d), withWaits);
        if (dialog.open() == FenceDialog.OK) {
            chosen = dialog.chosen();
            showChart(d);
        }
    }

    /** Shows a fence's track (after the user picked one of its waits or its object elsewhere). */
    private void showFence(int id) {
        SyncData d = chart.data();
        List<Integer> now = fences(d);
        if (!now.contains(id) && d.fence(id) != null) {
            chosen = new ArrayList<>(now);
            chosen.add(id);
            showChart(d);
        }
    }

    @Override
    public void cursorMoved(long seq) {
        canvas.setCursorValue(ChartViewParts.x(session(), seq));
    }

    /** A wait picked in this view: selected here, in the Properties view and in every other view. */
    void select(WaitRow r) {
        showFence(r.fence());
        chart.select(r);
        table.select(r.target());
        StructuredSelection selection = new StructuredSelection(r.target());
        selectionService.setSelection(selection);
        selectionService.setPostSelection(selection); /* the Properties view listens to post selections */
        Sessions.get().select(r.target(), this);
    }

    @Override
    public void selected(Object selection, Object source) {
        if (source == this || !alive()) {
            return;
        }
        if (selection instanceof Wait w) {
            WaitRow r = table.select(w);
            if (r != null) {
                showFence(r.fence());
                chart.select(r);
            }
        } else if (selection instanceof SyncObject o && o.fence() != null) {
            showFence(o.fence().id());
        }
    }

    private void clicked(ChartCanvas.Click click) {
        if (click.entity() instanceof XYItemEntity e) {
            WaitRow r = chart.waitAt(e.getDataset(), e.getSeriesIndex(), e.getItem());
            if (r != null) {
                select(r);
                return;
            }
        }
        Long seq = ChartViewParts.seqAt(session(), click.x());
        if (seq != null) {
            Sessions.get().moveCursor(seq);
        }
    }

    public SyncChart chart() {
        return chart;
    }

    public ChartCanvas canvas() {
        return canvas;
    }

    /** The wait rows in the order the table shows them. */
    public List<WaitRow> tableRows() {
        return table.rows();
    }

    /** Selects a row of the table as a user click would (tests). */
    public void clickRow(int index) {
        table.click(index);
    }

    public boolean busy() {
        return loader.busy();
    }

    /** "Export CSV…" of the wait table (tests call its write). */
    public CsvExportAction csvExport() {
        return csv;
    }

    @Focus
    void focus() {
        canvas.setFocus();
    }
}
