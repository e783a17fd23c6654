package dev.dxgscope.ui.common;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

/**
 * A check box for a view's tool row whose tick stays visible. The workbench theme gives check
 * boxes in views their parent's background ({@code .View Button[style~='SWT.CHECK']}), and on
 * GTK's Adwaita a check box with a background of its own is drawn checked as an empty box unless
 * it also has a foreground of its own, which the tick is then drawn in. The widget foreground
 * color does not count (SWT takes it for the default), so the list foreground is used: the same
 * dark color on every light theme.
 */
public final class CheckBox {
    private CheckBox() {
    }

    public static Button create(Composite parent, String text, String toolTip) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(text);
        b.setToolTipText(toolTip);
        b.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        return b;
    }
}
