package dev.dxgscope.ui.leaks;

import dev.dxgscope.model.analysis.Format;
import dev.dxgscope.model.state.Allocation;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;
import dev.dxgscope.model.state.ObjectType;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.session.CaptureSession;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Rows of single objects under a Leaks row, made when the row is first expanded (a suspect can keep
 * a million allocations): what MAT lists under an accumulation point. A suspect's objects come by
 * type, each type with its count and bytes; a type held by a process lists its objects directly.
 * At most {@link #SHOWN} objects of a type become rows; a last row says how many more there are.
 */
final class ObjectRows {
    /** Objects of one type shown as rows; more than this would only slow the tree down. */
    static final int SHOWN = 1000;

    /** Object rows still to make: which objects, whether to group them by type, and the column of bytes. */
    record Pending(Function<CaptureModel, List<DxgObject>> objects, boolean byType, int bytesColumn) {
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

    /** Makes the rows of an item {@link #offer}ed in {@code tree} when it is first expanded. */
    static void install(Tree tree, Supplier<CaptureSession> session) {
        tree.addListener(SWT.Expand, e -> {
            CaptureSession s = session.get();
            if (s != null && e.item instanceof TreeItem item && item.getData() instanceof Pending p) {
                item.setData(null);
                item.removeAll();
                fill(item, s.read(p.objects()), p, s);
            }
        });
    }

    private static void fill(TreeItem item, List<DxgObject> objects, Pending p, CaptureSession s) {
        if (objects == null) {
            return;
        }
        if (!p.byType()) {
            rows(item, objects, p.bytesColumn(), s);
            return;
        }
        Map<ObjectType, List<DxgObject>> byType = new EnumMap<>(ObjectType.class);
        for (DxgObject o : objects) {
            byType.computeIfAbsent(o.type(), t -> new java.util.ArrayList<>()).add(o);
        }
        byType.forEach((type, list) -> {
            TreeItem t = new TreeItem(item, SWT.NONE);
            long bytes = bytes(list);
            t.setText(0, type.label());
            t.setText(p.bytesColumn() - 1, String.valueOf(list.size())); /* the objects column is before the bytes */
            if (bytes > 0) {
                t.setText(p.bytesColumn(), Format.bytes(bytes));
            }
            rows(t, list, p.bytesColumn(), s);
        });
        if (item.getItemCount() == 1) {
            item.getItem(0).setExpanded(true);
        }
    }

    /** One row per object (its handle, the call that made it and when), then how many were left out. */
    private static void rows(TreeItem parent, List<DxgObject> objects, int bytesColumn, CaptureSession s) {
        int shown = Math.min(SHOWN, objects.size());
        String[] made = new String[shown];
        s.read(m -> {
            for (int i = 0; i < shown; i++) {
                made[i] = Formats.position(m, objects.get(i).createdSeq());
            }
            return made;
        });
        for (int i = 0; i < shown; i++) {
            DxgObject o = objects.get(i);
            TreeItem row = new TreeItem(parent, SWT.NONE);
            row.setText(0, o.type().label() + " " + o.handleHex() + (o.opened() ? " (opened)" : "") + ", made by "
                    + o.createdBy() + " at " + made[i]);
            long size = o instanceof Allocation a ? a.size() : -1;
            if (size >= 0) {
                row.setText(bytesColumn, Format.bytes(size));
            }
            row.setData(o);
        }
        if (objects.size() > shown) {
            new TreeItem(parent, SWT.NONE).setText(0, "... and " + (objects.size() - shown) + " more "
                    + "(the first " + shown + " are listed)");
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
