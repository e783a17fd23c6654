package dev.dxgscope.ui.commands;

import dev.dxgscope.jna.DeviceQuery;
import dev.dxgscope.ui.session.NativeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * Live Session: record a command under the probe (on the real device, or on a private simulator
 * where there is none), or sample the device for snapshots.
 */
final class LiveSessionDialog extends Dialog {
    private Text command;
    private Button simulator;
    private Button snapshot;
    private String commandValue = "";
    private boolean simulatorValue;
    private boolean snapshotValue;

    LiveSessionDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Live Session");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        c.setLayout(new GridLayout(1, false));
        new Label(c, SWT.WRAP).setText("Command to record under the probe (the views follow the capture as it grows):");
        command = new Text(c, SWT.BORDER);
        Path w = NativeTools.workloads();
        command.setText(w != null ? w.resolve("render-loop").toString() + " 600 16" : "");
        GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(command);
        boolean device = Files.exists(Path.of(DeviceQuery.defaultDevice()));
        simulator = new Button(c, SWT.CHECK);
        simulator.setText("On the simulator (dxgsim)" + (device ? "" : ": there is no " + DeviceQuery.defaultDevice()
                + " on this machine"));
        simulator.setSelection(!device);
        snapshot = new Button(c, SWT.CHECK);
        snapshot.setText("Instead, sample the device (adapters, budgets, processes) until stopped");
        snapshot.addListener(SWT.Selection, e -> command.setEnabled(!snapshot.getSelection()));
        return c;
    }

    @Override
    protected void okPressed() {
        commandValue = command.getText();
        simulatorValue = simulator.getSelection();
        snapshotValue = snapshot.getSelection();
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "Start", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    String command() {
        return commandValue;
    }

    boolean simulator() {
        return simulatorValue;
    }

    boolean snapshot() {
        return snapshotValue;
    }
}
