package dev.dxgscope.model.decode;

/**
 * What a dxgkrnl kernel-log line says about the call that printed it: the ioctl whose handler's
 * name starts the message ({@code misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12}) and,
 * for the handler's closing "Ioctl failed" line, the errno. Lines from a real device's kernel log
 * carry no call seq, so this is what links them to a failed call.
 *
 * @param ioctl the ioctl's name, such as {@code LX_DXMAKERESIDENT}
 * @param errno the positive errno of an "Ioctl failed: -N" line, 0 for any other line
 */
public record KernelLine(String ioctl, int errno) {
    private static final String FAILED = "Ioctl failed: ";

    /** The handler's "Ioctl failed" line: the last line a failing handler prints. */
    public boolean closing() {
        return errno != 0;
    }

    /** Null when the line names no dxgkrnl ioctl handler. Cost: two index scans of the text. */
    public static KernelLine parse(String text) {
        int at = text.indexOf("dxgkio_");
        if (at < 0) {
            return null;
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
}
