package dev.dxgscope.ui.adapters;

import dev.dxgscope.model.adapters.DeviceStatus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/** The page the Adapters view shows when this machine's device cannot be asked: problem, reason, advice. */
final class UnavailablePage {
    private final Composite page;
    private final Label title;
    private final Label problem;
    private final Label advice;

    UnavailablePage(Composite parent, Runnable retry) {
        page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(16, 16).spacing(8, 10).applyTo(page);
        title = new Label(page, SWT.NONE);
        title.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);
        problem = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(problem);
        advice = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(advice);
        Button again = new Button(page, SWT.PUSH);
        again.setText("Query the device again");
        again.addListener(SWT.Selection, e -> retry.run());
    }

    Control control() {
        return page;
    }

    void showQuerying() {
        title.setText("Querying the dxg device ...");
        problem.setText("");
        advice.setText("");
    }

    /**
     * The device's problem; with a capture open, the title says it is this machine's device that is
     * missing, not the capture's adapters (they are listed below).
     */
    void show(DeviceStatus.Unavailable status, boolean captureOpen) {
        title.setText(captureOpen ? "No dxg device on this machine (the capture's adapters are below)"
                : "No dxg device available");
        problem.setText(status.problem());
        advice.setText(status.advice());
    }
}
