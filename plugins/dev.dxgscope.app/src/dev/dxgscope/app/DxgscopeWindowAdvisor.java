package dev.dxgscope.app;

import java.lang.management.ManagementFactory;
import org.eclipse.swt.graphics.Point;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;
import org.eclipse.ui.application.IWorkbenchWindowConfigurer;
import org.eclipse.ui.application.WorkbenchWindowAdvisor;

/**
 * Window title, size and bars (the main toolbar holds the session buttons and the time cursor);
 * captures dropped on the window open; reports on stdout how long the first window took to appear.
 */
final class DxgscopeWindowAdvisor extends WorkbenchWindowAdvisor {
    private static boolean startupReported;

    DxgscopeWindowAdvisor(IWorkbenchWindowConfigurer configurer) {
        super(configurer);
    }

    @Override
    public ActionBarAdvisor createActionBarAdvisor(IActionBarConfigurer configurer) {
        return new DxgscopeActionBarAdvisor(configurer);
    }

    @Override
    public void preWindowOpen() {
        IWorkbenchWindowConfigurer configurer = getWindowConfigurer();
        configurer.setInitialSize(new Point(1280, 800));
        configurer.setShowCoolBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setTitle("dxgscope");
    }

    @Override
    public void postWindowOpen() {
        CaptureDrop.install(getWindowConfigurer().getWindow().getShell());
        if (!startupReported) {
            startupReported = true;
            long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.println("dxgscope: window shown " + ms + " ms after JVM start");
        }
    }
}
