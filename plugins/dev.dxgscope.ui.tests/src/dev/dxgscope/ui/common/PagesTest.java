package dev.dxgscope.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pages, and pages of pages: no level of a tree has more than a page of rows. */
class PagesTest {
    @Test
    void aPageOfRowsOrFewerNeedsNoPages() {
        assertTrue(Pages.of(0, 1000).isEmpty());
        assertTrue(Pages.of(1000, 1000).isEmpty());
    }

    @Test
    void moreRowsComeInPagesTheLastOneShort() {
        List<Pages.Span> pages = Pages.of(2500, 1000);
        assertEquals(List.of(new Pages.Span(0, 1000), new Pages.Span(1000, 2000), new Pages.Span(2000, 2500)), pages);
        assertEquals("objects 2,001–2,500", pages.get(2).label(0));
        assertEquals(1000, Pages.of(1_000_000, 1000).size(), "a thousand pages still fit one level");
    }

    @Test
    void pastAPageOfPagesTheyComeInPagesOfPages() {
        List<Pages.Span> pages = Pages.of(2_500_001, 1000);
        assertEquals(List.of(new Pages.Span(0, 1_000_000), new Pages.Span(1_000_000, 2_000_000),
                new Pages.Span(2_000_000, 2_500_001)), pages);
        assertEquals("objects 1–1,000,000", pages.get(0).label(0));
        /* one of them expanded: its rows are numbered among all */
        List<Pages.Span> inner = Pages.of(500_001, 1000);
        assertEquals(501, inner.size());
        assertEquals("objects 2,000,001–2,001,000", inner.get(0).label(2_000_000));
        assertEquals("objects 2,500,001–2,500,001", inner.get(500).label(2_000_000));
    }
}
