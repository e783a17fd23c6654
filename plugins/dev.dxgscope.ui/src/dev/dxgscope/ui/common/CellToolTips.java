package dev.dxgscope.ui.common;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Shows a tree cell's whole text as the tooltip when the cell is too narrow for it (long leak
 * reasons and object paths): GTK cuts such text with no way to read the rest short of widening the
 * column. Cost: one text measurement per hover.
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

    /** The whole text of the cell at {@code p} when it does not fit its cell, else null. */
    static String cutText(Tree tree, Point p) {
        TreeItem item = tree.getItem(p);
        if (item == null) {
            return null;
        }
        for (int c = 0; c < Math.max(1, tree.getColumnCount()); c++) {
            Rectangle cell = item.getBounds(c);
            if (cell.contains(p)) {
                String text = item.getText(c);
                /* the column's width, not the cell's visible part: scrolling shows the rest of a wide column */
                int width = tree.getColumnCount() == 0 ? cell.width : tree.getColumn(c).getWidth();
                GC gc = new GC(tree);
                try {
                    return gc.textExtent(text).x + MARGIN > width ? text : null;
                } finally {
                    gc.dispose();
                }
            }
        }
        return null;
    }
}
