package dev.dxgscope.model.decode;

import dev.dxgscope.capture.AbiNames;

/**
 * What a dxgkrnl kernel-log line says about the call that printed it. Most lines start with the
 * name of the ioctl's handler ({@code misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12});
 * the handler's closing "Ioctl failed" line also gives the errno. The dispatcher ({@code
 * dxgk_ioctl}) refuses a request before any handler runs and prints one line of its own, naming the
 * request instead (its full value, or its number) or the calling process; such a call fails with
 * ENOTTY. Lines from a real device's kernel log carry no call seq, so this is what links them to a
 * failed call.
 *
 * @param ioctl the ioctl's name, such as {@code LX_DXMAKERESIDENT}, or {@link #DISPATCHER}
 * @param errno the positive errno of an "Ioctl failed: -N" line (ENOTTY for a dispatcher line), 0
 *     for any other line
 * @param refusal why the dispatcher refused the request ({@link Refusal#NONE} for a handler's line)
 * @param request for a dispatcher line, the request value it names (0: none)
 * @param nr for a dispatcher line, the request number it names (-1: none)
 * @param caller for a dispatcher line, the calling process it names (0: none)
 */
public record KernelLine(String ioctl, int errno, Refusal refusal, int request, int nr, int caller) {
    /** The dispatcher's four refusals, in the order it checks (dxg-abi.md, "Encoding and dispatch"). */
    public enum Refusal {
        /** Not a dispatcher line. */
        NONE(""),
        /** "bad ioctl": request number 0 or past the end of this kernel's table. */
        OUT_OF_RANGE("request number out of range"),
        /** "ioctl callback is NULL": a legacy request whose slot has no handler. */
        NO_HANDLER("no handler (legacy request)"),
        /** "ioctl mismatch": the number is known but the whole value (size, direction) is not. */
        MISMATCH("request value mismatch"),
        /** "Call from a wrong process": the caller did not open the file it called through. */
        WRONG_PROCESS("wrong process");

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final String FAILED = "Ioctl failed: ";
    /** The {@link #ioctl()} of a dispatcher line: the request was refused before any handler ran. */
    public static final String DISPATCHER = "dxgk_ioctl";
    /** What the dispatcher's refusals return. */
    public static final int ENOTTY = 25;

    /** A handler's line. */
    public KernelLine(String ioctl, int errno) {
        this(ioctl, errno, Refusal.NONE, 0, -1, 0);
    }

    /** A line of the dispatcher, which refused the request before any handler ran. */
    public boolean dispatcher() {
        return refusal != Refusal.NONE;
    }

    /**
     * Whether a call with request value {@code code} made by {@code pid} fits what this dispatcher
     * line names (always true for a handler's line: those are matched by name).
     */
    public boolean names(int code, int pid) {
        return (request == 0 || request == code) && (nr < 0 || (code & 0xff) == nr) && (caller == 0 || caller == pid);
    }

    /** The handler's "Ioctl failed" line: the last line a failing handler prints. */
    public boolean closing() {
        return errno != 0;
    }

    /** Null when the line names no dxgkrnl ioctl handler and is no dispatcher refusal. Cost: a few index scans. */
    public static KernelLine parse(String text) {
        int at = text.indexOf("dxgkio_");
        if (at < 0) {
            return dispatcher(text);
        }
        int end = at;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end >= text.length() || text.charAt(end) != ':') {
            return null;
        }
        String ioctl = AbiNames.IOCTL_BY_HANDLER.get(text.substring(at, end));
        if (ioctl == null) {
            return null;
        }
        int failed = text.indexOf(FAILED, end);
        int errno = 0;
        if (failed >= 0) {
            int i = failed + FAILED.length();
            int j = i < text.length() && text.charAt(i) == '-' ? i + 1 : i;
            int k = j;
            while (k < text.length() && Character.isDigit(text.charAt(k))) {
                k++;
            }
            if (k > j && k - j <= 6 && j > i) {
                errno = Integer.parseInt(text, j, k, 10);
            }
        }
        return new KernelLine(ioctl, errno);
    }

    /**
     * The dispatcher's refusals (dxg-abi.md, the kernel's messages): "bad ioctl NR TYPE SIZE DIR"
     * (hex; the request is rebuilt from them), "ioctl callback is NULL NR", "ioctl mismatch. Code: NR
     * User: REQUEST Kernel: …" and "Call from a wrong process: OWNER CALLER" (decimal pids).
     */
    private static KernelLine dispatcher(String text) {
        int at = text.indexOf(DISPATCHER + ": ");
        if (at < 0) {
            return null;
        }
        String m = text.substring(at + DISPATCHER.length() + 2);
        String[] w = m.trim().split("\\s+");
        try {
            if (m.startsWith("bad ioctl ") && w.length >= 6) {
                long nr = Long.parseLong(w[2], 16);
                long type = Long.parseLong(w[3], 16);
                long size = Long.parseLong(w[4], 16);
                long dir = Long.parseLong(w[5], 16);
                if (nr > 0xff || type > 0xff || size > 0x3fff || dir > 3) {
                    return null;
                }
                return refused(Refusal.OUT_OF_RANGE, (int) (dir << 30 | size << 16 | type << 8 | nr), -1, 0);
            }
            if (m.startsWith("ioctl callback is NULL ") && w.length >= 5) {
                return refused(Refusal.NO_HANDLER, 0, Integer.parseInt(w[4], 16) & 0xff, 0);
            }
            if (m.startsWith("ioctl mismatch.") && w.length >= 6 && w[4].equals("User:")) {
                return refused(Refusal.MISMATCH, Integer.parseUnsignedInt(w[5], 16), -1, 0);
            }
            if (m.startsWith("Call from a wrong process: ") && w.length >= 7) {
                return refused(Refusal.WRONG_PROCESS, 0, -1, Integer.parseInt(w[6]));
            }
        } catch (NumberFormatException e) {
            return null; /* not the kernel's format */
        }
        return null;
    }

    private static KernelLine refused(Refusal why, int request, int nr, int caller) {
        return new KernelLine(DISPATCHER, ENOTTY, why, request, nr, caller);
    }
}
