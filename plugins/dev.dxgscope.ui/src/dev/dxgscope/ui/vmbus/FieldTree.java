package dev.dxgscope.ui.vmbus;

import dev.dxgscope.model.decode.VmbusField;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.ITreeViewerListener;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeExpansionEvent;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;

/**
 * The decoded field tree of the selected message: name, meaning, offset, size and raw bytes of each
 * field. Subtrees the user opens stay open for the next message with the same fields (as in a
 * protocol analyser), bytes the capture's ABI does not describe are grey, problems red.
 */
final class FieldTree {
    private final TreeViewer viewer;
    /** Subtrees open at first: the command or reply struct, not the headers. */
    private static final Set<String> OPEN_AT_FIRST = Set.of("command", "reply");
    /** Subtrees the user opened or closed, by path of names without array lengths ("command/allocations"). */
    private final Set<String> opened = new HashSet<>();
    private final Set<String> closed = new HashSet<>();
    private VmbusField root;
    private boolean restoring;

    FieldTree(Composite parent, Consumer<VmbusField> selected) {
        viewer = new TreeViewer(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.H_SCROLL | SWT.V_SCROLL);
        Tree tree = viewer.getTree();
        tree.setHeaderVisible(true);
        tree.setLinesVisible(false);
        Color grey = tree.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        Color red = tree.getDisplay().getSystemColor(SWT.COLOR_RED);
        column("Field", 230, VmbusField::name, grey, red);
        column("Value", 270, VmbusField::value, grey, red);
        column("Offset", 52, f -> f.kind() == VmbusField.Kind.PROBLEM ? "" : String.valueOf(f.offset()), grey, red);
        column("Size", 44, f -> f.kind() == VmbusField.Kind.PROBLEM ? "" : String.valueOf(f.size()), grey, red);
        column("Raw", 170, VmbusField::raw, grey, red);
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return root == null ? new Object[0] : new Object[] {root};
            }

            @Override
            public Object[] getChildren(Object e) {
                return ((VmbusField) e).children().toArray();
            }

            @Override
            public Object getParent(Object e) {
                return null;
            }

            @Override
            public boolean hasChildren(Object e) {
                return !((VmbusField) e).leaf();
            }
        });
        viewer.addSelectionChangedListener(e -> {
            if (viewer.getStructuredSelection().getFirstElement() instanceof VmbusField f) {
                selected.accept(f);
            }
        });
        viewer.addTreeListener(new ITreeViewerListener() {
            @Override
            public void treeExpanded(TreeExpansionEvent e) {
                if (!restoring) {
                    opened.add(path(e.getElement()));
                    closed.remove(path(e.getElement()));
                }
            }

            @Override
            public void treeCollapsed(TreeExpansionEvent e) {
                opened.remove(path(e.getElement()));
                closed.add(path(e.getElement()));
            }
        });
        viewer.setComparer(new IElementComparer() {
            /* nodes are records: compare by identity, not by hashing whole subtrees */
            @Override
            public boolean equals(Object a, Object b) {
                return a == b;
            }

            @Override
            public int hashCode(Object element) {
                return System.identityHashCode(element);
            }
        });
        viewer.setInput(this);
        ColumnViewerToolTipSupport.enableFor(viewer);
    }

    private void column(String title, int width, Function<VmbusField, String> text, Color grey, Color red) {
        TreeViewerColumn c = new TreeViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((VmbusField) e);
            }

            @Override
            public Color getForeground(Object e) {
                return switch (((VmbusField) e).kind()) {
                    case UNDESCRIBED, PADDING, UNPARSED -> grey;
                    case PROBLEM -> red;
                    default -> null;
                };
            }

            @Override
            public String getToolTipText(Object e) {
                return switch (((VmbusField) e).kind()) {
                    case UNDESCRIBED -> "No field of the capture's ABI covers these bytes (padding, or fields"
                            + " the layout table leaves out).";
                    case PADDING -> "The rest of the struct after its variable-length array: the sender sizes"
                            + " the message from the struct's size and leaves these bytes unused.";
                    case UNPARSED -> "Bytes after everything the layouts explain.";
                    default -> null;
                };
            }
        });
    }

    Tree control() {
        return viewer.getTree();
    }

    /** Shows a decoded message: its top levels open, and whatever the user opened before. */
    void show(VmbusField message) {
        root = message;
        viewer.getTree().setRedraw(false);
        try {
            viewer.refresh();
            if (root != null) {
                restoring = true;
                viewer.expandToLevel(2);
                for (VmbusField c : root.children()) {
                    String p = stripCount(c.name());
                    if (opened.contains(p) || (OPEN_AT_FIRST.contains(p) && !closed.contains(p))) {
                        viewer.setExpandedState(c, true);
                        reopen(c, p);
                    }
                }
                restoring = false;
            }
        } finally {
            viewer.getTree().setRedraw(true);
        }
    }

    private void reopen(VmbusField node, String path) {
        for (VmbusField c : node.children()) {
            String p = path + "/" + stripCount(c.name());
            if (opened.contains(p)) {
                viewer.setExpandedState(c, true);
                reopen(c, p);
            }
        }
    }

    /** Selects the node (from the hex pane); null clears. */
    void select(VmbusField f) {
        if (f == null) {
            viewer.setSelection(StructuredSelection.EMPTY);
            return;
        }
        /* by path: the content provider knows no parents, and a collapsed node has no item yet */
        viewer.setSelection(new TreeSelection(new TreePath(chain(root, f).toArray())), true);
    }

    VmbusField selected() {
        return viewer.getStructuredSelection().getFirstElement() instanceof VmbusField f ? f : null;
    }

    VmbusField root() {
        return root;
    }

    private String path(Object element) {
        List<VmbusField> chain = chain(root, (VmbusField) element);
        StringBuilder s = new StringBuilder();
        for (int i = 1; i < chain.size(); i++) {
            s.append(i == 1 ? "" : "/").append(stripCount(chain.get(i).name()));
        }
        return s.toString();
    }

    private static List<VmbusField> chain(VmbusField from, VmbusField target) {
        if (from == null) {
            return List.of();
        }
        if (from == target) {
            return List.of(from);
        }
        for (VmbusField c : from.children()) {
            List<VmbusField> rest = chain(c, target);
            if (!rest.isEmpty()) {
                java.util.ArrayList<VmbusField> out = new java.util.ArrayList<>();
                out.add(from);
                out.addAll(rest);
                return out;
            }
        }
        return List.of();
    }

    private static String stripCount(String name) {
        int b = name.indexOf('[');
        return b > 0 ? name.substring(0, b) : name;
    }
}
