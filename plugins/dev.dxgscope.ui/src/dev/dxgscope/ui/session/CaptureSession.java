package dev.dxgscope.ui.session;

import dev.dxgscope.capture.CaptureFile;
import dev.dxgscope.capture.RawRecord;
import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.CaptureModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One open capture: a file read once, or a live capture that a recorder process is still writing
 * and that {@link #poll()} keeps reading. The model changes while a live capture grows, so every
 * reader goes through {@link #read(Function)}, which holds the session's read lock: readers (the UI
 * thread, views' background jobs) never wait for each other. {@link #poll()} takes the write lock
 * only when it can get it within {@link #WRITE_WAIT_MS} (a long background read makes it skip a
 * round instead of queueing, which would hold up the UI thread's reads behind it) and applies at
 * most {@link #BATCH} records per hold.
 */
public final class CaptureSession implements AutoCloseable {
    /** Records applied per lock hold while following a live capture. */
    static final int BATCH = 20_000;
    /** How long a live update waits for readers before it tries again at the next poll. */
    static final long WRITE_WAIT_MS = 20;

    private final Path file;
    private final String title;
    private final Process recorder;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private CaptureFile capture;
    private volatile ModelLoader loader;
    private volatile CaptureModel model;
    private volatile boolean following = true;
    private volatile boolean finished;
    private volatile boolean stopped;

    private CaptureSession(Path file, String title, Process recorder) {
        this.file = file;
        this.title = title;
        this.recorder = recorder;
    }

    /** A capture file to read once. */
    public static CaptureSession ofFile(Path file) {
        return new CaptureSession(file, file.getFileName().toString(), null);
    }

    /** A capture a recorder process is writing now. */
    public static CaptureSession live(Path file, String title, Process recorder) {
        return new CaptureSession(file, title, recorder);
    }

    public Path file() {
        return file;
    }

    /** "leak.dxgcap", "demo (live)". */
    public String title() {
        return live() && !finished ? title + " (live)" : title;
    }

    /** Whether a recorder is (or was) writing it. */
    public boolean live() {
        return recorder != null;
    }

    /** Whether the capture is read to its end for good. */
    public boolean finished() {
        return finished;
    }

    public boolean following() {
        return following;
    }

    /** Pause (false) or follow (true) a live capture; paused, the views keep what they show. */
    public void follow(boolean on) {
        following = on;
    }

    /**
     * Opens the file and reads all there is; for a file that is the whole capture, for a live one
     * what was written so far. Runs in a Job; throws CancellationException when cancelled.
     */
    public void load(ModelLoader.Progress progress) throws IOException {
        capture = CaptureFile.open(file);
        if (!live()) {
            CaptureModel m = ModelLoader.load(capture, progress);
            lock.writeLock().lock();
            try {
                model = m;
                finished = true;
            } finally {
                lock.writeLock().unlock();
            }
            return;
        }
        loader = new ModelLoader(capture);
        loader.update();
        lock.writeLock().lock();
        try {
            model = loader.model();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Reads what a live capture added since the last poll (when following); returns whether the
     * model changed. When the recorder has exited and everything is read, the capture is finished.
     */
    public boolean poll() throws IOException {
        if (!live() || finished || loader == null) {
            return false;
        }
        boolean exited = !recorder.isAlive();
        if (!following && !exited) {
            return false;
        }
        boolean changed = false;
        long n;
        do {
            try {
                if (!lock.writeLock().tryLock(WRITE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    return changed; /* readers are busy: try again at the next poll */
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return changed;
            }
            try {
                ModelLoader l = loader;
                if (l == null) {
                    return changed; /* released meanwhile */
                }
                n = l.update(BATCH);
            } finally {
                lock.writeLock().unlock();
            }
            changed |= n > 0;
        } while (n == BATCH);
        if (exited) {
            try {
                while (!lock.writeLock().tryLock(WRITE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                    Thread.sleep(50); /* out of the queue meanwhile, so the UI thread's reads go ahead */
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return changed;
            }
            try {
                ModelLoader l = loader;
                if (l == null) {
                    return changed;
                }
                capture.refreshPreamble();
                model = l.finish();
                finished = true;
            } finally {
                lock.writeLock().unlock();
            }
            changed = true;
        }
        return changed;
    }

    /** Runs {@code f} on the model under the session's read lock; null before the first load. */
    public <T> T read(Function<CaptureModel, T> f) {
        lock.readLock().lock();
        try {
            CaptureModel m = model;
            return m == null ? null : f.apply(m);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * One whole record read again from the file (message bytes the model keeps only the offset
     * of); the file allows concurrent reads, so this needs no lock.
     */
    public RawRecord readRecord(long offset) throws IOException {
        CaptureFile f = capture;
        if (f == null) {
            throw new IOException("the capture is not open");
        }
        return f.readAt(offset);
    }

    /** Stops a live recording: the recorder finishes the file (END record) and exits. */
    public void stop() throws InterruptedException {
        if (recorder != null && recorder.isAlive()) {
            stopped = true;
            recorder.toHandle().descendants().forEach(ProcessHandle::destroy);
            recorder.destroy();
            if (!recorder.waitFor(10, TimeUnit.SECONDS)) {
                recorder.destroyForcibly();
            }
        }
    }

    /**
     * Why the recorder's end needs saying, or null: it ran to the end with status 0, was stopped
     * by the user, or still runs. Otherwise its status and the last lines it wrote to its log
     * ({@link Recorders#logOf}): a recorded command that failed, a simulator that did not start
     * (dxgcap then removes the capture it made, and what was read is all there is), a full disk.
     */
    public String recorderProblem() {
        if (recorder == null || recorder.isAlive() || stopped || recorder.exitValue() == 0) {
            return null;
        }
        Path log = Recorders.logOf(file);
        String tail = Recorders.tail(log, 6);
        return "The recorder ended with status " + recorder.exitValue()
                + (tail.isEmpty() ? "." : ". Its last lines:\n\n" + tail) + "\n\nIts whole output is in " + log + ".";
    }

    /**
     * {@link #recorderProblem()} once the recorder has ended, waiting for it at most {@code ms}
     * (in steps, until {@code cancelled}) when the capture is gone: a live capture removed under
     * its reader was removed by a recorder that failed to start (a simulator that did not come up),
     * and its log says why. A capture that is still there is not waited for.
     */
    public String recorderProblemWithin(long ms, java.util.function.BooleanSupplier cancelled) {
        if (recorder == null) {
            return null;
        }
        long end = System.nanoTime() + ms * 1_000_000;
        try {
            while (!java.nio.file.Files.exists(file) && recorder.isAlive() && System.nanoTime() < end
                    && !cancelled.getAsBoolean()) {
                recorder.waitFor(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return recorderProblem();
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (capture != null) {
            capture.close();
        }
    }

    /**
     * Lets go of the model, so its memory can be reused while something else still holds this
     * closed session (a view's last copy, an export: reads return null from now on; a read under
     * way keeps the model it has). Takes no lock, so it never waits for a reader.
     */
    public void release() {
        model = null;
        loader = null;
    }

    /**
     * Reads a whole-file capture again from the start (once more memory is free: its first load
     * was cut short for memory). Runs in a Job; throws CancellationException when cancelled.
     */
    public void reload(ModelLoader.Progress progress) throws IOException {
        if (live()) {
            throw new IllegalStateException("a live capture is read as it grows, not again");
        }
        close();
        release();
        load(progress);
    }
}
