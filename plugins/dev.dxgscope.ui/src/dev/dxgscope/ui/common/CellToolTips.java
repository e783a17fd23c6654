package dev.dxgscope.ui.common;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Shows a tree or table cell's whole text as the tooltip when the cell is too narrow for it (long
 * leak reasons and object paths, dmesg lines): GTK cuts such text with no way to read the rest
 * short of widening the column. Cost: one text measurement per hover.
 */
public final class CellToolTips {
    /** Pixels a cell keeps around its text (padding, and the expander in the first column). */
    private static final int MARGIN = 8;

    private CellToolTips() {
    }

    public static void install(Tree tree) {
        tree.addListener(SWT.MouseHover, e -> tree.setToolTipText(cutText(tree, new Point(e.x, e.y))));
        tree.addListener(SWT.MouseExit, e -> tree.setToolTipText(null));
    }

    /** For a table: the cut cell's whole text on hover, else {@code otherwise} (the table's own hint). */
    public static void install(Table table, String otherwise) {
        table.setToolTipText(otherwise);
        table.addListener(SWT.MouseHover, e -> {
            String cut = cutText(table, new Point(e.x, e.y));
            table.setToolTipText(cut != null ? cut : otherwise);
        });
        table.addListener(SWT.MouseExit, e -> table.setToolTipText(otherwise));
    }

    /** The whole text of the cell at {@code p} when it does not fit its cell, else null. */
    static String cutText(Tree tree, Point p) {
        TreeItem item = tree.getItem(p);
        if (item == null) {
            return null;
        }
        for (int c = 0; c < Math.max(1, tree.getColumnCount()); c++) {
            Rectangle cell = item.getBounds(c);
            if (cell.contains(p)) {
                /* the column's width, not the cell's visible part: scrolling shows the rest of a wide column */
                return cut(tree, item.getText(c), tree.getColumnCount() == 0 ? cell.width : tree.getColumn(c).getWidth());
            }
        }
        return null;
    }

    /** The same for a table's cell. */
    static String cutText(Table table, Point p) {
        TableItem item = table.getItem(p);
        if (item == null) {
            return null;
        }
        for (int c = 0; c < Math.max(1, table.getColumnCount()); c++) {
            Rectangle cell = item.getBounds(c);
            if (cell.contains(p)) {
                return cut(table, item.getText(c), table.getColumnCount() == 0 ? cell.width : table.getColumn(c).getWidth());
            }
        }
        return null;
    }

    private static String cut(Control control, String text, int width) {
        GC gc = new GC(control);
        try {
            return gc.textExtent(text).x + MARGIN > width ? text : null;
        } finally {
            gc.dispose();
        }
    }
}
