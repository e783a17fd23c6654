package dev.dxgscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A cell's tooltip is its whole text exactly when the column cuts it. */
class CellToolTipsTest {
    private static final String LONG = "its creator released it, but a shared reference (fd 5 of pid 8641) keeps it alive";
    private final Display display = Display.getDefault();
    private final Shell shell = new Shell(display);

    @AfterEach
    void close() {
        shell.dispose();
    }

    @Test
    void aCutCellShowsItsWholeTextAndAWholeOneShowsNone() {
        shell.setLayout(new FillLayout());
        Tree tree = new Tree(shell, SWT.FULL_SELECTION);
        tree.setHeaderVisible(true);
        for (int width : new int[] {300, 120}) {
            new TreeColumn(tree, SWT.NONE).setWidth(width);
        }
        TreeItem item = new TreeItem(tree, SWT.NONE);
        item.setText(new String[] {"short", LONG});
        CellToolTips.install(tree);
        shell.setSize(600, 200);
        shell.open();
        while (display.readAndDispatch()) {
            /* lay out */
        }
        assertNull(CellToolTips.cutText(tree, centre(item.getBounds(0))), "a text that fits");
        assertEquals(LONG, CellToolTips.cutText(tree, centre(item.getBounds(1))), "a text the column cuts");
        assertNull(CellToolTips.cutText(tree, new Point(5, tree.getClientArea().height - 2)), "below the rows");

        tree.getColumn(1).setWidth(2000);
        assertNull(CellToolTips.cutText(tree, centre(item.getBounds(1))), "the column widened");
    }

    /** A table the same way; where nothing is cut, the table's own hint stays. */
    @Test
    void aCutTableCellShowsItsWholeText() {
        shell.setLayout(new FillLayout());
        org.eclipse.swt.widgets.Table table = new org.eclipse.swt.widgets.Table(shell, SWT.FULL_SELECTION);
        for (int width : new int[] {300, 120}) {
            new org.eclipse.swt.widgets.TableColumn(table, SWT.NONE).setWidth(width);
        }
        org.eclipse.swt.widgets.TableItem item = new org.eclipse.swt.widgets.TableItem(table, SWT.NONE);
        item.setText(new String[] {"short", LONG});
        CellToolTips.install(table, "Double-click: go to the call");
        shell.setSize(600, 200);
        shell.open();
        while (display.readAndDispatch()) {
            /* lay out */
        }
        assertEquals("Double-click: go to the call", table.getToolTipText());
        assertNull(CellToolTips.cutText(table, centre(item.getBounds(0))), "a text that fits");
        assertEquals(LONG, CellToolTips.cutText(table, centre(item.getBounds(1))), "a text the column cuts");
    }

    private static Point centre(Rectangle r) {
        return new Point(r.x + r.width / 2, r.y + r.height / 2);
    }
}
