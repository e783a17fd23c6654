package dev.dxgscope.ui.leaks;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.common.NoMemory;
import dev.dxgscope.ui.common.Pages;
import dev.dxgscope.ui.session.CaptureSession;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Rows of single objects under a Leaks row, made when the row is first expanded (a suspect can keep
 * a million allocations): what MAT lists under an accumulation point. A suspect's objects come by
 * type, each type with its count and bytes; a type held by a process lists its objects directly.
 * More than {@link #SHOWN} objects of a type come in pages of {@code SHOWN} (pages of pages past a
 * million, as the handle tree shows them: {@link Pages}), each listed when expanded.
 */
final class ObjectRows {
    /** Objects of one type shown as rows; more than this would only slow the tree down. */
    static final int SHOWN = 1000;

    /**
     * Object rows still to make: which objects, whether to group them by type, the column of bytes,
     * the process that holds them (what a type row is about in Properties), for a page the index of
     * its first object among all (for its pages' labels), and how many objects there are.
     */
    record Pending(Function<CaptureModel, List<DxgObject>> objects, boolean byType, int bytesColumn, DxgProcess owner,
            int offset, int count) {
    }

    /**
     * The item data key of what a row of counts is about (a {@link Leaks.Group}): what Properties
     * shows when it is selected.
     */
    static final String ABOUT = "dxgscope.about";

    /** The item data key of the {@link Pending} a listed row was made from (its objects are below it). */
    static final String LISTED = "dxgscope.listed";

    /**
     * What a Leaks tree does around a row's listing: restores the rows below it as the user left
     * them, and remembers the rows it showed before a listing replaces them.
     */
    interface Listing {
        /** The rows below {@code item} are there (listed, or copied from before a rebuild). */
        void filled(TreeItem item);

        /** The rows copied below {@code item} are about to be replaced by the ones just listed. */
        void replacing(TreeItem item);
    }

    /**
     * A row and the rows below it, copied from a tree about to be rebuilt: its texts, what it is
     * about, whether it is open. A row not listed yet keeps its {@link Pending}.
     */
    record Copy(String[] texts, Object data, Object about, Object listed, boolean expanded, List<Copy> below) {
    }

    private ObjectRows() {
    }

    /** Puts a row under {@code parent} that lists {@code objects} when expanded. */
    static void offer(TreeItem parent, String text, Pending pending) {
        TreeItem item = new TreeItem(parent, SWT.NONE);
        item.setText(0, text);
        later(item, pending);
    }

    /** Makes {@code item} list {@code objects} below it when expanded. */
    static void later(TreeItem item, Pending pending) {
        item.setData(pending);
        new TreeItem(item, SWT.NONE); /* the expand arrow until the rows are made */
    }

    /**
     * Objects of one type (or all, when not by type). Up to {@link #SHOWN} are rows, with their
     * {@code texts}; more go in pages of {@code SHOWN}, each listed when expanded (no texts yet).
     */
    private record Group(ObjectType type, long bytes, List<DxgObject> objects, String[] texts) {
        boolean paged() {
            return objects.size() > SHOWN;
        }
    }

    /**
     * Makes the rows of an item {@link #offer}ed in {@code tree} when it is first expanded: the
     * objects are found and described in a Job (a million of them take a while), then shown.
     */
    static void install(Tree tree, Supplier<CaptureSession> session, Listing listing) {
        tree.addListener(SWT.Expand, e -> {
            if (e.item instanceof TreeItem item) {
                list(item, session.get(), listing, false, null);
            }
        });
    }

    /**
     * Lists the objects of an item {@link #offer}ed, if they are not listed yet, and expands it
     * (as expanding it does); {@code listing} is told once its rows are there. Listing a row again
     * after a rebuild ({@code again}) makes a short list at once, so a live update does not flash
     * "Listing..." where the user's rows were; a longer one is listed in a Job, and until it is
     * there the row shows {@code before}, its rows copied from the tree before the rebuild.
     */
    static void list(TreeItem item, CaptureSession s, Listing listing, boolean again, List<Copy> before) {
        if (s == null || !(item.getData() instanceof Pending p)) {
            return;
        }
        item.setData(null);
        item.setData(LISTED, p);
        item.removeAll();
        Tree tree = item.getParent();
        if (again && p.count() <= SHOWN) {
            show(item, s.read(m -> groups(m, p)), p, listing);
            return;
        }
        boolean copied = again && before != null && !before.isEmpty();
        if (copied) {
            paste(item, before);
            listing.filled(item);
        } else {
            new TreeItem(item, SWT.NONE).setText(0, LISTING);
            item.setExpanded(true);
        }
        org.eclipse.swt.widgets.Display display = tree.getDisplay();
        Job job = Job.create("Listing objects", monitor -> {
            if (item.isDisposed()) {
                return; /* the tree was rebuilt (a live update) before the listing began */
            }
            NoMemory.guard(display, "these objects", monitor, why -> {
                if (!item.isDisposed()) {
                    item.removeAll();
                    new TreeItem(item, SWT.NONE).setText(0, why);
                    item.setData(LISTED, null);
                    item.setData(p); /* not listed: opening it again tries again */
                }
            }, () -> listed(s, p, item, tree, display, copied, listing));
        });
        job.setSystem(true);
        job.schedule();
    }

    /** Lists the objects below {@code item} (in the Job), then shows them (on the UI thread). */
    private static void listed(CaptureSession s, Pending p, TreeItem item, Tree tree, org.eclipse.swt.widgets.Display display,
            boolean copied, Listing listing) {
        List<Group> groups = s.read(m -> groups(m, p));
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (!item.isDisposed()) {
                tree.setRedraw(false);
                try {
                    if (copied) {
                        listing.replacing(item);
                    }
                    item.removeAll();
                    show(item, groups, p, listing);
                } finally {
                    tree.setRedraw(true);
                }
            }
        });
    }

    /**
     * The rows below a listed row, copied, to show in the rebuilt tree while they are listed again.
     * A list below it that is closed, or still being listed, is copied as not listed yet (as a
     * rebuild makes it), so a copy holds what is open and never grows from copy to copy.
     *
     * <p>Cost: a text per column of each row copied, on the UI thread.
     */
    static List<Copy> copyBelow(TreeItem item) {
        int columns = Math.max(1, item.getParent().getColumnCount());
        List<Copy> rows = new ArrayList<>(item.getItemCount());
        for (TreeItem row : item.getItems()) {
            rows.add(copy(row, columns));
        }
        return rows;
    }

    private static Copy copy(TreeItem row, int columns) {
        String[] texts = new String[columns];
        for (int i = 0; i < columns; i++) {
            texts[i] = row.getText(i);
        }
        Object about = row.getData(ABOUT);
        if (row.getData(LISTED) instanceof Pending p && (listing(row) || !row.getExpanded())) {
            return new Copy(texts, p, about, null, false, List.of());
        }
        boolean unlisted = row.getData() instanceof Pending; /* open on its placeholder only if never listed */
        return new Copy(texts, row.getData(), about, row.getData(LISTED), !unlisted && row.getExpanded(),
                unlisted ? List.of() : copyBelow(row));
    }

    /** Whether a row's objects are being listed (its only row says so). */
    static boolean listing(TreeItem item) {
        return item.getItemCount() == 1 && LISTING.equals(item.getItem(0).getText(0));
    }

    /** Makes copied rows below {@code item}, open as they were (GTK opens a row only below an open one). */
    static void paste(TreeItem item, List<Copy> rows) {
        make(item, rows);
        item.setExpanded(true);
        open(item, rows);
    }

    private static void make(TreeItem parent, List<Copy> rows) {
        for (Copy c : rows) {
            TreeItem row = new TreeItem(parent, SWT.NONE);
            row.setText(c.texts());
            row.setData(ABOUT, c.about());
            row.setData(LISTED, c.listed());
            if (c.data() instanceof Pending p) {
                later(row, p);
            } else {
                row.setData(c.data());
                make(row, c.below());
            }
        }
    }

    private static void open(TreeItem parent, List<Copy> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).expanded()) {
                TreeItem row = parent.getItem(i);
                row.setExpanded(true);
                open(row, rows.get(i).below());
            }
        }
    }

    /** Makes an item's rows from its listed objects (none when the capture was closed meanwhile), open. */
    private static void show(TreeItem item, List<Group> groups, Pending p, Listing listing) {
        fill(item, groups == null ? List.of() : groups, p);
        item.setExpanded(true); /* after the rows: GTK does not open a row without any */
        listing.filled(item);
    }

    /** The row shown while the objects are being listed. */
    static final String LISTING = "Listing...";

    /** The objects by type (or as one group), each with its rows' texts unless it comes in pages. */
    private static List<Group> groups(CaptureModel m, Pending p) {
        List<DxgObject> objects = p.objects().apply(m);
        Map<ObjectType, List<DxgObject>> byType = new EnumMap<>(ObjectType.class);
        if (p.byType()) {
            for (DxgObject o : objects) {
                byType.computeIfAbsent(o.type(), t -> new ArrayList<>()).add(o);
            }
        }
        List<Group> out = new ArrayList<>();
        for (List<DxgObject> list : p.byType() ? byType.values() : List.of(objects)) {
            String[] texts = new String[list.size() > SHOWN ? 0 : list.size()]; /* more come in pages */
            for (int i = 0; i < texts.length; i++) {
                DxgObject o = list.get(i);
                texts[i] = o.type().label() + " " + o.handleHex() + (o.opened() ? " (opened)" : "") + ", made by "
                        + o.createdBy() + " at " + Formats.position(m, o.createdSeq());
            }
            out.add(new Group(list.isEmpty() ? null : list.get(0).type(), bytes(list), list, texts));
        }
        /* most bytes first, then most objects: the order of the process's types in the lower tree */
        out.sort(java.util.Comparator.comparingLong((Group g) -> -g.bytes()).thenComparingInt(g -> -g.objects().size()));
        return out;
    }

    private static void fill(TreeItem item, List<Group> groups, Pending p) {
        for (Group g : groups) {
            TreeItem parent = item;
            if (p.byType()) {
                parent = new TreeItem(item, SWT.NONE);
                parent.setText(0, g.type().label());
                if (p.owner() != null && g.type() != null) {
                    parent.setData(ABOUT, new Leaks.Group(p.owner(), g.type(), g.objects().size(), g.bytes()));
                }
                parent.setText(p.bytesColumn() - 1, String.valueOf(g.objects().size())); /* the objects column is before the bytes */
                if (g.bytes() > 0) {
                    parent.setText(p.bytesColumn(), Format.bytes(g.bytes()));
                }
            }
            rows(parent, g, p.bytesColumn(), p.offset());
        }
        if (p.byType() && item.getItemCount() == 1) {
            item.getItem(0).setExpanded(true);
        }
    }

    /**
     * One row per object (its handle, the call that made it and when); or, for more than
     * {@link #SHOWN}, a row per page ("objects 1–1,000"), or page of pages, that lists its objects
     * when expanded.
     */
    private static void rows(TreeItem parent, Group g, int bytesColumn, int offset) {
        if (g.paged()) {
            List<DxgObject> all = g.objects();
            for (Pages.Span span : Pages.of(all.size(), SHOWN)) {
                List<DxgObject> page = all.subList(span.from(), span.to());
                offer(parent, span.label(offset), new Pending(m -> page, false, bytesColumn, null, offset + span.from(),
                        page.size()));
            }
            return;
        }
        for (int i = 0; i < g.texts().length; i++) {
            DxgObject o = g.objects().get(i);
            TreeItem row = new TreeItem(parent, SWT.NONE);
            row.setText(0, g.texts()[i]);
            long size = o instanceof Allocation a ? a.size() : -1;
            if (size >= 0) {
                row.setText(bytesColumn, Format.bytes(size));
            }
            row.setData(o);
        }
    }

    private static long bytes(List<DxgObject> objects) {
        long sum = 0;
        for (DxgObject o : objects) {
            if (o instanceof Allocation a && a.size() > 0) {
                sum += a.size();
            }
        }
        return sum;
    }
}
