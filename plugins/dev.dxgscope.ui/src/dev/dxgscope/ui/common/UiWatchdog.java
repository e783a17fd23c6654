package dev.dxgscope.ui.common;

import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.swt.widgets.Display;

/**
 * Measures how long the UI thread is unavailable: a daemon thread posts a no-op to the display
 * every {@link #PERIOD_MS} ms and records how late it runs. The worst case is the longest the UI
 * thread was blocked (within one period of accuracy). While a post is late by more than
 * {@link #STACK_AFTER_MS} the UI thread's stack is sampled, so the worst block says where it was.
 * Costs one wake-up per period.
 */
public final class UiWatchdog implements AutoCloseable {
    static final int PERIOD_MS = 10;
    static final int STACK_AFTER_MS = 20;

    private final Display display;
    private final AtomicLong worstNs = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String worstWhere = "";
    private volatile long resetAt = Long.MIN_VALUE;
    private volatile long worstSampledNs;

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
                    long late = System.nanoTime() - since(posted);
                    worstNs.accumulateAndGet(late, Math::max);
                    samples.incrementAndGet();
                    synchronized (done) {
                        ran[0] = true;
                        done.notifyAll();
                    }
                });
                java.util.Map<String, Integer> block = new java.util.LinkedHashMap<>(); /* where, how often */
                long window = resetAt;
                synchronized (done) {
                    while (!ran[0] && running) {
                        done.wait(STACK_AFTER_MS);
                        if (resetAt != window) { /* a new window began: what was sampled before belongs to the last */
                            window = resetAt;
                            block.clear();
                        }
                        long waited = System.nanoTime() - since(posted);
                        worstNs.accumulateAndGet(ran[0] ? 0 : waited, Math::max);
                        if (!ran[0]) {
                            block.merge(where(display.getThread().getStackTrace()), 1, Integer::sum);
                        }
                    }
                }
                long blocked = System.nanoTime() - since(posted);
                if (!block.isEmpty() && blocked >= worstSampledNs && resetAt == window) {
                    worstSampledNs = blocked;
                    worstWhere = summary(block);
                }
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            } catch (org.eclipse.swt.SWTException e) {
                return; /* display disposed */
            }
        }
    }

    /** When a block that began at {@code posted} counts from: not before the window began. */
    private long since(long posted) {
        return Math.max(posted, resetAt);
    }

    /** The longest the UI thread took to run a posted no-op, in milliseconds. */
    public double worstMs() {
        return worstNs.get() / 1e6;
    }

    /** The most frequent places, with their share of the samples. */
    private static String summary(java.util.Map<String, Integer> block) {
        int total = block.values().stream().mapToInt(Integer::intValue).sum();
        return block.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(3)
                .map(e -> e.getValue() + "/" + total + " " + e.getKey())
                .collect(java.util.stream.Collectors.joining(" | "));
    }

    /**
     * Where the UI thread was during the longest block seen: the most frequent of its stack samples
     * (a few top frames, then frames of our code and JFreeChart), or "".
     */
    public String worstWhere() {
        return worstWhere;
    }

    private static String where(StackTraceElement[] stack) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < stack.length && shown < 6; i++) {
            String c = stack[i].getClassName();
            if (i < 3 || c.startsWith("dev.dxgscope") || c.startsWith("org.jfree")) { /* the top, then our code */
                b.append(shown++ == 0 ? "" : " < ").append(c.substring(c.lastIndexOf('.') + 1)).append('.')
                        .append(stack[i].getMethodName()).append(':').append(stack[i].getLineNumber());
            }
        }
        return b.toString();
    }

    public long samples() {
        return samples.get();
    }

    /**
     * Starts a new measurement window: a block already under way counts from now, and its stack
     * samples from before are dropped.
     */
    public void reset() {
        resetAt = System.nanoTime();
        worstNs.set(0);
        worstSampledNs = 0;
        worstWhere = "";
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
