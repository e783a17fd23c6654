package dev.dxgscope.ui.leaks;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.common.CellToolTips;
import dev.dxgscope.ui.common.CsvExportAction;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.common.RowsFocus;
import dev.dxgscope.ui.common.SessionView;
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
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Leaks, in the manner of Eclipse MAT: ranked suspects with their reason and retained bytes, each
 * expanding to the path from the process to what keeps it alive, and the objects grouped by type
 * and owner. Three questions: what leaked over the whole capture, what is alive at the time cursor,
 * and what was created since a marked time and is still alive at the cursor (compare two times).
 */
public final class LeaksView extends SessionView {
    private enum Mode {
        CAPTURE, AT_CURSOR, SINCE_MARK
    }

    private final ESelectionService selectionService;
    private static final int REASON = 1;
    private static final int REASON_WIDTH = 300;
    private Label summary;
    private Button capture;
    private Button atCursor;
    private Button sinceMark;
    private Button setMark;
    private Tree suspects;
    private Table groups;
    private Mode mode = Mode.CAPTURE;
    private long mark = -1;
    private Leaks.Result result;
    private Job pending;

    @Inject
    public LeaksView(ESelectionService selectionService) {
        this.selectionService = selectionService;
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(5, false));
        capture = radio(c, "Leaks of the whole capture", Mode.CAPTURE);
        capture.setSelection(true);
        atCursor = radio(c, "Alive at the time cursor", Mode.AT_CURSOR);
        sinceMark = radio(c, "Created since the mark, alive at the cursor", Mode.SINCE_MARK);
        setMark = new Button(c, SWT.PUSH);
        setMark.setText("Mark the cursor");
        setMark.setToolTipText("Remember the time cursor; then move it and compare: what was created in between and is still alive");
        setMark.addListener(SWT.Selection, e -> {
            mark = cursor();
            sinceMark.setSelection(true);
            capture.setSelection(false);
            atCursor.setSelection(false);
            mode = Mode.SINCE_MARK;
            refresh();
        });
        new Label(c, SWT.NONE); /* the row's last cell: the summary gets a row of its own, so it is never cut */
        summary = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(5, 1).applyTo(summary);
        SashForm sash = new SashForm(c, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).span(5, 1).applyTo(sash);
        suspects = new Tree(sash, SWT.FULL_SELECTION | SWT.BORDER);
        suspects.setHeaderVisible(true);
        suspects.setLinesVisible(true);
        column(suspects, "Suspect", 430);
        column(suspects, "Reason", REASON_WIDTH);
        column(suspects, "Objects", 70);
        column(suspects, "Retained", 90);
        suspects.addListener(SWT.Resize, e -> giveReasonTheRest());
        CellToolTips.install(suspects);
        suspects.addListener(SWT.Selection, e -> {
            if (e.item instanceof TreeItem item && item.getData() instanceof Leaks.Suspect s) {
                selectionService.setSelection(new StructuredSelection(s));
                Sessions.get().select(s.object() != null ? s.object() : s, this);
            }
        });
        groups = new Table(sash, SWT.FULL_SELECTION | SWT.BORDER);
        groups.setHeaderVisible(true);
        groups.setLinesVisible(true);
        for (String[] col : new String[][] {{"Process", "260"}, {"Type", "160"}, {"Objects", "80"}, {"Bytes", "120"}}) {
            TableColumn tc = new TableColumn(groups, SWT.NONE);
            tc.setText(col[0]);
            tc.setWidth(Integer.parseInt(col[1]));
        }
        sash.setWeights(65, 35);
        MenuManager sm = new MenuManager();
        sm.add(new CsvExportAction("leak-suspects", c::getShell, this::suspectsCsv));
        suspects.setMenu(sm.createContextMenu(suspects));
        MenuManager gm = new MenuManager();
        gm.add(new CsvExportAction("leak-groups", c::getShell, this::groupsCsv));
        groups.setMenu(gm.createContextMenu(groups));
        attach(c);
        if (session() == null) {
            refresh(); /* else attach() shows the session, once the view is on screen */
        }
    }

    private Button radio(Composite c, String text, Mode m) {
        Button b = new Button(c, SWT.RADIO);
        b.setText(text);
        b.addListener(SWT.Selection, e -> {
            if (b.getSelection()) {
                mode = m;
                refresh();
            }
        });
        return b;
    }

    /** Reasons are the longest texts: their column gets the width the others leave (at least its own). */
    private void giveReasonTheRest() {
        int others = 0;
        for (int i = 0; i < suspects.getColumnCount(); i++) {
            others += i == REASON ? 0 : suspects.getColumn(i).getWidth();
        }
        suspects.getColumn(REASON).setWidth(Math.max(REASON_WIDTH, suspects.getClientArea().width - others));
    }

    private static void column(Tree t, String text, int width) {
        TreeColumn c = new TreeColumn(t, SWT.NONE);
        c.setText(text);
        c.setWidth(width);
    }

    @Override
    public void cursorMoved(long seq) {
        if (mode != Mode.CAPTURE) { /* the whole-capture answer does not depend on the cursor */
            refreshWhenShown();
        }
    }

    @Override
    protected void refresh() {
        CaptureSession s = session();
        if (pending != null) {
            pending.cancel();
        }
        if (s == null) {
            show(null, "No capture open");
            return;
        }
        long seq = cursor();
        Mode m = mode;
        long from = mark < 0 ? 0 : mark;
        pending = Job.create("Analysing leaks", (IProgressMonitor monitor) -> {
            String[] label = new String[1];
            Leaks.Result r = s.read((CaptureModel model) -> {
                Leaks.Result x = switch (m) {
                    case CAPTURE -> Leaks.ofCapture(model);
                    case AT_CURSOR -> Leaks.at(model, seq);
                    case SINCE_MARK -> Leaks.between(model, from, seq);
                };
                label[0] = switch (m) {
                    case CAPTURE -> "Never released by the application, or alive at the end";
                    case AT_CURSOR -> "Alive at " + Formats.position(model, seq);
                    case SINCE_MARK -> "Created after " + Formats.position(model, from) + " and alive at "
                            + Formats.position(model, seq);
                } + ": " + x.objects().size() + " objects, " + Format.bytes(x.totalBytes());
                return x;
            });
            if (!monitor.isCanceled() && r != null && !suspects.isDisposed()) {
                suspects.getDisplay().asyncExec(() -> show(r, label[0]));
            }
            return Status.OK_STATUS;
        });
        pending.setSystem(true);
        pending.schedule();
    }

    private void show(Leaks.Result r, String text) {
        if (suspects.isDisposed()) {
            return;
        }
        result = r;
        summary.setText(text);
        summary.getParent().layout();
        suspects.removeAll();
        groups.removeAll();
        if (r == null) {
            return;
        }
        for (Leaks.Suspect s : r.suspects()) {
            TreeItem item = new TreeItem(suspects, SWT.NONE);
            item.setText(new String[] {s.summary(), s.reason().text(), String.valueOf(s.count()),
                s.retainedBytes() < 0 ? "" : Format.bytes(s.retainedBytes())});
            item.setData(s);
            for (String step : s.path()) {
                TreeItem p = new TreeItem(item, SWT.NONE);
                p.setText(0, step);
            }
        }
        for (Leaks.Group g : r.groups()) {
            TableItem item = new TableItem(groups, SWT.NONE);
            item.setText(new String[] {g.process().label(), g.type().label(), String.valueOf(g.count()),
                g.bytes() > 0 ? Format.bytes(g.bytes()) : ""});
        }
    }

    /** For tests: the result shown. */
    public Leaks.Result result() {
        return result;
    }

    private CsvSource suspectsCsv() {
        Leaks.Result result = this.result; /* the export Job reads it later */
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return List.of("reason", "summary", "objects", "retained_bytes", "path");
            }

            @Override
            public List<List<String>> rows() {
                List<List<String>> out = new ArrayList<>();
                if (result != null) {
                    for (Leaks.Suspect s : result.suspects()) {
                        out.add(List.of(s.reason().name().toLowerCase(), s.summary(), String.valueOf(s.count()),
                                s.retainedBytes() < 0 ? "" : String.valueOf(s.retainedBytes()),
                                String.join(" > ", s.path())));
                    }
                }
                return out;
            }
        };
    }

    private CsvSource groupsCsv() {
        Leaks.Result result = this.result;
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return List.of("pid", "type", "objects", "bytes");
            }

            @Override
            public List<List<String>> rows() {
                List<List<String>> out = new ArrayList<>();
                if (result != null) {
                    for (Leaks.Group g : result.groups()) {
                        out.add(List.of(String.valueOf(g.process().pid()), g.type().label(), String.valueOf(g.count()),
                                String.valueOf(g.bytes())));
                    }
                }
                return out;
            }
        };
    }

    @Focus
    void focus() {
        RowsFocus.focus(suspects, suspects.getSelectionCount() > 0, setMark);
    }
}
