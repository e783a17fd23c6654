package dev.dxgscope.ui.charts;

import dev.dxgscope.model.report.WholeFile;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.util.PublicCloneable;
import org.jfree.chart.title.LegendTitle;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Writes a chart as PNG (JFreeChart 1.5's ChartUtils; jfreechart-swt's own "Save as" calls the
 * ChartUtilities class that 1.5 no longer has) or as SVG (JFreeSVG), at the size it is shown, in
 * two steps: {@link #prepare} on the chart's (UI) thread clones the chart, {@link Drawn#writeTo}
 * draws the clone and writes it on any thread (the first Java2D drawing of a large chart took up
 * to 150 ms; an SVG of 85,000 waits, up to 70 ms). The clone's level-of-detail datasets copy what
 * the view shows and the time cursor is added to it as an annotation of its own, so the view may
 * zoom or move the cursor meanwhile.
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

    /**
     * A chart drawn for export: encodes and writes itself, on any thread; a failed write leaves the
     * file as it was ({@link WholeFile}).
     */
    public interface Drawn {
        void writeTo(Path file) throws IOException;
    }

    /**
     * What the chart's thread does for an export: clones the chart, to be drawn when written. A
     * chart that cannot be cloned is drawn now.
     */
    public static Drawn prepare(JFreeChart chart, Format format, int width, int height) {
        return prepare(chart, format, width, height, Double.NaN, null);
    }

    /**
     * Like {@link #prepare(JFreeChart, Format, int, int)}, with the time cursor drawn at {@code
     * cursor} (NaN: none) and labelled: on screen it is drawn over the chart, not in it.
     */
    public static Drawn prepare(JFreeChart chart, Format format, int width, int height, double cursor,
            String label) {
        try {
            JFreeChart copy = (JFreeChart) chart.clone();
            ownDatasets(copy.getPlot());
            ownLegend(copy);
            addCursor(copy, cursor, label);
            return file -> draw(copy, format, width, height).writeTo(file);
        } catch (CloneNotSupportedException | RuntimeException e) {
            Runnable removeCursor = addCursor(chart, cursor, label);
            try {
                return draw(chart, format, width, height);
            } finally {
                removeCursor.run();
            }
        }
    }

    /**
     * Adds the cursor to each plot of {@code chart}, labelled in the bottom one (none for NaN);
     * returns what takes those annotations off again.
     */
    private static Runnable addCursor(JFreeChart chart, double cursor, String label) {
        List<XYPlot> plots = Double.isNaN(cursor) ? List.of() : ChartStyle.plots(chart);
        List<CursorAnnotation> added = new ArrayList<>();
        for (int i = 0; i < plots.size(); i++) {
            CursorAnnotation a = new CursorAnnotation();
            a.set(cursor, i == plots.size() - 1 ? label : null);
            plots.get(i).addAnnotation(a, false);
            added.add(a);
        }
        return () -> {
            for (int i = 0; i < added.size(); i++) {
                plots.get(i).removeAnnotation(added.get(i), false);
            }
        };
    }

    /**
     * JFreeChart's clone of a plot shares its datasets, and a level-of-detail dataset changes with the
     * view: the copy gets clones of its own (they copy what the view shows).
     */
    private static void ownDatasets(Plot plot) throws CloneNotSupportedException {
        if (plot instanceof CombinedDomainXYPlot combined) {
            for (XYPlot p : combined.getSubplots()) {
                ownDatasets(p);
            }
        } else if (plot instanceof XYPlot p) {
            for (int i = 0; i < p.getDatasetCount(); i++) {
                if (p.getDataset(i) instanceof PublicCloneable d) {
                    p.setDataset(i, (XYDataset) d.clone());
                }
            }
        }
    }

    /**
     * A cloned legend shares its list of laid-out items with the live chart's, and every draw
     * rebuilds that list: the copy gets a legend of its own, listing the copy's plot (whose legend
     * items are its own copies).
     */
    private static void ownLegend(JFreeChart copy) {
        for (int i = 0; i < copy.getSubtitleCount(); i++) {
            if (copy.getSubtitle(i) instanceof LegendTitle shared && copy.getPlot() instanceof XYPlot plot) {
                copy.removeSubtitle(shared);
                LegendTitle own = ChartStyle.legend(plot);
                own.setPosition(shared.getPosition());
                copy.addSubtitle(i, own);
            }
        }
    }

    /** Draws {@code chart} for {@code format} at {@code width} x {@code height} pixels (on the thread that owns it). */
    public static Drawn draw(JFreeChart chart, Format format, int width, int height) {
        int w = Math.max(1, width);
        int h = Math.max(1, height);
        return switch (format) {
            case PNG -> {
                BufferedImage image = chart.createBufferedImage(w, h);
                yield file -> WholeFile.write(file, part -> {
                    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part))) {
                        ChartUtils.writeBufferedImageAsPNG(out, image);
                    }
                    return true;
                });
            }
            case SVG -> {
                SVGGraphics2D g2 = new SVGGraphics2D(w, h);
                ChartStyle.rotatedLabelsAsText();
                chart.draw(g2, new Rectangle(0, 0, w, h));
                yield file -> WholeFile.write(file, part -> {
                    SVGUtils.writeToSVG(part.toFile(), g2.getSVGElement());
                    return true;
                });
            }
        };
    }

    /** Draws and writes {@code chart} into {@code file} here and now. */
    public static void write(JFreeChart chart, Path file, Format format, int width, int height) throws IOException {
        draw(chart, format, width, height).writeTo(file);
    }
}
