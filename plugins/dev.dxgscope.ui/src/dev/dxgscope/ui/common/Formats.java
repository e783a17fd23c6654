package dev.dxgscope.ui.common;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.DxgObject;

/** Times and positions as the views show them. */
public final class Formats {
    private Formats() {
    }

    /** "1.234567 s" since the capture's first record. */
    public static String time(CaptureModel m, long seq) {
        if (seq == DxgObject.ALIVE) {
            return "";
        }
        return String.format("%.6f s", m.timeline().sinceStart(seq) / 1e9);
    }

    /** "1.234567 s (#1234)". */
    public static String position(CaptureModel m, long seq) {
        return time(m, seq) + " (#" + seq + ")";
    }
}
