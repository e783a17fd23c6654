package dev.dxgscope.ui.vmbus;

import dev.dxgscope.model.analysis.VmbusFilter;
import java.util.function.Consumer;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * The display filter box: parses as the user types (after a short pause, at once on Enter); a
 * mistake shows inline under the box, with where it is, and the list keeps the last filter that
 * parsed, so typing never empties the list by accident. The tooltip documents the syntax.
 */
final class FilterBox {
    private static final int PAUSE_MS = 300;

    private final Text text;
    private final Label error;
    private final Consumer<VmbusFilter> applied;
    private VmbusFilter filter = VmbusFilter.all();
    private int edits;

    FilterBox(Composite row, Composite errorParent, Consumer<VmbusFilter> applied) {
        this.applied = applied;
        text = new Text(row, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        text.setMessage("filter, e.g. command == MAKERESIDENT && status != 0");
        text.setToolTipText(VmbusFilter.SYNTAX);
        error = new Label(errorParent, SWT.WRAP);
        error.setForeground(error.getDisplay().getSystemColor(SWT.COLOR_RED));
        GridDataFactory.fillDefaults().grab(true, false).exclude(true).applyTo(error);
        error.setVisible(false);
        text.addModifyListener(e -> {
            int mine = ++edits;
            text.getDisplay().timerExec(PAUSE_MS, () -> {
                if (mine == edits && !text.isDisposed()) {
                    parse();
                }
            });
        });
        text.addListener(SWT.DefaultSelection, e -> {
            edits++;
            parse();
        });
    }

    Text control() {
        return text;
    }

    VmbusFilter filter() {
        return filter;
    }

    /** The error shown, "" when the text parses. */
    String error() {
        return error.getVisible() ? error.getText() : "";
    }

    /** Sets the text and applies it now (tests, and "filter on this value" actions). */
    void set(String value) {
        text.setText(value);
        edits++;
        parse();
    }

    private void parse() {
        try {
            VmbusFilter f = VmbusFilter.parse(text.getText());
            showError(null);
            if (!f.text().equals(filter.text())) {
                filter = f;
                applied.accept(f);
            }
        } catch (VmbusFilter.SyntaxError e) {
            showError(e.getMessage() + (filter.showsAll() ? "; showing every message"
                    : "; still showing: " + filter.text()));
        }
    }

    private void showError(String message) {
        boolean show = message != null;
        error.setText(show ? "⚠ " + message : "");
        error.setVisible(show);
        ((GridData) error.getLayoutData()).exclude = !show;
        error.getParent().layout(true, true);
    }
}
