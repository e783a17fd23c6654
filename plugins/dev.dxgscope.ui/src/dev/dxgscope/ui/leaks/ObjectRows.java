package dev.dxgscope.ui.leaks;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.analysis.Leaks;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.DxgProcess;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.common.Pages;
import dev.dxgscope.ui.session.CaptureSession;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
    static void install(Tree tree, Supplier<CaptureSession> session, Consumer<TreeItem> filled) {
        tree.addListener(SWT.Expand, e -> {
            if (e.item instanceof TreeItem item) {
                list(item, session.get(), filled, false);
            }
        });
    }

    /**
     * Lists the objects of an item {@link #offer}ed, if they are not listed yet, and expands it
     * (as expanding it does); {@code filled} is called once its rows are there. Listing a row
     * again after a rebuild ({@code again}) makes a short list at once, so a live update does not
     * flash "Listing..." where the user's rows were; anything longer is listed in a Job.
     */
    static void list(TreeItem item, CaptureSession s, Consumer<TreeItem> filled, boolean again) {
        if (s == null || !(item.getData() instanceof Pending p)) {
            return;
        }
        item.setData(null);
        item.removeAll();
        Tree tree = item.getParent();
        if (again && p.count() <= SHOWN) {
            show(item, s.read(m -> groups(m, p)), p, filled);
            return;
        }
        new TreeItem(item, SWT.NONE).setText(0, LISTING);
        item.setExpanded(true);
        org.eclipse.swt.widgets.Display display = tree.getDisplay();
        Job job = Job.create("Listing objects", monitor -> {
            if (item.isDisposed()) {
                return; /* the tree was rebuilt (a live update) before the listing began */
            }
            List<Group> groups = s.read(m -> groups(m, p));
            if (display.isDisposed()) {
                return;
            }
            display.asyncExec(() -> {
                if (!item.isDisposed()) {
                    tree.setRedraw(false);
                    try {
                        item.removeAll();
                        show(item, groups, p, filled);
                    } finally {
                        tree.setRedraw(true);
                    }
                }
            });
        });
        job.setSystem(true);
        job.schedule();
    }

    /** Makes an item's rows from its listed objects (none when the capture was closed meanwhile), open. */
    private static void show(TreeItem item, List<Group> groups, Pending p, Consumer<TreeItem> filled) {
        fill(item, groups == null ? List.of() : groups, p);
        item.setExpanded(true); /* after the rows: GTK does not open a row without any */
        filled.accept(item);
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
