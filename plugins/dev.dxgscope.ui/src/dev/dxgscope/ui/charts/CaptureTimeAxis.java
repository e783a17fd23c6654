package dev.dxgscope.ui.charts;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.data.Range;

/**
 * The time axis of a capture's charts: its automatic range spans the whole capture (seconds since
 * its first record, up to its end) however little of it the data shown covers, so every timeline
 * shows the same span and the time cursor wherever it is. A zoom sets a range of its own, as on any
 * axis, until it is reset.
 */
public final class CaptureTimeAxis extends NumberAxis {
    private static final long serialVersionUID = 1L;
    private double end;

    CaptureTimeAxis(String label) {
        super(label);
    }

    /** The capture's end; the automatic range reaches it from 0 (with nothing to draw too). */
    public void span(double end) {
        if (end == this.end) {
            return;
        }
        this.end = end;
        setDefaultAutoRange(new Range(0, Math.max(end, 1e-6)));
        if (isAutoRange()) {
            autoAdjustRange();
        }
    }

    public double end() {
        return end;
    }

    @Override
    protected void autoAdjustRange() {
        super.autoAdjustRange();
        Range r = getRange();
        double lower = -end * getLowerMargin(); /* the margins the data would have had */
        double upper = end * (1 + getUpperMargin());
        if (end > 0 && (r.getLowerBound() > lower || r.getUpperBound() < upper)) {
            setRange(new Range(Math.min(r.getLowerBound(), lower), Math.max(r.getUpperBound(), upper)), false, false);
        }
    }
}
