package dev.dxgscope.ui.vmbus;

import dev.dxgscope.model.analysis.VmbusExpert;
import dev.dxgscope.model.analysis.VmbusFilter;
import dev.dxgscope.model.decode.VmbusField;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.VmbusTable;
import dev.dxgscope.ui.common.CsvExportAction;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.NoMemory;
import dev.dxgscope.ui.common.RowsFocus;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.Sessions;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;

/**
 * VMBus messages the way a protocol analyser shows packets: the message list (filtered, coloured by
 * expert flags), the decoded fields of the selected message, and its bytes with the selected
 * field highlighted. Stepping moves message by message or error by error, like a debugger
 * (F6/F8, Shift for backwards); F3 goes between a request and its reply. Selecting a message moves
 * the time cursor and selects it everywhere; when the cursor moves elsewhere the list shows the
 * message at or after it, and a live capture's new messages leave the selection and scroll alone.
 */
public final class VmbusView extends SessionView {
    private final ESelectionService selectionService;
    private MessageList list;
    private FieldTree fields;
    private HexPane hex;
    private FilterBox filter;
    private Label status;
    private CsvExportAction csv;
    private CaptureSession shown;
    private int counted = -1;
    /** A message selected elsewhere before the list had it (the list is made in a Job): selected on arrival. */
    private int wanted = -1;
    private CaptureSession wantedIn;
    private VmbusFilter applied;
    private VmbusExpert expert;
    private Job pending;
    private int errors;
    private int unanswered;
    private MessageDetails details;
    private SashForm sash;
    private String note = "";
    private boolean movingCursor;

    @Inject
    public VmbusView(ESelectionService selectionService) {
        this.selectionService = selectionService;
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(2, 2).spacing(4, 3).applyTo(c);
        Composite top = new Composite(c, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(top);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(top);
        ToolBar nav = new ToolBar(top, SWT.FLAT | SWT.RIGHT);
        tool(nav, "▲ Previous", "Previous message (Shift+F6)", () -> stepMessage(-1));
        tool(nav, "▼ Next", "Next message (F6)", () -> stepMessage(1));
        new ToolItem(nav, SWT.SEPARATOR);
        tool(nav, "▲ Error", "Previous error: a failing reply or a dropped request (Shift+F8)", () -> stepError(-1));
        tool(nav, "▼ Error", "Next error: a failing reply or a dropped request (F8)", () -> stepError(1));
        new ToolItem(nav, SWT.SEPARATOR);
        tool(nav, "⇄ Request/Reply", "Go to the reply of this request, or the request of this reply (F3)",
                this::goToPair);
        filter = new FilterBox(top, c, f -> refresh());
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(filter.control());
        ToolBar right = new ToolBar(top, SWT.FLAT | SWT.RIGHT);
        csv = new CsvExportAction("vmbus-messages", c::getShell, this::csvSource);
        tool(right, "Export CSV…", "Save the messages the filter shows as CSV", csv::run);
        sash = new SashForm(c, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        list = new MessageList(sash, this::session, this::messageSelected, this::configureTable);
        list.create();
        status = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        /* the field tree and hex pane on the event loop's next turn: creating the whole view at once
           blocked the UI thread 200-300 ms the first time */
        c.getDisplay().asyncExec(this::lowerPane);
        attach(c);
        if (session() == null) {
            refresh();
        }
    }

    /**
     * Creates the field tree and hex pane below the list, once (on the turn after the view was made,
     * or earlier when something needs them) and shows the selected message in them.
     */
    private void lowerPane() {
        if (fields != null || sash.isDisposed()) {
            return;
        }
        SashForm lower = new SashForm(sash, SWT.HORIZONTAL);
        fields = new FieldTree(lower, f -> hex.highlight(f.offset(), f.size()));
        hex = new HexPane(lower, this::byteClicked);
        sash.setWeights(52, 48);
        lower.addListener(SWT.Resize, e -> {
            int width = lower.getClientArea().width;
            int hexWidth = Math.min(hex.preferredWidth(), width / 2);
            lower.setWeights(Math.max(1, width - hexWidth), Math.max(1, hexWidth));
        });
        for (Control k : new Control[] {fields.control(), hex.control()}) {
            k.addListener(SWT.KeyDown, this::key);
        }
        fields.show(details == null ? null : details.tree());
        hex.show(details == null ? null : details.bytes());
        sash.layout(true, true);
    }

    private static void tool(ToolBar bar, String text, String tip, Runnable run) {
        ToolItem item = new ToolItem(bar, SWT.PUSH);
        item.setText(text);
        item.setToolTipText(tip);
        item.addListener(SWT.Selection, e -> run.run());
    }

    /** Keys and the context menu of the list's table. */
    private void configureTable(Table table) {
        table.addListener(SWT.KeyDown, this::key);
        MenuManager menu = new MenuManager();
        menu.add(action("Go to Request/Reply\tF3", this::goToPair));
        menu.add(action("Show Only This Command", () -> filterOnSelected("command == ")));
        menu.add(action("Show Only This Process", () -> filterOnSelected("pid == ")));
        menu.add(action("Show Everything", () -> filter.set("")));
        menu.add(new Separator());
        menu.add(csv);
        table.setMenu(menu.createContextMenu(table));
    }

    private static Action action(String text, Runnable run) {
        return new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
    }

    /** Filters on the selected message's command or pid (a protocol analyser's "apply as filter"). */
    private void filterOnSelected(String prefix) {
        if (details != null) {
            filter.set(prefix + (prefix.startsWith("pid") ? details.row().pid() : details.row().commandName()));
        }
    }

    private void key(Event e) {
        boolean back = (e.stateMask & SWT.SHIFT) != 0;
        switch (e.keyCode) {
            case SWT.F6 -> stepMessage(back ? -1 : 1);
            case SWT.F8 -> stepError(back ? -1 : 1);
            case SWT.F3 -> goToPair();
            default -> {
                return;
            }
        }
        e.doit = false;
    }

    /** What the list shows, computed off the UI thread (expert flags and the filter pass over every message). */
    private record Snapshot(CaptureSession session, VmbusFilter filter, int size, VmbusExpert expert, int[] rows,
            int errors, int unanswered) {
    }

    @Override
    protected void refresh() {
        CaptureSession s = session();
        if (s != shown) {
            shown = s;
            counted = -1;
            list.reset();
            show(-1);
        }
        if (s == null) {
            list.setRows(new int[0], null);
            status.setText(NO_CAPTURE);
            return;
        }
        VmbusFilter f = filter.filter();
        int knownSize = counted;
        VmbusFilter knownFilter = applied;
        VmbusExpert knownExpert = expert;
        if (pending != null) {
            pending.cancel();
        }
        org.eclipse.swt.widgets.Display display = status.getDisplay();
        pending = Job.create("Listing VMBus messages", (IProgressMonitor monitor) -> {
            NoMemory.guard(display, "the VMBus messages", monitor, why -> {
                if (!status.isDisposed()) {
                    note(why);
                }
            }, () -> {
                Snapshot snap = s.read((CaptureModel m) -> {
                    int size = m.vmbus().size();
                    if (size == knownSize && f == knownFilter) {
                        return null;
                    }
                    VmbusExpert x = size == knownSize && knownExpert != null ? knownExpert : VmbusExpert.of(m.vmbus());
                    int err = 0;
                    int unans = 0;
                    for (int i = 0; i < x.size(); i++) {
                        err += x.has(i, VmbusExpert.ERROR) ? 1 : 0;
                        unans += x.has(i, VmbusExpert.UNANSWERED) ? 1 : 0;
                    }
                    return new Snapshot(s, f, size, x, f.apply(m.vmbus(), x), err, unans);
                });
                if (snap != null && !monitor.isCanceled() && !status.isDisposed()) {
                    status.getDisplay().asyncExec(() -> apply(snap));
                }
            });
            return Status.OK_STATUS;
        });
        pending.setSystem(true);
        pending.schedule();
        if (!Sessions.get().cursorAtEnd()) {
            markCursor(cursor());
        }
        updateStatus();
    }

    private void apply(Snapshot snap) {
        if (status.isDisposed() || snap.session() != session()) {
            return;
        }
        if (note.startsWith("Not enough memory")) {
            note = ""; /* this listing found room */
        }
        counted = snap.size();
        applied = snap.filter();
        expert = snap.expert();
        errors = snap.errors();
        unanswered = snap.unanswered();
        list.setRows(snap.rows(), expert);
        if (wanted >= 0 && wantedIn == snap.session() && list.select(wanted)) {
            show(wanted);
        }
        wanted = -1;
        if (!Sessions.get().cursorAtEnd()) {
            markCursor(cursor());
        }
        updateStatus();
    }

    /** Whether the list shows the current capture with the current filter (tests wait for it). */
    public boolean listed() {
        CaptureSession s = session();
        Integer size = s == null ? null : s.read((CaptureModel m) -> m.vmbus().size());
        return s != null && size != null && size == counted && applied == filter.filter();
    }

    private void updateStatus() {
        CaptureSession s = session();
        if (s == null) {
            return;
        }
        status.setText(String.format("%,d of %,d messages shown · %,d error%s · %,d unanswered · %s%s",
                list.rowCount(), Math.max(0, counted), errors, errors == 1 ? "" : "s", unanswered, s.title(),
                note.isEmpty() ? "" : "   —   " + note));
    }

    private void note(String text) {
        note = text;
        updateStatus();
    }

    /** The user selected message i in the list (or stepped to it). */
    private void messageSelected(int i) {
        show(i);
        if (details == null) {
            return;
        }
        StructuredSelection selection = new StructuredSelection(details.row());
        selectionService.setSelection(selection);
        selectionService.setPostSelection(selection); /* what the Properties view listens to */
        Sessions.get().select(details.row(), this);
        movingCursor = true;
        try {
            Sessions.get().moveCursor(details.row().seq());
        } finally {
            movingCursor = false;
        }
        list.markCursor(i);
    }

    /** Shows message i's fields and bytes (-1: nothing) and marks its request or reply. */
    private void show(int i) {
        details = i < 0 || session() == null ? null : MessageDetails.load(session(), i);
        note = "";
        if (fields != null) {
            fields.show(details == null ? null : details.tree());
            hex.show(details == null ? null : details.bytes());
        }
        list.markPair(details == null ? -1 : details.row().pair());
        updateStatus();
    }

    private void byteClicked(int offset) {
        lowerPane();
        VmbusField root = fields.root();
        VmbusField f = root == null ? null : root.at(offset);
        if (f != null) {
            fields.select(f);
        }
    }

    private void markCursor(long seq) {
        Integer i = session().read((CaptureModel m) -> m.vmbus().indexAtOrAfter(seq));
        if (i != null) {
            list.markCursor(i);
        }
    }

    @Override
    public void cursorMoved(long seq) {
        if (alive() && !movingCursor && session() != null) {
            markCursor(seq);
        }
    }

    @Override
    public void selected(Object selection, Object source) {
        if (source == this || !alive() || session() == null || selection == null) {
            return;
        }
        int i = MessageLinks.messageOf(session(), selection);
        if (i >= 0 && list.select(i)) {
            show(i);
            wanted = -1;
        } else if (i >= 0) {
            wanted = i; /* not listed yet: selected when the list arrives */
            wantedIn = session();
        }
    }

    /** Selects the next (+1) or previous (-1) message the filter shows. */
    public void stepMessage(int direction) {
        step(direction, false);
    }

    /** Selects the next (+1) or previous (-1) error the filter shows. */
    public void stepError(int direction) {
        step(direction, true);
    }

    private void step(int direction, boolean errorsOnly) {
        if (expert == null) {
            return;
        }
        int i = list.step(direction, errorsOnly ? m -> expert.has(m, VmbusExpert.ERROR) : m -> true);
        if (i < 0) {
            note("no " + (direction > 0 ? "later " : "earlier ") + (errorsOnly ? "error" : "message"));
            return;
        }
        list.select(i);
        messageSelected(i);
    }

    /** Goes from a request to its reply or back. */
    public void goToPair() {
        if (details == null) {
            return;
        }
        int p = details.row().pair();
        String other = details.row().direction() == VmbusTable.REPLY ? "request" : "reply";
        if (p < 0) {
            note("this message has no " + other + " (async, host message, unanswered or dropped)");
        } else if (!list.select(p)) {
            note("its " + other + " (No. " + (p + 1) + ") is hidden by the filter");
        } else {
            messageSelected(p);
        }
    }

    private CsvSource csvSource() {
        return MessageColumns.csvSource(session(), list.rows(), expert);
    }

    /**
     * A selection counts only if it is of the capture shown: a focused table reports its selection
     * again, and one left from a capture closed while the view was hidden (reset when next
     * refreshed) would select that row in the new capture.
     */
    @Focus
    void focus() {
        RowsFocus.focus(list.control(), list.selectedMessage() >= 0 && shown == session(), filter.control());
    }

    /* What UI tests drive and read. */

    public int rowCount() {
        return list.rowCount();
    }

    /** The cells of a row as the table shows them. */
    public String[] cells(int row) {
        return list.cells(row);
    }

    /** The selected message's index in the capture's VMBus table, -1 when none. */
    public int selectedMessage() {
        return list.selectedMessage();
    }

    /** Selects a row as a click does (the cursor and the selection follow). */
    public void selectRow(int row) {
        list.select(list.message(row));
        messageSelected(list.message(row));
    }

    /** The message shown in the first visible row, -1 when the list is empty. */
    public int topMessage() {
        int top = list.topRow();
        return top < list.rowCount() ? list.message(top) : -1;
    }

    /** The first visible row. */
    public int topRow() {
        return list.topRow();
    }

    /** How many items the list's table holds (only a window of the rows). */
    public int tableItems() {
        return list.items();
    }

    /** The message marked as being at the time cursor, -1 when none. */
    public int cursorMessage() {
        return list.cursorMessage();
    }

    /** The row the selected message is on, -1 when none. */
    public int selectedRow() {
        return list.selectedRow();
    }

    public void setFilter(String text) {
        filter.set(text);
    }

    /** The filter box's error, "" when it parses. */
    public String filterError() {
        return filter.error();
    }

    /** Selects the decoded field at a path of names ("command/alloc_count"); null when there is none. */
    public VmbusField selectField(String path) {
        lowerPane();
        VmbusField root = fields.root();
        VmbusField f = root == null ? null : root.find(path);
        if (f != null) {
            fields.select(f);
        }
        return f;
    }

    /** The bytes the hex pane highlights. */
    public List<Integer> highlightedBytes() {
        lowerPane();
        return hex.highlightedBytes();
    }

    public void exportCsv(Path file) throws IOException {
        csv.write(file);
    }
}
