package dev.dxgscope.ui;

import java.net.URL;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Creates the perspective's views that sit behind other tabs, one per turn of the event loop
 * shortly after start-up, so a user's first click on a tab shows a view that is already made. A
 * view's first creation loads and compiles its code and has its widgets styled: 60-200 ms on the
 * UI thread; later ones take 30-60 ms, and bringing a made view to the front less. Views that are
 * not on screen do not refresh ({@link dev.dxgscope.ui.common.SessionView}), so the made views cost
 * nothing while a capture loads or the cursor moves.
 *
 * <p>Cost: a background Job loading this bundle's classes (a few hundred milliseconds of one
 * thread), then one view's creation per turn, {@link #GAP_MS} apart, within the first seconds; a
 * view the user has opened or closed by then is left alone.
 */
public final class ViewWarmup {
    static final int START_MS = 500;
    static final int GAP_MS = 150;
    /** Behind-the-tab views, in tab order. */
    static final List<String> VIEWS = List.of(ViewIds.ALLOCATIONS, ViewIds.LEAKS, ViewIds.ADAPTERS,
            ViewIds.RESIDENCY, ViewIds.SYNC, ViewIds.VMBUS);

    private static final Map<String, Double> CREATED_MS = new LinkedHashMap<>();
    private static volatile boolean finished;

    private ViewWarmup() {
    }

    /**
     * Loads and links dxgscope's view classes in a background Job (what a cold view creation spent
     * much of its time on), then makes the views on the UI thread, one per turn.
     */
    public static void schedule() {
        Display display = Display.getCurrent();
        Deque<String> ids = new ArrayDeque<>(VIEWS);
        long start = System.currentTimeMillis();
        Job job = Job.create("Preparing views", (IProgressMonitor monitor) -> {
            loadClasses(monitor);
            int wait = (int) Math.max(0, START_MS - (System.currentTimeMillis() - start));
            if (!display.isDisposed()) {
                display.asyncExec(() -> display.timerExec(wait, () -> createNext(display, ids)));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.setPriority(Job.DECORATE);
        job.schedule();
    }

    /**
     * Every class of this bundle, loaded and linked without being initialized: linking verifies a
     * class, which loads the SWT, JFace and JFreeChart classes it uses. No static initializer runs
     * off the UI thread.
     */
    private static void loadClasses(IProgressMonitor monitor) {
        Bundle bundle = FrameworkUtil.getBundle(ViewWarmup.class);
        Enumeration<URL> entries = bundle == null ? null : bundle.findEntries("dev/dxgscope/ui", "*.class", true);
        ClassLoader loader = ViewWarmup.class.getClassLoader();
        while (entries != null && entries.hasMoreElements() && !monitor.isCanceled()) {
            String path = entries.nextElement().getPath();
            String name = path.substring(path.indexOf("dev/dxgscope/ui"), path.length() - ".class".length())
                    .replace('/', '.');
            try {
                Class.forName(name, false, loader).getDeclaredMethods(); /* the VM links a class to list its methods */
            } catch (ClassNotFoundException | LinkageError e) {
                /* only a warm-up: the class loads when it is used */
            }
        }
    }

    /** Whether the warm-up has gone through every view. */
    public static boolean finished() {
        return finished;
    }

    /** How long each view the warm-up made took to make, in milliseconds, in order (UI thread only). */
    public static Map<String, Double> createdMs() {
        return new LinkedHashMap<>(CREATED_MS);
    }

    /** The view has a place in the window's layout (the user has not closed it) and is not made yet. */
    private static boolean inLayoutButNotMade(IWorkbenchWindow window, String id) {
        MWindow model = window.getService(MWindow.class);
        EModelService models = window.getService(EModelService.class);
        if (model == null || models == null) {
            return false;
        }
        /* a view's place in a perspective is a placeholder referring to the window's shared part */
        return models.findElements(model, id, MPlaceholder.class).stream().anyMatch(p -> p.isToBeRendered()
                && p.getParent() != null && p.getRef() instanceof MPart part && part.getObject() == null);
    }

    private static void createNext(Display display, Deque<String> ids) {
        if (display.isDisposed() || !PlatformUI.isWorkbenchRunning() || PlatformUI.getWorkbench().isClosing()) {
            return;
        }
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        String id;
        while (window != null && (id = ids.poll()) != null) {
            if (inLayoutButNotMade(window, id)) {
                long t0 = System.nanoTime();
                try {
                    /* E4's own call: the compatibility layer's showView(VIEW_CREATE) makes the view but then
                       fails to find it ("Abnormal Workbench Condition") */
                    window.getService(EPartService.class).showPart(id, PartState.CREATE);
                    CREATED_MS.put(id, (System.nanoTime() - t0) / 1e6);
                } catch (RuntimeException e) {
                    Platform.getLog(ViewWarmup.class).warn("Could not make the view " + id + " ahead of time", e);
                }
                break;
            }
        }
        if (ids.isEmpty()) {
            finished = true;
        } else {
            display.timerExec(GAP_MS, () -> createNext(display, ids));
        }
    }
}
