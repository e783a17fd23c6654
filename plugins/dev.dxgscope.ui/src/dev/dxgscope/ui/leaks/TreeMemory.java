package dev.dxgscope.ui.leaks;

import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Which rows of a Leaks tree were expanded, which was selected and which was at the top, kept
 * across a rebuild of the tree (a live capture's analysis is redone every second): rows are known
 * by what they show, a suspect by its reason and the object, descriptor or process it is about, a
 * row of counts by its text without the count. A row seen before and collapsed stays collapsed; a
 * new row gets the tree's default.
 *
 * <p>Cost: one walk over the rows made (those under collapsed rows are not walked).
 */
final class TreeMemory {
    private final Set<List<Object>> expanded = new HashSet<>();
    private final Set<List<Object>> seen = new HashSet<>();
    private List<Object> selected;
    private List<Object> top;

    /** What {@code tree} shows now. */
    static TreeMemory of(Tree tree) {
        TreeMemory m = new TreeMemory();
        for (TreeItem item : tree.getItems()) {
            m.remember(item, List.of());
        }
        TreeItem[] selection = tree.getSelection();
        m.selected = selection.length == 1 ? path(selection[0]) : null;
        TreeItem t = tree.getItemCount() > 0 ? tree.getTopItem() : null;
        m.top = t == null ? null : path(t);
        return m;
    }

    private void remember(TreeItem item, List<Object> parent) {
        List<Object> path = append(parent, key(item));
        seen.add(path);
        if (item.getExpanded()) {
            expanded.add(path);
            for (TreeItem child : item.getItems()) {
                remember(child, path);
            }
        }
    }

    /**
     * Gives the rows of {@code tree} the state remembered; a row to expand whose rows are not made yet
     * goes to {@code lazy}, which makes them and calls {@link #restoreBelow} when they are there.
     */
    void restore(Tree tree, Consumer<TreeItem> lazy) {
        TreeItem[] first = {null};
        for (TreeItem item : tree.getItems()) {
            restore(item, List.of(), lazy, tree, first);
        }
        if (first[0] != null) {
            tree.setTopItem(first[0]);
        }
    }

    /** The rows below {@code item}, just made: the state remembered for them. */
    void restoreBelow(TreeItem item, Consumer<TreeItem> lazy) {
        TreeItem[] first = {null};
        List<Object> path = path(item);
        for (TreeItem child : item.getItems()) {
            restore(child, path, lazy, item.getParent(), first);
        }
        if (first[0] != null) {
            item.getParent().setTopItem(first[0]);
        }
    }

    private void restore(TreeItem item, List<Object> parent, Consumer<TreeItem> lazy, Tree tree, TreeItem[] top) {
        List<Object> path = append(parent, key(item));
        if (path.equals(selected)) {
            tree.setSelection(item);
        }
        if (path.equals(this.top)) {
            top[0] = item;
        }
        if (expanded.contains(path)) {
            if (item.getData() instanceof ObjectRows.Pending) {
                lazy.accept(item);
            } else {
                item.setExpanded(true);
            }
            for (TreeItem child : item.getItems()) {
                restore(child, path, lazy, tree, top);
            }
        } else if (seen.contains(path)) {
            item.setExpanded(false);
        }
    }

    private static List<Object> path(TreeItem item) {
        List<Object> path = new ArrayList<>();
        for (TreeItem i = item; i != null; i = i.getParentItem()) {
            path.add(0, key(i));
        }
        return path;
    }

    private static List<Object> append(List<Object> parent, Object key) {
        List<Object> path = new ArrayList<>(parent.size() + 1);
        path.addAll(parent);
        path.add(key);
        return path;
    }

    /** What a row is about, the same after the analysis is redone (model objects stay the same objects). */
    static Object key(TreeItem item) {
        return switch (item.getData()) {
            case Leaks.Suspect s -> Arrays.asList(s.reason(), s.object() != null ? s.object()
                    : s.fd() != null ? s.fd() : s.shared() != null ? s.shared() : s.process());
            case Leaks.Recurrence r -> Arrays.asList(r.reason(), r.program(), r.what(), r.origin());
            case DxgObject o -> o;
            case DxgProcess p -> p;
            case null, default -> item.getText(0).replaceFirst(" \\([\\d,]+\\)$", ""); /* "Objects it keeps (6)" */
        };
    }
}
