package dev.dxgscope.ui.charts;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Writes a chart as PNG (JFreeChart 1.5's ChartUtils; jfreechart-swt's own "Save as" calls the
 * ChartUtilities class that 1.5 no longer has) or as SVG (JFreeSVG), at the size it is shown, in
 * two steps: {@link #draw} renders the chart with Java2D into an image or an SVG document on the
 * calling (UI) thread, because the chart's datasets change with its zoom there (a few tens of
 * milliseconds for a level-of-detail chart); {@link Drawn#writeTo} encodes and writes it on any
 * thread (PNG encoding is most of an export's time). Not thread-safe while drawing (a JFreeChart
 * text flag is switched for SVG).
 */
public final class ChartExport {
    public enum Format {
        PNG("png", "PNG image"), SVG("svg", "SVG drawing");

        private final String extension;
        private final String label;

        Format(String extension, String label) {
            this.extension = extension;
            this.label = label;
        }

        public String extension() {
            return extension;
        }

        public String label() {
            return label;
        }

        /** The format a file name asks for (by its extension), or null. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (name.endsWith("." + f.extension)) {
                    return f;
                }
            }
            return null;
        }
    }

    private ChartExport() {
    }

    /** A chart drawn for export: encodes and writes itself, on any thread. */
    public interface Drawn {
        void writeTo(Path file) throws IOException;
    }

    /** Draws {@code chart} for {@code format} at {@code width} x {@code height} pixels (the chart's thread). */
    public static Drawn draw(JFreeChart chart, Format format, int width, int height) {
        int w = Math.max(1, width);
        int h = Math.max(1, height);
        return switch (format) {
            case PNG -> {
                BufferedImage image = chart.createBufferedImage(w, h);
                yield file -> {
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                        ChartUtils.writeBufferedImageAsPNG(out, image);
                    }
                };
            }
            case SVG -> {
                SVGGraphics2D g2 = new SVGGraphics2D(w, h);
                /* rotated labels (the value axis) as SVG text, not glyph outlines: searchable and editable */
                boolean workaround = TextUtils.isUseDrawRotatedStringWorkaround();
                TextUtils.setUseDrawRotatedStringWorkaround(false);
                try {
                    chart.draw(g2, new Rectangle(0, 0, w, h));
                } finally {
                    TextUtils.setUseDrawRotatedStringWorkaround(workaround);
                }
                yield file -> SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
            }
        };
    }

    /** Draws and writes {@code chart} into {@code file} here and now. */
    public static void write(JFreeChart chart, Path file, Format format, int width, int height) throws IOException {
        draw(chart, format, width, height).writeTo(file);
    }
}
