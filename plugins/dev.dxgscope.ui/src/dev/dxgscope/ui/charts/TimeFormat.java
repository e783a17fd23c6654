package dev.dxgscope.ui.charts;

/**
 * Times as the charts' tooltips and tables show them, without String.format (they are made for
 * every wait and marker of a capture, in the snapshot Job).
 */
public final class TimeFormat {
    private TimeFormat() {
    }

    /** "1.234567 s (#1234)" without String.format (called for every wait and marker of a capture). */
    public static String at(double seconds, long seq) {
        return seconds(seconds) + " s (#" + seq + ")";
    }

    /** "1.234567": seconds with six decimals, without String.format. */
    public static String seconds(double seconds) {
        long micros = Math.round(Math.abs(seconds) * 1e6);
        String frac = Long.toString(1_000_000 + micros % 1_000_000).substring(1);
        return (seconds < 0 ? "-" : "") + micros / 1_000_000 + "." + frac;
    }
}
