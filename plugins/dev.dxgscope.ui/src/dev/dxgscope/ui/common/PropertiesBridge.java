package dev.dxgscope.ui.common;

import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPartListener;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * Feeds every selection made through {@link Sessions#select} to the Properties view. Our views are
 * e4 POJO parts, and the compatibility layer forwards an e4 part's selection only to e4 listeners,
 * not to 3.x ones such as the Properties view; this listener closes that gap in one place.
 *
 * <p>When another capture is shown (or none), Properties is emptied: what it showed belongs to the
 * closed capture. Properties keeps a page per view, so the pages of the views that are not active
 * then are emptied when each view is next activated (they are remembered as stale until then).
 */
public final class PropertiesBridge implements SessionListener, IPartListener {
    private static PropertiesBridge installed;

    /** Views whose Properties page may still show an object of a capture that is no longer shown. */
    private final Set<IWorkbenchPart> stale = Collections.newSetFromMap(new IdentityHashMap<>());

    private PropertiesBridge() {
    }

    /** Installs the bridge once (the workbench advisor calls it at start-up, when the window is open). */
    public static synchronized void install() {
        if (installed == null) {
            installed = new PropertiesBridge();
            Sessions.get().addListener(installed);
            for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
                w.getPartService().addPartListener(installed);
            }
        }
    }

    @Override
    public void sessionChanged(CaptureSession session) {
        IWorkbenchPage page = activePage();
        if (page == null) {
            return;
        }
        for (IViewReference ref : page.getViewReferences()) {
            IWorkbenchPart part = ref.getPart(false);
            if (part != null && !IPageLayout.ID_PROP_SHEET.equals(ref.getId())) {
                stale.add(part);
            }
        }
        show(page, StructuredSelection.EMPTY);
    }

    @Override
    public void selected(Object selection, Object source) {
        IWorkbenchPage page = activePage();
        if (selection != null && page != null) {
            show(page, new StructuredSelection(selection));
        }
    }

    /**
     * A stale view is emptied once Properties has switched to its page: after the other part
     * listeners (Properties among them) have run, hence the asyncExec.
     */
    @Override
    public void partActivated(IWorkbenchPart part) {
        if (stale.remove(part)) {
            Display.getCurrent().asyncExec(() -> {
                IWorkbenchPage page = part.getSite().getPage();
                if (page.getActivePart() == part) {
                    show(page, StructuredSelection.EMPTY);
                } else {
                    stale.add(part);
                }
            });
        }
    }

    @Override
    public void partClosed(IWorkbenchPart part) {
        stale.remove(part);
    }

    @Override
    public void partBroughtToTop(IWorkbenchPart part) {
    }

    @Override
    public void partDeactivated(IWorkbenchPart part) {
    }

    @Override
    public void partOpened(IWorkbenchPart part) {
    }

    private static IWorkbenchPage activePage() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return null;
        }
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        return w == null ? null : w.getActivePage();
    }

    /** Gives the active part's Properties page the selection; the part is then no longer stale. */
    private void show(IWorkbenchPage page, StructuredSelection selection) {
        IViewPart sheet = page.findView(IPageLayout.ID_PROP_SHEET);
        IWorkbenchPart active = page.getActivePart();
        if (sheet instanceof ISelectionListener listener && active != null && active != sheet) {
            stale.remove(active);
            listener.selectionChanged(active, selection);
        }
    }
}
