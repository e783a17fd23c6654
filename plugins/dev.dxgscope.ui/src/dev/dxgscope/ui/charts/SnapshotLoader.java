package dev.dxgscope.ui.charts;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.session.CaptureSession;
import dev.dxgscope.ui.common.NoMemory;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

/**
 * Copies what a chart view shows out of the model in a Job (under the session's lock, which a live
 * capture's reader takes between batches), then hands the copy to the view on the UI thread. Only
 * the newest request is shown: a copy overtaken by a newer request is dropped. {@link #busy()} lets
 * tests wait for the view to be up to date.
 */
public final class SnapshotLoader<T> {
    /** Job family of every snapshot job (tests join it). */
    public static final Object FAMILY = SnapshotLoader.class;
    private final String name;
    private final Control owner;
    private final Display display;
    private final Consumer<T> show;
    private final Consumer<String> failed;
    private int generation;
    private int running;

    /** {@code failed} shows, instead of a copy, why none could be made (no room in the heap). */
    public SnapshotLoader(String name, Control owner, Consumer<T> show, Consumer<String> failed) {
        this.name = name;
        this.owner = owner;
        this.display = owner.getDisplay();
        this.show = show;
        this.failed = failed;
    }

    /** Reads {@code read} from the session's model in the background, then shows it; UI thread. */
    public void load(CaptureSession session, Function<CaptureModel, T> read) {
        int gen = ++generation;
        running++;
        Job job = new Job(name) {
            @Override
            protected IStatus run(org.eclipse.core.runtime.IProgressMonitor monitor) {
                Object[] value = {null};
                try {
                    value[0] = session.read(read);
                    return Status.OK_STATUS;
                } catch (RuntimeException e) {
                    return new Status(IStatus.ERROR, "dev.dxgscope.ui", name + " failed", e);
                } catch (OutOfMemoryError e) {
                    value[0] = new NoRoom(noRoom());
                    return Status.OK_STATUS;
                } finally {
                    deliver(gen, value[0]);
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    @SuppressWarnings("unchecked")
    private void deliver(int gen, Object value) {
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            running--;
            if (gen == generation && !owner.isDisposed() && value != null) {
                if (value instanceof NoRoom r) {
                    failed.accept(r.text());
                    return;
                }
                try {
                    show.accept((T) value);
                } catch (OutOfMemoryError e) {
                    failed.accept(noRoom());
                }
            }
        });
    }

    /** No copy: the heap had no room for it. */
    private record NoRoom(String text) {
    }

    /** What the view says when its copy found no room. */
    private String noRoom() {
        return NoMemory.text("the " + name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Drops every copy still being made (the view now shows no session); UI thread. */
    public void cancel() {
        generation++;
    }

    /** Shows {@code value} now (no session: an empty chart), dropping every copy still being made; UI thread. */
    public void showNow(T value) {
        cancel();
        show.accept(value);
    }

    /** Whether a copy is still being made or waits to be shown. */
    public boolean busy() {
        return running > 0;
    }
}
