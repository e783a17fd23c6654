package dev.dxgscope.ui.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void aFileThatCannotBeWrittenIsAnIoException() {
        ChartExport.Drawn png = ChartExport.draw(chart(), ChartExport.Format.PNG, 100, 100);
        assertThrows(IOException.class, () -> png.writeTo(dir.resolve("missing").resolve("c.png")));
        ChartExport.Drawn svg = ChartExport.draw(chart(), ChartExport.Format.SVG, 100, 100);
        assertThrows(IOException.class, () -> svg.writeTo(dir.resolve("missing").resolve("c.svg")));
    }
}
