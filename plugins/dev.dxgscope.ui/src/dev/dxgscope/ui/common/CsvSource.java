package dev.dxgscope.ui.common;

import java.util.List;

/** A table's rows as text, for "Export CSV…" (virtual tables have no items to read back). */
public interface CsvSource {
    List<String> columns();

    /**
     * Every row (not only the visible ones), in the order shown. Called in the export Job, off the
     * UI thread: read the model under the session's lock, or what the source captured when made.
     */
    List<List<String>> rows();
}
