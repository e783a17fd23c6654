package dev.dxgscope.model.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trace's times are written without a Formatter, digit for digit as {@code %.3f} would write them. */
class TraceExportTest {
    @Test
    void microsecondsAreWrittenAsPercentPoint3fWouldWriteThem() {
        long[] edges = {0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1010, 1100, 999_999, 1_000_000, -1, -999, -1000, -1001,
            -123_456_789, 86_400_000_000_000L, 3_600_123_456_789L};
        for (long ns : edges) {
            assertEquals(String.format(Locale.ROOT, "%.3f", ns / 1e3), TraceExport.micros(new StringBuilder(), ns).toString(),
                    "ns " + ns);
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long ns = r.nextLong(-1_000_000_000L, 100_000_000_000_000L); /* up to about a day of capture */
            assertEquals(String.format(Locale.ROOT, "%.3f", ns / 1e3), TraceExport.micros(new StringBuilder(), ns).toString(),
                    "ns " + ns);
        }
    }
}
