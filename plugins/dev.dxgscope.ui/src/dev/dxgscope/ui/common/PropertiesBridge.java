package dev.dxgscope.ui.common;

import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.session.SessionListener;
import dev.dxgscope.ui.session.Sessions;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPartListener;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.IContributedContentsView;
import org.eclipse.ui.part.PageBookView;

/**
 * Feeds every selection made through {@link Sessions#select} to the Properties view. Our views are
 * e4 POJO parts, and the compatibility layer forwards an e4 part's selection only to e4 listeners,
 * not to 3.x ones such as the Properties view; this listener closes that gap in one place.
 *
 * <p>Properties makes a page (a tree with headers: 20 to 40 ms of the UI thread) for each view the
 * first time it is activated. Ours tell it, through an adapter, that their page is the one of a
 * single view (the first of ours activated, while it is open), so Properties makes one page for
 * all of them. A selection is made everywhere at once (each view shows it as it can), so the bridge
 * gives that page the current selection whenever one of our views is activated; when another
 * capture (or none) is shown, Properties is emptied: what it showed belongs to the closed capture.
 * Its page's values, cut by their column, show whole as tooltips ({@link CellToolTips}).
 */
public final class PropertiesBridge implements SessionListener, IPartListener {
    private static final String OUR_VIEWS = "dev.dxgscope.ui.";
    private static PropertiesBridge installed;

    /** The view whose Properties page all of ours share (null: none open yet). */
    private IWorkbenchPart hub;

    private PropertiesBridge() {
    }

    /** Installs the bridge once (the workbench advisor calls it at start-up, when the window is open). */
    public static synchronized void install() {
        if (installed == null) {
            installed = new PropertiesBridge();
            Platform.getAdapterManager().registerAdapters(installed.new SharedPage(), IWorkbenchPart.class);
            Sessions.get().addListener(installed);
            for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
                w.getPartService().addPartListener(installed);
            }
        }
    }

    @Override
    public void sessionChanged(CaptureSession session) {
        IWorkbenchPage page = activePage();
        if (page != null) {
            show(page, StructuredSelection.EMPTY);
        }
    }

    @Override
    public void selected(Object selection, Object source) {
        IWorkbenchPage page = activePage();
        if (selection != null && page != null) {
            show(page, new StructuredSelection(selection));
        }
    }

    /**
     * Shows the current selection once Properties has taken the view as its source: after the
     * other part listeners (Properties among them) have run, hence the asyncExec. A row another
     * view selected is selected here too, so Properties describes it, not nothing.
     */
    @Override
    public void partActivated(IWorkbenchPart part) {
        if (ours(part)) {
            Display.getCurrent().asyncExec(() -> {
                IWorkbenchPage page = part.getSite().getPage();
                if (page.getActivePart() == part) {
                    Object current = Sessions.get().selection();
                    show(page, current == null ? StructuredSelection.EMPTY : new StructuredSelection(current));
                }
            });
        }
    }

    @Override
    public void partClosed(IWorkbenchPart part) {
        if (part == hub) {
            hub = null; /* Properties drops its page; the next of ours activated gets a new one */
        }
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

    private static boolean ours(IWorkbenchPart part) {
        return part != null && part.getSite() != null && part.getSite().getId().startsWith(OUR_VIEWS);
    }

    private static IWorkbenchPage activePage() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return null;
        }
        IWorkbenchWindow w = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        return w == null ? null : w.getActivePage();
    }

    /** Gives Properties the selection of the active part. */
    private static void show(IWorkbenchPage page, StructuredSelection selection) {
        IViewPart sheet = page.findView(IPageLayout.ID_PROP_SHEET);
        IWorkbenchPart active = page.getActivePart();
        if (sheet instanceof ISelectionListener listener && active != null && active != sheet) {
            listener.selectionChanged(active, selection);
        }
        if (sheet instanceof PageBookView book && book.getCurrentPage() != null
                && book.getCurrentPage().getControl() instanceof Tree tree && tree.getData(TIPS) == null) {
            tree.setData(TIPS, Boolean.TRUE); /* a long value (a command line, a path) is cut by its column */
            CellToolTips.install(tree);
        }
    }

    /** Marks the Properties page's tree once it shows cut values whole on hover. */
    static final String TIPS = "dxgscope.cellToolTips";

    /**
     * Tells Properties that the page of each of our views is the hub's (its "contributing part"),
     * so it makes that page once and shows it for all of them.
     */
    private final class SharedPage implements IAdapterFactory {
        @Override
        public <T> T getAdapter(Object adaptable, Class<T> type) {
            if (type != IContributedContentsView.class || !(adaptable instanceof IWorkbenchPart p) || !ours(p)) {
                return null;
            }
            IContributedContentsView view = () -> {
                if (hub == null) {
                    hub = p;
                }
                return hub;
            };
            return type.cast(view);
        }

        @Override
        public Class<?>[] getAdapterList() {
            return new Class<?>[] {IContributedContentsView.class};
        }
    }
}
