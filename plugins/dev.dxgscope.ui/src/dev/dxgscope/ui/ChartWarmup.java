package dev.dxgscope.ui;

import dev.dxgscope.ui.residency.ResidencyChart;
import dev.dxgscope.ui.sync.SyncChart;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Draws the chart views' charts a few times into an off-screen image in a background Job after
 * start-up, so JFreeChart's drawing code is loaded and compiled before a chart view first paints on
 * the UI thread (that first paint took about 200 ms, later ones 20-80 ms). Pure Java2D: no SWT
 * resource is touched off the UI thread. Cost: a few hundred milliseconds of one background thread.
 */
public final class ChartWarmup {
    private ChartWarmup() {
    }

    public static void schedule() {
        Job job = Job.create("Preparing charts", (IProgressMonitor monitor) -> {
            BufferedImage image = new BufferedImage(900, 500, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                for (int i = 0; i < 5 && !monitor.isCanceled(); i++) {
                    new SyncChart().chart().draw(g, new Rectangle2D.Double(0, 0, 900, 500));
                    new ResidencyChart().chart().draw(g, new Rectangle2D.Double(0, 0, 900, 500));
                }
            } finally {
                g.dispose();
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.setPriority(Job.DECORATE);
        job.schedule();
    }
}
