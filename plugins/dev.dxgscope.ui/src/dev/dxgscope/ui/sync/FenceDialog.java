package dev.dxgscope.ui.sync;

import dev.dxgscope.ui.sync.SyncData.FenceLine;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/** "Fences…": which fences get a track in the Sync objects chart, with their waits and signals to choose by. */
final class FenceDialog extends Dialog {
    private final List<FenceLine> fences;
    private final List<Integer> initial;
    private final List<Integer> withWaits;
    private CheckboxTableViewer viewer;
    private List<Integer> chosen;

    FenceDialog(Shell shell, List<FenceLine> fences, List<Integer> shown, List<Integer> withWaits) {
        super(shell);
        this.fences = fences;
        this.initial = shown;
        this.withWaits = withWaits;
    }

    /** The fence ids chosen, in capture order (after OK). */
    List<Integer> chosen() {
        return chosen;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Fences to Show");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        c.setLayout(new GridLayout(4, false));
        Label l = new Label(c, SWT.WRAP);
        l.setText("Each checked fence gets a track: its value over time, its waits and the signals that satisfied them.");
        GridDataFactory.fillDefaults().span(4, 1).applyTo(l);
        viewer = CheckboxTableViewer.newCheckList(c, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        column("Fence", 280, FenceLine::label);
        column("Kind", 110, FenceLine::kind);
        column("Waits", 60, f -> Integer.toString(f.waits()));
        column("Stuck", 60, f -> Integer.toString(f.stuck()));
        column("Signals", 65, f -> Integer.toString(f.signals()));
        column("Last value", 90, f -> f.lastValue() < 0 ? "unknown" : Long.toString(f.lastValue()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setInput(fences);
        check(initial);
        GridDataFactory.fillDefaults().grab(true, true).span(4, 1).hint(SWT.DEFAULT, 300).applyTo(viewer.getTable());
        button(c, "Fences with Waits", () -> check(withWaits));
        button(c, "All", () -> viewer.setAllChecked(true));
        button(c, "None", () -> viewer.setAllChecked(false));
        return c;
    }

    private void column(String title, int width, Function<FenceLine, String> text) {
        TableViewerColumn col = new TableViewerColumn(viewer, SWT.NONE);
        col.getColumn().setText(title);
        col.getColumn().setWidth(width);
        col.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((FenceLine) e);
            }
        });
    }

    private void check(List<Integer> ids) {
        for (FenceLine f : fences) {
            viewer.setChecked(f, ids.contains(f.id()));
        }
    }

    private static void button(Composite c, String text, Runnable r) {
        Button b = new Button(c, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> r.run());
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == IDialogConstants.OK_ID) {
            chosen = new ArrayList<>();
            for (FenceLine f : fences) {
                if (viewer.getChecked(f)) {
                    chosen.add(f.id());
                }
            }
        }
        super.buttonPressed(id);
    }
}
