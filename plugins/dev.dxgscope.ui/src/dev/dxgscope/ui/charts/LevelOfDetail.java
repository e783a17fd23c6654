package dev.dxgscope.ui.charts;

import org.jfree.data.DomainInfo;
import org.jfree.data.Range;

/**
 * A dataset that shows only what the visible x-range and the plot's pixel width can show;
 * {@link ChartCanvas} calls {@link #setView} whenever the range or the width changes. Its domain
 * bounds are those of every item, not only the visible ones, so the auto range and "Reset Zoom"
 * see everything.
 */
public interface LevelOfDetail extends DomainInfo {
    /** Recomputes the visible items for [x0, x1] on {@code columns} pixel columns; fires a change when they differ. */
    void setView(double x0, double x1, int columns);

    @Override
    default double getDomainLowerBound(boolean includeInterval) {
        Range r = getDomainBounds(includeInterval);
        return r == null ? Double.NaN : r.getLowerBound();
    }

    @Override
    default double getDomainUpperBound(boolean includeInterval) {
        Range r = getDomainBounds(includeInterval);
        return r == null ? Double.NaN : r.getUpperBound();
    }
}
