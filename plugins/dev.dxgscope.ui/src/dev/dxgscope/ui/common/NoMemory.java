package dev.dxgscope.ui.common;

import dev.dxgscope.model.MemoryGuard;
import java.util.function.Consumer;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.widgets.Display;

/**
 * What a view says when the heap has no room for what it would show (a capture near the memory
 * limit): the view shows the sentence where its summary goes, rather than an internal error from
 * the job framework and a view that still says "No capture open". The memory the failed work took
 * is garbage again, so the rest of the workbench goes on.
 */
public final class NoMemory {
    private NoMemory() {
    }

    /** "Not enough memory to show WHAT (dxgscope may use 4 GiB): ...". */
    public static String text(String what) {
        return "Not enough memory to show " + what + " " + MemoryGuard.moreMemory();
    }

    /**
     * Runs a view's background work; if the heap has no room for it, {@code say} gets
     * {@link #text} on the UI thread instead, unless the work was cancelled (a newer request
     * replaced it: its answer is the one to show).
     */
    public static void guard(Display display, String what, IProgressMonitor monitor, Consumer<String> say, Runnable work) {
        try {
            work.run();
        } catch (OutOfMemoryError e) {
            String t = text(what);
            if (!monitor.isCanceled() && !display.isDisposed()) {
                display.asyncExec(() -> {
                    if (!monitor.isCanceled()) {
                        say.accept(t);
                    }
                });
            }
        }
    }
}
