package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** A capture's charts span the whole capture, however little of it their data covers. */
class CaptureTimeAxisTest {
    @Test
    void theAutomaticRangeIsTheWholeCaptureAndAZoomIsKeptUntilReset() {
        XYSeries s = new XYSeries("a fence destroyed early");
        s.add(2.0, 1.0);
        s.add(5.0, 2.0);
        CaptureTimeAxis time = ChartStyle.timeAxis();
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), time, ChartStyle.byteAxis("value"), new XYLineAndShapeRenderer());
        assertEquals(2.0, time.getRange().getLowerBound(), 0.1, "before the capture's end is known: the data");

        time.span(58.0);
        assertEquals(new Range(-0.58, 58.58), time.getRange(), "from the capture's start to its end, with 1% margins");

        time.setRange(3.0, 4.0); /* a zoom */
        time.span(60.0); /* the live capture grew */
        assertEquals(new Range(3.0, 4.0), time.getRange(), "the zoom stays");
        time.setAutoRange(true); /* Reset Zoom */
        assertEquals(new Range(-0.6, 60.6), time.getRange());

        plot.setDataset(new XYSeriesCollection());
        time.span(0.118);
        assertEquals(new Range(-0.00118, 0.11918), time.getRange(), "nothing to draw: still the capture, not 0..1");
    }
}
