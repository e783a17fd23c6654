package dev.dxgscope.model.report;

import dev.dxgscope.model.state.CaptureModel;
import dev.dxgscope.model.state.Timeline;

/**
 * Parses a time the user typed (the report's --at and --diff, the workbench's Go to) into a seq:
 * seconds since the start ("1.5", "1.5s", "250ms", "40us", "7ns"; past the end is the end), a seq
 * of the capture ("#123"), "start" or "end". Anything else is an IllegalArgumentException that says
 * what to write.
 */
public final class TimeArg {
    private TimeArg() {
    }

    public static long seq(CaptureModel m, String text) {
        Timeline t = m.timeline();
        String s = text.trim();
        if (s.equals("end")) {
            return t.lastSeq();
        }
        if (s.equals("start")) {
            return t.firstSeq();
        }
        if (s.startsWith("#")) {
            try {
                long seq = Long.parseLong(s.substring(1).trim());
                if (seq < 0) {
                    throw new NumberFormatException();
                }
                if (seq < t.firstSeq() || seq > t.lastSeq()) {
                    throw new IllegalArgumentException("seq #" + seq + " is not in the capture (#" + t.firstSeq()
                            + " to #" + t.lastSeq() + ")");
                }
                return seq;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad seq '" + text + "' (write #123)");
            }
        }
        double scale = 1e9;
        String num = s;
        if (s.endsWith("ms")) {
            scale = 1e6;
            num = s.substring(0, s.length() - 2);
        } else if (s.endsWith("us")) {
            scale = 1e3;
            num = s.substring(0, s.length() - 2);
        } else if (s.endsWith("ns")) {
            scale = 1;
            num = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            num = s.substring(0, s.length() - 1);
        }
        double v;
        try {
            v = Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad time '" + text + "' (seconds since the start: 1.5, 250ms, 40us, 900ns; #SEQ, start or end)");
        }
        if (v < 0 || Double.isNaN(v)) {
            throw new IllegalArgumentException("bad time '" + text + "': it must not be negative");
        }
        long ns = (long) (v * scale); /* saturates at Long.MAX_VALUE */
        long start = t.startNs();
        return t.seqAt(ns > Long.MAX_VALUE - start ? Long.MAX_VALUE : start + ns); /* past the end is the end */
    }
}
