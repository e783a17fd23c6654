package dev.dxgscope.ui.common;

import java.util.ArrayList;
import java.util.List;

/**
 * How a tree shows more children than it should make rows for: in pages of at most {@code page}
 * rows ("objects 1–1,000"), and, past {@code page} pages, in pages of pages, so that no level has
 * more than {@code page} rows (a million objects of one process are a thousand pages, ten million
 * are ten pages of a million). Shared by the handle tree and the Leaks view's lists of objects.
 */
public final class Pages {
    private Pages() {
    }

    /** Rows {@code [from, to)} of a list, shown as one page row. */
    public record Span(int from, int to) {
        /** "objects 1,001–2,000" for a list whose row 0 is row {@code offset} of all. */
        public String label(int offset) {
            return String.format("objects %,d–%,d", offset + from + 1, offset + to);
        }
    }

    /** The page rows for {@code n} rows; empty when all {@code n} fit (at most {@code page}). */
    public static List<Span> of(int n, int page) {
        List<Span> pages = new ArrayList<>();
        if (n <= page) {
            return pages;
        }
        long span = page;
        while (span * page < n) {
            span *= page;
        }
        for (long from = 0; from < n; from += span) {
            pages.add(new Span((int) from, (int) Math.min(n, from + span)));
        }
        return pages;
    }
}
