package dev.dxgscope.app;

import java.util.Map;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** Help > About: what dxgscope is and the versions of everything it runs on (copyable). */
final class AboutDialog extends TitleAreaDialog {
    private final Map<String, String> versions;

    AboutDialog(Shell parent, Map<String, String> versions) {
        super(parent);
        this.versions = versions;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("dxgscope " + versions.get("dxgscope"));
        setMessage("Inspector and debugger for the WSL2 paravirtualized GPU (/dev/dxg).");
        getShell().setText("About dxgscope");
        Table table = new Table(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        new TableColumn(table, SWT.LEFT).setText("Component");
        new TableColumn(table, SWT.LEFT).setText("Version");
        versions.forEach((name, version) -> new TableItem(table, SWT.NONE).setText(new String[] {name, version}));
        for (TableColumn column : table.getColumns()) {
            column.pack();
        }
        GridDataFactory.fillDefaults().grab(true, true).indent(8, 8).hint(560, 200).applyTo(table);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }
}
