package dev.dxgscope.model.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Latency quantiles by nearest rank: a small sample's p99 is its maximum and never hides the tail. */
class VmbusStatsTest {
    @Test
    void quantilesAreNearestRank() {
        assertArrayEquals(new long[] {-1, -1, -1, -1}, VmbusStats.quantiles(List.of()));
        assertArrayEquals(new long[] {7, 7, 7, 7}, VmbusStats.quantiles(List.of(7L)));
        assertArrayEquals(new long[] {60, 71, 71, 71}, VmbusStats.quantiles(List.of(71L, 60L)),
                "two messages: the p99 is the slower one (the lower pick read 60)");
        assertArrayEquals(new long[] {4, 8, 8, 8}, VmbusStats.quantiles(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L)));
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertArrayEquals(new long[] {50, 90, 99, 100}, VmbusStats.quantiles(hundred));
        List<Long> thousand = LongStream.rangeClosed(1, 1000).boxed().toList();
        assertArrayEquals(new long[] {500, 900, 990, 1000}, VmbusStats.quantiles(thousand));
    }
}
