package dev.dxgscope.ui.charts;

/**
 * A dataset that shows only what the visible x-range and the plot's pixel width can show;
 * {@link ChartCanvas} calls {@link #setView} whenever the range or the width changes.
 */
public interface LevelOfDetail {
    /** Recomputes the visible items for [x0, x1] on {@code columns} pixel columns; fires a change when they differ. */
    void setView(double x0, double x1, int columns);
}
