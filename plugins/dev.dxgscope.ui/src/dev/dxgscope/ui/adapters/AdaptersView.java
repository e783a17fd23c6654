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
import org.eclipse.swt.custom.SashForm;
import dev.dxgscope.ui.common.Formats;
import dev.dxgscope.ui.common.SessionView;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionJobs;
import java.util.List;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.widgets.Composite;

/**
 * The Adapters view: the adapters the live dxg device reports (queried again every few seconds),
 * or, when there is no usable device, a plain statement of why and what to do instead; below, the
 * adapters of the open capture at the time cursor, with the processes using them and their budgets. The query runs as a Job (visible in
 * the Progress view) because a device that hangs must not freeze the workbench.
 */
public final class AdaptersView extends SessionView {
    /** Preference (seconds between live device queries; 0 = only on Refresh). */
    public static final String POLL_SECONDS = "adaptersPollSeconds";
    public static final int DEFAULT_POLL_SECONDS = 5;

    private final ESelectionService selection;
    private CaptureAdapters captured;
    private SashForm sash;
    /** Whether the device answered at the last query (null before the first): the split follows it. */
    private Boolean deviceAvailable;
    private Composite stack;
    private StackLayout layout;
    private UnavailablePage unavailablePage;
    private AdapterTable table;
    /** The device's answer to the last query (null before the first). */
    private DeviceStatus.Unavailable unavailable;

    @Inject
    public AdaptersView(ESelectionService selection) {
        this.selection = selection;
    }

    @PostConstruct
    void createControls(Composite parent) {
        sash = new SashForm(parent, SWT.VERTICAL);
        stack = new Composite(sash, SWT.NONE);
        layout = new StackLayout();
        stack.setLayout(layout);
        unavailablePage = new UnavailablePage(stack, this::query);
        table = new AdapterTable(stack, this::query, selection::setSelection);
        unavailablePage.showQuerying(); /* not DeviceQuery.defaultDevice(): it loads the native library */
        layout.topControl = unavailablePage.control();
        captured = new CaptureAdapters(sash);
        sash.setWeights(55, 45);
        attach(sash);
        query();
        poll();
    }

    /** Queries the device again every few seconds (the interval is a preference). */
    private void poll() {
        int seconds = InstanceScope.INSTANCE.getNode(SessionJobs.PLUGIN).getInt(POLL_SECONDS, DEFAULT_POLL_SECONDS);
        if (seconds > 0 && !stack.isDisposed()) {
            stack.getDisplay().timerExec(seconds * 1000, () -> {
                if (!stack.isDisposed()) {
                    query();
                    poll();
                }
            });
        }
    }

    /** Another capture, or none: the device's title says whether the capture's adapters are below. */
    @Override
    public void sessionChanged(CaptureSession s) {
        if (unavailable != null && !stack.isDisposed()) {
            unavailablePage.show(unavailable, s != null);
        }
        super.sessionChanged(s);
    }

    /** The capture part: the adapters of the current capture at the time cursor. */
    @Override
    protected void refresh() {
        CaptureSession s = session();
        long seq = cursor();
        if (s == null) {
            captured.show("No capture open: adapters seen in a capture appear here", List.of());
            return;
        }
        List<String[]> rows = s.read(m -> CaptureAdapters.rows(m, seq));
        String at = s.read(m -> Formats.position(m, seq));
        captured.show("Adapters in " + s.title() + " at " + at, rows == null ? List.of() : rows);
    }

    /** Queries the device again in the background and shows the result. */
    public void query() {
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
                unavailable = u;
                unavailablePage.show(u, session() != null);
                layout.topControl = unavailablePage.control();
            }
            case DeviceStatus.Available a -> {
                unavailable = null;
                table.show(a);
                layout.topControl = table.control();
            }
        }
        boolean available = status instanceof DeviceStatus.Available;
        if (deviceAvailable == null || deviceAvailable != available) {
            /* no device: its note needs a few lines, the capture's adapters the room (set on a change
             * only, so a split the user dragged stays) */
            int total = sash.getClientArea().height;
            int note = unavailablePage.control().computeSize(Math.max(sash.getClientArea().width, 400), SWT.DEFAULT).y + 8;
            if (available) {
                sash.setWeights(55, 45);
            } else if (total > note * 2) {
                sash.setWeights(note, total - note);
            } else {
                sash.setWeights(40, 60);
            }
            deviceAvailable = available;
        }
        stack.layout(true, true);
    }

    @Focus
    void setFocus() {
        layout.topControl.setFocus();
    }
}
