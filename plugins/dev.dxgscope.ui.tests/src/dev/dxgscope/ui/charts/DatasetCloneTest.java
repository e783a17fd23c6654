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

    @Test
    void aStepDatasetsCloneKeepsWhatTheViewShowed() throws Exception {
        double[] x = new double[10_000];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = i % 7;
        }
        StepDataset d = new StepDataset();
        d.setSeries(List.of(new StepDataset.Steps("a", x, y)));
        d.setView(0, 9_999, 100);
        String shown = items(d);
        StepDataset c = d.clone();
        d.setView(0, 5_000, 30);
        assertNotEquals(shown, items(d));
        assertEquals(shown, items(c));
    }

    @Test
    void aMarkerDatasetsCloneKeepsWhatTheViewShowed() throws Exception {
        double[] x = new double[10_000];
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
            y[i] = 1;
        }
        MarkerDataset d = new MarkerDataset();
        d.setSeries(List.of(new MarkerDataset.Markers("m", x, y, x, new Object[x.length], true)));
        d.setView(0, 9_999, 100);
        String shown = items(d);
        MarkerDataset c = d.clone();
        d.setView(0, 5_000, 30);
        assertNotEquals(shown, items(d));
        assertEquals(shown, items(c));
        assertEquals(d.getDomainBounds(true), c.getDomainBounds(true));
    }
}
