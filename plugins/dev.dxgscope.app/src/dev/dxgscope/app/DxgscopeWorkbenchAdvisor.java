package dev.dxgscope.app;

import dev.dxgscope.ui.ChartWarmup;
import dev.dxgscope.ui.ViewIds;
import dev.dxgscope.ui.ViewWarmup;
import dev.dxgscope.ui.commands.LiveCommandsEnablement;
import dev.dxgscope.ui.common.PropertiesBridge;
import org.eclipse.ui.application.IWorkbenchConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.core.runtime.Platform;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.application.WorkbenchAdvisor;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/** Opens every window on the dxgscope perspective; window layout is not restored between runs. */
final class DxgscopeWorkbenchAdvisor extends WorkbenchAdvisor {
    @Override
    public void initialize(IWorkbenchConfigurer configurer) {
        configurer.setSaveAndRestore(false);
    }

    @Override
    public String getInitialWindowPerspectiveId() {
        return ViewIds.PERSPECTIVE;
    }

    /** Command-line arguments: a capture file to open, or {@code --demo} (what the README's run command passes). */
    @Override
    public void postStartup() {
        PropertiesBridge.install();
        LiveCommandsEnablement.install();
        ChartWarmup.schedule();
        ViewWarmup.schedule();
        StartupArguments.apply(Platform.getApplicationArgs(), PlatformUI.getWorkbench().getActiveWorkbenchWindow()
                .getShell());
    }

    @Override
    public WorkbenchWindowAdvisor createWorkbenchWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        return new DxgscopeWindowAdvisor(configurer);
    }
}
