package dev.dxgscope.ui.leaks;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.ui.commands.GoToHandler;
import dev.dxgscope.ui.common.CellToolTips;
import dev.dxgscope.ui.common.CsvExportAction;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.common.NoMemory;
import dev.dxgscope.ui.common.RowsFocus;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Leaks, in the manner of Eclipse MAT: ranked suspects with their reason and retained bytes, each
 * expanding to the path from the process to what keeps it alive, and the objects grouped by type
 * and owner, each process first with what it holds in all. Three questions: what leaked over the
 * whole capture, what is alive at the time cursor, and what was created since a marked time and is
 * still alive at the cursor. For the last, the lower part compares the two times both ways (MAT's
 * "compare"): per process and type, alive at the mark, created and destroyed in between, alive at the
 * cursor. A live capture's analysis is redone as it grows, except while the pointer is on the lists.
 */
public final class LeaksView extends SessionView {
    private enum Mode {
        CAPTURE, AT_CURSOR, SINCE_MARK
    }

    private final ESelectionService selectionService;
    private static final int REASON = 1;
    private static final int RETAINED = 3;
    private static final int REASON_WIDTH = 300;
    private static final int SUSPECT_WIDTH = 540;
    private Label summary;
    private Button capture;
    private Button atCursor;
    /** The controls' row: three modes and two ways to set the mark. */
    private static final int COLUMNS = 5;
    private Button sinceMark;
    private Button setMark;
    private Tree suspects;
    private Tree groups;
    private Mode mode = Mode.CAPTURE;
    private long mark = -1;
    private Leaks.Result result;
    private List<Leaks.Change> changes = List.of();
    /** Whether the lower tree shows the comparison (what its CSV export writes follows what is shown). */
    private boolean comparing;
    private Job pending;
    /** What the trees showed expanded and selected before the last rebuild. */
    private TreeMemory suspectsMemory = new TreeMemory();
    private TreeMemory groupsMemory = new TreeMemory();
    /** A live update came while the pointer was on the rows: the analysis is redone once it leaves them. */
    private boolean updateHeld;
    /** The summary of the analysis shown, without {@link #WAITING}. */
    private String summaryText = "";
    /** Whether a timer will look where the pointer is. */
    private boolean lookingAgain;
    /** A live update's refresh is being made (so an analysis it starts is a live one). */
    private boolean growing;
    /** A user's request (mode, mark, cursor) is being analysed: a live update that takes its place is not held. */
    private boolean asked;
    /** What the summary adds while an update waits. */
    public static final String WAITING = "  (newer records wait until the pointer leaves the lists)";

    @Inject
    public LeaksView(ESelectionService selectionService) {
        this.selectionService = selectionService;
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(COLUMNS, false));
        capture = radio(c, "Leaks of the whole capture", Mode.CAPTURE);
        capture.setSelection(true);
        atCursor = radio(c, "Alive at the time cursor", Mode.AT_CURSOR);
        sinceMark = radio(c, "Compare the mark with the cursor", Mode.SINCE_MARK);
        setMark = new Button(c, SWT.PUSH);
        setMark.setText("Mark the cursor");
        setMark.setToolTipText("Remember the time cursor; then move it and compare: what was created in between and "
                + "is still alive, and per process and type what was created and destroyed");
        setMark.addListener(SWT.Selection, e -> compareFrom(cursor()));
        Button typeMark = new Button(c, SWT.PUSH);
        typeMark.setText("Mark a Time or Seq...");
        typeMark.setToolTipText("Type where the mark goes (a time or #seq, as in Navigate > Go to Time or Seq),"
                + " then compare it with the cursor");
        typeMark.addListener(SWT.Selection, e -> {
            if (session() != null) {
                InputDialog d = GoToHandler.dialog(c.getShell(), "Mark a Time or Seq", "The mark is "
                        + (mark < 0 ? "not set" : "at #" + mark) + "; the cursor is at #" + cursor() + ".",
                        mark < 0 ? 0 : mark);
                if (d.open() == Window.OK) {
                    markAt(d.getValue());
                }
            }
        });
        summary = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).span(COLUMNS, 1).applyTo(summary);
        SashForm sash = new SashForm(c, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).span(COLUMNS, 1).applyTo(sash);
        suspects = new Tree(sash, SWT.FULL_SELECTION | SWT.BORDER);
        suspects.setHeaderVisible(true);
        suspects.setLinesVisible(true);
        column(suspects, "Suspect", SUSPECT_WIDTH); /* a recurring leak's summary: kind, call, processes, bytes */
        column(suspects, "Reason", REASON_WIDTH);
        column(suspects, "Objects", 70);
        column(suspects, "Retained", 90);
        suspects.addListener(SWT.Resize, e -> {
            /* half of what the numbers leave to the summary (a recurring leak's is long), the rest to the reason */
            int text = suspects.getClientArea().width - suspects.getColumn(2).getWidth() - suspects.getColumn(3).getWidth();
            suspects.getColumn(0).setWidth(Math.max(SUSPECT_WIDTH, text / 2));
            giveTheRest(suspects, REASON, REASON_WIDTH);
        });
        CellToolTips.install(suspects);
        suspects.addListener(SWT.Selection, e -> {
            forgetSelection();
            select(e.item);
            groups.deselectAll(); /* one selected row in the view: the one Properties shows */
        });
        ObjectRows.install(suspects, this::session, listing(suspects));
        suspects.addListener(SWT.MouseUp, e -> e.display.asyncExec(() -> showSelected(suspects, groups)));
        groups = new Tree(sash, SWT.FULL_SELECTION | SWT.BORDER);
        groups.setHeaderVisible(true);
        groups.setLinesVisible(true);
        groupColumns(false);
        groups.addListener(SWT.Resize, e -> giveTheRest(groups, 0, NAME_WIDTH));
        groups.addListener(SWT.Selection, e -> {
            forgetSelection();
            select(e.item);
            suspects.deselectAll();
        });
        ObjectRows.install(groups, this::session, listing(groups));
        groups.addListener(SWT.MouseUp, e -> e.display.asyncExec(() -> showSelected(groups, suspects)));
        sash.setWeights(65, 35);
        for (Tree t : new Tree[] {suspects, groups}) {
            t.addListener(SWT.MouseExit, e -> e.display.asyncExec(this::resumeUpdates)); /* where it went, a turn later */
        }
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

    /**
     * A row shows what it is about in Properties and the other views: an object, a group of objects
     * of one type, a suspect or a process; a row of another kind (a step of a path, "Objects it
     * keeps", a page of objects) what the row above it is about.
     */
    private void select(org.eclipse.swt.widgets.Widget row) {
        Object about = row instanceof TreeItem i ? about(i) : null;
        if (about != null) {
            publish(about);
        }
    }

    /**
     * GTK selects the row whose expander arrow is clicked when the click gives the tree focus, and
     * SWT sends no Selection event for it: after a click, a selected row Properties does not show
     * yet is shown (the row the user sees selected is the one Properties describes).
     */
    private void showSelected(Tree tree, Tree other) {
        Object about = tree.isDisposed() ? null : aboutSelected(tree);
        if (about != null && shownAs(about) != Sessions.get().selection()) {
            forgetSelection();
            other.deselectAll();
            publish(about);
        }
    }

    private void publish(Object about) {
        selectionService.setSelection(new StructuredSelection(about));
        Sessions.get().select(shownAs(about), this);
    }

    /** What the other views and Properties are given for a row: a suspect of one object is that object. */
    private static Object shownAs(Object about) {
        return about instanceof Leaks.Suspect s && s.object() != null ? s.object() : about;
    }

    /** What the one selected row of {@code tree} is about, or null. */
    private static Object aboutSelected(Tree tree) {
        TreeItem[] selected = tree.getSelection();
        return selected.length == 1 ? about(selected[0]) : null;
    }

    /** What a row is about, or what the nearest row above it with something to show is about. */
    private static Object about(TreeItem row) {
        for (TreeItem item = row; item != null; item = item.getParentItem()) {
            Object about = item.getData() instanceof ObjectRows.Pending ? null : item.getData();
            if (about == null) {
                about = item.getData(ObjectRows.ABOUT);
            }
            if (about != null) {
                return about;
            }
        }
        return null;
    }

    /**
     * After a rebuild, the row selected again is about the same suspect or group as before, made
     * anew with today's counts: if Properties shows the earlier one, it is given the new one.
     */
    private void republish() {
        Object shown = Sessions.get().selection();
        for (Tree t : new Tree[] {suspects, groups}) {
            Object about = aboutSelected(t);
            if (about != null && about != shown && TreeMemory.same(about, shown)) {
                publish(about);
            }
        }
    }

    /** The user picked a row: rows still being listed must not select the one picked before. */
    private void forgetSelection() {
        suspectsMemory.forgetSelection();
        groupsMemory.forgetSelection();
    }

    /** Lists the objects of a row remembered as expanded (a rebuilt tree), showing its rows of before meanwhile. */
    private void list(TreeItem item) {
        Tree tree = item.getParent();
        ObjectRows.list(item, session(), listing(tree), true, memory(tree).copyOf(item));
    }

    private TreeMemory memory(Tree tree) {
        return tree == suspects ? suspectsMemory : groupsMemory;
    }

    /** The rows below a listed row as they were before the rebuild, and what the user did to them meanwhile. */
    private ObjectRows.Listing listing(Tree tree) {
        return new ObjectRows.Listing() {
            @Override
            public void filled(TreeItem item) {
                memory(tree).restoreBelow(item, LeaksView.this::list);
                republish();
            }

            @Override
            public void replacing(TreeItem item) {
                memory(tree).rememberBelow(item);
            }
        };
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

    /**
     * Column {@code wide} gets the width the others leave (at least {@code min}): the longest texts
     * (reasons, names) get the room, and GTK does not stretch the last column of numbers away from the rest.
     */
    private static void giveTheRest(Tree tree, int wide, int min) {
        int others = 0;
        for (int i = 0; i < tree.getColumnCount(); i++) {
            others += i == wide ? 0 : tree.getColumn(i).getWidth();
        }
        tree.getColumn(wide).setWidth(Math.max(min, tree.getClientArea().width - others));
    }

    private static final int NAME_WIDTH = 300;
    private static final String[][] HELD = {{"Process / type", "300"}, {"Objects", "80"}, {"Bytes", "110"}};
    private static final String[][] COMPARED = {{"Process (objects) / kind", "300"}, {"At mark", "80"}, {"Created", "80"},
        {"Destroyed", "90"}, {"At cursor", "80"}, {"Bytes change", "110"}};

    /** The lower tree's columns: what is held, or the two times compared. */
    private void groupColumns(boolean compared) {
        String[][] cols = compared ? COMPARED : HELD;
        if (groups.getColumnCount() == cols.length) {
            return;
        }
        for (TreeColumn tc : groups.getColumns()) {
            tc.dispose();
        }
        for (String[] col : cols) {
            column(groups, col[0], Integer.parseInt(col[1]));
            if (col != cols[0]) {
                groups.getColumn(groups.getColumnCount() - 1).setAlignment(SWT.RIGHT);
            }
        }
        giveTheRest(groups, 0, NAME_WIDTH);
    }

    private static void column(Tree t, String text, int width) {
        TreeColumn c = new TreeColumn(t, SWT.NONE);
        c.setText(text);
        c.setWidth(width);
    }

    /** Another capture: the mark was a seq of the one before, so it goes, and a comparison with it. */
    @Override
    public void sessionChanged(CaptureSession s) {
        mark = -1;
        if (mode == Mode.SINCE_MARK && alive()) {
            mode = Mode.CAPTURE;
            capture.setSelection(true);
            sinceMark.setSelection(false);
        }
        super.sessionChanged(s);
    }

    @Override
    public void cursorMoved(long seq) {
        if (mode != Mode.CAPTURE) { /* the whole-capture answer does not depend on the cursor */
            refreshWhenShown();
        }
    }

    /**
     * A live capture's update waits while the pointer is on the lists: ranks change as a capture
     * grows, and the rows would move under a click. The summary says an update is waiting; it is
     * made when the pointer leaves the lists (or is found elsewhere: GTK sends no MouseExit when
     * the pointer leaves during a grab, such as a context menu).
     */
    @Override
    protected void grew() {
        if (alive() && result != null && pointerOnRows()) {
            hold();
            return;
        }
        live(super::grew);
    }

    /** Runs a refresh as a live update's (its analysis is held if it ends with the pointer on the lists). */
    private void live(Runnable refresh) {
        growing = true;
        try {
            refresh.run();
        } finally {
            growing = false;
        }
    }

    /** Keeps the rows shown and says an update waits, until the pointer leaves the lists. */
    private void hold() {
        if (!updateHeld) {
            updateHeld = true;
            showSummary();
            lookAgain();
        }
    }

    /** Whether the pointer is on one of the two lists. */
    private boolean pointerOnRows() {
        org.eclipse.swt.widgets.Control under = suspects.getDisplay().getCursorControl();
        return under != null && (under == suspects || under == groups);
    }

    /** Looks where the pointer is again in a while (one timer at a time). */
    private void lookAgain() {
        if (!lookingAgain) {
            lookingAgain = true;
            summary.getDisplay().timerExec(THROTTLE_MS, () -> {
                lookingAgain = false;
                resumeUpdates();
            });
        }
    }

    /** An update that waited for the pointer to leave the lists is made now, if it has left. */
    private void resumeUpdates() {
        if (!updateHeld || !alive()) {
            return;
        }
        if (pointerOnRows()) {
            lookAgain();
            return;
        }
        updateHeld = false;
        showSummary();
        live(this::refreshWhenShown);
    }

    /** The summary of the analysis shown, and whether an update waits. */
    private void showSummary() {
        summary.setText(updateHeld ? summaryText + WAITING : summaryText);
    }

    @Override
    protected void refresh() {
        if (updateHeld) {
            updateHeld = false; /* the analysis is redone on the capture as it is now */
            showSummary();
        }
        CaptureSession s = session();
        if (pending != null) {
            pending.cancel();
            pending = null; /* an analysis already past its last check is dropped when it ends */
        }
        asked |= !growing;
        if (s == null) {
            show(null, Comparison.NONE, false, "No capture open");
            return;
        }
        long seq = cursor();
        Mode m = mode;
        boolean mayHold = !asked; /* a live update's, not one that took a user's request's place */
        long from = mark < 0 ? 0 : mark;
        org.eclipse.swt.widgets.Display display = suspects.getDisplay();
        pending = Job.create("Analysing leaks", (IProgressMonitor monitor) -> {
            NoMemory.guard(display, "the leak analysis", monitor, why -> show(null, Comparison.NONE, false, why), () -> {
                String[] label = new String[1];
                List<Comparison> compared = new ArrayList<>(List.of(Comparison.NONE));
                Leaks.Result r = s.read((CaptureModel model) -> {
                    if (m == Mode.SINCE_MARK) {
                        compared.set(0, new Comparison(Leaks.compare(model, from, seq), Leaks.objectTotals(model, from, seq)));
                    }
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
                    } + ": " + x.objects().size() + " objects, " + Format.bytes(x.totalBytes())
                            + (m != Mode.CAPTURE || model.memoryCut() == null || model.memoryCut().seq() < 0 ? ""
                                    : " (the model ends at #" + model.memoryCut().seq()
                                            + ", where memory ran out: 'the end' is there)");
                    return x;
                });
                Job self = Job.getJobManager().currentJob();
                if (!monitor.isCanceled() && r != null && !suspects.isDisposed()) {
                    suspects.getDisplay().asyncExec(() -> {
                        if (self == pending) { /* not when a newer one was asked for meanwhile */
                            arrived(r, compared.get(0), m == Mode.SINCE_MARK, label[0], mayHold);
                        }
                    });
                }
            });
            return Status.OK_STATUS;
        });
        pending.setSystem(true);
        pending.schedule();
    }

    /** The two times compared: what changed per process and kind, and each process's objects in all. */
    private record Comparison(List<Leaks.Change> changes, Map<DxgProcess, Leaks.Change> totals) {
        static final Comparison NONE = new Comparison(List.of(), Map.of());
    }

    /**
     * An analysis is done. A live update's that ends while the pointer is on the lists is held like
     * one that came then: the pointer may have moved there while it ran.
     */
    private void arrived(Leaks.Result r, Comparison compared, boolean compare, String text, boolean mayHold) {
        if (suspects.isDisposed()) {
            return;
        }
        if (mayHold && result != null && pointerOnRows()) {
            hold();
            return;
        }
        show(r, compared, compare, text);
    }

    private void show(Leaks.Result r, Comparison compared, boolean compare, String text) {
        if (suspects.isDisposed()) {
            return;
        }
        result = r;
        asked = false;
        changes = compared.changes();
        comparing = compare;
        summaryText = text;
        showSummary();
        summary.getParent().layout();
        suspectsMemory = TreeMemory.of(suspects, suspectsMemory);
        groupsMemory = TreeMemory.of(groups, groupsMemory);
        suspects.setRedraw(false);
        groups.setRedraw(false);
        try {
            suspects.removeAll();
            groups.removeAll();
            groupColumns(compare);
            if (r == null) {
                return;
            }
            for (Leaks.Ranked top : r.ranked()) {
                TreeItem item = rankedItem(new TreeItem(suspects, SWT.NONE), top, r);
                if (top instanceof Leaks.Recurrence g) {
                    g.suspects().forEach(s -> rankedItem(new TreeItem(item, SWT.NONE), s, r));
                }
            }
            if (compare) {
                showCompared(compared);
            } else {
                showHeld(r);
            }
            suspectsMemory.restore(suspects, this::list); /* a live capture's rows stay as the user left them */
            groupsMemory.restore(groups, this::list);
            republish();
        } finally {
            suspects.setRedraw(true);
            groups.setRedraw(true);
        }
    }

    /**
     * A row of the suspects tree; a suspect's path to what keeps it alive goes below it, then the
     * suspects that are part of it (a loop inside a tree, the trees a loop made).
     */
    private static TreeItem rankedItem(TreeItem item, Leaks.Ranked row, Leaks.Result r) {
        /* a descriptor is no object: its row says so, so the rows do not seem to add up to more objects */
        String count = row.reason() == Leaks.Reason.FD_NEVER_CLOSED ? row.count() + " fd" : String.valueOf(row.count());
        item.setText(new String[] {row.summary(), row.reason().text(), count,
            row.retainedBytes() < 0 ? "" : Format.bytes(row.retainedBytes())});
        item.setData(row);
        if (row instanceof Leaks.Suspect s) {
            for (String step : s.path()) {
                new TreeItem(item, SWT.NONE).setText(0, step);
            }
            if (s.object() != null && s.reason() != Leaks.Reason.KEPT_ALIVE_BY_SHARE) {
                ObjectRows.offer(item, "Objects it keeps (" + s.count() + ")",
                        new ObjectRows.Pending(m -> r.retainedObjects(s), true, RETAINED, s.process(), 0, s.count()));
            }
            r.below(s).forEach(part -> rankedItem(new TreeItem(item, SWT.NONE), part, r));
        }
        return item;
    }

    /** Each process with all it holds, most bytes first, and below it what it holds by type. */
    private void showHeld(Leaks.Result r) {
        for (Leaks.Owner o : r.owners()) {
            TreeItem item = new TreeItem(groups, SWT.NONE);
            item.setText(new String[] {o.process().label(), String.valueOf(o.count()), bytes(o.bytes())});
            item.setData(o.process());
            for (Leaks.Group g : r.groups()) {
                if (g.process() == o.process()) {
                    TreeItem type = new TreeItem(item, SWT.NONE);
                    type.setText(new String[] {g.type().label(), String.valueOf(g.count()), bytes(g.bytes())});
                    type.setData(ObjectRows.ABOUT, g);
                    ObjectRows.later(type, new ObjectRows.Pending(m -> r.objectsOf(g), false, HELD.length - 1,
                            o.process(), 0, g.count()));
                }
            }
            item.setExpanded(true);
        }
    }

    /**
     * Each process that changed, with its handle-table objects of every type in all at both times
     * (descriptors and shares are other things: they are rows of their own below it), most growth
     * first; below it each kind that changed.
     */
    private void showCompared(Comparison compared) {
        Map<DxgProcess, Leaks.Change> totals = new LinkedHashMap<>();
        for (Leaks.Change c : compared.changes()) {
            totals.computeIfAbsent(c.process(), p -> compared.totals().getOrDefault(p,
                    new Leaks.Change(p, Leaks.OBJECTS, 0, 0, 0, 0, 0, 0)));
        }
        List<DxgProcess> order = new ArrayList<>(totals.keySet());
        order.sort(Comparator.comparingLong((DxgProcess p) -> -totals.get(p).bytesDelta())
                .thenComparingInt(p -> -totals.get(p).delta()).thenComparingInt(DxgProcess::index));
        for (DxgProcess p : order) {
            Leaks.Change t = totals.get(p);
            TreeItem item = new TreeItem(groups, SWT.NONE);
            item.setText(new String[] {p.label() + ": " + Leaks.OBJECTS, String.valueOf(t.before()), plus(t.created()),
                minus(t.destroyed()), String.valueOf(t.after()), signedBytes(t.bytesDelta())});
            item.setData(p);
            for (Leaks.Change c : compared.changes()) {
                if (c.process() == p) {
                    new TreeItem(item, SWT.NONE).setText(new String[] {c.kind(), String.valueOf(c.before()),
                        plus(c.created()), minus(c.destroyed()), String.valueOf(c.after()),
                        signedBytes(c.bytesDelta())});
                }
            }
            item.setExpanded(true);
        }
    }

    private static String bytes(long b) {
        return b > 0 ? Format.bytes(b) : "";
    }

    private static String plus(long n) {
        return n == 0 ? "" : "+" + n;
    }

    private static String minus(long n) {
        return n == 0 ? "" : "-" + n;
    }

    private static String signedBytes(long b) {
        return b == 0 ? "" : (b > 0 ? "+" : "-") + Format.bytes(Math.abs(b));
    }

    /** Sets the mark at {@code seq} and compares it with the cursor. */
    private void compareFrom(long seq) {
        mark = seq;
        sinceMark.setSelection(true);
        capture.setSelection(false);
        atCursor.setSelection(false);
        mode = Mode.SINCE_MARK;
        refresh();
    }

    /**
     * Sets the mark at a typed time or seq ({@link GoToHandler#place} reads it) and compares it
     * with the cursor; returns what is wrong with the text, or null. A bad entry changes nothing.
     */
    public String markAt(String text) {
        GoToHandler.Place p = GoToHandler.place(text);
        if (p.problem() == null) {
            compareFrom(p.seq());
        }
        return p.problem();
    }

    /** For tests: the comparison shown (empty unless the view compares the mark with the cursor). */
    public List<Leaks.Change> changes() {
        return changes;
    }

    /** For tests: the result shown. */
    public Leaks.Result result() {
        return result;
    }

    /** Writes the suspects as File > Export's CSV would (tests; the user goes through the dialog). */
    public void exportSuspectsCsv(Path file) {
        new CsvExportAction("leak-suspects", suspects::getShell, this::suspectsCsv).exportAndWait(file);
    }

    private CsvSource suspectsCsv() {
        Leaks.Result result = this.result; /* the export Job reads it later */
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return List.of("reason", "summary", "objects", "retained_bytes", "path", "part_of");
            }

            @Override
            public List<List<String>> rows() {
                List<List<String>> out = new ArrayList<>();
                if (result != null) {
                    Map<Leaks.Suspect, Integer> partOf = result.partOf(); /* a data row's index, from 0 */
                    for (Leaks.Suspect s : result.suspects()) {
                        Integer whole = partOf.get(s);
                        out.add(List.of(s.reason().name().toLowerCase(), s.summary(), String.valueOf(s.count()),
                                s.retainedBytes() < 0 ? "" : String.valueOf(s.retainedBytes()),
                                String.join(" > ", s.path()), whole == null ? "" : whole.toString()));
                    }
                }
                return out;
            }
        };
    }

    private CsvSource groupsCsv() {
        Leaks.Result result = this.result;
        if (comparing) {
            return comparedCsv(changes);
        }
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

    private static CsvSource comparedCsv(List<Leaks.Change> compared) {
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return List.of("pid", "type", "at_mark", "created", "destroyed", "at_cursor", "bytes_at_mark",
                        "bytes_at_cursor");
            }

            @Override
            public List<List<String>> rows() {
                List<List<String>> out = new ArrayList<>();
                for (Leaks.Change c : compared) {
                    out.add(List.of(String.valueOf(c.process().pid()), c.kind(), String.valueOf(c.before()),
                            String.valueOf(c.created()), String.valueOf(c.destroyed()), String.valueOf(c.after()),
                            String.valueOf(c.bytesBefore()), String.valueOf(c.bytesAfter())));
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
