package dev.dxgscope.ui.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dxgscope.model.ModelLoader;
import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.ui.SimCaptures;
import dev.dxgscope.ui.charts.HeadroomAxis;
import dev.dxgscope.ui.charts.TopTitleAnnotation;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.Size2D;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A track's title never covers its data: stuck-wait (recorded now on the simulator) drawn with a
 * track as short as the workbench draws each of four, every wait bar and fence value lies below
 * the title's measured height. With a margin of the range instead of pixels (before), the stuck
 * bars ran under it at 180 pixels. Below twice the headroom a track gives half to its data.
 */
class SyncChartTest {
    /** Half the height of a stuck wait's bar (IntervalRenderer of 6 pixels). */
    private static final double HALF_BAR = 3;
    @TempDir
    static Path dir;
    private static SyncData data;

    @BeforeAll
    static void load() throws Exception {
        CaptureModel m = ModelLoader.load(SimCaptures.record(dir, "stuck-wait"));
        data = SyncData.of(m, "stuck-wait");
    }

    @Test
    void noTrackTitleCoversItsWaitsOrValues() {
        assertTrue(data.stuckCount() > 0, "stuck-wait has stuck waits");
        for (int height : new int[] {180, 240, 600}) {
            SyncChart chart = new SyncChart();
            List<Integer> fences = data.defaultFences();
            chart.show(data, fences);
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage image = new BufferedImage(1100, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            chart.chart().draw(g, new Rectangle2D.Double(0, 0, 1100, height), info);
            assertEquals(fences.size(), chart.tracks().size());
            for (int i = 0; i < chart.tracks().size(); i++) {
                SyncChart.Track t = chart.tracks().get(i);
                Rectangle2D area = info.getPlotInfo().getSubplotInfo(i).getDataArea();
                ValueAxis axis = t.plot().getRangeAxis();
                assertTrue(axis instanceof HeadroomAxis);
                assertTrue(area.getHeight() > 2 * SyncChart.TITLE_HEIGHT, "height " + height
                        + ": a data area of " + area.getHeight());
                double titleBottom = area.getY() + titleHeight(t, g);
                assertTrue(titleBottom <= area.getY() + SyncChart.TITLE_HEIGHT, "the headroom holds the title");
                int checked = 0;
                for (SyncData.WaitRow w : data.waits()) {
                    if (w.fence() == t.fence()) {
                        double y = axis.valueToJava2D(w.value(), area, RectangleEdge.LEFT);
                        assertTrue(y - HALF_BAR >= titleBottom - 0.5, "height " + height + ", track " + i
                                + ": wait for " + w.value() + " at y " + y + " runs under the title ending at "
                                + titleBottom);
                        checked++;
                    }
                }
                for (double v : data.fence(t.fence()).y()) {
                    assertTrue(axis.valueToJava2D(v, area, RectangleEdge.LEFT) >= titleBottom - 0.5, "value " + v);
                }
                assertTrue(checked > 0, "track " + i + " has waits");
            }
            g.dispose();
        }
    }

    private static double titleHeight(SyncChart.Track t, Graphics2D g) {
        for (XYAnnotation a : t.plot().getAnnotations()) {
            if (a instanceof TopTitleAnnotation title) {
                Size2D size = title.title().arrange(g);
                return size.height;
            }
        }
        throw new AssertionError("track without a title");
    }

    @Test
    void theTimeAxisSpansTheCaptureWhicheverFencesAreShown() {
        SyncChart chart = new SyncChart();
        chart.show(data, List.of());
        org.jfree.data.Range r = chart.chart().getXYPlot().getDomainAxis().getRange();
        assertEquals(-0.01 * data.end(), r.getLowerBound(), 1e-9);
        assertEquals(1.01 * data.end(), r.getUpperBound(), 1e-9, "no track: still the whole capture, with its margins");
        chart.show(data, data.defaultFences());
        r = chart.chart().getXYPlot().getDomainAxis().getRange();
        assertTrue(r.getLowerBound() <= 0 && r.getUpperBound() >= data.end(), r.toString());
    }

    /** Stuck fences first; one track stays for the busiest fence that works, while there is one. */
    @Test
    void theDefaultFencesKeepOneTrackForTrafficThatWorks() {
        List<SyncData.FenceLine> many = List.of(line(1, 3, 2), line(2, 3, 2), line(3, 600, 0), line(4, 3, 2),
                line(5, 3, 2), line(6, 3, 2), line(7, 10, 0), line(8, 0, 0));
        assertEquals(List.of(1, 2, 4, 3), SyncData.defaultFences(many), "3 stuck, then the busiest that works");
        assertEquals(List.of(1, 2, 4, 5), SyncData.defaultFences(many.stream().filter(f -> f.stuck() > 0).toList()),
                "only stuck ones: four of them");
        assertEquals(List.of(1, 2, 3, 7), SyncData.defaultFences(List.of(line(1, 3, 2), line(2, 3, 2), line(3, 600, 0),
                line(7, 10, 0))), "few stuck ones: every one, then the rest");
        assertEquals(List.of(3, 7), SyncData.defaultFences(List.of(line(8, 0, 0), line(3, 600, 0), line(7, 10, 0))),
                "no stuck waits: the busiest first, none without waits");
        assertEquals(List.of(1, 2, 4, 5), SyncData.defaultFences(List.of(line(1, 3, 2), line(2, 3, 2), line(9, 1, 0),
                line(4, 3, 2), line(5, 3, 2))), "a fence with one satisfied wait does not push out a fourth stuck one");
    }

    /** A bug that repeats (every run leaves a stuck fence like the last): its latest runs get the tracks. */
    @Test
    void amongEqualFencesTheLatestAreShown() {
        List<SyncData.FenceLine> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 6; run++) {
            /* as SyncData makes them: the last value holds to the capture's end (60 s) */
            runs.add(new SyncData.FenceLine(run, "fence " + run, "monitored fence",
                    new double[] {10.0 * run, 10.0 * run + 1, 60}, new double[] {0, 1, 1}, 3, 2, 1, 1, Double.NaN));
        }
        runs.add(new SyncData.FenceLine(9, "busy", "monitored fence", new double[] {1, 2, 60}, new double[] {1, 2, 2}, 600,
                0, 600, 600, Double.NaN));
        assertEquals(List.of(5, 4, 3, 9), SyncData.defaultFences(runs), "the three latest stuck, then the busiest");
    }

    private static SyncData.FenceLine line(int id, int waits, int stuck) {
        return new SyncData.FenceLine(id, "fence " + id, "monitored fence", new double[0], new double[0], waits, stuck,
                0, 0, Double.NaN);
    }

    /**
     * stuck-wait destroys its fence before it exits: the track marks where, and the fence's value
     * line stops there instead of running on to the end of the capture.
     */
    @Test
    void aDestroyedFenceIsMarkedWhereItWent() {
        SyncChart chart = new SyncChart();
        chart.show(data, data.defaultFences());
        SyncChart.Track t = chart.tracks().get(0);
        SyncData.FenceLine line = data.fences().stream().filter(f -> f.id() == t.fence()).findFirst().orElseThrow();
        assertTrue(line.destroyed(), "stuck-wait destroys its fence");
        assertTrue(line.gone() < data.end(), "before the capture ends");
        var markers = t.plot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
        assertEquals(1, markers.size());
        org.jfree.chart.plot.ValueMarker gone = (org.jfree.chart.plot.ValueMarker) markers.iterator().next();
        assertEquals(line.gone(), gone.getValue(), 0);
        assertEquals(null, gone.getLabel(), "no label to collide with the title or the cursor's");
        boolean named = false;
        for (int i = 0; i < chart.chart().getXYPlot().getLegendItems().getItemCount(); i++) {
            named |= SyncChart.DESTROYED_LEGEND.equals(chart.chart().getXYPlot().getLegendItems().get(i).getLabel());
        }
        assertTrue(named, "the legend names the dashed line");
        assertEquals(line.gone(), line.x()[line.x().length - 1], 0, "the value holds to the destruction, no further");
    }

    @Test
    void theAxisMapsValuesBelowItsHeadroomAndBack() {
        HeadroomAxis axis = new HeadroomAxis("value", 18);
        axis.setRange(0, 10);
        Rectangle2D tall = new Rectangle2D.Double(0, 100, 500, 118);
        assertEquals(118.0, axis.valueToJava2D(10, tall, RectangleEdge.LEFT), 1e-9, "the top value under the band");
        assertEquals(218.0, axis.valueToJava2D(0, tall, RectangleEdge.LEFT), 1e-9);
        assertEquals(5.0, axis.java2DToValue(axis.valueToJava2D(5, tall, RectangleEdge.LEFT), tall, RectangleEdge.LEFT),
                1e-9);
        Rectangle2D low = new Rectangle2D.Double(0, 0, 500, 20);
        assertEquals(10.0, axis.valueToJava2D(10, low, RectangleEdge.LEFT), 1e-9, "at most half of a low plot");
        assertEquals(250.0, axis.valueToJava2D(5, tall, RectangleEdge.BOTTOM), 1e-9, "horizontal: unchanged");
    }
}
