package dev.dxgscope.app;

import java.lang.management.ManagementFactory;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
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
        configurer.setInitialSize(firstSize(Display.getDefault().getPrimaryMonitor().getClientArea()));
        configurer.setShowCoolBar(true);
        configurer.setShowStatusLine(true);
        configurer.setShowProgressIndicator(true);
        configurer.setTitle("dxgscope");
    }

    /**
     * The size of the very first window (later ones get the size the workbench saved): most of the
     * screen, since the views are dense tables and charts; 1280x800 where the screen has room for
     * no more, and never more than the screen.
     */
    static Point firstSize(Rectangle screen) {
        int w = Math.max(Math.min(1280, screen.width), screen.width * 85 / 100);
        int h = Math.max(Math.min(800, screen.height), screen.height * 85 / 100);
        return new Point(w, h);
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
