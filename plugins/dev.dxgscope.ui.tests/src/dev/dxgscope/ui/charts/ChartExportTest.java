package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart drawn for export on one thread is written on another: the PNG decodes at the size asked
 * for, the SVG holds the axis label as text; a file that cannot be written is an IOException.
 */
class ChartExportTest {
    @TempDir
    Path dir;

    private static JFreeChart chart() {
        XYSeries s = new XYSeries("resident");
        for (int i = 0; i < 1000; i++) {
            s.add(i, Math.sin(i / 50.0));
        }
        return ChartFactory.createXYLineChart("t", "Time since capture start (s)", "Resident bytes",
                new XYSeriesCollection(s));
    }

    @Test
    void drawnHereWrittenElsewhere() throws Exception {
        ChartExport.Drawn png = ChartExport.draw(chart(), ChartExport.Format.PNG, 640, 360);
        ChartExport.Drawn svg = ChartExport.draw(chart(), ChartExport.Format.SVG, 640, 360);
        Path p = dir.resolve("c.png");
        Path v = dir.resolve("c.svg");
        CompletableFuture.runAsync(() -> {
            try {
                png.writeTo(p);
                svg.writeTo(v);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get();
        var image = javax.imageio.ImageIO.read(p.toFile());
        assertEquals(640, image.getWidth());
        assertEquals(360, image.getHeight());
        String text = Files.readString(v);
        assertTrue(text.contains("<svg") && text.contains("Resident bytes"), "the axis label as SVG text: "
                + text.substring(0, Math.min(200, text.length())));
    }

    /** What the view does after the export started (a cursor step here) does not reach the file. */
    @Test
    void anExportDrawsTheChartAsItWasWhenPrepared() throws Exception {
        JFreeChart chart = chart();
        CursorAnnotation cursor = new CursorAnnotation();
        chart.getXYPlot().addAnnotation(cursor);
        cursor.set(100, "cursor at the export");
        ChartExport.Drawn svg = ChartExport.prepare(chart, ChartExport.Format.SVG, 640, 360);
        ChartExport.Drawn png = ChartExport.prepare(chart, ChartExport.Format.PNG, 640, 360);
        cursor.set(900, "cursor moved since");
        Path v = dir.resolve("c.svg");
        CompletableFuture.runAsync(() -> {
            try {
                svg.writeTo(v);
                png.writeTo(dir.resolve("c.png"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get();
        String text = Files.readString(v);
        assertTrue(text.contains("cursor at the export"), "the cursor's label as it was");
        assertFalse(text.contains("cursor moved since"), "not the label set afterwards");
        assertTrue(text.contains("Resident bytes"), "the rotated axis label as SVG text");
        assertEquals(640, javax.imageio.ImageIO.read(dir.resolve("c.png").toFile()).getWidth());
    }

    /** The label goes left of the line in the right quarter of the plot (it would be cut off on its right). */
    @Test
    void theCursorsLabelStaysInsideThePlot() {
        JFreeChart chart = chart();
        CursorAnnotation cursor = new CursorAnnotation();
        chart.getXYPlot().addAnnotation(cursor);
        for (double x : new double[] {5, 990}) {
            cursor.set(x, "cursor label");
            org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
            java.awt.image.BufferedImage image = chart.createBufferedImage(640, 360, info);
            java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
            int line = (int) Math.round(chart.getXYPlot().getDomainAxis().valueToJava2D(x, area,
                    chart.getXYPlot().getDomainAxisEdge()));
            int y = (int) area.getMaxY() - 6;
            int left = ink(image, (int) area.getMinX() + 1, line - 3, y);
            int right = ink(image, line + 3, (int) area.getMaxX() - 1, y);
            if (x < 500) {
                assertTrue(right > 0 && left == 0, "label right of a line near the start: " + left + "/" + right);
            } else {
                assertTrue(left > 0 && right == 0, "label left of a line near the end: " + left + "/" + right);
            }
        }
    }

    /** Dark pixels in row {@code y} between {@code from} and {@code to} (the label's text). */
    private static int ink(java.awt.image.BufferedImage image, int from, int to, int y) {
        int n = 0;
        for (int x = Math.max(0, from); x <= Math.min(image.getWidth() - 1, to); x++) {
            int rgb = image.getRGB(x, y);
            if (((rgb >> 16) & 0xff) < 96 && ((rgb >> 8) & 0xff) < 96 && (rgb & 0xff) < 96) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aFileThatCannotBeWrittenIsAnIoException() {
        ChartExport.Drawn png = ChartExport.draw(chart(), ChartExport.Format.PNG, 100, 100);
        assertThrows(IOException.class, () -> png.writeTo(dir.resolve("missing").resolve("c.png")));
        ChartExport.Drawn svg = ChartExport.draw(chart(), ChartExport.Format.SVG, 100, 100);
        assertThrows(IOException.class, () -> svg.writeTo(dir.resolve("missing").resolve("c.svg")));
    }
}
