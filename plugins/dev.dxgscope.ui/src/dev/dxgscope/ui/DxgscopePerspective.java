package dev.dxgscope.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The dxgscope perspective: the inspector views on top; the Log, Progress and Error Log below, with
 * Properties beside them.
 */
public final class DxgscopePerspective implements IPerspectiveFactory {
    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editor = layout.getEditorArea();
        IFolderLayout main = layout.createFolder("dev.dxgscope.ui.main", IPageLayout.TOP, 0.70f, editor);
        main.addView(ViewIds.PROCESSES);
        main.addView(ViewIds.ALLOCATIONS);
        main.addView(ViewIds.LEAKS);
        main.addView(ViewIds.ADAPTERS);
        main.addView(ViewIds.RESIDENCY);
        main.addView(ViewIds.SYNC);
        main.addView(ViewIds.VMBUS);
        IFolderLayout bottom = layout.createFolder("dev.dxgscope.ui.bottom", IPageLayout.BOTTOM, 0.70f,
                "dev.dxgscope.ui.main");
        bottom.addView(ViewIds.LOG);
        bottom.addView(ViewIds.PROGRESS);
        bottom.addView(ViewIds.ERROR_LOG);
        /* beside the Log, not behind it: a log row's properties show while the row is selected */
        IFolderLayout side = layout.createFolder("dev.dxgscope.ui.properties", IPageLayout.RIGHT, 0.60f,
                "dev.dxgscope.ui.bottom");
        side.addView(ViewIds.PROPERTIES);
        for (String id : new String[] {ViewIds.PROCESSES, ViewIds.ALLOCATIONS, ViewIds.LEAKS, ViewIds.RESIDENCY,
            ViewIds.SYNC, ViewIds.VMBUS, ViewIds.ADAPTERS, ViewIds.PROPERTIES, ViewIds.LOG, ViewIds.PROGRESS,
            ViewIds.ERROR_LOG}) {
            layout.addShowViewShortcut(id);
        }
    }
}
