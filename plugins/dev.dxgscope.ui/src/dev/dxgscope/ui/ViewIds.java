package dev.dxgscope.ui;

/** Ids of the views the dxgscope perspective shows, ours and the platform's. */
public final class ViewIds {
    public static final String PERSPECTIVE = "dev.dxgscope.ui.perspective";
    public static final String ADAPTERS = "dev.dxgscope.ui.adapters";
    public static final String PROCESSES = "dev.dxgscope.ui.processes";
    public static final String ALLOCATIONS = "dev.dxgscope.ui.allocations";
    public static final String LEAKS = "dev.dxgscope.ui.leaks";
    public static final String VMBUS = "dev.dxgscope.ui.vmbus";
    public static final String LOG = "dev.dxgscope.ui.log";
    public static final String RESIDENCY = "dev.dxgscope.ui.residency";
    public static final String SYNC = "dev.dxgscope.ui.sync";
    public static final String PROPERTIES = "org.eclipse.ui.views.PropertySheet";
    public static final String PROGRESS = "dev.dxgscope.ui.progress";
    public static final String ERROR_LOG = "org.eclipse.pde.runtime.LogView";

    private ViewIds() {
    }
}
