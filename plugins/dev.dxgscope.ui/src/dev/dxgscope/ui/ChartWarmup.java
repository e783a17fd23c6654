package dev.dxgscope.ui;

import dev.dxgscope.ui.residency.ResidencyChart;
import dev.dxgscope.ui.sync.SyncChart;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.jfree.chart.JFreeChart;
import org.jfree.swt.SWTGraphics2D;

/**
 * Draws the chart views' charts a few times off screen after start-up, so their drawing code is
 * loaded and compiled before a chart view first paints on the UI thread (that first paint took
 * 110-200 ms, later ones 20-50 ms). First in a background Job through Java2D (JFreeChart's own
 * code; the bridge's static set-up too), then on the UI thread through the SWT bridge the views paint with (its font handling and
 * SWT's drawing), one chart per turn of the event loop so no turn blocks for long.
 *
 * <p>Cost: a few hundred milliseconds of one background thread, and a few draws of 20-60 ms each on
 * the UI thread with the event loop running between them.
 */
public final class ChartWarmup {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final int SWT_DRAWS = 3;

    private ChartWarmup() {
    }

    public static void schedule() {
        Display display = Display.getCurrent();
        Job job = Job.create("Preparing charts", (IProgressMonitor monitor) -> {
            BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                for (int i = 0; i < 5 && !monitor.isCanceled(); i++) {
                    new SyncChart().chart().draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
                    new ResidencyChart().chart().draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
                }
            } finally {
                g.dispose();
            }
            initialize("org.jfree.swt.SWTUtils"); /* its static setup starts Swing's look and feel: 100+ ms */
            initialize("org.jfree.swt.SWTGraphics2D");
            if (display != null && !display.isDisposed() && !monitor.isCanceled()) {
                Deque<Supplier<JFreeChart>> draws = new ArrayDeque<>();
                for (int i = 0; i < SWT_DRAWS; i++) {
                    draws.add(() -> new SyncChart().chart());
                    draws.add(() -> new ResidencyChart().chart());
                }
                display.asyncExec(() -> drawOnSwt(display, draws));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.setPriority(Job.DECORATE);
        job.schedule();
    }

    private static void initialize(String className) {
        try {
            Class.forName(className, true, ChartWarmup.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            /* only a warm-up: the first paint will pay for it */
        }
    }

    /** Draws the next chart into an off-screen SWT image, then lets the event loop run before the next. */
    private static void drawOnSwt(Display display, Deque<Supplier<JFreeChart>> draws) {
        Supplier<JFreeChart> next = draws.poll();
        if (next == null || display.isDisposed()) {
            return;
        }
        Image image = new Image(display, WIDTH, HEIGHT);
        GC gc = new GC(image);
        SWTGraphics2D g = new SWTGraphics2D(gc);
        try {
            next.get().draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        } finally {
            g.dispose();
            gc.dispose();
            image.dispose();
        }
        display.timerExec(50, () -> drawOnSwt(display, draws));
    }
}
