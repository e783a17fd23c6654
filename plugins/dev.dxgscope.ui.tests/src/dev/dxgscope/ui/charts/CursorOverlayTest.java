package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time cursor in a real {@link ChartCanvas} (SWT under Xvfb): moving it changes no chart (the
 * chart's buffered image is reused, with the line drawn over it) and the line is where the cursor
 * is; an export draws it into the copy it writes and leaves the live chart as it was.
 */
class CursorOverlayTest extends ChartShellTest {
    @TempDir
    Path dir;

    @Test
    void movingTheCursorRedrawsTheLineNotTheChart() throws Exception {
        StepDataset d = new StepDataset();
        d.setSeries(List.of(new StepDataset.Steps("resident", new double[] {0, 500, 1000}, new double[] {0, 0, 0})));
        XYPlot plot = new XYPlot(d, ChartStyle.timeAxis(), ChartStyle.byteAxis("Resident bytes"), new StepPathRenderer());
        ChartStyle.plot(plot);
        JFreeChart chart = ChartStyle.chart("cursor", plot);
        ChartCanvas canvas = new ChartCanvas(shell, chart);
        shell.layout(true, true);
        shell.open();
        paint(canvas);
        int[] changes = {0};
        chart.addChangeListener(e -> changes[0]++);

        canvas.setCursorValue(250);
        paint(canvas);
        int at250 = column(canvas, 250);
        assertTrue(cursorPixels(canvas, at250) > 100, "a line at the cursor: " + cursorPixels(canvas, at250));
        canvas.setCursorValue(750);
        paint(canvas);
        int at750 = column(canvas, 750);
        assertTrue(cursorPixels(canvas, at750) > 100, "the line moved to the new cursor");
        assertEquals(0, cursorPixels(canvas, at250), "and left the old place");
        assertEquals(0, changes[0], "the chart itself did not change: its image was not drawn again");

        Path png = dir.resolve("c.png");
        Path svg = dir.resolve("c.svg");
        ChartExport.prepare(chart, ChartExport.Format.PNG, 900, 500, 750, "cursor at 750").writeTo(png);
        ChartExport.prepare(chart, ChartExport.Format.SVG, 900, 500, 750, "cursor at 750").writeTo(svg);
        assertTrue(Files.readString(svg).contains("cursor at 750"), "the export has the cursor's label");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
        chart.createBufferedImage(900, 500, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        int x = (int) Math.round(plot.getDomainAxis().valueToJava2D(750, area, plot.getDomainAxisEdge()));
        int dark = 0;
        for (int y = (int) area.getMinY() + 2; y < area.getMaxY() - 20; y++) {
            for (int dx = -1; dx <= 1; dx++) {
                if ((image.getRGB(x + dx, y) & 0xffffff) < 0x606060) {
                    dark++;
                    break;
                }
            }
        }
        assertTrue(dark > 100, "the exported PNG has the cursor line: " + dark);
        assertTrue(plot.getAnnotations().isEmpty(), "the live chart got no cursor annotation");
        assertEquals(0, changes[0], "nor any other change");
    }

    /** The canvas column where the chart shows time {@code x}. */
    private static int column(ChartCanvas c, double x) {
        Rectangle2D area = c.getChartRenderingInfo().getPlotInfo().getDataArea();
        double j2d = c.domainAxis().valueToJava2D(x, area, c.getChart().getXYPlot().getDomainAxisEdge());
        return c.translateJava2DToScreen(new Point2D.Double(j2d, 0)).x;
    }

    /** Pixels of the cursor's colour in canvas column {@code x} (and its neighbours), over the data area. */
    private static int cursorPixels(ChartCanvas c, int x) {
        org.eclipse.swt.graphics.Rectangle area = c.getScreenDataArea();
        org.eclipse.swt.graphics.Point size = c.canvas().getSize();
        Image image = new Image(c.getDisplay(), size.x, size.y);
        GC gc = new GC(c.canvas());
        try {
            gc.copyArea(image, 0, 0);
            ImageData data = image.getImageData();
            java.awt.Color want = ChartStyle.CURSOR;
            int n = 0;
            for (int y = area.y + 2; y < area.y + area.height - 20; y++) {
                for (int dx = -1; dx <= 1; dx++) {
                    org.eclipse.swt.graphics.RGB rgb = data.palette.getRGB(data.getPixel(x + dx, y));
                    if (Math.abs(rgb.red - want.getRed()) < 24 && Math.abs(rgb.green - want.getGreen()) < 24
                            && Math.abs(rgb.blue - want.getBlue()) < 24) {
                        n++;
                        break;
                    }
                }
            }
            return n;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
