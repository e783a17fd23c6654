package dev.dxgscope.model.analysis;

/** Number formatting shared by reports and views. */
public final class Format {
    private Format() {
    }

    /** "4 MiB", "1.5 GiB", "512 B". */
    public static String bytes(long b) {
        if (b < 0) {
            return "unknown";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.1f", v)) + " " + units[u];
    }

    /** "1.234 ms", "12 µs", "3.2 s". */
    public static String duration(long ns) {
        if (ns < 0) {
            return "-";
        }
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return String.format("%.1f µs", ns / 1e3);
        }
        if (ns < 1_000_000_000) {
            return String.format("%.3f ms", ns / 1e6);
        }
        return String.format("%.3f s", ns / 1e9);
    }

    /** Seconds since the capture start, "12.345678". */
    public static String seconds(long ns) {
        return String.format("%.6f", ns / 1e9);
    }
}
