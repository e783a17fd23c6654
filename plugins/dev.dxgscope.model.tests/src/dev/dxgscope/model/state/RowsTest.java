package dev.dxgscope.model.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The row stores' pages: rows across page boundaries and page-table growth keep exact fields. */
class RowsTest {
    @Test
    void rowsKeepTheirFieldsAcrossPages() {
        Rows rows = new Rows(3);
        int n = 4 * Rows.PAGE + 5; /* four full pages and part of a fifth: the page table grows too */
        for (int i = 0; i < n; i++) {
            assertEquals(i, rows.add());
            long[] page = rows.page(i);
            int at = rows.offset(i);
            page[at] = i;
            page[at + 1] = -i;
            page[at + 2] = Rows.pair(i, -i);
        }
        assertEquals(n, rows.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, rows.get(i, 0));
            assertEquals(-i, rows.get(i, 1));
            assertEquals(i, Rows.high(rows.get(i, 2)));
            assertEquals(-i, Rows.low(rows.get(i, 2)));
        }
        rows.set(Rows.PAGE, 1, 42); /* the first row of the second page, not the last of the first */
        assertEquals(42, rows.get(Rows.PAGE, 1));
        assertEquals(-(Rows.PAGE - 1), rows.get(Rows.PAGE - 1, 1));
    }
}
