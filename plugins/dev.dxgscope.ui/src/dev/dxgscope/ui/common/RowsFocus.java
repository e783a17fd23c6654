package dev.dxgscope.ui.common;

import org.eclipse.swt.widgets.Control;

/**
 * Where a view with a table or tree puts the keyboard focus when it is shown. GTK selects the first
 * row of a table or tree that gets the focus with no row selected, and that selection would go to
 * every view and to Properties just because the view was shown; so the rows get the focus only
 * when one of them is selected, and another control (a filter box) gets it otherwise.
 */
public final class RowsFocus {
    private RowsFocus() {
    }

    public static void focus(Control rows, boolean rowSelected, Control otherwise) {
        (rowSelected ? rows : otherwise).setFocus();
    }
}
