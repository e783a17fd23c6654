package dev.dxgscope.ui.adapters;

import dev.dxgscope.jna.DeviceQuery;
import dev.dxgscope.model.adapters.DeviceStatus;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;

/**
 * The Adapters view: the adapters the live dxg device reports, or, when there is no usable
 * device, a plain statement of why and what to do instead. The query runs as a Job (visible in
 * the Progress view) because a device that hangs must not freeze the workbench.
 */
public final class AdaptersView {
    private final ESelectionService selection;
    private Composite stack;
    private StackLayout layout;
    private UnavailablePage unavailablePage;
    private AdapterTable table;

    @Inject
    public AdaptersView(ESelectionService selection) {
        this.selection = selection;
    }

    @PostConstruct
    void createControls(Composite parent) {
        stack = new Composite(parent, SWT.NONE);
        layout = new StackLayout();
        stack.setLayout(layout);
        unavailablePage = new UnavailablePage(stack, this::refresh);
        table = new AdapterTable(stack, this::refresh, selection::setSelection);
        unavailablePage.showQuerying(DeviceQuery.defaultDevice());
        layout.topControl = unavailablePage.control();
        refresh();
    }

    /** Queries the device again in the background and shows the result. */
    public void refresh() {
        Job job = Job.create("Querying dxg device adapters", (IProgressMonitor monitor) -> {
            DeviceStatus status = DeviceQuery.query(null);
            if (!stack.isDisposed()) {
                stack.getDisplay().asyncExec(() -> show(status));
            }
            return Status.OK_STATUS;
        });
        job.setUser(false);
        job.schedule();
    }

    private void show(DeviceStatus status) {
        if (stack.isDisposed()) {
            return;
        }
        switch (status) {
            case DeviceStatus.Unavailable u -> {
                unavailablePage.show(u);
                layout.topControl = unavailablePage.control();
            }
            case DeviceStatus.Available a -> {
                table.show(a);
                layout.topControl = table.control();
            }
        }
        stack.layout(true, true);
    }

    @Focus
    void setFocus() {
        layout.topControl.setFocus();
    }
}
