package dev.dxgscope.ui.log;

import java.util.List;
import java.util.Locale;

/**
 * One row of the Log view: a dmesg line or a capture-health finding, with what caused it.
 *
 * @param seq where it happened (-1 for findings about the file rather than a record)
 * @param severity 0 error, 1 warning, 2 info (lower is worse)
 * @param target what double-clicking selects: the failed call that caused a line, else the line,
 *        or the finding
 * @param cursorSeq where double-clicking moves the time cursor (the causing call), -1 for nowhere
 */
record LogRow(long seq, String time, String source, String pid, int severity, String message, String cause,
        String hint, Object target, long cursorSeq) {
    static final List<String> TITLES = List.of("Time", "Source", "PID", "Level", "Message", "Caused by", "Hint");
    static final int[] WIDTHS = {96, 80, 56, 64, 480, 400, 360};
    static final String[] LEVELS = {"error", "warning", "info"};

    String level() {
        return LEVELS[severity];
    }

    List<String> cells() {
        return List.of(time, source, pid, level(), message, cause, hint);
    }

    boolean matches(String filter) {
        if (filter.isEmpty()) {
            return true;
        }
        String f = filter.toLowerCase(Locale.ROOT);
        return (message + " " + cause + " " + hint + " " + pid).toLowerCase(Locale.ROOT).contains(f);
    }
}
