package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A level-of-detail dataset's clone (an export draws it on another thread) keeps the items the
 * view showed when it was cloned, whatever the view does to the original afterwards.
 */
class DatasetCloneTest {
    private static String items(org.jfree.data.xy.XYDataset d) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < d.getSeriesCount(); s++) {
            for (int i = 0; i < d.getItemCount(s); i++) {
                b.append(d.getXValue(s, i)).append(':').append(d.getYValue(s, i)).append(' ');
            }
            b.append('|');
        }
        return b.toString();
    }

    /** x = 0, 1, 2...; y = x mod {@code mod} (mod 1: all zero). */
    private static double[][] points(int mod) {
        double[] x = new double[10_000];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = i % mod;
        }
        return new double[][] {x, y};
    }

    /** Shown at full width, cloned, then narrowed: the clone still has what was shown. */
    private static <D extends org.jfree.data.xy.XYDataset & LevelOfDetail> void cloneKeepsTheView(D d,
            java.util.concurrent.Callable<D> clone) throws Exception {
        d.setView(0, 9_999, 100);
        String shown = items(d);
        D c = clone.call();
        d.setView(0, 5_000, 30);
        assertNotEquals(shown, items(d));
        assertEquals(shown, items(c));
    }

    @Test
    void aStepDatasetsCloneKeepsWhatTheViewShowed() throws Exception {
        double[][] p = points(7);
        StepDataset d = new StepDataset();
        d.setSeries(List.of(new StepDataset.Steps("a", p[0], p[1])));
        cloneKeepsTheView(d, d::clone);
    }

    @Test
    void aMarkerDatasetsCloneKeepsWhatTheViewShowed() throws Exception {
        double[][] p = points(1);
        MarkerDataset d = new MarkerDataset();
        d.setSeries(List.of(new MarkerDataset.Markers("m", p[0], p[1], p[0], new Object[p[0].length], true)));
        cloneKeepsTheView(d, d::clone);
        assertEquals(d.getDomainBounds(true), d.clone().getDomainBounds(true));
    }
}
