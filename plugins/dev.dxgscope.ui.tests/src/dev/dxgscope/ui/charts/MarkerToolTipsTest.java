package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Event;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/**
 * Marker tooltips in a real {@link ChartCanvas}: made from the payload of the marker under the
 * mouse when asked, not for every marker each time the chart is drawn (a sync chart with tens of
 * thousands of waits spent tens of milliseconds of every draw formatting tooltips no one saw).
 */
class MarkerToolTipsTest extends ChartShellTest {
    @Test
    void aMarkersTooltipIsMadeWhenTheMouseRestsOnItNotWhenTheChartIsDrawn() {
        int n = 50;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] end = new double[n];
        Object[] payload = new Object[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 20;
            end[i] = i * 20 + 10;
            y[i] = 1 + i % 3;
            payload[i] = "wait " + i;
        }
        MarkerDataset markers = new MarkerDataset();
        markers.setSeries(List.of(new MarkerDataset.Markers("waits", x, y, end, payload, false)));
        int[] made = {0};
        markers.setToolTips(p -> {
            made[0]++;
            return "tooltip of " + p;
        });
        XYPlot plot = new XYPlot(markers, ChartStyle.timeAxis(), new NumberAxis("value"), new IntervalRenderer(6, false));
        ChartStyle.plot(plot);
        JFreeChart chart = ChartStyle.chart("markers", plot);
        ChartCanvas canvas = new ChartCanvas(shell, chart);
        canvas.setValueReadout((t, p) -> "readout");
        shell.layout(true, true);
        shell.open();
        paint(canvas);
        assertEquals(0, made[0], "drawing the chart made no tooltip");

        List<XYItemEntity> items = canvas.getChartRenderingInfo().getEntityCollection().getEntities().stream()
                .filter(XYItemEntity.class::isInstance).map(XYItemEntity.class::cast).toList();
        assertEquals(n, items.size(), "every marker can be hovered");
        XYItemEntity hovered = items.get(17);
        String tip = canvas.getToolTipText(mouseAt(canvas, canvas.centreOf(hovered)));
        assertEquals("tooltip of " + markers.payload(hovered.getSeriesIndex(), hovered.getItem()), tip);
        assertEquals(1, made[0], "one tooltip made, for the hovered marker");

        org.eclipse.swt.graphics.Rectangle area = canvas.getScreenDataArea();
        Point between = new Point(area.x + area.width / 2, area.y + 3); /* above every marker */
        assertEquals("readout", canvas.getToolTipText(mouseAt(canvas, between)), "away from markers: the readout");
        assertEquals(1, made[0], "and no marker tooltip was made for it");
    }

    private static MouseEvent mouseAt(ChartCanvas c, Point p) {
        Event e = new Event();
        e.widget = c.canvas();
        e.display = c.getDisplay();
        e.x = p.x;
        e.y = p.y;
        return new MouseEvent(e);
    }
}
