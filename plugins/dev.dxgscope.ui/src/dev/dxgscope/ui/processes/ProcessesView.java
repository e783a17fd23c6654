package dev.dxgscope.ui.processes;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.Wait;
import dev.dxgscope.ui.common.CellToolTips;
import dev.dxgscope.ui.common.CheckBox;
import dev.dxgscope.ui.common.CsvExportAction;
import dev.dxgscope.ui.common.CsvSource;
import dev.dxgscope.ui.common.NoMemory;
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
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;

/**
 * Processes & Handles: each process's handle table at the time cursor, as a tree (adapter handle,
 * device, then contexts, queues, resources, allocations, sync objects), with handle values in hex,
 * creation time, creating call, size and state, and the process's dxg descriptors. A filter box
 * narrows it; selecting a row selects the object everywhere and in the Properties view. The tree is
 * computed in a Job and its rows made as they are expanded ({@link HandleTree}), so a process with
 * a million objects costs the UI thread a page of rows, not a million.
 */
public final class ProcessesView extends SessionView {
    private final ESelectionService selectionService;
    private Label header;
    private Button exited;
    private Text filter;
    private TreeViewer viewer;
    private Snapshot shown;
    private List<HandleTree.Node> roots = List.of();
    private Job pending;
    private boolean selecting;

    /** A tree and what it was computed for. */
    private record Snapshot(CaptureSession session, long seq, String filter, boolean exited, HandleTree tree,
            String where, boolean small) {
    }

    @Inject
    public ProcessesView(ESelectionService selectionService) {
        this.selectionService = selectionService;
    }

    @PostConstruct
    void createControls(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        header = new Label(c, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        exited = CheckBox.create(c, "Exited processes",
                "Also list processes that had exited by the time cursor and hold nothing");
        exited.setSelection(true);
        exited.addListener(SWT.Selection, e -> refresh());
        filter = new Text(c, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("filter: handle, type, call");
        GridDataFactory.fillDefaults().hint(260, SWT.DEFAULT).applyTo(filter);
        filter.addModifyListener(e -> refresh());
        viewer = new TreeViewer(c, SWT.FULL_SELECTION | SWT.BORDER | SWT.H_SCROLL | SWT.V_SCROLL);
        Tree tree = viewer.getTree();
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(tree);
        CellToolTips.install(tree); /* long call names and command lines */
        column("Name", 230, HandleTree.Node::name);
        column("Handle", 95, HandleTree.Node::handle);
        column("Created", 95, HandleTree.Node::created);
        column("Created by", 300, HandleTree.Node::createdBy);
        column("Size", 75, HandleTree.Node::size);
        column("State", 150, HandleTree.Node::state);
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return roots.toArray();
            }

            @Override
            public Object[] getChildren(Object e) {
                Object[] children = read(() -> ((HandleTree.Node) e).children().toArray());
                return children == null ? new Object[0] : children;
            }

            @Override
            public Object getParent(Object e) {
                return null; /* selections come with their paths */
            }

            @Override
            public boolean hasChildren(Object e) {
                return ((HandleTree.Node) e).hasChildren();
            }
        });
        viewer.setComparer(new IElementComparer() {
            @Override
            public boolean equals(Object a, Object b) {
                return a == b || a instanceof HandleTree.Node x && b instanceof HandleTree.Node y && x.key().equals(y.key());
            }

            @Override
            public int hashCode(Object e) {
                return e instanceof HandleTree.Node n ? n.key().hashCode() : e.hashCode();
            }
        });
        viewer.addSelectionChangedListener(e -> {
            if (selecting) {
                return;
            }
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof HandleTree.Node n && n.target() != null) {
                StructuredSelection selection = new StructuredSelection(n.target());
                selectionService.setSelection(selection);
                selectionService.setPostSelection(selection); /* the Properties view listens to post selections */
                Sessions.get().select(n.target(), this);
            }
        });
        MenuManager menu = new MenuManager();
        menu.add(new Action("Move time cursor to its creation") {
            @Override
            public void run() {
                if (selectedObject() != null) {
                    Sessions.get().moveCursor(selectedObject().createdSeq());
                }
            }
        });
        menu.add(new Action("Move time cursor to its destruction") {
            @Override
            public void run() {
                DxgObject o = selectedObject();
                if (o != null && !o.aliveAtEnd()) {
                    Sessions.get().moveCursor(o.destroyedSeq());
                }
            }
        });
        menu.add(new CsvExportAction("handles", tree::getShell, this::csv));
        tree.setMenu(menu.createContextMenu(tree));
        viewer.setInput(this);
        attach(c);
        if (session() == null) {
            refresh();
        }
    }

    private void column(String title, int width, java.util.function.Function<HandleTree.Node, String> text) {
        TreeViewerColumn col = new TreeViewerColumn(viewer, SWT.NONE);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((HandleTree.Node) e);
            }
        });
    }

    /** Trees with fewer nodes than this are shown fully expanded. */
    static final int EXPAND_ALL_BELOW = 2000;

    /** Counts nodes up to just past the limit (makes the children it counts). */
    private static int count(List<HandleTree.Node> nodes) {
        int n = nodes.size();
        for (HandleTree.Node x : nodes) {
            if (n > EXPAND_ALL_BELOW) {
                break;
            }
            n += count(x.children());
        }
        return n;
    }

    /** Runs f on the shown tree under its session's read lock; null when there is none. */
    private <T> T read(java.util.function.Supplier<T> f) {
        Snapshot s = shown;
        return s == null || s.session() == null ? null : s.session().read((CaptureModel m) -> f.get());
    }

    private DxgObject selectedObject() {
        Object first = viewer.getStructuredSelection().getFirstElement();
        return first instanceof HandleTree.Node n && n.target() instanceof DxgObject o ? o : null;
    }

    @Override
    protected void refresh() {
        CaptureSession s = session();
        if (pending != null) {
            pending.cancel();
        }
        if (s == null) {
            apply(new Snapshot(null, -1, "", false, null, null, true));
            return;
        }
        long seq = cursor();
        String f = filter.getText();
        boolean showExited = exited.getSelection();
        org.eclipse.swt.widgets.Display display = header.getDisplay();
        pending = Job.create("Listing handle tables", (IProgressMonitor monitor) -> {
            NoMemory.guard(display, "the handle tables", monitor, this::noRoom, () -> {
                Snapshot snap = s.read((CaptureModel m) -> {
                    HandleTree tree = HandleTree.build(m, seq, f, showExited);
                    return new Snapshot(s, seq, f, showExited, tree, Formats.position(m, seq),
                            count(tree.roots()) <= EXPAND_ALL_BELOW);
                });
                if (snap != null && !monitor.isCanceled() && !header.isDisposed()) {
                    display.asyncExec(() -> apply(snap));
                }
            });
            return Status.OK_STATUS;
        });
        pending.setSystem(true);
        pending.schedule();
    }

    private void noRoom(String why) {
        if (!header.isDisposed()) {
            header.setText(why);
            header.getParent().layout();
        }
    }

    private void apply(Snapshot snap) {
        if (header.isDisposed() || snap.session() != session()) {
            return;
        }
        shown = snap;
        roots = snap.tree() == null ? List.of() : snap.tree().roots();
        header.setText(snap.session() == null ? NO_CAPTURE
                : "Handle tables at " + snap.where() + " - " + snap.session().title() + emptiness(snap));
        header.getParent().layout();
        viewer.refresh();
        /* small tables open fully; large ones to the devices (a page of their objects), the rest on demand */
        viewer.expandToLevel(snap.small() ? TreeViewer.ALL_LEVELS : 3);
        selected(Sessions.get().selection(), null);
    }

    /** Why an empty tree is empty, so an empty table is never a puzzle ("" when it has rows). */
    private static String emptiness(Snapshot snap) {
        HandleTree t = snap.tree();
        if (t == null || !t.roots().isEmpty()) {
            return "";
        }
        int gone = t.exitedLeftOut();
        if (!snap.filter().isBlank()) {
            return ": nothing matches \"" + snap.filter().trim() + "\"" + (gone == 0 ? ""
                    : " among the processes alive (" + gone + " exited: tick Exited processes)");
        }
        return gone == 0 ? ": no process had opened /dev/dxg yet"
                : ": no process is alive; " + gone + (gone == 1 ? " has" : " have")
                        + " exited (tick Exited processes to list them)";
    }

    /** Whether the tree shows the current capture at the time cursor with the current filter (tests wait for it). */
    public boolean listed() {
        Snapshot s = shown;
        return s != null && s.session() == session() && (s.session() == null || s.seq() == cursor())
                && s.filter().equals(filter.getText()) && s.exited() == exited.getSelection();
    }

    /** Sets the filter box's text (tests). */
    public void setFilter(String text) {
        filter.setText(text);
    }

    /** A live capture (a demo runs workloads again and again) starts without the exited processes. */
    @Override
    public void sessionChanged(CaptureSession session) {
        if (alive() && session != null) {
            exited.setSelection(!session.live());
        }
        super.sessionChanged(session);
    }

    @Override
    public void selected(Object selection, Object source) {
        if (source == this || selection == null || !alive() || shown == null || shown.tree() == null) {
            return;
        }
        /* a wait selected elsewhere selects the sync object it waits on */
        Object target = selection instanceof Wait w ? w.object() : selection;
        List<HandleTree.Node> path = read(() -> shown.tree().path(target));
        if (path != null) {
            selecting = true;
            try {
                viewer.setSelection(new TreeSelection(new TreePath(path.toArray())), true);
            } finally {
                selecting = false;
            }
        }
    }

    /** The rows for tests: every node depth-first as "indent name handle state" (makes every node). */
    public List<String> rows() {
        List<String> out = new ArrayList<>();
        read(() -> {
            flatten(roots, 0, out);
            return null;
        });
        return out;
    }

    private static void flatten(List<HandleTree.Node> nodes, int depth, List<String> out) {
        for (HandleTree.Node n : nodes) {
            out.add("  ".repeat(depth) + n.name() + (n.handle().isEmpty() ? "" : " " + n.handle())
                    + (n.state().isEmpty() ? "" : " [" + n.state() + "]"));
            flatten(n.children(), depth + 1, out);
        }
    }

    /**
     * Every row of the handle tables, pages left out (makes every row, as an export must). The rows
     * are made when the export Job asks for them, under the session's read lock, from the tree shown
     * when the export was chosen (its nodes make their children once, whichever thread asks first).
     */
    private CsvSource csv() {
        List<HandleTree.Node> tree = roots;
        Snapshot s = shown;
        return new CsvSource() {
            @Override
            public List<String> columns() {
                return List.of("depth", "name", "handle", "created", "created_by", "size", "state");
            }

            @Override
            public List<List<String>> rows() {
                List<List<String>> out = new ArrayList<>();
                if (s != null && s.session() != null) {
                    s.session().read((CaptureModel m) -> {
                        addRows(tree, 0, out);
                        return null;
                    });
                }
                return out;
            }
        };
    }

    /** Exports every row as the menu's "Export CSV…" does, and waits for the export Job (tests). */
    public void exportCsv(java.nio.file.Path file) {
        new CsvExportAction("handles", viewer.getTree()::getShell, this::csv).exportAndWait(file);
    }

    private static void addRows(List<HandleTree.Node> nodes, int depth, List<List<String>> out) {
        for (HandleTree.Node n : nodes) {
            if (n.page()) {
                addRows(n.children(), depth, out);
                continue;
            }
            out.add(List.of(String.valueOf(depth), n.name(), n.handle(), n.created(), n.createdBy(), n.size(), n.state()));
            addRows(n.children(), depth + 1, out);
        }
    }

    @Focus
    void focus() {
        RowsFocus.focus(viewer.getTree(), viewer.getTree().getSelectionCount() > 0, filter);
    }
}
