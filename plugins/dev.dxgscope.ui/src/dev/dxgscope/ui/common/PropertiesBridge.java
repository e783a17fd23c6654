package dev.dxgscope.ui.common;

import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Feeds every selection made through {@link Sessions#select} to the Properties view. Our views are
 * e4 POJO parts, and the compatibility layer forwards an e4 part's selection only to e4 listeners,
 * not to 3.x ones such as the Properties view; this listener closes that gap in one place. When
 * another capture is shown (or none), Properties is emptied: what it showed belongs to the closed
 * capture.
 */
public final class PropertiesBridge implements SessionListener {
    private static PropertiesBridge installed;

    private PropertiesBridge() {
    }

    /** Installs the bridge once (the workbench advisor calls it at start-up). */
    public static synchronized void install() {
        if (installed == null) {
            installed = new PropertiesBridge();
            Sessions.get().addListener(installed);
        }
    }

    @Override
    public void sessionChanged(CaptureSession session) {
        show(StructuredSelection.EMPTY);
    }

    @Override
    public void selected(Object selection, Object source) {
        if (selection != null) {
            show(new StructuredSelection(selection));
        }
    }

    private static void show(StructuredSelection selection) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        IWorkbenchPage page = w == null ? null : w.getActivePage();
        if (page == null) {
            return;
        }
        IViewPart sheet = page.findView(IPageLayout.ID_PROP_SHEET);
        IWorkbenchPart active = page.getActivePart();
        if (sheet instanceof ISelectionListener listener && active != null && active != sheet) {
            listener.selectionChanged(active, selection);
        }
    }
}
