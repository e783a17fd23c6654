package dev.dxgscope.capture;

/**
 * The 64-byte preamble of a capture: format version and how the capture ended.
 *
 * @param version format version
 * @param state recording (or the collector died), complete or cut
 * @param cutErrno for a cut capture, the errno that stopped writing
 * @param endOffset for complete and cut captures, the offset after the last whole record
 * @param eventsLost for complete captures, events dropped while recording
 * @param records for complete captures, number of records
 */
public record Preamble(int version, State state, int cutErrno, long endOffset, long eventsLost, long records) {

    public enum State {
        RECORDING, COMPLETE, CUT;

        static State of(int code) {
            return switch (code) {
                case 1 -> COMPLETE;
                case 2 -> CUT;
                default -> RECORDING;
            };
        }
    }

    /** One sentence on how the capture ends, for reports and views. */
    public String describeEnd() {
        return switch (state) {
            case COMPLETE -> "complete";
            case CUT -> "cut by the collector at offset " + endOffset + ": " + Errno.name(cutErrno) + " ("
                    + Errno.message(cutErrno) + ")";
            case RECORDING -> "still being recorded, or the collector died (no clean end)";
        };
    }
}
