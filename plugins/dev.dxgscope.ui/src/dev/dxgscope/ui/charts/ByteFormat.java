package dev.dxgscope.ui.charts;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Bytes in binary units for axis ticks and tooltips: "0 B", "64 MiB", "1.25 GiB" (at most two
 * decimals, trailing zeros dropped, so tick labels stay exact and short). Parsing is not supported.
 */
public final class ByteFormat extends NumberFormat {
    private static final long serialVersionUID = 1L;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    /** "1.25 GiB", "-64 MiB" (a delta). */
    public static String bytes(double b) {
        double v = Math.abs(b);
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        String n = String.format(Locale.ROOT, "%.2f", v);
        if (n.contains(".")) {
            n = n.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return (b < 0 ? "-" : "") + n + " " + UNITS[u];
    }

    @Override
    public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(bytes(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
        return toAppendTo.append(bytes(number));
    }

    @Override
    public Number parse(String source, ParsePosition parsePosition) {
        return null;
    }
}
