package dev.dxgscope.ui.leaks;

import dev.dxgscope.model.analysis.Leaks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Which rows of a Leaks tree were expanded, which was selected and which was at the top, kept
 * across a rebuild of the tree (a live capture's analysis is redone every second): rows are known
 * by what they show, a suspect by its reason and the object, descriptor or process it is about, a
 * row of counts by its text without the count, a page by where it starts. A row seen before and
 * collapsed stays collapsed; a new row gets the tree's default. What was remembered below a row
 * whose objects are still being listed again is carried over to the next memory, so a rebuild
 * during the listing loses nothing. The rows below an open row whose objects will be listed again
 * in a Job are copied, so the rebuilt tree shows them until the new list replaces them.
 *
 * <p>Cost: one walk over the rows made (those under collapsed rows are not walked), and a copy of
 * the rows below each open list of objects (see {@link ObjectRows#copyBelow}).
 */
final class TreeMemory {
    private final Set<List<Object>> expanded = new HashSet<>();
    private final Set<List<Object>> seen = new HashSet<>();
    /** The rows below each open list of objects (the outermost), copied to show until it is listed again. */
    private final Map<List<Object>, List<ObjectRows.Copy>> copies = new HashMap<>();
    private List<Object> selected;
    private List<Object> top;

    /** What {@code tree} shows now; below rows still being listed, what {@code before} remembered. */
    static TreeMemory of(Tree tree, TreeMemory before) {
        TreeMemory m = new TreeMemory();
        List<List<Object>> listing = new ArrayList<>();
        for (TreeItem item : tree.getItems()) {
            m.remember(item, List.of(), listing, false);
        }
        m.selected = selectedPath(tree);
        m.top = topPath(tree);
        for (List<Object> row : listing) {
            m.carryOver(before, row);
        }
        return m;
    }

    /** {@code copied}: a row above was copied with everything below it. */
    private void remember(TreeItem item, List<Object> parent, List<List<Object>> listing, boolean copied) {
        List<Object> path = append(parent, key(item));
        seen.add(path);
        if (item.getExpanded()) {
            expanded.add(path);
            if (ObjectRows.listing(item)) {
                listing.add(path);
                return;
            }
            /* any open list: one of up to 1000 objects at this update may have more at the next */
            if (!copied && item.getData(ObjectRows.LISTED) instanceof ObjectRows.Pending) {
                copies.put(path, ObjectRows.copyBelow(item));
                copied = true;
            }
            for (TreeItem child : item.getItems()) {
                remember(child, path, listing, copied);
            }
        }
    }

    /** What {@code before} remembered below {@code row}, whose rows are not made yet. */
    private void carryOver(TreeMemory before, List<Object> row) {
        for (List<Object> p : before.expanded) {
            if (below(p, row)) {
                expanded.add(p);
            }
        }
        for (List<Object> p : before.seen) {
            if (below(p, row)) {
                seen.add(p);
            }
        }
        if (before.selected != null && below(before.selected, row) && (selected == null || selected.equals(row))) {
            selected = before.selected;
        }
        if (before.top != null && below(before.top, row) && (top == null || top.equals(row))) {
            top = before.top;
        }
    }

    private static boolean below(List<Object> path, List<Object> row) {
        return path.size() > row.size() && path.subList(0, row.size()).equals(row);
    }

    /** The rows below {@code item} before the rebuild, if it was an open list (else null). */
    List<ObjectRows.Copy> copyOf(TreeItem item) {
        return copies.get(path(item));
    }

    /**
     * Remembers the rows below {@code item} as they are now (the copied rows the user may have
     * opened, closed or picked while they were listed again), in place of what was remembered there.
     */
    void rememberBelow(TreeItem item) {
        List<Object> path = path(item);
        TreeMemory now = new TreeMemory();
        List<List<Object>> listing = new ArrayList<>();
        for (TreeItem child : item.getItems()) {
            now.remember(child, path, listing, false); /* the lists open below it, copied for their own listing */
        }
        /* what is below a row still being listed stays remembered as it was */
        java.util.function.Predicate<List<Object>> replaced = p -> below(p, path)
                && listing.stream().noneMatch(row -> below(p, row));
        expanded.removeIf(replaced);
        seen.removeIf(replaced);
        copies.keySet().removeIf(replaced);
        expanded.addAll(now.expanded);
        seen.addAll(now.seen);
        copies.putAll(now.copies);
        selected = within(selected, selectedPath(item.getParent()), path);
        top = within(top, topPath(item.getParent()), path);
    }

    /** The path of the tree's one selected row, or null. */
    private static List<Object> selectedPath(Tree tree) {
        TreeItem[] selection = tree.getSelection();
        return selection.length == 1 ? path(selection[0]) : null;
    }

    /** The path of the row at the top of the tree's view, or null. */
    private static List<Object> topPath(Tree tree) {
        TreeItem t = tree.getItemCount() > 0 ? tree.getTopItem() : null;
        return t == null ? null : path(t);
    }

    /**
     * The row to remember of a tree where {@code now} is (selected, or at the top) and {@code was}
     * was remembered: {@code now} if it is below {@code row}; else what was remembered, unless that
     * was below {@code row} (the user has moved away from it meanwhile).
     */
    static List<Object> within(List<Object> was, List<Object> now, List<Object> row) {
        if (now != null && below(now, row)) {
            return now;
        }
        return was != null && below(was, row) ? null : was;
    }

    /** The user picked a row: a row remembered as selected must not be selected again when a list comes in. */
    void forgetSelection() {
        selected = null;
        top = null;
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
                lazy.accept(item); /* it restores below the row once its rows are there */
                return;
            }
            item.setExpanded(true);
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
        Object data = item.getData();
        if (data == null || data instanceof ObjectRows.Pending) {
            /* "Objects it keeps (6)" without its count; a page by where it starts (the last one grows) */
            return item.getText(0).replaceFirst(" \\([\\d,]+\\)$", "").replaceFirst("^(objects [\\d,]+)–[\\d,]+$", "$1");
        }
        return identity(data);
    }

    /** Whether two results of the analysis (suspects, groups) are about the same thing, made twice. */
    static boolean same(Object a, Object b) {
        return a != null && b != null && a.getClass() == b.getClass() && identity(a).equals(identity(b));
    }

    private static Object identity(Object data) {
        return switch (data) {
            case Leaks.Suspect s -> Arrays.asList(s.reason(), s.object() != null ? s.object()
                    : s.fd() != null ? s.fd() : s.shared() != null ? s.shared() : s.process());
            /* as Leaks groups them: two recurring adapter trees of one program differ by what they hold */
            case Leaks.Recurrence r -> Arrays.asList(r.reason(), r.program(), r.what(), r.origin(), r.below());
            case Leaks.Group g -> Arrays.asList(g.process(), g.type());
            default -> data; /* model objects and processes: the same object */
        };
    }
}
