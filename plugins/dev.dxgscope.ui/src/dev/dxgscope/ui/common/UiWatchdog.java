package dev.dxgscope.ui.common;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.swt.widgets.Display;

/**
 * Measures how long the UI thread is unavailable: a daemon thread posts a no-op to the display
 * every {@link #PERIOD_MS} ms and records how late it runs. The worst case is the longest the UI
 * thread was blocked (within one period of accuracy). Costs one wake-up per period.
 */
public final class UiWatchdog implements AutoCloseable {
    static final int PERIOD_MS = 10;

    private final Display display;
    private final AtomicLong worstNs = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private UiWatchdog(Display display) {
        this.display = display;
        this.thread = new Thread(this::run, "dxgscope UI watchdog");
        thread.setDaemon(true);
    }

    public static UiWatchdog start(Display display) {
        UiWatchdog w = new UiWatchdog(display);
        w.thread.start();
        return w;
    }

    private void run() {
        while (running && !display.isDisposed()) {
            long posted = System.nanoTime();
            Object done = new Object();
            boolean[] ran = {false};
            try {
                display.asyncExec(() -> {
                    long late = System.nanoTime() - posted;
                    worstNs.accumulateAndGet(late, Math::max);
                    samples.incrementAndGet();
                    synchronized (done) {
                        ran[0] = true;
                        done.notifyAll();
                    }
                });
                synchronized (done) {
                    while (!ran[0] && running) {
                        done.wait(50);
                        long waited = System.nanoTime() - posted;
                        worstNs.accumulateAndGet(ran[0] ? 0 : waited, Math::max);
                    }
                }
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            } catch (org.eclipse.swt.SWTException e) {
                return; /* display disposed */
            }
        }
    }

    /** The longest the UI thread took to run a posted no-op, in milliseconds. */
    public double worstMs() {
        return worstNs.get() / 1e6;
    }

    public long samples() {
        return samples.get();
    }

    /** Starts a new measurement window. */
    public void reset() {
        worstNs.set(0);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
